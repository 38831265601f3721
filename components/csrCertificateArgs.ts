/**
 * Arguments of `CsrCertificate` (and the `certificate.csr` field of `CustomDomain`): a certificate bought from a
 * CA with a certificate signing request made here, so that the private key never leaves the deployment. Their
 * checks are in `internal/rules/csrOptions.ts`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ExpiryAlarmArgs } from "./expiryAlarmArgs";

/** Key types of the generated key that ACM import and the ALB accept. */
export enum CsrKeyType {
    /** ECDSA P-256. The default. */
    P256 = "P256",
    /** ECDSA P-384. */
    P384 = "P384",
    /** RSA 2048, for CAs or clients that need RSA. */
    RSA2048 = "RSA2048",
    /** RSA 3072. */
    RSA3072 = "RSA3072",
    /** RSA 4096. */
    RSA4096 = "RSA4096",
}

/** The CSR's subject, shaped like `@pulumi/tls`'s certificate-request subject. Every field is plain text. */
export interface CsrSubjectArgs {
    /** `CN`, at most 64 characters. Defaults to the first host name of at most 64 characters. */
    commonName?: string;
    /** `O`, the organisation the CA validates for OV/EV certificates. Defaults to none. */
    organization?: string;
    /** `OU`. Defaults to none (CAs no longer include it in certificates). */
    organizationalUnit?: string;
    /** `C`, a two-letter ISO 3166 country code such as `DE`. Defaults to none. */
    country?: string;
    /** `ST`, state or province. Defaults to none. */
    province?: string;
    /** `L`, city. Defaults to none. */
    locality?: string;
    /** `STREET` lines. Defaults to none. */
    streetAddresses?: string[];
    /** `PC`, postal code. Defaults to none. */
    postalCode?: string;
    /** `SERIALNUMBER` (e.g. a company registration number for EV). Defaults to none. */
    serialNumber?: string;
}

/** A certificate bought with a CSR: the key and the CSR are made here, the signed certificate comes back in config. */
export interface CsrCertificateOptions {
    /** The CSR's subject. Defaults to `{ commonName: <first host name> }`. */
    subject?: CsrSubjectArgs;
    /** Key type of the generated key. Defaults to `CsrKeyType.P256`. */
    keyType?: CsrKeyType;
    /**
     * The certificate the CA signed for `certificateSigningRequestPem` (PEM; a full chain is accepted). Leave it
     * out on the first `pulumi up`: until it is given, HTTPS serves a self-signed placeholder for the same key
     * (browsers warn). It is checked against the generated key before it is imported. Defaults to none.
     */
    certificate?: pulumi.Input<string>;
    /** The CA's intermediate certificates in PEM. Defaults to none (or what `certificate` carries after the leaf). */
    chain?: pulumi.Input<string>;
    /**
     * Any text; changing it generates a new key and CSR (re-keying). The placeholder serves until the new
     * certificate is given, so re-key only when needed. Defaults to none (the key is kept across renewals).
     */
    keyRotation?: string;
    /** Warn when the given certificate expires within this many days. Defaults to 30. */
    expiryWarningDays?: number;
}

/** Arguments of `CsrCertificate`. */
export interface CsrCertificateArgs extends CsrCertificateOptions {
    /** Host names in the CSR's subject alternative names (wildcards allowed); the certificate must cover them. */
    hostnames: string[];
    /** Tags for the ACM certificate (and the expiry alarm and topic). Defaults to none. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** A CloudWatch alarm on the certificate's days to expiry. Defaults to on, at 30 days, notifying a new SNS topic. */
    expiryAlarm?: ExpiryAlarmArgs;
}
