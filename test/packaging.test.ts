/**
 * What the published package promises in package.json: where the library and the CLI are, which packages a
 * library consumer installs, and which Node and SDK versions it claims. The pack-and-install check
 * (test/pack/consumer.sh, run by CI) proves the same on an installed tarball; these are the fast half.
 * test/architecture.test.ts checks that the library's import graph reaches neither tool code nor tsx/yaml.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { main, missingPackageMessage, packageVersion } from "../components/cli/main";

const REPO = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as {
    version: string;
    license: string;
    repository: unknown;
    main: string;
    types: string;
    exports: Record<string, unknown>;
    typesVersions?: Record<string, Record<string, string[]>>;
    bin: Record<string, string>;
    files: string[];
    engines: Record<string, string>;
    dependencies: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional?: boolean }>;
    devDependencies: Record<string, string>;
};

/** A CliIo that records what a command prints. */
function recorder() {
    const io = {
        stdout: "",
        stderr: "",
        env: {},
        out: (t: string) => void (io.stdout += `${t}\n`),
        err: (t: string) => void (io.stderr += `${t}\n`),
    };
    return io;
}

/** Packages only the CLI's `preview` uses: a library consumer must not install them. */
const TOOL_ONLY = ["tsx", "yaml"];

describe("package.json entry points", () => {
    test("main, types and exports point at the compiled barrel", () => {
        expect(pkg.main).toBe("dist/components/index.js");
        expect(pkg.types).toBe("dist/components/index.d.ts");
        expect(pkg.exports).toEqual({
            ".": { types: "./dist/components/index.d.ts", default: "./dist/components/index.js" },
            "./policy": { types: "./dist/components/policy/index.d.ts", default: "./dist/components/policy/index.js" },
            "./package.json": "./package.json",
            "./plan.schema.json": "./dist/components/cli/preview/plan.schema.json",
        });
    });

    test("aws-https-domain/policy has types under moduleResolution node10 too (typesVersions), pointing at exports' file", () => {
        expect(pkg.typesVersions).toEqual({ "*": { policy: ["dist/components/policy/index.d.ts"] } });
        expect(`./${pkg.typesVersions?.["*"].policy[0]}`).toBe((pkg.exports["./policy"] as { types: string }).types);
    });

    test("the one command is the compiled CLI entry", () => {
        expect(pkg.bin).toEqual({ "aws-https-domain": "dist/components/cli/main.js" });
        expect(
            fs.readFileSync(path.join(REPO, "components/cli/main.ts"), "utf8").startsWith("#!/usr/bin/env node\n"),
        ).toBe(true);
    });
});

describe("what the tarball holds", () => {
    test("the Apache-2.0 licence the package declares, in full, and where its source lives", () => {
        const text = fs.readFileSync(path.join(REPO, "LICENSE"), "utf8");
        expect(pkg.license).toBe("Apache-2.0");
        expect(text).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
        expect(text).toContain("END OF TERMS AND CONDITIONS");
        expect(text.split("\n")).toHaveLength(203);
        expect(pkg.files).toContain("LICENSE");
        expect(pkg.repository).toEqual({
            type: "git",
            url: "git+https://github.com/aws-https-domain/aws-https-domain.git",
        });
    });

    test("a changelog with an Unreleased section above each release", () => {
        const text = fs.readFileSync(path.join(REPO, "CHANGELOG.md"), "utf8");
        const releases = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        expect(releases[0]).toBe("Unreleased");
        expect(releases).toContain(pkg.version);
        expect(pkg.files).toContain("CHANGELOG.md");
    });

    test("files ships the compiled library and CLI, never tests, sources or source maps", () => {
        expect(pkg.files.filter((pattern) => pattern.startsWith("dist/"))).toEqual([
            "dist/components/**/*.js",
            "dist/components/**/*.d.ts",
            "dist/components/cli/preview/plan.schema.json",
        ]);
        for (const pattern of pkg.files) {
            expect(pattern).not.toMatch(/(^|\/)test(\/|$)|\.map$|\.ts$(?<!\.d\.ts)|^components\//);
        }
    });

    test("the build writes no source maps that would point at sources the tarball leaves out", () => {
        const build = JSON.parse(fs.readFileSync(path.join(REPO, "tsconfig.build.json"), "utf8")) as {
            compilerOptions: Record<string, unknown>;
        };
        expect(build.compilerOptions).toMatchObject({
            sourceMap: false,
            declarationMap: false,
            rootDir: ".",
            types: ["node"],
        });
    });
});

describe("what a library consumer installs", () => {
    test("only node-forge, which ImportedCertificate's PFX reading uses, is a dependency", () => {
        expect(pkg.dependencies).toEqual({ "node-forge": expect.any(String) });
        expect(fs.readFileSync(path.join(REPO, "components/internal/certificates/pfx.ts"), "utf8")).toContain(
            'from "node-forge"',
        );
    });

    test.each(TOOL_ONLY)("%s is an optional peer, never a dependency, and pinned for development", (name) => {
        expect(pkg.dependencies[name]).toBeUndefined();
        expect(pkg.optionalDependencies?.[name]).toBeUndefined();
        expect(pkg.peerDependencies[name]).toMatch(/^\^\d+\.\d+\.\d+$/);
        expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
        expect(pkg.devDependencies[name]).toBe(pkg.peerDependencies[name].slice(1));
    });

    test("the SDK peers and engines are the tested ranges", () => {
        expect(pkg.engines).toEqual({ node: "^20.0.0 || ^22.0.0 || ^24.0.0" });
        expect(pkg.peerDependencies).toEqual({
            "@pulumi/aws": "^7.2.0",
            "@pulumi/policy": "^1.21.0",
            "@pulumi/pulumi": "^3.212.0",
            "@pulumi/tls": "^5.0.1",
            "@pulumiverse/acme": "^0.16.2",
            tsx: expect.any(String),
            yaml: expect.any(String),
        });
        expect(Object.keys(pkg.peerDependenciesMeta).sort()).toEqual(["@pulumi/policy", ...TOOL_ONLY]);
    });

    test("@pulumi/policy, which only aws-https-domain/policy uses, is an optional peer pinned for development", () => {
        expect(pkg.dependencies["@pulumi/policy"]).toBeUndefined();
        expect(pkg.peerDependenciesMeta["@pulumi/policy"]).toEqual({ optional: true });
        expect(pkg.devDependencies["@pulumi/policy"]).toBe(pkg.peerDependencies["@pulumi/policy"].slice(1));
    });
});

describe("a missing tool-only package", () => {
    const notFound = (request: string, from: string): Error =>
        Object.assign(new Error(`Cannot find module '${request}'\nRequire stack:\n- ${from}`), {
            code: "MODULE_NOT_FOUND",
            requireStack: [from],
        });
    const ours = (file: string) => path.join(REPO, "components", file);

    test.each([
        [
            "tsx/cjs/api",
            "cli/preview/engine.ts",
            "aws-https-domain preview needs the 'tsx' package: npm install --save-dev tsx",
        ],
        [
            "yaml",
            "cli/preview/project.ts",
            "aws-https-domain preview needs the 'yaml' package: npm install --save-dev yaml",
        ],
    ])("required as '%s' by our %s is named with its install command", (request, from, message) => {
        expect(missingPackageMessage("preview", notFound(request, ours(from)))).toBe(message);
    });

    test("is not claimed when the user's program is the one missing it, or for other packages", () => {
        expect(missingPackageMessage("preview", notFound("yaml", "/home/user/infra/index.ts"))).toBeUndefined();
        expect(missingPackageMessage("preview", notFound("left-pad", ours("cli/preview/engine.ts")))).toBeUndefined();
        expect(
            missingPackageMessage("preview", notFound("yaml-extra", ours("cli/preview/project.ts"))),
        ).toBeUndefined();
        expect(missingPackageMessage("preview", new Error("Cannot find module 'yaml'"))).toBeUndefined();
    });
});

describe("the CLI without its tool-only packages", () => {
    afterEach(() => {
        jest.resetModules();
        jest.dontMock("yaml");
    });

    test("preview names yaml and exits 2, with no stack trace", async () => {
        const from = path.join(REPO, "components/cli/preview/project.ts");
        jest.doMock("yaml", () => {
            throw Object.assign(new Error(`Cannot find module 'yaml'\nRequire stack:\n- ${from}`), {
                code: "MODULE_NOT_FOUND",
                requireStack: [from],
            });
        });
        const { main } = require("../components/cli/main") as typeof import("../components/cli/main");
        const io = recorder();
        const code = await main(
            ["preview", "--program", path.join(REPO, "test/fixtures/preview/site"), "--stack", "dev"],
            io,
        );
        expect({ code, stdout: io.stdout, stderr: io.stderr }).toEqual({
            code: 2,
            stdout: "",
            stderr: "aws-https-domain preview needs the 'yaml' package: npm install --save-dev yaml\n",
        });
    });
});

describe("--version", () => {
    test("prints package.json's version and exits 0", async () => {
        const io = recorder();
        expect(await main(["--version"], io)).toBe(0);
        expect({ stdout: io.stdout, stderr: io.stderr }).toEqual({ stdout: `${pkg.version}\n`, stderr: "" });
    });

    test("is listed in the usage", async () => {
        const io = recorder();
        expect(await main(["--help"], io)).toBe(0);
        expect(io.stdout).toContain("\n  --version    print the version of aws-https-domain\n");
    });

    test("finds package.json from the compiled CLI's directory too", () => {
        expect(packageVersion(path.join(REPO, "dist/components/cli"))).toBe(pkg.version);
        expect(() => packageVersion("/")).toThrow("no package.json of aws-https-domain above /");
    });
});
