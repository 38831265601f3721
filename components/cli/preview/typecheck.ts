/**
 * Type-checks a TypeScript program the way `pulumi preview` does before it
 * runs it, and the decision whether to.
 *
 * The Pulumi Node.js runtime (pulumi/pulumi sdk/nodejs/cmd/run/run.ts) loads
 * a TypeScript program through ts-node with `transpileOnly` taken from
 * `PULUMI_NODEJS_TRANSPILE_ONLY` ("true" skips the check, any other value
 * keeps it), else from tsconfig's `compilerOptions.noCheck`, else ts-node's
 * default, which type-checks. It reads `PULUMI_NODEJS_TSCONFIG_PATH` (default
 * `tsconfig.json`), and its defaults (target ES2020, module and
 * moduleResolution nodenext) are overridden by the tsconfig's options.
 * Without a tsconfig, ts-node starts from its own default (the @tsconfig/bases
 * file for the Node version: strict, esModuleInterop, skipLibCheck), kept here.
 * ts-node checks the files the program loads, not tsconfig's `files` or
 * `include`: the check here starts from the entry alone and follows imports.
 *
 * Run as an entry (through the bootstrap) it writes the diagnostics to the
 * job's result file, in tsc's `file(line,col): error TSnnnn: text` form.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { currentJob, JOB_SYMBOL, type JobBase } from "./bootstrap";

/** The type-check job the supervisor writes. */
export interface TypeCheckJob extends JobBase {
    typescript: string;
    main: string;
    projectDir: string;
    tsconfig?: string;
    resultFile: string;
    /** Directory diagnostics' file names are relative to. */
    cwd: string;
}

/** Whether and how to type-check, from the same switches the Pulumi runtime reads. */
export interface TypeCheckDecision {
    check: boolean;
    /** Why not, or what decided it, for the plan's header. */
    reason: string;
    /** The tsconfig file to use (`PULUMI_NODEJS_TSCONFIG_PATH`, else tsconfig.json), when it exists. */
    tsconfig?: string;
}

/** Reads `compilerOptions.noCheck` with a lenient parse (tsconfig allows comments and trailing commas). */
function noCheck(tsconfigText: string): boolean {
    return /"noCheck"\s*:\s*true/.test(tsconfigText.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ""));
}

/** Decides whether to type-check `main`. `flag` is `--no-type-check` (false) or unset. */
export function typeCheckDecision(
    projectDir: string,
    main: string,
    typescriptRuntime: boolean,
    env: Record<string, string | undefined>,
    flag: boolean | undefined,
): TypeCheckDecision {
    const configured = env.PULUMI_NODEJS_TSCONFIG_PATH;
    const file = path.resolve(projectDir, configured ?? "tsconfig.json");
    const tsconfig = fs.existsSync(file) ? file : undefined;
    if (!/\.[cm]?tsx?$/.test(main)) return { check: false, reason: "not TypeScript", tsconfig };
    if (!typescriptRuntime) return { check: false, reason: "skipped: runtime.options.typescript is false", tsconfig };
    if (flag === false) return { check: false, reason: "skipped: --no-type-check", tsconfig };
    const transpileOnly = env.PULUMI_NODEJS_TRANSPILE_ONLY;
    if (transpileOnly) {
        return transpileOnly === "true"
            ? { check: false, reason: "skipped: PULUMI_NODEJS_TRANSPILE_ONLY=true", tsconfig }
            : { check: true, reason: `PULUMI_NODEJS_TRANSPILE_ONLY=${transpileOnly}`, tsconfig };
    }
    if (tsconfig && noCheck(fs.readFileSync(tsconfig, "utf8")))
        return { check: false, reason: `skipped: noCheck in ${path.basename(tsconfig)}`, tsconfig };
    return { check: true, reason: tsconfig ? path.basename(tsconfig) : "default options (no tsconfig.json)", tsconfig };
}

type Ts = typeof import("typescript");

/** The diagnostics of checking `main` with `tsconfig`'s options over Pulumi's defaults. */
export function diagnostics(ts: Ts, main: string, tsconfig: string | undefined, cwd: string): string[] {
    const defaults: import("typescript").CompilerOptions = {
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
    };
    let options = defaults;
    const out: import("typescript").Diagnostic[] = [];
    if (tsconfig) {
        const parsed = ts.getParsedCommandLineOfConfigFile(
            tsconfig,
            {},
            {
                ...ts.sys,
                onUnRecoverableConfigFileDiagnostic: (d) => out.push(d),
            },
        );
        if (parsed) {
            options = { ...defaults, ...parsed.options };
            out.push(...parsed.errors.filter((d) => d.code !== 18003)); // 18003: no inputs (we give the entry)
        }
    }
    const program = ts.createProgram([main], { ...options, noEmit: true, declaration: false, composite: false });
    out.push(...ts.getPreEmitDiagnostics(program));
    const host: import("typescript").FormatDiagnosticsHost = {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => cwd,
        getNewLine: () => "\n",
    };
    return out
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .map((d) => ts.formatDiagnostic(d, host).trimEnd());
}

function main(): void {
    const job = currentJob<TypeCheckJob>();
    const ts = require(job.typescript) as Ts;
    const result = { version: ts.version, diagnostics: diagnostics(ts, job.main, job.tsconfig, job.cwd) };
    fs.writeFileSync(job.resultFile, JSON.stringify(result));
}

// The supervisor imports this module for `typeCheckDecision`; only the type-check process runs it.
const job = (globalThis as Record<symbol, JobBase | undefined>)[Symbol.for(JOB_SYMBOL)];
if (job?.entry === __filename) main();
