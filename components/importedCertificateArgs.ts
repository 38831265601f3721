/**
 * Argument types of imported certificates, shared by `ImportedCertificate` and
 * `CustomDomain` (`certificate.pem`). Their checks are in `internal/certificates/pemOptions.ts`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ExpiryAlarmArgs } from "./expiryAlarmArgs";

/**
 * A certificate you already have, as PEM text or a PKCS#12 (PFX) bundle.
 *
 * Values may be plain strings or Pulumi secrets (for example from
 * `pulumi config set --secret`). Give either `certificate` + `privateKey`
 * (+ `chain`) or `pfx` (+ `pfxPassword`).
 */
export interface PemCertificateOptions {
    /**
     * The server certificate in PEM (`-----BEGIN CERTIFICATE-----`). A full chain pasted here (the
     * `fullchain.pem` many CAs hand out) is accepted: the server certificate is picked out and the rest
     * moved to the chain, with a warning.
     */
    certificate?: pulumi.Input<string>;
    /**
     * The certificate's private key in unencrypted PEM (`PRIVATE KEY`, `RSA PRIVATE KEY` or
     * `EC PRIVATE KEY`). Pass it as a secret. An encrypted key is refused with the `openssl` command that
     * decrypts it.
     */
    privateKey?: pulumi.Input<string>;
    /**
     * The intermediate certificates in PEM. Out-of-order chains are reordered, and a copy of the server
     * certificate or a self-signed root in it is dropped, each with a warning. Defaults to none.
     */
    chain?: pulumi.Input<string>;
    /**
     * A PKCS#12 / PFX bundle (`.pfx`, `.p12`: certificate, key and chain in one file, as Windows and IIS
     * export it) as base64 text, e.g. `base64 -w0 bundle.pfx | pulumi config set --secret pfx`. Used instead
     * of `certificate` and `privateKey`; `chain`, when also given, adds certificates to the bundle's.
     */
    pfx?: pulumi.Input<string>;
    /** The PFX bundle's export password. Pass it as a secret. Defaults to none (an empty password). */
    pfxPassword?: pulumi.Input<string>;
    /**
     * Accept a self-signed certificate (browsers will not trust it; for test environments). Defaults to false.
     */
    allowSelfSigned?: boolean;
    /** Warn when the certificate expires within this many days. Defaults to 30. */
    expiryWarningDays?: number;
}

/** Arguments of `ImportedCertificate`. */
export interface ImportedCertificateArgs extends PemCertificateOptions {
    /** Host names the certificate must cover (wildcards cover exactly one label). Defaults to none (not checked). */
    hostnames?: string[];
    /** Tags for the ACM certificate (and the expiry alarm and topic). Defaults to none. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** A CloudWatch alarm on the certificate's days to expiry. Defaults to on, at 30 days, notifying a new SNS topic. */
    expiryAlarm?: ExpiryAlarmArgs;
}
