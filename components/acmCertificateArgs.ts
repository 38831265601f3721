import type * as pulumi from "@pulumi/pulumi";

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
    /**
     * ARN of an AWS Private CA (`arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>`) to sign a private
     * certificate instead of a public one: no DNS validation, valid 395 days, renewed by ACM after 11 months. The
     * CA must be active and in the load balancer's region; in this account it must grant `acm.amazonaws.com`
     * permission to issue (for renewals), in another account share itself by a resource policy. Clients must
     * trust the CA. Defaults to none (a public certificate from Amazon).
     */
    certificateAuthorityArn?: pulumi.Input<string>;
    /**
     * Logs the certificate in public certificate transparency logs. Browsers refuse publicly trusted certificates
     * that are not logged, so turn it off only for names clients reach without CT checks. Defaults to true (ACM's
     * default).
     */
    certificateTransparencyLogging?: boolean;
    /** Makes the certificate exportable (ACM charges for exportable public certificates). Defaults to false. */
    exportable?: boolean;
}
