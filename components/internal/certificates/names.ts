/**
 * Which host names a certificate covers. Browsers match only the DNS names in
 * subjectAltName (the common name is ignored), case-insensitively, and a
 * wildcard `*.example.com` stands for exactly one whole left-most label: it
 * covers `a.example.com`, not `example.com` and not `a.b.example.com`.
 * As in OpenSSL's `X509_check_host` (what `verify` uses), a certificate name
 * with a trailing dot matches nothing, and neither does a wildcard directly
 * over a top-level label (`*.com`).
 *
 * Pure: no Pulumi, no I/O.
 */
import type { X509Certificate } from "node:crypto";

/**
 * Splits Node's `subjectAltName` string (`DNS:a.example.com, DNS:"odd, name", IP Address:10.0.0.1`)
 * into entries, honouring the JSON-style quoting Node uses for values with special characters.
 */
export function splitSubjectAltName(value: string): string[] {
    const entries: string[] = [];
    let current = "";
    let quoted = false;
    for (let i = 0; i < value.length; i++) {
        const ch = value[i];
        if (quoted) {
            if (ch === "\\" && i + 1 < value.length) {
                current += value[++i];
                continue;
            }
            if (ch === '"') {
                quoted = false;
                continue;
            }
            current += ch;
        } else if (ch === '"') {
            quoted = true;
        } else if (ch === "," && value[i + 1] === " ") {
            entries.push(current);
            current = "";
            i++;
        } else {
            current += ch;
        }
    }
    if (current) entries.push(current);
    return entries;
}

/** The DNS names of a certificate (subjectAltName `DNS:` entries, lower-cased, as written otherwise). */
export function dnsNamesOf(x509: X509Certificate): string[] {
    const san = x509.subjectAltName;
    if (!san) return [];
    return splitSubjectAltName(san)
        .filter((entry) => entry.startsWith("DNS:"))
        .map((entry) => entry.slice(4).trim().toLowerCase());
}

/** Why TLS clients ignore a certificate name, or undefined when they do not. */
export function unusableName(certificateName: string): string | undefined {
    const name = certificateName.trim().toLowerCase();
    if (name.endsWith(".")) return "ends with a dot";
    if (name.startsWith("*.") && !name.slice(2).includes(".")) return "is a wildcard over a top-level domain";
    return undefined;
}

/** Lower case, no trailing dot. */
export function normalizeName(name: string): string {
    return name.trim().toLowerCase().replace(/\.$/, "");
}

/**
 * Whether a certificate name (possibly `*.example.com`) covers a host name.
 * A wildcard host name (`*.example.com` asked for an ALB rule) is covered only
 * by the same wildcard. Partial-label wildcards (`a*.example.com`) match nothing
 * but themselves, as in browsers.
 */
export function covers(certificateName: string, hostname: string): boolean {
    if (unusableName(certificateName)) return false;
    const pattern = normalizeName(certificateName);
    const host = normalizeName(hostname);
    if (pattern === host) return true;
    if (!pattern.startsWith("*.") || host.startsWith("*.")) return false;
    const suffix = pattern.slice(1); // ".example.com"
    if (!host.endsWith(suffix)) return false;
    const label = host.slice(0, host.length - suffix.length);
    return label.length > 0 && !label.includes(".") && !label.includes("*");
}

/** The host names that none of the certificate's names covers, in the order given. */
export function uncoveredHostnames(certificateNames: string[], hostnames: string[]): string[] {
    return hostnames.filter((h) => !certificateNames.some((n) => covers(n, h)));
}
