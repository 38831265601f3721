/**
 * Argument types of ACM-issued certificates, shared by `AcmCertificate` and
 * `CustomDomain` (`certificate.acm`). Their checks are in `internal/acmOptions.ts`.
 */

/** Key algorithms ACM issues certificates with (ALB accepts all of them). */
export enum AcmKeyAlgorithm {
    /** RSA 2048-bit: the widest client compatibility. */
    RSA_2048 = "RSA_2048",
    /** ECDSA P-256: smaller and faster handshakes; every current browser supports it. */
    EC_prime256v1 = "EC_prime256v1",
    /** ECDSA P-384. */
    EC_secp384r1 = "EC_secp384r1",
}

/** Options of an ACM-issued certificate (the `certificate.acm` field of `CustomDomain`). */
export interface AcmCertificateOptions {
    /** Key algorithm: `RSA_2048`, `EC_prime256v1` or `EC_secp384r1`. Defaults to `RSA_2048`. */
    keyAlgorithm?: AcmKeyAlgorithm;
    /** TTL of the DNS validation CNAME records, in seconds. Defaults to 300. */
    validationRecordTtl?: number;
    /**
     * Keeps the DNS validation CNAMEs in Route 53 when they leave this stack (a name removed, the stack destroyed).
     * ACM uses one validation record per name per account, so set this when another stack or certificate validates
     * the same names: deleting the record here would make ACM's managed renewal of the other certificate fail months later.
     * Defaults to false.
     */
    retainValidationRecords?: boolean;
}
