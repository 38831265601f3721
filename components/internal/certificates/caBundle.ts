/**
 * Checks of a CA bundle for a load balancer trust store (mutual TLS): the
 * text holds certificates only, every one a CA (basic constraints CA:TRUE; a
 * leaf in a trust store would let anyone holding it act as an issuer, and
 * ELB refuses it), none expired or not yet valid. Reuses the package's own
 * PEM reading (`chain.ts`).
 */
import { readCertificates } from "./chain";
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
