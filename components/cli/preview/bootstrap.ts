/**
 * How the preview starts its child processes (the program run and the type
 * check): `node -e BOOTSTRAP` with a job file named in the environment, or
 * (the program run) started before the project files are read, loading the
 * SDKs meanwhile, and handed its job over the IPC channel.
 *
 * The bootstrap is plain JavaScript so that it needs no loader itself. It
 * installs one TypeScript hook for `.ts`/`.tsx`/`.cts` files only (esbuild,
 * the transformer tsx itself uses), so the SDKs' own `.js` files load as in
 * plain node, untouched and without source maps, and maps the program's
 * imports by its tsconfig `paths`; an ES module program gets tsx's ESM loader
 * (`module.register`). Then it requires the entry
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
    /** tsx's CommonJS API, for a program whose tsconfig may map paths but cannot be read here (tsx then reports it). */
    tsxCjs?: string;
    /** The tsconfig's `paths`, read as TypeScript reads them, for the `.ts`-only hook to resolve the program's imports by. */
    paths?: PathMapping;
    /** URL of tsx's ESM loader (importing it registers it with `module.register`), for an ES module program. */
    tsxEsm?: string;
}

/** A tsconfig's `paths`: each pattern's substitutions, relative to `base` (its `baseUrl`, else its directory). */
export interface PathMapping {
    base: string;
    patterns: Record<string, string[]>;
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
    deferTypeScript(preload);
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
    if (hook.paths) mapPaths(hook.paths);
}
if (hook.tsxEsm) import(hook.tsxEsm).then(() => require(job.entry));
else require(job.entry);
}

// @pulumi/pulumi requires TypeScript when it loads (runtime/closure/parseFunction.js, through its
// typescript-shim.js), a third of its start-up, only to serialize functions (serializeFunction, e.g. for
// aws.lambda.CallbackFunction). Its shim module is cached here as a proxy that loads the real shim on first use,
// so a program that serializes a function gets TypeScript then, and every other program never loads it.
function deferTypeScript(dir) {
    let shim;
    try {
        shim = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir] })), "typescript-shim.js");
    } catch {
        return;
    }
    if (!fs.existsSync(shim) || require.cache[shim]) return;
    const Module = require("module");
    let real;
    const load = () => {
        if (!real) {
            const module = new Module(shim, null);
            module.filename = shim;
            module.paths = Module._nodeModulePaths(path.dirname(shim));
            module.load(shim);
            real = module.exports;
        }
        return real;
    };
    const deferred = new Module(shim, null);
    deferred.filename = shim;
    deferred.loaded = true;
    deferred.exports = new Proxy(
        {},
        {
            get: (_, key) => load()[key],
            has: (_, key) => key in load(),
            ownKeys: () => Reflect.ownKeys(load()),
            getOwnPropertyDescriptor: (_, key) => {
                const d = Reflect.getOwnPropertyDescriptor(load(), key);
                return d && { ...d, configurable: true };
            },
        },
    );
    require.cache[shim] = deferred;
}

// tsconfig paths as TypeScript resolves them (moduleNameResolver): an exact pattern, else the wildcard pattern
// with the longest prefix; each substitution in order; else the usual resolution. The program's own imports only,
// as tsx does: a file under node_modules resolves as in plain node.
function mapPaths(mapping) {
    const Module = require("module");
    const original = Module._resolveFilename;
    const keys = Object.keys(mapping.patterns);
    const nodeModules = path.sep + "node_modules" + path.sep;
    const candidates = (request) => {
        if (Object.prototype.hasOwnProperty.call(mapping.patterns, request)) return mapping.patterns[request];
        let best;
        let prefix = -1;
        let star = "";
        for (const key of keys) {
            const at = key.indexOf("*");
            if (at < 0) continue;
            const head = key.slice(0, at);
            const tail = key.slice(at + 1);
            if (head.length > prefix && request.length >= head.length + tail.length && request.startsWith(head) && request.endsWith(tail)) {
                best = key;
                prefix = head.length;
                star = request.slice(head.length, request.length - tail.length);
            }
        }
        return best === undefined ? [] : mapping.patterns[best].map((s) => s.replace("*", star));
    };
    Module._resolveFilename = function (request, parent, ...rest) {
        const from = (parent && parent.filename) || "";
        if (request[0] !== "." && !path.isAbsolute(request) && !request.startsWith("node:") && !from.includes(nodeModules)) {
            for (const substitution of candidates(request)) {
                try {
                    return original.call(this, path.resolve(mapping.base, substitution), parent, ...rest);
                } catch {
                    // Not there: the next substitution, then the usual resolution.
                }
            }
        }
        return original.call(this, request, parent, ...rest);
    };
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

/** tsconfig text as JSON: comments and trailing commas (which tsconfig allows) removed outside strings; linear. */
export function parseJsonc(text: string): unknown {
    const out: string[] = [];
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
            const start = i;
            for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
            out.push(text.slice(start, i + 1));
        } else if (c === "/" && text[i + 1] === "/") {
            while (i < text.length && text[i] !== "\n") i++;
            out.push("\n");
        } else if (c === "/" && text[i + 1] === "*") {
            const close = text.indexOf("*/", i + 2);
            i = close < 0 ? text.length : close + 1;
        } else if (c === "}" || c === "]") {
            // A comma before the closing bracket, past whitespace, is a trailing comma.
            let last = out.length - 1;
            while (last >= 0 && /^\s+$/.test(out[last])) last--;
            if (last >= 0 && out[last] === ",") out[last] = "";
            out.push(c);
        } else out.push(c);
    }
    return JSON.parse(out.join(""));
}

interface TsconfigJson {
    extends?: string | string[];
    compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
}

/** The file a tsconfig `extends` entry names (relative, or a package's, as TypeScript resolves it). */
function extendedFile(entry: string, dir: string): string {
    if (entry.startsWith(".") || path.isAbsolute(entry)) {
        const file = path.resolve(dir, entry);
        return fs.existsSync(file) || file.endsWith(".json") ? file : `${file}.json`;
    }
    for (const candidate of [entry, `${entry}.json`, `${entry}/tsconfig.json`]) {
        try {
            return require.resolve(candidate, { paths: [dir] });
        } catch {
            // the next form
        }
    }
    throw new Error(`cannot find the tsconfig '${entry}' extends`);
}

/**
 * The `paths` of `tsconfigFile` as TypeScript reads them: through `extends` (the last base wins, the file's own
 * options over its bases), substitutions relative to `baseUrl` (relative to the file that sets it), else to the file
 * that sets `paths`. `undefined` when it maps none, `null` when the file cannot be read (tsx's full hook then maps
 * them and reports the error).
 */
export function pathsOf(tsconfigFile: string): PathMapping | undefined | null {
    const visit = (file: string, depth: number): { paths?: PathMapping; baseUrl?: string } => {
        if (depth > 16) throw new Error("tsconfig extends nest too deep");
        const config = parseJsonc(fs.readFileSync(file, "utf8")) as TsconfigJson;
        const dir = path.dirname(file);
        const bases = config.extends === undefined ? [] : [config.extends].flat();
        let found: { paths?: PathMapping; baseUrl?: string } = {};
        for (const base of bases) {
            const inherited = visit(extendedFile(base, dir), depth + 1);
            found = { paths: inherited.paths ?? found.paths, baseUrl: inherited.baseUrl ?? found.baseUrl };
        }
        const options = config.compilerOptions ?? {};
        const baseUrl = options.baseUrl === undefined ? found.baseUrl : path.resolve(dir, options.baseUrl);
        const paths = options.paths ? { base: dir, patterns: options.paths } : found.paths;
        return { paths, baseUrl };
    };
    try {
        const { paths, baseUrl } = visit(tsconfigFile, 0);
        return paths && { base: baseUrl ?? paths.base, patterns: paths.patterns };
    } catch {
        return null;
    }
}

/**
 * The hook for a program: none for JavaScript (unless our own entry is
 * TypeScript, in the source tree), tsx's ESM loader for an ES module, else
 * the `.ts`-only esbuild hook, resolving tsconfig `paths` itself (tsx's full
 * hook, which also transforms the SDKs' `.js` files, only when TypeScript
 * cannot read them).
 */
export function hookFor(projectDir: string, main: string, esm: boolean, tsconfigFile: string): HookSpec {
    const ownTs = __filename.endsWith(".ts");
    const programTs = /\.[cm]?tsx?$/.test(main);
    if (!ownTs && !programTs) return {};
    const tsxDir = path.dirname(resolveFrom(projectDir, "tsx/package.json"));
    const hook: HookSpec = {};
    const tsconfigRaw = fs.existsSync(tsconfigFile) ? fs.readFileSync(tsconfigFile, "utf8") : undefined;
    const paths =
        programTs && tsconfigRaw && /"(paths|extends)"\s*:/.test(tsconfigRaw) ? pathsOf(tsconfigFile) : undefined;
    if (paths === null) hook.tsxCjs = require.resolve("tsx/cjs/api", { paths: [tsxDir] });
    else {
        if (paths) hook.paths = paths;
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
