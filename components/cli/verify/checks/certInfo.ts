/**
 * Small readers of X.509 fields shared by the certificate checks, so that
 * every message names certificates, dates and hosts the same way.
 */
import { type X509Certificate } from "node:crypto";
import { isoDate, oneLine } from "../../../internal/certificates/format";
import { splitSubjectAltName } from "../../../internal/certificates/names";

/** The common name of a distinguished name, or the whole name on one line when there is none. */
export function commonName(name: string): string {
    const cn = name.split("\n").find((part) => part.startsWith("CN="));
    return cn ?? oneLine(name);
}

/** The subjectAltName entries of one kind (`DNS:`, `IP Address:`), as written (quoted entries honoured). */
function sanEntries(cert: X509Certificate, prefix: string): string[] {
    return splitSubjectAltName(cert.subjectAltName ?? "")
        .filter((entry) => entry.startsWith(prefix))
        .map((entry) => entry.slice(prefix.length));
}

/** The DNS names of the certificate's subjectAltName (no IPs, no CN). */
export function dnsNames(cert: X509Certificate): string[] {
    return sanEntries(cert, "DNS:");
}

/** The IP addresses of the certificate's subjectAltName. */
export function ipAddresses(cert: X509Certificate): string[] {
    return sanEntries(cert, "IP Address:");
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
        subject: oneLine(cert.subject),
        issuer: oneLine(cert.issuer),
        names: dnsNames(cert),
        notBefore: isoDate(notBefore(cert)),
        notAfter: isoDate(notAfter(cert)),
        serial: cert.serialNumber,
        sha256: cert.fingerprint256,
    };
}
