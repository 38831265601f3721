/**
 * The HSTS check (only with `--hsts`): the HTTPS response carries
 * `Strict-Transport-Security` with at least the required max-age.
 */
import { type HttpResponse } from "../probes";
import { type CheckResult } from "../types";

/** The parsed header: max-age (undefined if missing or malformed) and flags. */
export interface StsHeader {
    maxAge?: number;
    includeSubDomains: boolean;
    preload: boolean;
}

/**
 * Parses a `Strict-Transport-Security` value (RFC 6797). When the header was
 * sent more than once, Node joins the values with ", " and only the first counts.
 */
export function parseSts(value: string): StsHeader {
    const first = value.split(",")[0];
    const header: StsHeader = { includeSubDomains: false, preload: false };
    for (const directive of first.split(";")) {
        const [rawName, ...rest] = directive.split("=");
        const name = rawName.trim().toLowerCase();
        const arg = rest
            .join("=")
            .trim()
            .replace(/^"(.*)"$/, "$1");
        if (name === "max-age" && /^\d+$/.test(arg)) header.maxAge = Number(arg);
        if (name === "includesubdomains") header.includeSubDomains = true;
        if (name === "preload") header.preload = true;
    }
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
    const raw = response.headers["strict-transport-security"];
    const value = Array.isArray(raw) ? raw.join(", ") : raw;
    const evidence = { url, status: response.status, header: value ?? null, minMaxAge };
    const fail = (message: string): CheckResult => ({ id: "hsts", status: "fail", message, evidence });
    if (value === undefined) {
        return fail(
            `${url} has no Strict-Transport-Security header: ${FIX} with a max-age of at least ${minMaxAge} seconds`,
        );
    }
    const sts = parseSts(value);
    if (sts.maxAge === undefined)
        return fail(
            `Strict-Transport-Security '${value}' has no valid max-age: ${FIX} so that it sends max-age=${minMaxAge} or more`,
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
