/** Shapes and value helpers shared by the conformance rules. */

/** One registration as the mock saw it. */
export interface RegisteredInputs {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** Set for a read (`Resource.get`): nothing is created, nothing is checked. */
    readId?: string;
}

/** What a rule reports: the property path, the value it saw, and why the provider refuses it. */
export interface Problem {
    property: string;
    value: unknown;
    message: string;
}

export interface ResourceRule {
    /** Stable id, named in every error (`elbv2.targetGroup.name`). */
    id: string;
    /** Pulumi type token, or `*` for every type. */
    type: string;
    /** The exact source the rule mirrors: repository, file, function/validator (or API reference). */
    citation: string;
    check(inputs: Record<string, any>, resource: RegisteredInputs): Problem[];
}

export interface CrossRule {
    id: string;
    citation: string;
    /** Problems of `added` given what was registered before it. */
    check(existing: readonly RegisteredInputs[], added: RegisteredInputs): Problem[];
}

/** The engine's placeholder for a value not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** The plain value, or `undefined` when it is unset or not known yet (secrets are unwrapped). */
export function known(v: unknown): any {
    if (v === null || v === undefined || v === UNKNOWN) return undefined;
    if (typeof v === "object" && (v as Record<string, unknown>)[SECRET_SIG] !== undefined)
        return known((v as { value?: unknown }).value);
    return v;
}

export function str(v: unknown): string | undefined {
    const k = known(v);
    return typeof k === "string" ? k : undefined;
}

export function num(v: unknown): number | undefined {
    const k = known(v);
    if (typeof k === "number") return k;
    if (typeof k === "string" && /^-?\d+$/.test(k)) return Number(k);
    return undefined;
}

/** Known elements of a list (unknown elements dropped). */
export function list(v: unknown): any[] {
    const k = known(v);
    return Array.isArray(k) ? k.map(known).filter((e) => e !== undefined) : [];
}

/** The single block of a MaxItems:1 nested input (Pulumi shows it as an object). */
export function block(v: unknown): Record<string, any> | undefined {
    const k = known(v);
    if (Array.isArray(k)) return known(k[0]);
    return typeof k === "object" ? k : undefined;
}

/** Whether a property was set at all (an unknown value counts as set). */
export function isSet(inputs: Record<string, any>, key: string): boolean {
    return inputs[key] !== undefined && inputs[key] !== null;
}

export function problem(property: string, value: unknown, message: string): Problem {
    return { property, value, message };
}

/** `check` for a string that must have `min..max` characters when set. */
export function lengthBetween(property: string, v: unknown, min: number, max: number): Problem[] {
    const s = str(v);
    if (s === undefined || (s.length >= min && s.length <= max)) return [];
    return [problem(property, s, `length must be between ${min} and ${max} characters, got ${s.length}`)];
}

export function intBetween(property: string, v: unknown, min: number, max: number): Problem[] {
    const n = num(v);
    if (n === undefined || (n >= min && n <= max)) return [];
    return [problem(property, n, `must be between ${min} and ${max}`)];
}

export function oneOf(property: string, v: unknown, allowed: readonly string[], ignoreCase = false): Problem[] {
    const s = str(v);
    if (s === undefined) return [];
    const ok = ignoreCase ? allowed.some((a) => a.toLowerCase() === s.toLowerCase()) : allowed.includes(s);
    return ok ? [] : [problem(property, s, `must be one of ${allowed.join(", ")}`)];
}

/** Shorthand for a rule that checks one resource type. */
export function rule(id: string, type: string, citation: string, check: ResourceRule["check"]): ResourceRule {
    return { id, type, citation, check };
}
