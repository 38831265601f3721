/**
 * How the preview starts its child processes (the program run and the type
 * check): `node -e BOOTSTRAP` with a job file named in the environment, or
 * (the program run) started before the project files are read, loading the
 * SDKs meanwhile, and handed its job over the IPC channel.
 *
 * The bootstrap is plain JavaScript so that it needs no loader itself. It
 * installs one TypeScript hook for `.ts`/`.tsx`/`.cts` files only (esbuild,
 * the transformer tsx itself uses), so the SDKs' own `.js` files load as in
 * plain node, untouched and without source maps; a program whose tsconfig has
 * `paths` gets tsx's full CommonJS hook instead, and an ES module program
 * gets tsx's ESM loader (`module.register`). Then it requires the entry
 * (`child` or `typecheck`), `.ts` in the source tree or `.js` when built.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as url from "node:url";

/** Environment variable naming the job file (removed before the program runs). */
export const JOB_VARIABLE = "AWS_HTTPS_DOMAIN_PREVIEW_JOB";
/** Environment variable naming the program directory whose SDKs the child loads before its job arrives. */
export const PRELOAD_VARIABLE = "AWS_HTTPS_DOMAIN_PREVIEW_PRELOAD";
/** Where the bootstrap leaves the parsed job for the entry module. */
export const JOB_SYMBOL = "aws-https-domain.preview.job";

/** Where the bootstrap keeps each compiled file's source map (file name → path of the map file). */
export const MAPS_SYMBOL = "aws-https-domain.preview.maps";

/** `line`/`column` (1-based) of compiled `file` in its TypeScript source, when the hook compiled it. */
export function sourcePosition(file: string, line: number, column: number): { line: number; column: number } {
    const maps = (globalThis as Record<symbol, Map<string, string> | undefined>)[Symbol.for(MAPS_SYMBOL)];
    const mapFile = maps?.get(file);
    let text: string;
    try {
        text = mapFile ? fs.readFileSync(mapFile, "utf8") : "";
    } catch {
        text = "";
    }
    if (!text) return { line, column };
    const { SourceMap } = require("node:module") as typeof import("node:module");
    const entry = new SourceMap(JSON.parse(text)).findEntry(line - 1, column - 1) as {
        originalLine?: number;
        originalColumn?: number;
    };
    return entry.originalLine === undefined
        ? { line, column }
        : { line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}

/** How the child loads TypeScript. */
export interface HookSpec {
    /** esbuild's entry, for the `.ts`-only hook. */
    esbuild?: string;
    /** esbuild's version: part of the compile cache key. */
    esbuildVersion?: string;
    /** The program's tsconfig.json text (esbuild reads the options it needs from it). */
    tsconfigRaw?: string;
    /** tsx's CommonJS API, when the program needs path mapping. */
    tsxCjs?: string;
    /** URL of tsx's ESM loader (importing it registers it with `module.register`), for an ES module program. */
    tsxEsm?: string;
}

/** What every job file holds; entries add their own fields. */
export interface JobBase {
    /** The entry module to require after the hook. */
    entry: string;
    hook: HookSpec;
}

/**
 * The bootstrap script. A transform failure becomes a `SyntaxError` naming
 * `file:line:column` and the line, with no transformer stack under it.
 */
export const BOOTSTRAP = `"use strict";
const fs = require("fs");
const path = require("path");
// While the supervisor still reads the project files, load the SDKs the program will load anyway.
const preload = process.env.${PRELOAD_VARIABLE};
delete process.env.${PRELOAD_VARIABLE};
if (preload) {
    for (const id of ["@pulumi/pulumi", "@pulumi/aws"]) {
        try {
            require(require.resolve(id, { paths: [preload] }));
        } catch {
            // Not installed for this program: it loads what it has itself.
        }
    }
}
const jobFile = process.env.${JOB_VARIABLE};
delete process.env.${JOB_VARIABLE};
if (jobFile) start(JSON.parse(fs.readFileSync(jobFile, "utf8")));
else process.once("message", (message) => start(message.job));

function start(job) {
globalThis[Symbol.for(${JSON.stringify(JOB_SYMBOL)})] = job;
const hook = job.hook;
const maps = (globalThis[Symbol.for(${JSON.stringify(MAPS_SYMBOL)})] = new Map());
if (hook.tsxCjs) require(hook.tsxCjs).register();
else if (hook.esbuild) {
    const crypto = require("crypto");
    const os = require("os");
    const target = "node" + process.versions.node.split(".")[0];
    // Warm runs read the compiled file from this cache and never start esbuild.
    const cacheDir = path.join(os.tmpdir(), "aws-https-domain-preview-cache");
    let esbuild;
    const compile = function (module, filename) {
        const source = fs.readFileSync(filename, "utf8");
        const key = crypto
            .createHash("sha256")
            .update(JSON.stringify([hook.esbuildVersion, target, hook.tsconfigRaw || "", filename, source]))
            .digest("hex");
        const cached = path.join(cacheDir, key + ".js");
        let code;
        try {
            code = fs.readFileSync(cached, "utf8");
        } catch {
            esbuild = esbuild || require(hook.esbuild);
            let out;
            try {
                out = esbuild.transformSync(source, {
                    loader: filename.endsWith("x") ? "tsx" : "ts",
                    format: "cjs",
                    target,
                    sourcefile: filename,
                    tsconfigRaw: hook.tsconfigRaw || "{}",
                    sourcemap: "external",
                    logLevel: "silent",
                });
            } catch (e) {
                const first = (e.errors && e.errors[0]) || { text: String(e.message) };
                const loc = first.location;
                const where = loc ? path.relative(process.cwd(), loc.file || filename) + ":" + loc.line + ":" + (loc.column + 1) : filename;
                let text = first.text;
                if (/Top-level await is currently not supported with the "cjs" output format/.test(text))
                    text = "top-level await needs an ES module program: add \\"type\\": \\"module\\" to package.json (Pulumi runs a CommonJS program with require, which has no top-level await)";
                const err = new SyntaxError(where + ": " + text + (loc && loc.lineText ? "\\n    " + loc.lineText.trim() : ""));
                err.stack = "SyntaxError: " + err.message;
                err.previewSyntaxError = true;
                throw err;
            }
            code = out.code;
            try {
                fs.mkdirSync(cacheDir, { recursive: true });
                fs.writeFileSync(cached + ".map", out.map);
                // Written under a temporary name and renamed: a parallel run never reads half a file.
                const tmp = cached + "." + process.pid + ".tmp";
                fs.writeFileSync(tmp, code);
                fs.renameSync(tmp, cached);
            } catch {
                // A read-only temporary directory only costs the cache.
            }
        }
        // The source map stays on disk, read only to name a program's line (a pending timer): no source-map cost.
        maps.set(filename, cached + ".map");
        module._compile(code, filename);
    };
    for (const ext of [".ts", ".tsx", ".cts"]) require.extensions[ext] = compile;
}
if (hook.tsxEsm) import(hook.tsxEsm).then(() => require(job.entry));
else require(job.entry);
}
`;

/** The job the bootstrap left for the entry module. */
export function currentJob<T extends JobBase>(): T {
    const job = (globalThis as Record<symbol, unknown>)[Symbol.for(JOB_SYMBOL)];
    if (!job) throw new Error("no preview job: this module runs only inside the preview's child process");
    return job as T;
}

/** An entry module beside this one: `.ts` in the source tree, `.js` once built. */
export function entryFile(name: "child" | "typecheck"): string {
    const ext = path.extname(__filename);
    return path.join(__dirname, `${name}${ext}`);
}

/** Resolves `id` from the program's directory, else from this package. */
export function resolveFrom(dir: string, id: string): string {
    try {
        return require.resolve(id, { paths: [dir] });
    } catch {
        return require.resolve(id);
    }
}

/**
 * The hook for a program: none for JavaScript (unless our own entry is
 * TypeScript, in the source tree), tsx's ESM loader for an ES module, tsx's
 * full hook when tsconfig maps paths, else the `.ts`-only esbuild hook.
 */
export function hookFor(projectDir: string, main: string, esm: boolean, tsconfigFile: string): HookSpec {
    const ownTs = __filename.endsWith(".ts");
    const programTs = /\.[cm]?tsx?$/.test(main);
    if (!ownTs && !programTs) return {};
    const tsxDir = path.dirname(resolveFrom(projectDir, "tsx/package.json"));
    const hook: HookSpec = {};
    const tsconfigRaw = fs.existsSync(tsconfigFile) ? fs.readFileSync(tsconfigFile, "utf8") : undefined;
    if (programTs && tsconfigRaw && /"paths"\s*:/.test(tsconfigRaw))
        hook.tsxCjs = require.resolve("tsx/cjs/api", { paths: [tsxDir] });
    else {
        hook.esbuild = require.resolve("esbuild", { paths: [tsxDir] });
        const esbuildPackage = path.join(path.dirname(hook.esbuild), "..", "package.json");
        hook.esbuildVersion = fs.existsSync(esbuildPackage)
            ? (JSON.parse(fs.readFileSync(esbuildPackage, "utf8")) as { version: string }).version
            : "unknown";
        if (programTs) hook.tsconfigRaw = tsconfigRaw;
    }
    if (esm && programTs) hook.tsxEsm = url.pathToFileURL(require.resolve("tsx/esm", { paths: [tsxDir] })).href;
    return hook;
}
