/**
 * Checks on the server certificate itself: key algorithm and size, validity
 * window, host-name coverage, extended key usage, leaf vs CA, self-signed.
 * Each returns one `CheckResult` (pass, warn or fail) with a message that names
 * the problem, the rule and the fix.
 *
 * Pure: no Pulumi, no I/O.
 */
import type { ParsedCertificate } from "./chain";
import { isoDate } from "./format";
import { describeKey, keyAlgorithmProblem } from "./keys";
import { dnsNamesOf, uncoveredHostnames, unusableName } from "./names";
import { DEFAULT_EXPIRY_WARNING_DAYS } from "../../defaults";
export { DEFAULT_EXPIRY_WARNING_DAYS };

/** Outcome of one check. */
export type CheckStatus = "pass" | "warn" | "fail";

/** The input a check is about, for error reporting (`InputPropertiesError` paths, CLI flags). */
export type CertificateProperty = "certificate" | "privateKey" | "chain" | "pfx" | "pfxPassword" | "hostnames";

/** One check's result. `message` never contains key material. */
export interface CheckResult {
    /** Stable identifier, e.g. `validity.end`, `key.match`. */
    id: string;
    status: CheckStatus;
    message: string;
    /** The input at fault (or checked). */
    property: CertificateProperty;
}

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const ANY_EKU = "2.5.29.37.0";
const DAY_MS = 24 * 60 * 60 * 1000;

/** The certificate's notBefore / notAfter as Dates. */
export function validityOf(cert: ParsedCertificate): { notBefore: Date; notAfter: Date } {
    return { notBefore: new Date(cert.x509.validFrom), notAfter: new Date(cert.x509.validTo) };
}

/** Whole days from `now` until `date` (negative when in the past, rounded towards zero). */
export function daysUntil(date: Date, now: Date): number {
    return Math.trunc((date.getTime() - now.getTime()) / DAY_MS);
}

function days(n: number): string {
    return `${n} day${n === 1 ? "" : "s"}`;
}

const result = (id: string, status: CheckStatus, property: CertificateProperty, message: string): CheckResult => ({
    id,
    status,
    property,
    message,
});

/** ACM import and the ALB accept the certificate's key algorithm and size. */
export function checkKeyAlgorithm(leaf: ParsedCertificate): CheckResult {
    const info = describeKey(leaf.x509.publicKey);
    const problem = keyAlgorithmProblem(info);
    if (problem) return result("key.algorithm", "fail", "certificate", problem);
    return result("key.algorithm", "pass", "certificate", `${info.description} key (ACM: ${info.acmAlgorithm}).`);
}

/** The certificate is already valid. */
export function checkNotBefore(leaf: ParsedCertificate, now: Date): CheckResult {
    const { notBefore } = validityOf(leaf);
    if (notBefore.getTime() > now.getTime()) {
        const wait = Math.max(1, Math.ceil((notBefore.getTime() - now.getTime()) / DAY_MS));
        return result(
            "validity.start",
            "fail",
            "certificate",
            `the certificate is not valid yet: it starts on ${isoDate(notBefore)} (in ${days(wait)}); ACM import rejects certificates before their start date. Import it after that date, or ask your CA why it is post-dated.`,
        );
    }
    return result("validity.start", "pass", "certificate", `valid since ${isoDate(notBefore)}.`);
}

/** The certificate has not expired, and does not expire within `warnDays`. */
export function checkNotAfter(leaf: ParsedCertificate, now: Date, warnDays: number): CheckResult {
    const { notAfter } = validityOf(leaf);
    const left = daysUntil(notAfter, now);
    if (notAfter.getTime() <= now.getTime()) {
        return result(
            "validity.end",
            "fail",
            "certificate",
            `the certificate expired on ${isoDate(notAfter)} (${days(-left)} ago); ACM import rejects expired certificates. Renew it with your CA and pass the new files.`,
        );
    }
    if (left < warnDays) {
        return result(
            "validity.end",
            "warn",
            "certificate",
            `the certificate expires on ${isoDate(notAfter)}, in ${days(left)} (warning threshold: ${days(warnDays)}); renew it with your CA soon.`,
        );
    }
    return result("validity.end", "pass", "certificate", `valid until ${isoDate(notAfter)} (${days(left)} left).`);
}

/** Every host name is covered by a DNS name in the certificate. */
export function checkHostnames(leaf: ParsedCertificate, hostnames: string[]): CheckResult {
    const names = dnsNamesOf(leaf.x509);
    const missing = uncoveredHostnames(names, hostnames);
    if (missing.length === 0) return result("hostnames", "pass", "hostnames", `covers ${hostnames.join(", ")}.`);
    const usable = names.filter((n) => !unusableName(n));
    const ignored = names
        .filter((n) => unusableName(n))
        .map((n) => `${n} (${unusableName(n)}, so TLS clients match nothing with it)`);
    const has =
        (usable.length > 0
            ? `it covers ${usable.join(", ")}`
            : `it has no ${ignored.length > 0 ? "usable " : ""}DNS names in subjectAltName (browsers ignore the common name)`) +
        (ignored.length > 0 ? `; it also names ${ignored.join(", ")}` : "");
    return result(
        "hostnames",
        "fail",
        "hostnames",
        `the certificate does not cover ${missing.join(", ")}: ${has}, and a wildcard covers exactly one label. Reissue the certificate with these names, or remove them from the host names.`,
    );
}

/** When the certificate restricts its use (extended key usage), serverAuth is among the uses. */
export function checkExtendedKeyUsage(leaf: ParsedCertificate): CheckResult {
    const usages = leaf.x509.keyUsage; // Node names the extended key usage OIDs `keyUsage`.
    if (!usages || usages.length === 0)
        return result("eku", "pass", "certificate", "no extended key usage restriction.");
    if (usages.includes(SERVER_AUTH) || usages.includes(ANY_EKU))
        return result("eku", "pass", "certificate", "extended key usage includes serverAuth.");
    return result(
        "eku",
        "fail",
        "certificate",
        `the certificate's extended key usage (${usages.join(", ")}) does not include serverAuth (${SERVER_AUTH}), so TLS clients will refuse it for HTTPS. Reissue it as a TLS server certificate.`,
    );
}

/** The certificate is a server (end-entity) certificate, not a CA. */
export function checkIsLeaf(leaf: ParsedCertificate): CheckResult {
    if (leaf.x509.ca && !leaf.selfSigned) {
        return result(
            "certificate.leaf",
            "fail",
            "certificate",
            `'${leaf.subject}' is a CA certificate, not a server certificate; pass the certificate issued for your host names (the chain goes in \`chain\`).`,
        );
    }
    return result("certificate.leaf", "pass", "certificate", `server certificate '${leaf.subject}'.`);
}

/** The certificate is issued by a CA (self-signed only when allowed, for test environments). */
export function checkSelfSigned(leaf: ParsedCertificate, allowSelfSigned: boolean): CheckResult {
    if (!leaf.selfSigned) return result("self-signed", "pass", "certificate", `issued by '${leaf.issuer}'.`);
    if (allowSelfSigned) {
        return result(
            "self-signed",
            "warn",
            "certificate",
            "the certificate is self-signed: browsers will not trust it (allowed for this test environment).",
        );
    }
    return result(
        "self-signed",
        "fail",
        "certificate",
        "the certificate is self-signed, so browsers will not trust it. Use a certificate from a CA, or allow self-signed certificates for test environments (`allowSelfSigned: true`; CLI `--allow-self-signed`).",
    );
}
