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

/** A problem with the project files or arguments: the CLI exits 2 on it. */
export class PreviewUsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PreviewUsageError";
    }
}

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
}

/** Options for {@link loadProject}. */
export interface LoadProjectOptions {
    /** Program directory; defaults to the current directory. */
    dir?: string;
    stack?: string;
    /** `key=value` overrides; un-namespaced keys belong to the project. */
    overrides?: string[];
}

const SCHEMA_KEYS = new Set(["type", "description", "default", "secret", "items", "value"]);

function readYaml(file: string): Record<string, unknown> {
    const { parse } = require("yaml") as typeof import("yaml"); // an optional peer: required only here
    let doc: unknown;
    try {
        doc = parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new PreviewUsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== "object" || Array.isArray(doc)) throw new PreviewUsageError(`${file} is not a YAML mapping`);
    return doc as Record<string, unknown>;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
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

/** Finds the stack file to read; `stackConfigDir` in `Pulumi.yaml` moves them. */
function pickStack(dir: string, stackDir: string, wanted: string | undefined): { stack: string; file?: string } {
    if (wanted) {
        const file = path.join(stackDir, `Pulumi.${wanted}.yaml`);
        if (!fs.existsSync(file))
            throw new PreviewUsageError(`stack '${wanted}': ${path.relative(dir, file) || file} not found`);
        return { stack: wanted, file };
    }
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

function resolveMain(dir: string, main: unknown): string {
    const base = typeof main === "string" && main ? path.resolve(dir, main) : dir;
    const candidates =
        fs.existsSync(base) && fs.statSync(base).isDirectory()
            ? ["index.ts", "index.js"].map((f) => path.join(base, f))
            : [base];
    const found = candidates.find((f) => fs.existsSync(f));
    if (!found)
        throw new PreviewUsageError(
            `no program entry: looked for ${candidates.map((c) => path.relative(process.cwd(), c) || c).join(", ")}`,
        );
    return found;
}

/** Reads `Pulumi.yaml`, the stack file and overrides into a {@link LoadedProject}. */
export function loadProject(options: LoadProjectOptions = {}): LoadedProject {
    const dir = path.resolve(options.dir ?? ".");
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!projectFile) throw new PreviewUsageError(`no Pulumi.yaml in ${dir}`);
    const project = readYaml(projectFile);
    if (typeof project.name !== "string" || !project.name) throw new PreviewUsageError(`${projectFile} has no 'name'`);
    const name = project.name;
    const config: Record<string, string> = {};
    const declaredSecret = new Set<string>();
    const unavailable = new Set<string>();

    const projectConfig = isPlainObject(project.config) ? project.config : {};
    for (const [rawKey, decl] of Object.entries(projectConfig)) {
        const key = namespaced(rawKey, name);
        const isSchema =
            isPlainObject(decl) && Object.keys(decl).length > 0 && Object.keys(decl).every((k) => SCHEMA_KEYS.has(k));
        const value = isSchema ? (decl.value ?? decl.default) : decl;
        if (isSchema && decl.secret === true) declaredSecret.add(key);
        if (value !== undefined && value !== null) config[key] = configString(value);
    }

    const stackDir = typeof project.stackConfigDir === "string" ? path.resolve(dir, project.stackConfigDir) : dir;
    const { stack, file } = pickStack(dir, stackDir, options.stack);
    let environments: string[] = [];
    if (file) {
        const stackDoc = readYaml(file);
        const env = stackDoc.environment;
        const imports = Array.isArray(env) ? env : isPlainObject(env) && Array.isArray(env.imports) ? env.imports : [];
        environments = imports.map((e) => (typeof e === "string" ? e : JSON.stringify(e)));
        const stackConfig = stackDoc.config;
        for (const [rawKey, value] of Object.entries(isPlainObject(stackConfig) ? stackConfig : {})) {
            const key = namespaced(rawKey, name);
            if (containsSecure(value)) {
                unavailable.add(key);
                delete config[key];
            } else if (value !== null && value !== undefined) {
                config[key] = configString(value);
                unavailable.delete(key);
            }
        }
    }

    const secretKeys = new Set<string>();
    for (const pair of options.overrides ?? []) {
        const eq = pair.indexOf("=");
        if (eq <= 0) throw new PreviewUsageError(`--config expects key=value, got '${pair}'`);
        const key = namespaced(pair.slice(0, eq), name);
        config[key] = pair.slice(eq + 1);
        if (unavailable.delete(key) || declaredSecret.has(key)) secretKeys.add(key);
    }
    for (const key of declaredSecret) if (key in config) secretKeys.add(key);

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
    };
}
