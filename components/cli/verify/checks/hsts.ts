/**
 * The HSTS check (only with `--hsts`): the HTTPS response carries
 * `Strict-Transport-Security` with at least the required max-age.
 */
import { type HttpResponse } from "../probes";
import { type CheckResult } from "../types";

/** The parsed header: max-age (undefined if missing or malformed), flags, and why it is invalid. */
export interface StsHeader {
    maxAge?: number;
    includeSubDomains: boolean;
    preload: boolean;
    /** Why browsers ignore the whole header (RFC 6797 §6.1, §8.1), when they do. */
    problem?: string;
}

/** RFC 7230 token and quoted-string, the only directive names and values RFC 6797 §6.1 allows. */
const DIRECTIVE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*(?:=[ \t]*([!#$%&'*+.^_`|~0-9A-Za-z-]+|"(?:[^"\\]|\\.)*"))?$/;

/** Splits on `;` outside quoted strings. */
function directives(value: string): string[] {
    const parts: string[] = [];
    let current = "";
    let quoted = false;
    for (let i = 0; i < value.length; i++) {
        const ch = value[i];
        if (quoted && ch === "\\" && i + 1 < value.length) {
            current += ch + value[++i];
            continue;
        }
        if (ch === '"') quoted = !quoted;
        if (ch === ";" && !quoted) {
            parts.push(current);
            current = "";
        } else current += ch;
    }
    parts.push(current);
    return parts;
}

/**
 * Parses one `Strict-Transport-Security` value strictly, as RFC 6797 §6.1 says a
 * browser must: directives `name[=token|"quoted"]` separated by `;`, names
 * case-insensitive, each directive at most once, max-age required (§6.1.1);
 * a value that breaks the grammar (a comma from two joined header fields,
 * a repeated directive) makes browsers ignore the whole header (§8.1).
 */
export function parseSts(value: string): StsHeader {
    const header: StsHeader = { includeSubDomains: false, preload: false };
    const invalid = (problem: string): StsHeader => ({ includeSubDomains: false, preload: false, problem });
    const seen = new Set<string>();
    for (const part of directives(value)) {
        const text = part.trim();
        if (text === "") continue;
        const match = DIRECTIVE.exec(text);
        if (!match) {
            const comma = text.includes(",")
                ? ": a comma is not allowed (two header values joined into one?)"
                : ': a directive is a name with an optional =token or ="quoted string"';
            return invalid(`'${text}' is not a valid directive${comma}`);
        }
        const name = match[1].toLowerCase();
        if (seen.has(name)) return invalid(`the ${match[1]} directive appears more than once`);
        seen.add(name);
        const arg = match[2]?.replace(/^"(.*)"$/, "$1").replace(/\\(.)/g, "$1");
        if (name === "max-age") {
            if (arg === undefined || !/^\d+$/.test(arg))
                return invalid(`max-age '${arg ?? ""}' is not a number of seconds`);
            header.maxAge = Number(arg);
        }
        if (name === "includesubdomains") header.includeSubDomains = true;
        if (name === "preload") header.preload = true;
    }
    if (header.maxAge === undefined) return { ...header, problem: "it has no max-age directive" };
    return header;
}

const FIX = "enable HSTS on the HTTPS listener (the `hsts` option, maxAgeSeconds)";

/** Judges the HTTPS response to `url` (or why there was none) against `minMaxAge` seconds. */
export function checkHsts(url: string, response: HttpResponse | { failure: string }, minMaxAge: number): CheckResult {
    if ("failure" in response) {
        return {
            id: "hsts",
            status: "fail",
            message: `the HTTPS request to ${url} failed (${response.failure}), so HSTS could not be read`,
            evidence: { url, failure: response.failure },
        };
    }
    const fields = (response.rawHeaders ?? Object.entries(response.headers).map(([k, v]) => [k, String(v)]))
        .filter(([name]) => name === "strict-transport-security")
        .map(([, v]) => v);
    const value = fields.length === 0 ? undefined : fields.join(", ");
    const evidence = { url, status: response.status, header: value ?? null, minMaxAge };
    const fail = (message: string): CheckResult => ({ id: "hsts", status: "fail", message, evidence });
    if (value === undefined) {
        return fail(
            `${url} has no Strict-Transport-Security header: ${FIX} with a max-age of at least ${minMaxAge} seconds`,
        );
    }
    if (fields.length > 1)
        return fail(
            `${url} sends ${fields.length} Strict-Transport-Security headers: browsers use only the first (RFC 6797 §8.1) and a proxy that joins them makes the value invalid: send exactly one`,
        );
    const sts = parseSts(value);
    if (sts.problem !== undefined || sts.maxAge === undefined)
        return fail(
            `Strict-Transport-Security '${value}' is invalid (RFC 6797 §6.1: ${sts.problem}), so browsers ignore it: ${FIX} so that it sends max-age=${minMaxAge} or more`,
        );
    if (sts.maxAge === 0)
        return fail(
            `Strict-Transport-Security max-age=0 tells browsers to forget HSTS: ${FIX} with max-age of at least ${minMaxAge}`,
        );
    if (sts.maxAge < minMaxAge) {
        return fail(
            `Strict-Transport-Security max-age is ${sts.maxAge} seconds, less than the ${minMaxAge} required (--hsts): raise maxAgeSeconds`,
        );
    }
    return {
        id: "hsts",
        status: "pass",
        message: `Strict-Transport-Security: ${value} (max-age ${sts.maxAge} ≥ ${minMaxAge})`,
        evidence,
    };
}
