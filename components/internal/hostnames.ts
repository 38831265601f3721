/**
 * Hostname rules shared by every component and the CLI: what a DNS name for
 * a certificate and an alias record may look like, how it is normalised, and
 * which validation record and hosted zone it belongs to.
 */
import { domainToASCII } from "node:url";

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LABEL_CHARS = /^[a-z0-9-]+$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The form every component uses: lower case, no trailing dot. Names are
 * normalised (never rejected) for case and a single trailing dot, so
 * `App.Example.com.` and `app.example.com` are the same name everywhere.
 */
export function normalizeHostname(raw: string): string {
    const lower = raw.toLowerCase();
    return lower.endsWith(".") && !lower.endsWith("..") ? lower.slice(0, -1) : lower;
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

/**
 * Why `raw` cannot be a certificate and alias-record name, or `[]` when it can.
 * Each reason starts with "`property` 'value'" and says how to fix it.
 */
export function hostnameProblems(raw: string, property: string): string[] {
    const prefix = `\`${property}\` '${raw}'`;
    if (typeof raw !== "string" || raw.trim() === "") {
        return [`${prefix} is empty: give a DNS name such as 'app.example.com'`];
    }
    // Non-ASCII: tell the user the exact punycode form to use instead.
    if (/[^\x00-\x7f]/.test(raw)) {
        const ascii = domainToASCII(raw.toLowerCase());
        const hint = ascii ? ` '${ascii}'` : "";
        return [`${prefix} is not ASCII: ACM and Route 53 need the punycode (IDNA) form${hint}; convert it (for example with 'idn2') and use that`];
    }
    const name = normalizeHostname(raw);
    if (IPV4.test(name) || name.includes(":")) {
        return [`${prefix} is an IP address: certificates and alias records need a DNS name`];
    }
    if (name.length > MAX_NAME_LENGTH) {
        return [`${prefix} is not a valid DNS name: ${name.length} characters, the limit is ${MAX_NAME_LENGTH}`];
    }
    const labels = name.split(".");
    const problems: string[] = [];
    labels.forEach((label, i) => {
        if (label.includes("*")) {
            if (i !== 0 || label !== "*") {
                problems.push(`${prefix} has a wildcard that is not the whole leftmost label: only names like '*.example.com' are allowed`);
            } else if (labels.length < 3) {
                problems.push(`${prefix} is a wildcard over a top-level domain: a wildcard needs at least two labels after it ('*.example.com')`);
            }
            return;
        }
        const problem = labelProblem(label);
        if (problem) problems.push(`${prefix} is not a valid DNS name: ${problem}`);
    });
    if (problems.length === 0 && labels.length < 2) {
        problems.push(`${prefix} is not a fully qualified name: it needs at least two labels ('app.example.com')`);
    }
    if (problems.length === 0 && /^\d+$/.test(labels[labels.length - 1])) {
        problems.push(`${prefix} is not a valid DNS name: the top-level label '${labels[labels.length - 1]}' is all digits`);
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
export function checkNameEntries(entries: readonly (readonly [path: string, value: string])[], problems: ProblemSink): { names: string[]; where: Map<string, string> } {
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
            problems.add(path, `\`${path}\` '${value}' repeats \`${first}\`: list each name once`);
            continue;
        }
        where.set(name, path);
        names.push(name);
    }
    return { names, where };
}

/**
 * `checkNameEntries` for a list given under `property` (paths `property[i]`);
 * `emptyReason` is recorded when the list is empty.
 */
export function checkNameList(raw: readonly string[] | undefined, problems: ProblemSink, property: string, emptyReason: string): string[] {
    if (!Array.isArray(raw) || raw.length === 0) {
        problems.add(property, `\`${property}\` is empty: ${emptyReason}`);
        return [];
    }
    return checkNameEntries(raw.map((value, i) => [`${property}[${i}]`, value] as const), problems).names;
}
