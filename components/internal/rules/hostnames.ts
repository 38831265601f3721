/**
 * Hostname rules shared by every component and the CLI: what a DNS name for
 * a certificate and an alias record may look like, how it is normalised, and
 * which validation record and hosted zone it belongs to.
 */
import { domainToASCII } from "node:url";

import { isIP } from "node:net";
import { quote } from "./problems";
import { wrongType } from "./inputTypes";

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LABEL_CHARS = /^[a-z0-9-]+$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** `https://…`, `http://…`, `ftp://…`: anything with a URL scheme. */
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** `name:8443` (one colon, digits after it): a host with a port. */
const HOST_PORT = /^([^:/]+):(\d*)$/;

/**
 * The form every component uses: lower case, no trailing dot. Names are
 * normalised (never rejected) for case and a single trailing dot, so
 * `App.Example.com.` and `app.example.com` are the same name everywhere.
 */
export function normalizeHostname(raw: string): string {
    const lower = raw.toLowerCase();
    return lower.endsWith(".") && !lower.endsWith("..") ? lower.slice(0, -1) : lower;
}

/** True for an IPv4 or IPv6 address, also in brackets (`[2001:db8::1]`) or with a port. */
export function isIpAddress(raw: string): boolean {
    const bare = raw.replace(/^\[(.*)\](:\d*)?$/, "$1");
    if (isIP(bare) !== 0 || IPV4.test(bare)) return true;
    const withPort = HOST_PORT.exec(raw);
    return withPort !== null && (isIP(withPort[1]) !== 0 || IPV4.test(withPort[1]));
}

function labelProblem(label: string): string | undefined {
    if (label.length === 0) return "empty label (two dots in a row, or a leading dot): remove the extra dot";
    if (label.length > MAX_LABEL_LENGTH) {
        return `label '${label.slice(0, 20)}…' is ${label.length} characters, the limit is ${MAX_LABEL_LENGTH}`;
    }
    if (!LABEL_CHARS.test(label)) {
        const bad = [...new Set([...label].filter((c) => !/[a-z0-9-*]/.test(c)))].map((c) => `'${c}'`).join(", ");
        return `label '${label}' has ${bad || "'*'"}: use only letters, digits and hyphens`;
    }
    if (label.startsWith("-") || label.endsWith("-")) return `label '${label}' starts or ends with a hyphen`;
    return undefined;
}

/** "; did you mean 'app.example.com'?" when `host` is itself a valid name, else "". */
function suggestion(host: string): string {
    return host !== "" && !isIpAddress(host) && hostnameProblems(host, "").length === 0
        ? `; did you mean '${normalizeHostname(host)}'?`
        : "";
}

/**
 * A URL, `host:port` or `host/path` given where a bare host name belongs,
 * with the bare name to use instead; `undefined` when `raw` is none of these.
 */
function notBareNameProblem(raw: string, prefix: string): string | undefined {
    if (URL_SCHEME.test(raw)) {
        let host = "";
        try {
            host = new URL(raw).hostname;
        } catch {
            // Not parseable: no suggestion.
        }
        return `${prefix} is a URL: give the bare host name, without scheme, port or path${suggestion(host)}`;
    }
    const withPort = HOST_PORT.exec(raw);
    if (withPort) {
        return `${prefix} has a port: certificates and DNS records name hosts, not ports; give the bare host name${suggestion(withPort[1])}`;
    }
    const slash = raw.indexOf("/");
    if (slash > 0) {
        return `${prefix} has a path: give the bare host name, without the path${suggestion(raw.slice(0, slash))}`;
    }
    return undefined;
}

/**
 * Why `raw` cannot be a certificate and alias-record name, or `[]` when it can.
 * Each reason starts with "`property` 'value'" and says how to fix it.
 */
export function hostnameProblems(raw: string, property: string): string[] {
    if (raw === undefined || raw === null)
        return [`\`${property}\` is missing: give a DNS name such as 'app.example.com'`];
    if (typeof raw !== "string")
        return [wrongType(property, raw, "a string", "give a DNS name such as 'app.example.com'")];
    const prefix = quote(property, raw);
    if (raw.trim() === "") {
        return [`${prefix} is empty: give a DNS name such as 'app.example.com'`];
    }
    // Non-ASCII: tell the user the exact punycode form to use instead.
    if (/[^\x00-\x7f]/.test(raw)) {
        const ascii = domainToASCII(raw.toLowerCase());
        const hint = ascii ? ` '${ascii}'` : "";
        return [
            `${prefix} is not ASCII: ACM and Route 53 need the punycode (IDNA) form${hint}; convert it (for example with 'idn2') and use that`,
        ];
    }
    const name = normalizeHostname(raw);
    if (isIpAddress(name)) {
        return [`${prefix} is an IP address: certificates and alias records need a DNS name`];
    }
    const notBare = notBareNameProblem(raw, prefix);
    if (notBare) return [notBare];
    if (name.length > MAX_NAME_LENGTH) {
        return [`${prefix} is not a valid DNS name: ${name.length} characters, the limit is ${MAX_NAME_LENGTH}`];
    }
    const labels = name.split(".");
    const problems: string[] = [];
    labels.forEach((label, i) => {
        if (label.includes("*")) {
            if (i !== 0 || label !== "*") {
                problems.push(
                    `${prefix} has a wildcard that is not the whole leftmost label: only names like '*.example.com' are allowed`,
                );
            } else if (labels.length < 3) {
                problems.push(
                    `${prefix} is a wildcard over a top-level domain: a wildcard needs at least two labels after it ('*.example.com')`,
                );
            }
            return;
        }
        const problem = labelProblem(label);
        if (problem) problems.push(`${prefix} is not a valid DNS name: ${problem}`);
    });
    if (problems.length === 0 && labels.length < 2) {
        problems.push(`${prefix} is not a fully qualified name: it needs at least two labels ('app.example.com')`);
    }
    const tld = labels[labels.length - 1];
    if (problems.length === 0 && /^\d+$/.test(tld)) {
        problems.push(`${prefix} is not a valid DNS name: the top-level label '${tld}' is all digits`);
    }
    // The root zone delegates no one-character TLD: ccTLDs are two letters (ISO 3166-1 alpha-2,
    // RFC 1591 §2) and gTLD strings at least three (ICANN Applicant Guidebook 2012, §2.2.1.3.2);
    // see the IANA Root Zone Database, https://www.iana.org/domains/root/db.
    if (problems.length === 0 && tld.length === 1) {
        problems.push(
            `${prefix} is not a valid DNS name: the top-level label '${tld}' is one character, and no one-character top-level domain exists; check the end of the name for a typo`,
        );
    }
    return [...new Set(problems)];
}

/** True when `hostname` is `*.something`. */
export function isWildcard(hostname: string): boolean {
    return hostname.startsWith("*.");
}

/**
 * The name ACM validates for `hostname`: `*.example.com` and `example.com`
 * share one validation record, so both map to `example.com`.
 */
export function validationDomain(hostname: string): string {
    return isWildcard(hostname) ? hostname.slice(2) : hostname;
}

/** Distinct validation domains of a list, in first-seen order. */
export function validationDomains(hostnames: readonly string[]): string[] {
    return [...new Set(hostnames.map(validationDomain))];
}

/** True when `hostname` is the zone apex or a name below it. */
export function isInZone(hostname: string, zoneName: string): boolean {
    const zone = normalizeHostname(zoneName);
    const base = validationDomain(hostname);
    return base === zone || base.endsWith(`.${zone}`);
}

/**
 * The zone looked up when the user names none: the hostname's parent domain
 * (`app.example.com` → `example.com`), or the name itself for a two-label apex.
 */
export function defaultZoneName(hostname: string): string {
    const labels = validationDomain(hostname).split(".");
    return labels.length <= 2 ? labels.join(".") : labels.slice(1).join(".");
}

/** Anything that records problems (`Problems`, or a test double). */
interface ProblemSink {
    add(path: string, reason: string): void;
}

/**
 * Validates and normalises names, each given with its property path: each a
 * valid DNS name, none repeated (after normalising). Returns the names that
 * passed, in order, and the path each came from.
 */
export function checkNameEntries(
    entries: readonly (readonly [path: string, value: string])[],
    problems: ProblemSink,
): { names: string[]; where: Map<string, string> } {
    const where = new Map<string, string>();
    const names: string[] = [];
    for (const [path, value] of entries) {
        const reasons = hostnameProblems(value, path);
        if (reasons.length > 0) {
            reasons.forEach((reason) => problems.add(path, reason));
            continue;
        }
        const name = normalizeHostname(value);
        const first = where.get(name);
        if (first !== undefined) {
            problems.add(path, `${quote(path, value)} repeats \`${first}\`: list each name once`);
            continue;
        }
        where.set(name, path);
        names.push(name);
    }
    return { names, where };
}

/**
 * `checkNameEntries` for a list given under `property` (paths `property[i]`);
 * `emptyReason` is recorded when the list is empty or missing.
 */
export function checkNameList(
    raw: readonly string[] | undefined,
    problems: ProblemSink,
    property: string,
    emptyReason: string,
): string[] {
    if (typeof raw === "string") {
        problems.add(property, `${quote(property, raw)} is a string, not a list: write ['${raw}']`);
        return [];
    }
    if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
        problems.add(property, wrongType(property, raw, "a list", `give a list of names, e.g. ['app.example.com']`));
        return [];
    }
    if (!Array.isArray(raw) || raw.length === 0) {
        problems.add(property, `\`${property}\` is empty: ${emptyReason}`);
        return [];
    }
    return checkNameEntries(
        raw.map((value, i) => [`${property}[${i}]`, value] as const),
        problems,
    ).names;
}
