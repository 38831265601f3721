/**
 * Pure helpers for listener behaviour: the HTTP→HTTPS redirect action, the
 * HSTS header value, target and port checks. Plain functions with table tests;
 * the components only wire their results into resources.
 */
import { isIP } from "node:net";
import { DEFAULT_HTTPS_PORT, DEFAULT_REDIRECT_STATUS_CODE } from "../../defaults";
import { quote } from "./problems";
import { LAMBDA_HEALTH_CHECK_INTERVAL_SECONDS, LAMBDA_HEALTH_CHECK_TIMEOUT_SECONDS } from "../../defaults";
export { LAMBDA_HEALTH_CHECK_INTERVAL_SECONDS, LAMBDA_HEALTH_CHECK_TIMEOUT_SECONDS };

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
export function httpsRedirectAction(
    statusCode: 301 | 302 = DEFAULT_REDIRECT_STATUS_CODE,
    httpsPort: number = DEFAULT_HTTPS_PORT,
): RedirectAction {
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

/**
 * The largest max-age sent: 2^31 seconds (about 68 years). HSTS max-age is an
 * HTTP delta-seconds value (RFC 6797 §6.1.1), and RFC 9111 §1.2.2 tells every
 * recipient to treat a larger delta-seconds as 2147483648, so nothing above it
 * means anything more; it also keeps the value a safe integer written in digits.
 */
export const HSTS_MAX_MAX_AGE = 2147483648;

/** Why these HSTS settings are wrong, or `[]`. */
export function hstsProblems(hsts: HstsSettings): string[] {
    if (hsts === null || typeof hsts !== "object" || Array.isArray(hsts)) {
        return [
            `${quote("hsts", display(hsts))} is ${kindOf(hsts)}, not an object: write it as { maxAgeSeconds: 300 }`,
        ];
    }
    const problems: string[] = [];
    const age = hsts.maxAgeSeconds;
    if (typeof age !== "number") {
        problems.push(
            `${quote("hsts.maxAgeSeconds", display(age))} is ${kindOf(age)}, not a number: give whole seconds, e.g. 300`,
        );
    } else if (!Number.isSafeInteger(age) || age < 0) {
        problems.push(
            `\`hsts.maxAgeSeconds\` '${age}' must be a whole number of seconds, 0 or more (start small, e.g. 300, then raise it)`,
        );
    } else if (age > HSTS_MAX_MAX_AGE) {
        // RFC 9111 §1.2.2: a delta-seconds above 2^31 is read as 2147483648.
        problems.push(
            `\`hsts.maxAgeSeconds\` '${age}' is more than ${HSTS_MAX_MAX_AGE} (2^31 seconds, about 68 years), the most an HTTP delta-seconds means (RFC 9111 §1.2.2): use at most ${HSTS_MAX_MAX_AGE}; two years (63072000) is the usual maximum`,
        );
    }
    for (const flag of ["includeSubDomains", "preload"] as const) {
        const v = hsts[flag];
        if (v !== undefined && typeof v !== "boolean") {
            problems.push(`${quote(`hsts.${flag}`, display(v))} is ${kindOf(v)}, not a boolean: use true or false`);
        }
    }
    if (hsts.preload === true) {
        if (Number.isSafeInteger(age) && age < HSTS_PRELOAD_MIN_MAX_AGE) {
            problems.push(
                `\`hsts.preload\` needs \`hsts.maxAgeSeconds\` of at least ${HSTS_PRELOAD_MIN_MAX_AGE} (one year), got ${age}`,
            );
        }
        if (hsts.includeSubDomains !== true) {
            problems.push(
                "`hsts.preload` needs `hsts.includeSubDomains: true`: browsers' preload lists only accept policies that cover every subdomain",
            );
        }
    }
    return problems;
}

/**
 * The `Strict-Transport-Security` header value, e.g. `max-age=31536000; includeSubDomains; preload`.
 * `maxAgeSeconds` must have passed `hstsProblems` (a safe integer up to 2^31), so it is written in plain digits.
 */
export function hstsHeaderValue(hsts: HstsSettings): string {
    return [
        `max-age=${BigInt(hsts.maxAgeSeconds).toString()}`,
        hsts.includeSubDomains ? "includeSubDomains" : "",
        hsts.preload ? "preload" : "",
    ]
        .filter(Boolean)
        .join("; ");
}

/** A CIDR block parsed: its family, its canonical text, and the network address it should have. */
interface ParsedCidr {
    family: 4 | 6;
    /** The text EC2 stores: network address and prefix, IPv6 in RFC 5952 form. */
    canonical: string;
    /** True when bits below the prefix are set (`198.51.100.7/24`). */
    hostBits: boolean;
}

function parseIpv4(text: string): number[] | undefined {
    const parts = text.split(".");
    if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
    return parts.map(Number);
}

/** Eight 16-bit groups of an IPv6 address (with `::` and an optional dotted IPv4 tail), or `undefined`. */
function parseIpv6(text: string): number[] | undefined {
    if (isIP(text) !== 6) return undefined;
    let body = text.toLowerCase();
    const lastColon = body.lastIndexOf(":");
    if (body.slice(lastColon + 1).includes(".")) {
        // A dotted IPv4 tail (`::ffff:192.0.2.1`) is two hex groups.
        const v4 = parseIpv4(body.slice(lastColon + 1));
        if (!v4) return undefined;
        body = `${body.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
    }
    const halves = body.split("::");
    const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
    const head = groups(halves[0]);
    const rest = halves.length > 1 ? groups(halves[1]) : [];
    const missing = 8 - head.length - rest.length;
    const all = halves.length > 1 ? [...head, ...Array(Math.max(0, missing)).fill(0), ...rest] : head;
    return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : undefined;
}

/** RFC 5952 text of eight groups: lower-case hex, no leading zeros, the first longest run (≥ 2) of zero groups as `::`. */
export function formatIpv6(groups: readonly number[]): string {
    let best = { at: -1, len: 0 };
    for (let i = 0; i < 8;) {
        if (groups[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === 0) j++;
        if (j - i > best.len) best = { at: i, len: j - i };
        i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (best.len < 2) return hex.join(":");
    return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

function maskGroups(groups: readonly number[], bitsPerGroup: number, prefix: number): number[] {
    return groups.map((g, i) => {
        const keep = Math.max(0, Math.min(bitsPerGroup, prefix - i * bitsPerGroup));
        const mask = keep === 0 ? 0 : (0xffff << (bitsPerGroup - keep)) & ((1 << bitsPerGroup) - 1);
        return g & mask;
    });
}

function parseCidr(cidr: string): ParsedCidr | undefined {
    if (typeof cidr !== "string") return undefined;
    const [address, prefixText, extra] = cidr.split("/");
    if (extra !== undefined || prefixText === undefined || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
    const prefix = Number(prefixText);
    const v4 = parseIpv4(address);
    if (v4) {
        if (prefix > 32) return undefined;
        const network = maskGroups(v4, 8, prefix);
        return {
            family: 4,
            canonical: `${network.join(".")}/${prefix}`,
            hostBits: network.some((g, i) => g !== v4[i]),
        };
    }
    const v6 = parseIpv6(address);
    if (v6) {
        if (prefix > 128) return undefined;
        const network = maskGroups(v6, 16, prefix);
        return {
            family: 6,
            canonical: `${formatIpv6(network)}/${prefix}`,
            hostBits: network.some((g, i) => g !== v6[i]),
        };
    }
    return undefined;
}

/**
 * Why a CIDR block is not usable in a security-group rule, or `undefined`.
 * terraform-provider-aws validates `cidr_ipv4`/`cidr_ipv6` of
 * `aws_vpc_security_group_ingress_rule` with `IPv4CIDRNetworkAddress` /
 * `IPv6CIDRNetworkAddress` (internal/framework/validators/cidr.go →
 * verify.ValidateIPv4CIDRBlock / ValidateIPv6CIDRBlock): the address must be the
 * block's network address, so host bits are refused, with the network named.
 */
export function cidrProblem(cidr: string, property: string): string | undefined {
    if (typeof cidr !== "string") {
        return `${quote(property, display(cidr))} is ${kindOf(cidr)}, not a string: write a CIDR block such as '203.0.113.0/24'`;
    }
    const parsed = parseCidr(cidr);
    if (!parsed)
        return `\`${property}\` '${cidr}' is not a CIDR block: write it as '203.0.113.0/24' or '2001:db8::/32'`;
    if (parsed.hostBits) {
        return `${quote(property, cidr)} has host bits set (a security-group rule takes only the network address of a block): did you mean ${parsed.canonical}?`;
    }
    return undefined;
}

/**
 * The form EC2 stores (and reads back) for a valid block: IPv4 unchanged,
 * IPv6 in RFC 5952 canonical form (`2001:DB8:0:0::/32` → `2001:db8::/32`).
 */
export function normalizeCidr(cidr: string): string {
    return parseCidr(cidr)?.canonical ?? cidr;
}

/** True for an IPv6 CIDR. */
export function isIpv6Cidr(cidr: string): boolean {
    return isIP(cidr.split("/")[0]) === 6;
}

/** The longest health-check path (terraform-provider-aws target_group.go: `StringLenBetween(1, 1024)` and prefix "/"). */
export const MAX_HEALTH_CHECK_PATH_LENGTH = 1024;

/**
 * Why a health-check path is wrong, or `undefined`: a string starting with '/',
 * at most 1024 characters (target_group.go), and no space or control character
 * (it is sent as the request-target of an HTTP/1.1 request line, RFC 9112 §3.2,
 * where a space ends the target).
 */
export function healthCheckPathProblem(path: string, property: string): string | undefined {
    if (typeof path !== "string") {
        return `${quote(property, display(path))} is ${kindOf(path)}, not a string: write the path as text, e.g. '/healthz'`;
    }
    if (!path.startsWith("/")) return `${quote(property, path)} must start with '/'`;
    if (path.length > MAX_HEALTH_CHECK_PATH_LENGTH) {
        return `${quote(property, `${path.slice(0, 40)}…`)} is ${path.length} characters, more than the ${MAX_HEALTH_CHECK_PATH_LENGTH} a target group's health-check path takes: use a shorter path`;
    }
    if (/[\s\x00-\x1f\x7f]/.test(path)) {
        return `${quote(property, path)} contains a space or control character, which cannot be sent in an HTTP request line: percent-encode it (e.g. '%20') or use another path`;
    }
    return undefined;
}

/** Why a port number is wrong, or `undefined`. */
export function portProblem(port: number, property: string): string | undefined {
    if (typeof port !== "number") {
        return `${quote(property, display(port))} is ${kindOf(port)}, not a number: write the port as a number, e.g. 443`;
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        return `\`${property}\` '${port}' is not a TCP port: use a whole number from 1 to 65535`;
    }
    return undefined;
}

const MATCHER = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;
/** HTTP codes an ALB health check may count as healthy (HTTP, HTTPS and Lambda target groups). */
export const MATCHER_MIN = 200;
export const MATCHER_MAX = 499;

/**
 * Why a health-check success matcher is wrong (`200`, `200-399`, `200,204`), or `undefined`.
 * AWS API reference, Matcher.HttpCode: "For Application Load Balancers, you can specify
 * values between 200 and 499" (also for Lambda target groups).
 */
export function matcherProblem(matcher: string, property: string): string | undefined {
    if (typeof matcher !== "string") {
        return `${quote(property, display(matcher))} is ${kindOf(matcher)}, not a string: write codes as text, e.g. '200-399'`;
    }
    if (!MATCHER.test(matcher)) {
        return `\`${property}\` '${matcher}' is not an HTTP code matcher: use codes like '200', '200-399' or '200,204'`;
    }
    for (const part of matcher.split(",")) {
        const [low, high = low] = part.split("-").map(Number);
        if (low < MATCHER_MIN || high > MATCHER_MAX || low > high) {
            return `${quote(property, matcher)} has '${part}', outside the ${MATCHER_MIN}–${MATCHER_MAX} an ALB health check accepts: use codes from ${MATCHER_MIN} to ${MATCHER_MAX}, e.g. '200-399'`;
        }
    }
    return undefined;
}

/** The longest host-header condition value (AWS HostHeaderConditionConfig; terraform-provider-aws listener_rule.go validates 1–128). */
export const MAX_HOST_HEADER_LENGTH = 128;
const HOST_HEADER_CHARS = /^[A-Za-z0-9.*?-]+$/;

/**
 * Why `host` (already normalised) cannot be a host-header condition value, or `undefined`.
 * AWS ELB guide, "Listener rule condition types" → Host conditions: at most 128
 * characters of A–Z a–z 0–9 - . * ?, at least one '.', and only alphabetical
 * characters after the final '.' (so a punycode TLD such as `xn--p1ai` cannot be matched).
 */
export function hostHeaderProblem(host: string, raw: string, property: string): string | undefined {
    if (host.length > MAX_HOST_HEADER_LENGTH) {
        return `${quote(property, raw)} is ${host.length} characters, more than the ${MAX_HOST_HEADER_LENGTH} a listener rule's host-header condition takes: route a shorter name (or a wildcard such as '*.example.com')`;
    }
    if (!HOST_HEADER_CHARS.test(host) || !host.includes(".")) {
        return `${quote(property, raw)} is not a host-header condition value: use letters, digits, '-', '.', '*' and '?', with at least one '.'`;
    }
    const tld = host.slice(host.lastIndexOf(".") + 1);
    if (!/^[A-Za-z]+$/.test(tld)) {
        return `${quote(property, raw)} ends in '${tld}', but a listener rule's host-header condition allows only letters after the final '.': a name under this top-level domain cannot be routed by host; serve it as the load balancer's default target instead`;
    }
    return undefined;
}

/** How many ALB wildcards (`*` and `?`) a condition value has. */
export function wildcardCount(value: string): number {
    return [...value].filter((c) => c === "*" || c === "?").length;
}

/** How a value is described in a wrong-type message: "a string", "a list", "null", … */
export function kindOf(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    const t = typeof value;
    return t === "object" ? "an object" : t === "undefined" ? "undefined" : `a ${t}`;
}

/** A value as it is quoted in a message: JSON for lists and objects, else its text. */
export function display(value: unknown): string {
    if (value !== null && typeof value === "object") {
        try {
            return JSON.stringify(value);
        } catch {
            return String(value);
        }
    }
    return String(value);
}
