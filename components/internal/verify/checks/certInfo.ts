/**
 * Small readers of X.509 fields shared by the certificate checks, so that
 * every message names certificates, dates and hosts the same way.
 */
import { X509Certificate } from "node:crypto";

/** A distinguished name on one line: `CN=app.example.com, O=Example`. */
export function oneLineName(name: string): string {
    return name
        .split("\n")
        .map((part) => part.trim())
        .filter((part) => part !== "")
        .join(", ");
}

/** The common name of a distinguished name, or the whole name on one line when there is none. */
export function commonName(name: string): string {
    const cn = name.split("\n").find((part) => part.startsWith("CN="));
    return cn ?? oneLineName(name);
}

/** The DNS names of the certificate's subjectAltName (no IPs, no CN). */
export function dnsNames(cert: X509Certificate): string[] {
    return (cert.subjectAltName ?? "")
        .split(", ")
        .filter((entry) => entry.startsWith("DNS:"))
        .map((entry) => entry.slice(4));
}

/** The IP addresses of the certificate's subjectAltName. */
export function ipAddresses(cert: X509Certificate): string[] {
    return (cert.subjectAltName ?? "")
        .split(", ")
        .filter((entry) => entry.startsWith("IP Address:"))
        .map((entry) => entry.slice("IP Address:".length));
}

/** An instant as ISO 8601 to the second: `2026-11-30T13:16:55Z`. */
export function isoSeconds(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The certificate's validity end. */
export function notAfter(cert: X509Certificate): Date {
    return new Date(cert.validTo);
}

/** The certificate's validity start. */
export function notBefore(cert: X509Certificate): Date {
    return new Date(cert.validFrom);
}

/** The certificate's fields most messages need, as evidence. */
export function certificateSummary(cert: X509Certificate): Record<string, string | readonly string[]> {
    return {
        subject: oneLineName(cert.subject),
        issuer: oneLineName(cert.issuer),
        names: dnsNames(cert),
        notBefore: isoSeconds(notBefore(cert)),
        notAfter: isoSeconds(notAfter(cert)),
        serial: cert.serialNumber,
        sha256: cert.fingerprint256,
    };
}
