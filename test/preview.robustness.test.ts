/**
 * The offline preview gives the verdict `pulumi preview` gives on the same
 * program wherever no cloud is needed, and survives hostile programs: every
 * case is a real CLI subprocess on a fixture program (test/fixtures/programs).
 *
 * Sources for the expected behaviour (pulumi/pulumi, sdk/nodejs/cmd/run):
 * - run.ts: TypeScript is loaded through ts-node with `transpileOnly` from
 *   PULUMI_NODEJS_TRANSPILE_ONLY ("true" skips the type check), else from
 *   tsconfig `noCheck`, else ts-node's default (type-check); a package with
 *   `"type": "module"` is loaded with `import()` (so top-level await works)
 *   and a CommonJS one with `require`; TSError/SyntaxError are shown without
 *   a stack, as the message already says where;
 * - index.ts (installed as node_modules/@pulumi/pulumi/cmd/run/index.js):
 *   uncaught exceptions and rejections at any time fail the run, and success
 *   is signalled only from the `beforeExit` handler, once the event loop is
 *   empty: a pending timer keeps `pulumi preview` waiting.
 */
import { type CliRun, PROGRAMS, preview, previewChecked, previewWithEnv, runLimited } from "./fixtures/preview/cli";
import * as path from "node:path";

const behaviour = path.join(PROGRAMS, "behaviour");
const mode = (m: string, ...more: string[]) => preview("--program", behaviour, "-c", `mode=${m}`, ...more);
const CREDENTIALS = {
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI-fixture-not-a-key",
    PULUMI_ACCESS_TOKEN: "pul-fixture-not-a-token",
    AWS_REGION: "eu-west-3",
    FIXTURE_HARMLESS: "kept",
};

let runs: Record<string, CliRun>;

beforeAll(async () => {
    runs = await runLimited({
        typeError: () => previewChecked("--program", path.join(PROGRAMS, "type-error")),
        typeErrorTranspileOnly: () =>
            previewWithEnv({ PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, "--program", path.join(PROGRAMS, "type-error")),
        typeErrorFlag: () => preview("--program", path.join(PROGRAMS, "type-error")),
        syntax: () => preview("--program", path.join(PROGRAMS, "syntax-error")),
        cjsAwait: () => preview("--program", path.join(PROGRAMS, "cjs-tla")),
        esm: () => previewChecked("--program", path.join(PROGRAMS, "esm-tla"), "--json"),
        paths: () => previewChecked("--program", path.join(PROGRAMS, "paths"), "--json"),
        closure: () => preview("--program", path.join(PROGRAMS, "closure"), "--json"),
        // Long enough for the program to load on a loaded 2-core machine; the timers outlast it.
        interval: () => mode("interval", "--timeout", "10"),
        longTimeout: () => mode("longTimeout", "--timeout", "10"),
        busy: () => mode("busy", "--timeout", "10"),
        exit: () => mode("exit"),
        lateThrow: () => mode("lateThrow"),
        exitCode: () => mode("exitCode"),
        noiseJson: () => mode("noise", "--json"),
        envStripped: () => previewWithEnv(CREDENTIALS, "--program", behaviour, "--no-type-check", "--json"),
        envText: () => previewWithEnv(CREDENTIALS, "--program", behaviour, "--no-type-check"),
        envKept: () => previewWithEnv(CREDENTIALS, "--program", behaviour, "--no-type-check", "--json", "--keep-env"),
        usageJson: () => preview("--program", behaviour, "--json", "--stack", "../x"),
    });
}, 180_000);

const json = (run: CliRun) => JSON.parse(run.stdout) as { errors: string[]; exitCode: number; [k: string]: any };

describe("same verdict as pulumi preview", () => {
    it("a type error fails the preview with tsc's diagnostic, and no plan on stdout", () => {
        const { code, stdout, stderr } = runs.typeError;
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toContain(
            "error: Unable to compile TypeScript (pulumi preview type-checks the program before running it; skip the check with --no-type-check or PULUMI_NODEJS_TRANSPILE_ONLY=true):\n" +
                "test/fixtures/programs/type-error/index.ts(4,7): error TS2322: Type 'number' is not assignable to type 'string'.",
        );
        expect(stderr).toMatch(
            /^Type check: FAILED \(TypeScript \d+\.\d+\.\d+, default options \(no tsconfig\.json\)\)/m,
        );
    });

    it("PULUMI_NODEJS_TRANSPILE_ONLY=true and --no-type-check skip the check, as in the Pulumi runtime", () => {
        expect(runs.typeErrorTranspileOnly.code).toBe(0);
        expect(runs.typeErrorTranspileOnly.stdout).toContain("Type check: skipped: PULUMI_NODEJS_TRANSPILE_ONLY=true.");
        expect(runs.typeErrorFlag.code).toBe(0);
        expect(runs.typeErrorFlag.stdout).toContain("Type check: skipped: --no-type-check.");
    });

    it("a syntax error names file, line and column with the line, and no transformer stack", () => {
        const { code, stderr } = runs.syntax;
        expect(code).toBe(1);
        expect(stderr).toContain(
            'error: index.ts:3:58: Unexpected "}"\n    new aws.ssm.Parameter("broken", { type: "String", value: });',
        );
        expect(stderr).not.toMatch(/esbuild|^\s+at /m);
    });

    it("top-level await in a CommonJS program says how to make it an ES module", () => {
        expect(runs.cjsAwait.code).toBe(1);
        expect(runs.cjsAwait.stderr).toContain(
            'error: index.ts:3:15: top-level await needs an ES module program: add "type": "module" to package.json (Pulumi runs a CommonJS program with require, which has no top-level await)',
        );
    });

    it('an ES module program ("type": "module") with top-level await runs, type-checked', () => {
        expect(runs.esm.stderr).toBe("");
        expect(runs.esm.code).toBe(0);
        const doc = json(runs.esm);
        expect(doc.errors).toEqual([]);
        expect(doc.outputs).toEqual({
            awaited: "from top-level await",
            name: { $unknown: true },
            project: "fixture-esm-tla",
        });
        expect(doc.resources.map((r: { type: string; name: string }) => `${r.type} ${r.name}`)).toEqual([
            "pulumi:pulumi:Stack fixture-esm-tla-dev",
            "aws:ssm/parameter:Parameter esm",
        ]);
        expect(doc.checks.typeCheck).toMatchObject({ ran: true, passed: true });
    });
});

describe("tsconfig paths", () => {
    it("resolves the program's imports by paths from an extended tsconfig, type-checked, without tsx's full hook", () => {
        expect(runs.paths.stderr).toBe("");
        expect(runs.paths.code).toBe(0);
        const doc = json(runs.paths);
        expect(doc.errors).toEqual([]);
        expect(doc.outputs).toEqual({
            exactValue: "the exact pattern wins over @lib/*",
            name: { $unknown: true },
            project: "fixture-paths",
            value: "mapped through @lib/* // not a comment",
        });
        expect(doc.checks.typeCheck).toMatchObject({ ran: true, passed: true });
    });
});

describe("TypeScript deferred in the program's process", () => {
    it("is not loaded for a program that serializes no function, and loads when one does", () => {
        // @pulumi/pulumi requires it at start (runtime/closure/parseFunction.js via typescript-shim.js).
        expect(runs.closure.stderr).toBe("");
        expect(runs.closure.code).toBe(0);
        expect(json(runs.closure).outputs).toEqual({
            serialized: { exportName: "handler", hasBody: true },
            typescriptLoadedAfter: true,
            typescriptLoadedAtStart: false,
        });
    });
});

describe("programs that do not end by themselves", () => {
    it.each([
        ["interval", "setInterval every 1000 ms at index\\.ts:14:9"],
        ["longTimeout", "setTimeout of 3600000 ms at index\\.ts:17:9 \\(due in \\d+ s\\)"],
    ])("%s: stopped after --timeout, naming the timer and where the program started it", (name, pending) => {
        const { code, stdout, stderr } = runs[name];
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toMatch(
            new RegExp(
                `error: The program was still running after 10 s \\(the preview's --timeout\\): pending: ${pending}\\. pulumi preview would wait for it too\\.`,
            ),
        );
    });

    it("a busy loop is killed when it does not answer, and said to be one", () => {
        expect(runs.busy.code).toBe(1);
        expect(runs.busy.stderr).toContain(
            "error: The program was still running JavaScript after 10 s (the preview's --timeout) and did not answer within 2 s: a loop that never yields to the event loop? It was stopped.",
        );
    });

    it("process.exit(0) before the end is an error, not a silent success", () => {
        expect(runs.exit.code).toBe(1);
        expect(runs.exit.stderr).toMatch(
            /error: The program called process\.exit\(0\) before it finished \(\d+ resources registered by then\); pulumi preview counts on the program ending by itself: remove the call\./,
        );
    });

    it("a throw from a timer after loading fails the preview with its message, no crash dump, no plan", () => {
        const { code, stdout, stderr } = runs.lateThrow;
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toContain("error: late failure from a timer");
        expect(stderr).not.toContain("Node.js v");
    });

    it("a non-zero process.exitCode fails the preview", () => {
        expect(runs.exitCode.code).toBe(1);
        expect(runs.exitCode.stderr).toContain(
            "error: The program set process.exitCode to 3: pulumi preview fails on a non-zero exit.",
        );
    });
});

describe("clean channels", () => {
    it("--json is exactly one JSON document; the program's own output goes to stderr, prefixed", () => {
        const { code, stdout, stderr } = runs.noiseJson;
        expect(code).toBe(0);
        expect(json(runs.noiseJson).exitCode).toBe(0);
        expect(stdout.trimStart().startsWith("{")).toBe(true);
        expect(stderr).toContain("[program] raw stdout from the program\n");
        expect(stderr).toContain("[program] raw stderr from the program\n");
        expect(stdout).not.toContain("raw std");
    });

    it("a usage error with --json still prints one JSON document, with exit code 2", () => {
        expect(runs.usageJson.code).toBe(2);
        expect(json(runs.usageJson)).toEqual({
            offline: true,
            errors: [
                "--stack '../x' is not a stack name: use letters, digits, hyphens, underscores and periods (optionally as org/project/stack), e.g. --stack dev; the stack file is then Pulumi.dev.yaml",
            ],
            exitCode: 2,
        });
    });
});

describe("no credentials in the program's environment", () => {
    it("removes credential variables (not the region or others) and says so in the header", () => {
        expect(runs.envStripped.code).toBe(0);
        expect(json(runs.envStripped).outputs.seen).toEqual({
            secretKey: "absent",
            pulumiToken: "absent",
            region: "eu-west-3",
            harmless: "kept",
        });
        expect(json(runs.envStripped).checks.environment.removed).toEqual(
            expect.arrayContaining(["AWS_SECRET_ACCESS_KEY", "PULUMI_ACCESS_TOKEN"]),
        );
        expect(runs.envText.stdout).toMatch(
            /^Environment: credentials removed from the program's environment \(.*AWS_SECRET_ACCESS_KEY.*PULUMI_ACCESS_TOKEN.*\), AWS credential files and instance metadata turned off; --keep-env keeps them\.$/m,
        );
        expect(runs.envText.stdout + runs.envText.stderr).not.toContain(CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    });

    it("--keep-env passes the environment on and the header says the program saw it", () => {
        expect(json(runs.envKept).outputs.seen.secretKey).toBe(CREDENTIALS.AWS_SECRET_ACCESS_KEY);
        expect(json(runs.envKept).checks.environment).toEqual({ kept: true, removed: [] });
    });
});
