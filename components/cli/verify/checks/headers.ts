/**
 * The response header check (only with `--header` / `--no-header`): the HTTPS
 * response carries each named header (with the exact value when one is
 * given), and carries none of the headers that must be absent — proof that a
 * header was really removed (e.g. `Server`, `X-Powered-By`).
 */
import { type HttpResponse } from "../probes";
import { type CheckResult, VerifyUsageError } from "../types";

/** One `--header NAME[=VALUE]`. */
export interface HeaderExpectation {
    name: string;
    value?: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses `--header NAME[=VALUE]` (or `--no-header NAME` without a value). Throws `VerifyUsageError`. */
export function parseHeaderOption(option: string, text: string, valueAllowed: boolean): HeaderExpectation {
    const eq = text.indexOf("=");
    const name = (eq < 0 ? text : text.slice(0, eq)).trim();
    if (!TOKEN.test(name) || (!valueAllowed && eq >= 0))
        throw new VerifyUsageError(
            `${option} '${text}' is not ${valueAllowed ? "NAME or NAME=VALUE" : "a header name"} (a header name is letters, digits and -)`,
        );
    return eq < 0 ? { name: name.toLowerCase() } : { name: name.toLowerCase(), value: text.slice(eq + 1).trim() };
}

/** Judges the HTTPS response against the expected and forbidden headers. */
export function checkHeaders(
    url: string,
    response: HttpResponse | { failure: string },
    present: readonly HeaderExpectation[],
    absent: readonly string[],
): CheckResult {
    if ("failure" in response)
        return {
            id: "headers",
            status: "fail",
            message: `the HTTPS request to ${url} failed (${response.failure}), so its headers could not be read`,
            evidence: { url, failure: response.failure },
        };
    const raw = response.rawHeaders ?? Object.entries(response.headers).map(([k, v]) => [k, String(v)]);
    const valuesOf = (name: string) => raw.filter(([n]) => n === name).map(([, v]) => v.trim());
    const problems: string[] = [];
    for (const want of present) {
        const values = valuesOf(want.name);
        if (values.length === 0) problems.push(`${want.name} is missing`);
        else if (want.value !== undefined && !(values.length === 1 && values[0] === want.value))
            problems.push(`${want.name} is '${values.join("', '")}' instead of '${want.value}'`);
    }
    for (const name of absent) {
        const values = valuesOf(name);
        if (values.length > 0) problems.push(`${name} is present ('${values.join("', '")}') but must be absent`);
    }
    const evidence = {
        url,
        status: response.status,
        checked: [
            ...present.map((h) => (h.value === undefined ? h.name : `${h.name}=${h.value}`)),
            ...absent.map((n) => `no ${n}`),
        ],
        received: raw.map(([n, v]) => `${n}: ${v}`),
    };
    if (problems.length > 0)
        return {
            id: "headers",
            status: "fail",
            message: `${url}: ${problems.join("; ")}: set the response headers on the listener or the application (HttpsLoadBalancer responseHeaders)`,
            evidence,
        };
    const parts = [
        present.length > 0 ? `${present.length} required header${present.length === 1 ? "" : "s"} present` : "",
        absent.length > 0 ? `${absent.length} removed header${absent.length === 1 ? "" : "s"} absent` : "",
    ].filter(Boolean);
    return { id: "headers", status: "pass", message: `${url}: ${parts.join(", ")}`, evidence };
}
