/**
 * The checks the Pulumi CLI makes on `Pulumi.yaml` and on a stack's config
 * before it runs a program, as pure functions that record problems.
 *
 * The rules and their wording follow the Pulumi CLI's project loader and
 * `ValidateStackConfigAndApplyProjectConfig`, as pinned by their tests
 * (pulumi/pulumi sdk/go/common/workspace/project_test.go):
 * a project needs a non-empty string `name` and a `runtime`; `main` is a
 * string; a typed key's default must have its type; an array needs `items`;
 * a key outside the project's namespace declares neither a type nor a
 * default; a stack value must have the declared type; a declared key without
 * default must be set; a `secret: true` key must be set encrypted. Keys the
 * project does not declare are accepted, as by the Pulumi CLI
 * (TestUntypedStackConfigValuesDoNeedProjectDeclaration): the preview only warns.
 */

/** Types a `Pulumi.yaml` config declaration may name. */
export const CONFIG_TYPES = ["string", "integer", "boolean", "array", "object"] as const;

/** A declared config type; arrays carry their item type. */
export interface ConfigType {
    type: string;
    items?: ConfigType;
}

/** One declared key of `Pulumi.yaml`'s `config:` block. */
export interface Declaration {
    /** Namespaced key (`project:key`, or the provider's key as written). */
    key: string;
    /** Key as written in `Pulumi.yaml`. */
    written: string;
    type?: ConfigType;
    secret: boolean;
    /** `default` (project keys) or `value` (any key), when given. */
    value?: unknown;
    hasValue: boolean;
}

/** Collects problems; each one a sentence with the value, the rule and the fix. */
export class Problems {
    readonly list: string[] = [];
    add(message: string): void {
        this.list.push(message);
    }
    get empty(): boolean {
        return this.list.length === 0;
    }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What a value is, in the words of the project schema's messages ("number", "object"). */
export function kindOf(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    return typeof v;
}

/** `array<array<string>>` etc., as the Pulumi CLI names a type. */
export function typeName(t: ConfigType): string {
    return t.type === "array" && t.items ? `array<${typeName(t.items)}>` : t.type;
}

const SCHEMA_KEYS = new Set(["type", "description", "default", "secret", "items", "value"]);

/** True when a `config:` entry is a declaration (type/default/value/...), not a bare value. */
export function isDeclaration(decl: unknown): decl is Record<string, unknown> {
    return isPlainObject(decl) && Object.keys(decl).length > 0 && Object.keys(decl).every((k) => SCHEMA_KEYS.has(k));
}

function readType(raw: unknown, where: string, problems: Problems): ConfigType | undefined {
    const t = isPlainObject(raw) ? raw.type : raw;
    if (typeof t !== "string" || !(CONFIG_TYPES as readonly string[]).includes(t)) {
        problems.add(`${where}: type ${JSON.stringify(t)} is not one of ${CONFIG_TYPES.join(", ")}`);
        return undefined;
    }
    if (t !== "array") return { type: t };
    const items = isPlainObject(raw) ? raw.items : undefined;
    if (items === undefined) return { type: t };
    const inner = readType(items, `${where}.items`, problems);
    return inner ? { type: t, items: inner } : undefined;
}

/** Whether a YAML value (or a `--config` string) has type `t`, as the Pulumi CLI accepts it. */
export function hasType(value: unknown, t: ConfigType): boolean {
    switch (t.type) {
        case "string":
            return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
        case "integer":
            return (typeof value === "number" && Number.isInteger(value)) || /^-?\d+$/.test(String(value));
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "array": {
            const items = t.items;
            return Array.isArray(value) && (!items || value.every((v) => hasType(v, items)));
        }
        default:
            return isPlainObject(value);
    }
}

/** Checks the top level of `Pulumi.yaml` (not `config:`); `file` names it in messages. */
export function checkProjectShape(project: Record<string, unknown>, file: string, problems: Problems): void {
    if (project.name === undefined) problems.add(`${file}: project is missing a 'name' attribute`);
    else if (typeof project.name !== "string" || project.name === "")
        problems.add(
            `${file}: project is missing a non-empty string 'name' attribute (got ${JSON.stringify(project.name)})`,
        );
    const runtime = project.runtime;
    if (runtime === undefined) problems.add(`${file}: project is missing a 'runtime' attribute (e.g. runtime: nodejs)`);
    else if (!(typeof runtime === "string" || (isPlainObject(runtime) && typeof runtime.name === "string")))
        problems.add(
            `${file}: 'runtime' must be a string or a mapping with a 'name' (got ${kindOf(runtime)} ${JSON.stringify(runtime)})`,
        );
    for (const key of ["main", "stackConfigDir", "description"]) {
        const v = project[key];
        if (v !== undefined && v !== null && typeof v !== "string")
            problems.add(`${file}: '${key}' must be a string (got ${kindOf(v)} ${JSON.stringify(v)})`);
    }
    const config = project.config;
    if (config !== undefined && config !== null && typeof config !== "string" && !isPlainObject(config))
        problems.add(
            `${file}: 'config' must be a mapping of keys to declarations (got ${kindOf(config)} ${JSON.stringify(config)})`,
        );
    if (typeof config === "string" && project.stackConfigDir !== undefined)
        problems.add(`${file}: should not use both config and stackConfigDir to set the stack config directory`);
}

/** Reads the declarations of `Pulumi.yaml`'s `config:` mapping for project `name`. */
export function readDeclarations(
    config: Record<string, unknown>,
    name: string,
    file: string,
    problems: Problems,
): Declaration[] {
    const out: Declaration[] = [];
    for (const [written, decl] of Object.entries(config)) {
        const own = !written.includes(":") || written.startsWith(`${name}:`);
        const key = written.includes(":") ? written : `${name}:${written}`;
        if (!isDeclaration(decl)) {
            out.push({ key, written, secret: false, value: decl, hasValue: decl !== null && decl !== undefined });
            continue;
        }
        const where = `${file}: config '${written}'`;
        if (!own && decl.type !== undefined)
            problems.add(
                `${where}: configuration key '${written}' is not namespaced by the project and should not define a type`,
            );
        if (!own && decl.default !== undefined)
            problems.add(
                `${where}: configuration key '${written}' is not namespaced by the project and should not define a default value; did you mean to use the 'value' attribute instead of 'default'?`,
            );
        if (decl.default !== undefined && decl.value !== undefined)
            problems.add(`${where}: project config '${written}' cannot have both a 'default' and 'value' attribute`);
        if (decl.secret !== undefined && typeof decl.secret !== "boolean")
            problems.add(`${where}: 'secret' must be true or false (got ${JSON.stringify(decl.secret)})`);
        const type = decl.type === undefined ? undefined : readType(decl, where, problems);
        if (type?.type === "array" && !type.items)
            problems.add(
                `${where}: the configuration key '${written}' declares an array but does not specify the underlying type via the 'items' attribute`,
            );
        const value = decl.value ?? decl.default;
        if (type && value !== undefined && value !== null && !hasType(value, type))
            problems.add(
                `${where}: the default value specified for configuration key '${written}' is not of the expected type '${typeName(type)}' (got ${JSON.stringify(value)})`,
            );
        out.push({
            key,
            written,
            type,
            secret: decl.secret === true,
            value,
            hasValue: value !== undefined && value !== null,
        });
    }
    return out;
}

/** "'a'", "'a' and 'b'", "'a', 'b' and 'c'", as the Pulumi CLI lists missing keys. */
export function quotedList(names: string[]): string {
    const q = names.map((n) => `'${n}'`);
    return q.length < 2 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

/** Levenshtein distance, bounded: for "did you mean" on an undeclared key. */
function distance(a: string, b: string): number {
    if (Math.abs(a.length - b.length) > 3) return 99;
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++)
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}

/** The declared key closest to `written`, when it is a likely typo. */
export function closest(written: string, declared: string[]): string | undefined {
    let best: string | undefined;
    let bestD = 3;
    for (const d of declared) {
        const dist = distance(written.toLowerCase(), d.toLowerCase());
        if (dist < bestD) [best, bestD] = [d, dist];
    }
    return best;
}
