// Lint rules, small on purpose (CONTRIBUTING.md). Import cycles and the room rules are also enforced over the
// whole import graph by test/architecture.test.ts; the restricted-imports rules here flag them in the editor.
import tseslint from "typescript-eslint";

const componentClasses = [
    "customDomain",
    "httpsLoadBalancer",
    "acmCertificate",
    "acmeCertificate",
    "importedCertificate",
    "dnsRecords",
    "listenerAttachment",
];

export default tseslint.config(
    { ignores: ["node_modules/**", "dist/**", "coverage/**", "test/fixtures/programs/syntax-error/**"] },
    {
        files: ["**/*.ts"],
        languageOptions: { parser: tseslint.parser },
        plugins: { "@typescript-eslint": tseslint.plugin },
        rules: {
            "@typescript-eslint/consistent-type-imports": [
                "error",
                { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
            ],
            "@typescript-eslint/no-non-null-assertion": "warn",
        },
    },
    {
        files: ["components/**/*.ts"],
        ignores: ["components/cli/**"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    patterns: [
                        {
                            group: ["**/cli", "**/cli/**"],
                            message: "The library never imports tool code (components/cli/).",
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ["components/internal/**/*.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    patterns: [
                        {
                            group: ["**/cli", "**/cli/**"],
                            message: "The library never imports tool code (components/cli/).",
                        },
                        {
                            group: componentClasses.map((c) => `**/${c}`),
                            message: "internal/ never imports a component class: import its args file or types.ts.",
                        },
                    ],
                },
            ],
        },
    },
);
