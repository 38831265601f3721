/**
 * What JavaScript type a user gave where another was expected, said in words
 * ("a number", "a list"), so that a wrong type is reported as a problem with
 * its property path instead of failing later with a `TypeError`.
 */

/** "a string", "a number", "a list", "an object", "null", … */
export function typeName(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    const type = typeof value;
    if (type === "undefined") return "undefined";
    return type === "object" ? "an object" : `a ${type}`;
}

/** True for a plain object (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * "`path` is a number, not a string: <fix>". The value itself is never
 * printed: a wrong-type value may be a secret (an HMAC key) or a large object.
 */
export function wrongType(path: string, value: unknown, expected: string, fix: string): string {
    return `\`${path}\` is ${typeName(value)}, not ${expected}: ${fix}`;
}
