// Lint rules, small on purpose (CONTRIBUTING.md). Import cycles and the room rules are also enforced over the
// whole import graph by test/architecture.test.ts; the restricted-imports rules here flag them in the editor.
import * as fs from "node:fs";
import tseslint from "typescript-eslint";

// The component classes, found the way test/architecture.test.ts finds them (a hand-kept list drifted: it missed
// csrCertificate).
const componentClasses = fs
    .readdirSync(new URL("./components/", import.meta.url))
    .filter((f) => f.endsWith(".ts"))
    .filter((f) =>
        /extends pulumi\.ComponentResource\b/.test(
            fs.readFileSync(new URL(`./components/${f}`, import.meta.url), "utf8"),
        ),
    )
    .map((f) => f.replace(/\.ts$/, ""));

/** The library never imports tool code; repeated in each block below, since a later block's rule replaces it. */
const noToolImports = {
    group: ["**/cli", "**/cli/**"],
    message: "The library never imports tool code (components/cli/).",
};

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
                    patterns: [noToolImports],
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
                        noToolImports,
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
