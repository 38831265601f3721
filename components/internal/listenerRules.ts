/**
 * Pure helpers for listener behaviour: the HTTP→HTTPS redirect action, the
 * HSTS header value, target and port checks. Plain functions with table tests;
 * the components only wire their results into resources.
 */
import { isIP } from "node:net";
import { DEFAULT_HTTPS_PORT } from "../defaults";

/** A redirect action as the ALB API takes it. */
export interface RedirectAction {
    type: "redirect";
    redirect: {
        protocol: "HTTPS";
        port: string;
        host: "#{host}";
        path: "/#{path}";
        query: "#{query}";
        statusCode: "HTTP_301" | "HTTP_302";
    };
}

/**
 * The action that sends a request to the same URL over HTTPS:
 * `https://#{host}:443/#{path}?#{query}` (`#{path}` has no leading slash).
 */
export function httpsRedirectAction(statusCode: 301 | 302 = 301, httpsPort: number = DEFAULT_HTTPS_PORT): RedirectAction {
    return {
        type: "redirect",
        redirect: {
            protocol: "HTTPS",
            port: String(httpsPort),
            host: "#{host}",
            path: "/#{path}",
            query: "#{query}",
            statusCode: statusCode === 302 ? "HTTP_302" : "HTTP_301",
        },
    };
}

/** HSTS options as users give them. */
export interface HstsSettings {
    maxAgeSeconds: number;
    includeSubDomains?: boolean;
    preload?: boolean;
}

/** The minimum max-age (one year) browsers' preload lists accept. */
export const HSTS_PRELOAD_MIN_MAX_AGE = 31536000;

/** Why these HSTS settings are wrong, or `[]`. */
export function hstsProblems(hsts: HstsSettings): string[] {
    const problems: string[] = [];
    const age = hsts.maxAgeSeconds;
    if (!Number.isInteger(age) || age < 0) {
        problems.push(`\`hsts.maxAgeSeconds\` '${age}' must be a whole number of seconds, 0 or more (start small, e.g. 300, then raise it)`);
    }
    if (hsts.preload) {
        if (Number.isInteger(age) && age < HSTS_PRELOAD_MIN_MAX_AGE) {
            problems.push(`\`hsts.preload\` needs \`hsts.maxAgeSeconds\` of at least ${HSTS_PRELOAD_MIN_MAX_AGE} (one year), got ${age}`);
        }
        if (!hsts.includeSubDomains) {
            problems.push("`hsts.preload` needs `hsts.includeSubDomains: true`: browsers' preload lists only accept policies that cover every subdomain");
        }
    }
    return problems;
}

/** The `Strict-Transport-Security` header value, e.g. `max-age=31536000; includeSubDomains; preload`. */
export function hstsHeaderValue(hsts: HstsSettings): string {
    return [`max-age=${hsts.maxAgeSeconds}`, hsts.includeSubDomains ? "includeSubDomains" : "", hsts.preload ? "preload" : ""]
        .filter(Boolean)
        .join("; ");
}

/** Why a CIDR block is not usable in a security-group rule, or `undefined`. */
export function cidrProblem(cidr: string, property: string): string | undefined {
    const [address, prefix, extra] = cidr.split("/");
    const family = isIP(address ?? "");
    const bits = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || prefix === undefined || !/^\d+$/.test(prefix) || Number(prefix) > bits) {
        return `\`${property}\` '${cidr}' is not a CIDR block: write it as '203.0.113.0/24' or '2001:db8::/32'`;
    }
    return undefined;
}

/** True for an IPv6 CIDR. */
export function isIpv6Cidr(cidr: string): boolean {
    return isIP(cidr.split("/")[0]) === 6;
}

/** Why a port number is wrong, or `undefined`. */
export function portProblem(port: number, property: string): string | undefined {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        return `\`${property}\` '${port}' is not a TCP port: use a whole number from 1 to 65535`;
    }
    return undefined;
}

const MATCHER = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/** Why a health-check success matcher is wrong (`200`, `200-399`, `200,204`), or `undefined`. */
export function matcherProblem(matcher: string, property: string): string | undefined {
    if (!MATCHER.test(matcher)) {
        return `\`${property}\` '${matcher}' is not an HTTP code matcher: use codes like '200', '200-399' or '200,204'`;
    }
    return undefined;
}
