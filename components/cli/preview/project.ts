/**
 * Reads a Pulumi project the way the Pulumi CLI would before running it:
 * `Pulumi.yaml` (name, main, `config:` defaults), `Pulumi.<stack>.yaml`
 * (`config:` values) and `--config key=value` overrides, producing the
 * namespaced config map (`project:key`) the language runtime hands a program.
 *
 * `secure:` values are encrypted with a key only the Pulumi CLI or service
 * holds; they are reported as unavailable and never passed on as values.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PreviewUsageError } from "./options";
import {
    checkProjectShape,
    closest,
    type Declaration,
    hasType,
    isPlainObject,
    kindOf,
    Problems,
    quotedList,
    readDeclarations,
    typeName,
} from "./projectSchema";

export { PreviewUsageError };

/** Everything needed to run a program offline. */
export interface LoadedProject {
    /** Directory holding `Pulumi.yaml`. */
    dir: string;
    /** `name` from `Pulumi.yaml`: the default config namespace. */
    name: string;
    /** Absolute path of the entry module (`main`, else `index.ts`, else `index.js`). */
    main: string;
    /** Stack name (from `--stack`, or the only `Pulumi.<stack>.yaml`, else `dev`). */
    stack: string;
    /** Stack file read, if any. */
    stackFile?: string;
    /** Namespaced config values as strings (structured values as JSON), as `PULUMI_CONFIG` carries them. */
    config: Record<string, string>;
    /** Keys whose values are `secure:` and cannot be decrypted offline. */
    unavailable: string[];
    /** Keys the program should treat as secret (given with `--config` for a `secure:` or `secret: true` key). */
    secretKeys: string[];
    /** Pulumi ESC environments the stack file imports: their values cannot be opened offline. */
    environments: string[];
    /** Things the Pulumi CLI accepts but that are likely mistakes (an undeclared config key). */
    warnings: string[];
    /** Whether the project runs TypeScript (`runtime.options.typescript`, default true). */
    typescript: boolean;
}

/** Options for {@link loadProject}. */
export interface LoadProjectOptions {
    /** Program directory; defaults to the current directory. */
    dir?: string;
    stack?: string;
    /** `key=value` overrides; un-namespaced keys belong to the project. */
    overrides?: string[];
}

/**
 * Parses a YAML file into a mapping. Duplicate keys are found in one pass over
 * the document: the parser's own check compares every key with every other
 * (40,000 config keys took 15 s), so it is turned off.
 */
function readYaml(file: string): Record<string, unknown> {
    const { parseDocument, isMap, isPair, isScalar, visit } = require("yaml") as typeof import("yaml"); // optional peer
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new PreviewUsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length) throw new PreviewUsageError(`cannot read ${file}: ${doc.errors[0].message}`);
    visit(doc, {
        Map(_key, map) {
            if (!isMap(map)) return;
            const seen = new Set<string>();
            for (const item of map.items) {
                if (!isPair(item)) continue;
                const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
                if (seen.has(k)) throw new PreviewUsageError(`cannot read ${file}: duplicate key '${k}'`);
                seen.add(k);
            }
        },
    });
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return {};
    if (!isPlainObject(value)) throw new PreviewUsageError(`${file} is not a YAML mapping`);
    return value;
}

/** True when a stack-file value is, or holds, a `secure:` ciphertext. */
export function containsSecure(value: unknown): boolean {
    if (Array.isArray(value)) return value.some(containsSecure);
    if (!isPlainObject(value)) return false;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "secure") return true;
    return Object.values(value).some(containsSecure);
}

/** The string form Pulumi hands a program: scalars as text, lists and maps as JSON. */
export function configString(value: unknown): string {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
}

/** Prefixes an un-namespaced key with the project name (`hostname` → `proj:hostname`). */
export function namespaced(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** A stack name as Pulumi accepts it: `name`, `org/name` or `org/project/name`, each part `[A-Za-z0-9_.-]`. */
const STACK_PART = /^[A-Za-z0-9_.-]+$/;

/**
 * The stack-file name for `--stack`: the last part of a qualified name. A name
 * that is a path (`../x`, `a\\b`) is refused, so that no other YAML file is read.
 */
export function stackFileName(wanted: string): string {
    const parts = wanted.split("/");
    const bad =
        wanted.includes("\\") || parts.length > 3 || parts.some((p) => !STACK_PART.test(p) || p === "." || p === "..");
    if (bad)
        throw new PreviewUsageError(
            `--stack '${wanted}' is not a stack name: use letters, digits, hyphens, underscores and periods (optionally as org/project/stack), e.g. --stack dev; the stack file is then Pulumi.dev.yaml`,
        );
    return parts[parts.length - 1];
}

/** Finds the stack file to read; `stackConfigDir` in `Pulumi.yaml` moves them. */
function pickStack(dir: string, stackDir: string, wanted: string | undefined): { stack: string; file?: string } {
    if (wanted) {
        const stack = stackFileName(wanted);
        const file = path.join(stackDir, `Pulumi.${stack}.yaml`);
        if (!fs.existsSync(file))
            throw new PreviewUsageError(`stack '${wanted}': ${path.relative(dir, file) || file} not found`);
        return { stack, file };
    }
    if (!fs.existsSync(stackDir))
        throw new PreviewUsageError(`the stack config directory ${path.relative(dir, stackDir)} does not exist`);
    const stacks = fs
        .readdirSync(stackDir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => Boolean(s))
        .sort();
    if (stacks.length === 0) return { stack: "dev" };
    if (stacks.length > 1)
        throw new PreviewUsageError(`several stacks (${stacks.join(", ")}): choose one with --stack NAME`);
    return { stack: stacks[0], file: path.join(stackDir, `Pulumi.${stacks[0]}.yaml`) };
}

/** True when `file` is `dir` or below it (after resolving symbolic links). */
function inside(dir: string, file: string): boolean {
    const real = (p: string) => {
        try {
            return fs.realpathSync(p);
        } catch {
            return path.resolve(p);
        }
    };
    const rel = path.relative(real(dir), real(file));
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

function resolveMain(dir: string, main: unknown): string {
    const base = typeof main === "string" && main ? path.resolve(dir, main) : dir;
    if (!inside(dir, base))
        throw new PreviewUsageError(
            `Pulumi.yaml 'main' (${String(main)}) is outside the project directory ${dir}: the program must be inside its project`,
        );
    const candidates =
        fs.existsSync(base) && fs.statSync(base).isDirectory()
            ? ["index.ts", "index.js", "index.mts", "index.mjs"].map((f) => path.join(base, f))
            : [base];
    const found = candidates.find((f) => fs.existsSync(f));
    if (!found)
        throw new PreviewUsageError(
            `no program entry: looked for ${candidates.map((c) => path.relative(process.cwd(), c) || c).join(", ")}`,
        );
    return found;
}

/** A stack value or `--config` string checked against its declaration; problems name the stack. */
function checkValue(stack: string, d: Declaration, value: unknown, problems: Problems): void {
    if (d.type && !hasType(value, d.type))
        problems.add(
            `Stack '${stack}' with configuration key '${d.written}' must be of type '${typeName(d.type)}' (got ${JSON.stringify(value)})`,
        );
}

/** Reads `Pulumi.yaml`, the stack file and overrides into a {@link LoadedProject}; every problem at once. */
export function loadProject(options: LoadProjectOptions = {}): LoadedProject {
    const dir = path.resolve(options.dir ?? ".");
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!projectFile) throw new PreviewUsageError(`no Pulumi.yaml in ${dir}`);
    const fileName = path.basename(projectFile);
    const project = readYaml(projectFile);
    const problems = new Problems();
    checkProjectShape(project, fileName, problems);
    if (!problems.empty) throw new PreviewUsageError(problems.list.join("\n"));
    const name = project.name as string;
    const declarations = isPlainObject(project.config)
        ? readDeclarations(project.config, name, fileName, problems)
        : [];
    if (!problems.empty) throw new PreviewUsageError(problems.list.join("\n"));
    const declared = new Map(declarations.map((d) => [d.key, d]));

    const config: Record<string, string> = {};
    const unavailable = new Set<string>();
    for (const d of declarations) if (d.hasValue) config[d.key] = configString(d.value);

    // `config: <path>` is Pulumi's older spelling of `stackConfigDir`.
    const stackConfigDir = typeof project.config === "string" ? project.config : project.stackConfigDir;
    const stackDir = typeof stackConfigDir === "string" ? path.resolve(dir, stackConfigDir) : dir;
    const { stack, file } = pickStack(dir, stackDir, options.stack);
    const warnings: string[] = [];
    const undeclared = (key: string, where: string) => {
        if (declared.has(key) || !key.startsWith(`${name}:`) || declarations.length === 0) return;
        const short = key.slice(name.length + 1);
        const near = closest(
            short,
            declarations.filter((d) => d.key.startsWith(`${name}:`)).map((d) => d.key.slice(name.length + 1)),
        );
        warnings.push(
            `config key '${short}' (${where}) is not declared in ${fileName}; the program may not read it${near ? ` (did you mean '${near}'?)` : ""}`,
        );
    };
    let environments: string[] = [];
    const fromStack = new Set<string>();
    if (file) {
        const stackDoc = readYaml(file);
        const env = stackDoc.environment;
        const imports = Array.isArray(env) ? env : isPlainObject(env) && Array.isArray(env.imports) ? env.imports : [];
        environments = imports.map((e) => (typeof e === "string" ? e : JSON.stringify(e)));
        const stackConfig = stackDoc.config;
        if (stackConfig !== undefined && stackConfig !== null && !isPlainObject(stackConfig))
            throw new PreviewUsageError(
                `${path.basename(file)}: 'config' must be a mapping (got ${kindOf(stackConfig)})`,
            );
        for (const [rawKey, value] of Object.entries(stackConfig ?? {})) {
            const key = namespaced(rawKey, name);
            const d = declared.get(key);
            undeclared(key, path.basename(file));
            if (containsSecure(value)) {
                unavailable.add(key);
                delete config[key];
                fromStack.add(key);
            } else if (value !== null && value !== undefined) {
                if (d?.secret)
                    problems.add(
                        `Stack '${stack}' with configuration key '${d.written}' must be encrypted as it's secret (set it with pulumi config set --secret ${d.written})`,
                    );
                if (d) checkValue(stack, d, value, problems);
                config[key] = configString(value);
                unavailable.delete(key);
                fromStack.add(key);
            }
        }
    }

    const secretKeys = new Set<string>();
    for (const pair of options.overrides ?? []) {
        const eq = pair.indexOf("=");
        if (eq <= 0) throw new PreviewUsageError(`--config expects key=value, got '${pair}'`);
        const key = namespaced(pair.slice(0, eq), name);
        const raw = pair.slice(eq + 1);
        const d = declared.get(key);
        undeclared(key, "--config");
        let value: unknown = raw;
        if (d?.type && (d.type.type === "array" || d.type.type === "object")) {
            try {
                value = JSON.parse(raw);
            } catch {
                value = raw;
            }
        }
        if (d) checkValue(stack, d, value, problems);
        config[key] = raw;
        if (unavailable.delete(key) || d?.secret) secretKeys.add(key);
    }
    for (const d of declarations) if (d.secret && d.key in config) secretKeys.add(d.key);

    const missing = declarations.filter((d) => d.type && !d.hasValue && !(d.key in config) && !unavailable.has(d.key));
    if (missing.length)
        problems.add(
            `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${quotedList(missing.map((d) => d.written))}; set ${missing.length > 1 ? "them" : "it"} in ${file ? path.basename(file) : `Pulumi.${stack}.yaml`} or with --config KEY=VALUE`,
        );
    if (!problems.empty) throw new PreviewUsageError(problems.list.join("\n"));

    return {
        dir,
        name,
        main: resolveMain(dir, project.main),
        stack,
        stackFile: file,
        config,
        unavailable: [...unavailable].sort(),
        secretKeys: [...secretKeys].sort(),
        environments,
        warnings,
        typescript: runtimeTypeScript(project.runtime),
    };
}

/** `runtime.options.typescript` (default true): false means Pulumi runs the program without a TypeScript hook. */
function runtimeTypeScript(runtime: unknown): boolean {
    const options = isPlainObject(runtime) && isPlainObject(runtime.options) ? runtime.options : {};
    return options.typescript !== false;
}
