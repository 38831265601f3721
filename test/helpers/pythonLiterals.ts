/**
 * Reads the Python examples of the README: the calls a program makes to the generated SDK, with their
 * keyword arguments as literal values (strings, numbers, booleans, lists, dicts) or, for anything else
 * (a variable, `config.require_secret(...)`), the expression's text. Only what the examples use; no
 * Python semantics beyond literals.
 */

export type PyValue =
    | { kind: "literal"; value: string | number | boolean | null }
    | { kind: "list"; items: PyValue[] }
    | { kind: "dict"; entries: [string, PyValue][] }
    | { kind: "expression"; text: string };

export interface PyCall {
    /** The callee as written, e.g. `https_domain.CustomDomain`. */
    callee: string;
    /** The variable the call's result is assigned to, if any. */
    target?: string;
    positional: PyValue[];
    keywords: [string, PyValue][];
}

const TOKEN = /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|[A-Za-z_][\w.]*|./gy;

function tokenize(source: string): string[] {
    const tokens: string[] = [];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) if (!/^\s|^#/.test(m[0])) tokens.push(m[0]);
    return tokens;
}

class Reader {
    private at = 0;
    constructor(private readonly tokens: string[]) {}
    peek(offset = 0): string | undefined {
        return this.tokens[this.at + offset];
    }
    next(): string {
        const t = this.tokens[this.at++];
        if (t === undefined) throw new Error("unexpected end of the Python example");
        return t;
    }
    expect(t: string): void {
        const got = this.next();
        if (got !== t) throw new Error(`expected '${t}' in the Python example, got '${got}'`);
    }
    done(): boolean {
        return this.at >= this.tokens.length;
    }
}

const isString = (t: string) => /^["']/.test(t);
const unquote = (t: string) => JSON.parse(t.startsWith("'") ? `"${t.slice(1, -1).replace(/"/g, '\\"')}"` : t);

/** Reads up to the closing bracket (balanced), returning the tokens' text: an expression we do not interpret. */
function skipArguments(r: Reader, close: string): string {
    const open = close === ")" ? "(" : close === "]" ? "[" : "{";
    let depth = 1;
    const parts: string[] = [];
    while (depth > 0) {
        const t = r.next();
        if (t === open) depth++;
        if (t === close) depth--;
        if (depth > 0) parts.push(t);
    }
    return parts.join(" ");
}

function value(r: Reader): PyValue {
    const t = r.next();
    if (isString(t)) return { kind: "literal", value: unquote(t) };
    if (/^-?\d/.test(t)) return { kind: "literal", value: Number(t) };
    if (t === "True" || t === "False") return { kind: "literal", value: t === "True" };
    if (t === "None") return { kind: "literal", value: null };
    if (t === "[") {
        const items: PyValue[] = [];
        while (r.peek() !== "]") {
            items.push(value(r));
            if (r.peek() === ",") r.next();
        }
        r.next();
        return { kind: "list", items };
    }
    if (t === "{") {
        const entries: [string, PyValue][] = [];
        while (r.peek() !== "}") {
            const key = r.next();
            if (!isString(key)) throw new Error(`dict key ${key} is not a string literal`);
            r.expect(":");
            entries.push([unquote(key), value(r)]);
            if (r.peek() === ",") r.next();
        }
        r.next();
        return { kind: "dict", entries };
    }
    if (/^[A-Za-z_]/.test(t)) {
        let text = t;
        if (r.peek() === "(") {
            r.next();
            text += `(${skipArguments(r, ")")})`;
        }
        return { kind: "expression", text };
    }
    throw new Error(`unexpected '${t}' in the Python example`);
}

/** Every call `name = module.Class(...)` or `module.Class(...)` whose callee starts with `prefix`. */
export function pythonCalls(source: string, prefix: string): PyCall[] {
    const r = new Reader(tokenize(source));
    const calls: PyCall[] = [];
    while (!r.done()) {
        const t = r.next();
        if (!t.startsWith(prefix) || r.peek() !== "(") continue;
        const assigned = r.peek(-2) === "=" ? r.peek(-3) : undefined;
        r.next();
        const call: PyCall = { callee: t, target: assigned, positional: [], keywords: [] };
        while (r.peek() !== ")") {
            if (/^[A-Za-z_]\w*$/.test(r.peek()!) && r.peek(1) === "=") {
                const key = r.next();
                r.next();
                call.keywords.push([key, value(r)]);
            } else call.positional.push(value(r));
            if (r.peek() === ",") r.next();
        }
        r.next();
        calls.push(call);
    }
    return calls;
}

/** `variable.attribute` references in the source (e.g. `site.load_balancer_dns_name`). */
export function attributeReferences(source: string, variable: string): string[] {
    return tokenize(source)
        .filter((t) => t.startsWith(`${variable}.`))
        .map((t) => t.slice(variable.length + 1));
}

/** Python's `snake_case` name of a schema property back to the schema's `camelCase`. */
export function camelCase(snake: string): string {
    return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
