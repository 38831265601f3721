/**
 * Checks of a CA bundle for a load balancer trust store (mutual TLS): the
 * text holds certificates only, every one a CA (basic constraints CA:TRUE; a
 * leaf in a trust store would let anyone holding it act as an issuer, and
 * ELB refuses it), none expired or not yet valid. Reuses the package's own
 * PEM reading (`chain.ts`). Also the checks of one certificate revocation list
 * of the trust store (`crl.ts`).
 */
import { type ParsedCertificate, readCertificates } from "./chain";
import { crlSignedBy, type ParsedCrl, readCrl, subjectDerOf } from "./crl";
import { validityOf } from "./leafChecks";

/** Every reason `pem` (at property path `at`) is not a usable CA bundle at `now`; `[]` when it is. */
export function caBundleProblems(pem: string, at: string, now: Date = new Date()): string[] {
    const { certificates, problem } = readCertificates(pem);
    if (problem) return [`\`${at}\` ${problem}`];
    const problems: string[] = [];
    certificates.forEach((cert, i) => {
        const which = `certificate ${i + 1} of ${certificates.length} ('${cert.subject}')`;
        if (!cert.x509.ca)
            problems.push(
                `\`${at}\` ${which} is not a CA certificate (a leaf): a trust store holds only the root and intermediate CAs that issue client certificates; remove it`,
            );
        const { notBefore, notAfter } = validityOf(cert);
        if (notAfter.getTime() < now.getTime())
            problems.push(`\`${at}\` ${which} expired on ${notAfter.toISOString()}: renew the CA or remove it`);
        if (notBefore.getTime() > now.getTime())
            problems.push(`\`${at}\` ${which} is not valid before ${notBefore.toISOString()}: add it once it is valid`);
    });
    return problems;
}

/**
 * Every reason one CRL (PEM at property path `at`) is not usable in a trust store at `now`: it must parse as one
 * X.509 CRL, its nextUpdate must not be past (RFC 5280 §5.1.2.5: a CRL past its next update is stale — revocations
 * published since are missing from it), and, when `cas` (the trust store's CAs, given inline) is known, one of them
 * must be its issuer (same subject) and verify its signature. Returns the CRL for the list-wide checks.
 */
export function revocationListProblems(
    pem: string,
    at: string,
    cas: ParsedCertificate[] | undefined,
    bundleAt: string,
    now: Date = new Date(),
): { crl?: ParsedCrl; problems: string[] } {
    const { crl, problem } = readCrl(pem);
    if (!crl) return { problems: [`\`${at}\` ${problem}`] };
    const problems: string[] = [];
    if (crl.nextUpdate && crl.nextUpdate.getTime() < now.getTime())
        problems.push(
            `\`${at}\` ('${crl.issuer}') was due for its next update on ${crl.nextUpdate.toISOString()}: a stale CRL misses the revocations published since; give the CA's current CRL`,
        );
    if (cas) {
        const named = cas.filter((ca) => subjectDerOf(ca)?.equals(crl.issuerDer));
        if (named.length === 0)
            problems.push(
                `\`${at}\` is issued by '${crl.issuer}', which is not a CA of \`${bundleAt}\`: give the CRL of one of the trust store's CAs, or add its CA to the bundle`,
            );
        else if (!named.some((ca) => crlSignedBy(crl, ca) !== false))
            problems.push(
                `\`${at}\` names '${crl.issuer}' as its issuer, but its signature does not verify with that CA's key: give the CRL that CA published`,
            );
    }
    return { crl, problems };
}
