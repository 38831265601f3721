/**
 * Arguments of `AcmeCertificate` (and the `certificate.acme` field of
 * `CustomDomain`), readable by Pulumi's schema generator.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ExpiryAlarmArgs } from "./expiryAlarmArgs";

/** ACME directory URLs of well-known CAs. Any other RFC 8555 directory URL works too. */
export enum AcmeServer {
    /** Let's Encrypt staging: certificates browsers do not trust, generous rate limits. The default. */
    LetsEncryptStaging = "https://acme-staging-v02.api.letsencrypt.org/directory",
    /** Let's Encrypt production: trusted certificates, strict rate limits. */
    LetsEncryptProduction = "https://acme-v02.api.letsencrypt.org/directory",
    /** ZeroSSL (needs external account binding). */
    ZeroSsl = "https://acme.zerossl.com/v2/DV90",
    /** Google Trust Services (needs external account binding). */
    GoogleTrustServices = "https://dv.acme-v02.api.pki.goog/directory",
    /** Google Trust Services staging (needs external account binding). */
    GoogleTrustServicesStaging = "https://dv.acme-v02.test-api.pki.goog/directory",
}

/**
 * Certificate key types that the ACME provider offers and ACM import and the ALB accept.
 * (The provider also offers RSA 8192, which ACM import rejects; it does not offer RSA 3072.)
 */
export enum AcmeKeyType {
    /** ECDSA P-256. The default: small, fast, accepted everywhere that matters. */
    P256 = "P256",
    /** ECDSA P-384. */
    P384 = "P384",
    /** RSA 2048, for old clients that cannot do ECDSA. */
    RSA2048 = "2048",
    /** RSA 4096. */
    RSA4096 = "4096",
}

/** External account binding: how commercial ACME CAs (ZeroSSL, Google Trust Services, …) tie an ACME account to yours. */
export interface AcmeExternalAccountBinding {
    /** The EAB key id the CA gave you (ASCII). Required together with `hmacBase64`. */
    keyId: pulumi.Input<string>;
    /**
     * The EAB HMAC key the CA gave you, unpadded base64url as given (RFC 8555 §7.3.4). Required together with
     * `keyId`. Pass it as a secret; it is kept secret everywhere and never printed.
     */
    hmacBase64: pulumi.Input<string>;
}

/** How the DNS-01 challenge is answered: in Route 53 by default, or at another DNS provider. */
export interface AcmeDnsChallengeOptions {
    /**
     * DNS provider of the ACME solver (its lego code, e.g. `cloudflare`, `gcloud`, `azuredns`) for names whose DNS is
     * not in Route 53; its settings go in `config`. Defaults to `route53`.
     */
    provider?: string;
    /**
     * Settings of `provider`, as its documented variables (e.g. `{ CF_DNS_API_TOKEN: … }`). Passed through as a secret.
     * For `route53` they are added to the region and zone settings. Defaults to none.
     */
    config?: Record<string, pulumi.Input<string>>;
    /**
     * AWS region for the Route 53 client of the ACME provider (required by its solver even though Route 53
     * is global). Defaults to the region of the AWS provider this component uses.
     */
    region?: pulumi.Input<string>;
    /**
     * Hosted zone id per host name, for names outside `zoneId`'s zone (keys must be among the host names).
     * When the names span several zones the solver is not pinned to one zone and finds each name's public
     * zone itself (needs `route53:ListHostedZonesByName`). Defaults to `zoneId` for every name.
     */
    zoneIds?: { [hostname: string]: pulumi.Input<string> };
    /** Seconds to wait after each TXT record before asking the CA to validate (applied per name). Defaults to 0. */
    preCheckDelaySeconds?: number;
    /** Resolvers (`host:port`) used to check that TXT records have propagated. Defaults to the system resolvers. */
    recursiveNameservers?: string[];
    /**
     * Skips the check that every authoritative nameserver has the TXT record (the provider's
     * `disableCompletePropagation`), for zones whose secondary nameservers lag. Defaults to false.
     */
    disableCompletePropagation?: boolean;
    /**
     * Seconds to wait after each TXT record instead of checking propagation (the provider's `propagationWait`,
     * per name; not together with `preCheckDelaySeconds`). Defaults to none (propagation is checked).
     */
    propagationWaitSeconds?: number;
    /** Seconds to wait for Route 53 changes to propagate. Defaults to the solver's 2 minutes. */
    propagationTimeoutSeconds?: number;
    /** Seconds between propagation checks. Defaults to the solver's 4 seconds. */
    pollingIntervalSeconds?: number;
    /**
     * AWS profile the ACME provider's Route 53 client uses. Its credentials come from the environment of
     * `pulumi up` (variables, shared config, instance role), not from the Pulumi AWS provider's settings.
     * Defaults to the environment's.
     */
    profile?: pulumi.Input<string>;
    /** IAM role the ACME provider's Route 53 client assumes (e.g. in the account that owns the zone). Defaults to none. */
    assumeRoleArn?: pulumi.Input<string>;
}

/** ACME options: which CA, which account, which key, when to renew. */
export interface AcmeCertificateOptions {
    /**
     * The CA: an `AcmeServer` value (or its name, e.g. `LetsEncryptProduction`) or any RFC 8555 directory
     * URL (a private CA, a local test CA). Defaults to Let's Encrypt **staging**, whose certificates browsers
     * do not trust: switch to `AcmeServer.LetsEncryptProduction` once a staging run works. Switching creates a
     * new account key, provider and registration for the new server instead of changing the old ones.
     */
    server?: string;
    /**
     * Contact e-mail for the ACME account: one bare mailbox (`ops@yourdomain.com`, no display name, no
     * `mailto:`, which the ACME client adds). Let's Encrypt refuses example.com/net/org. Defaults to none
     * (Let's Encrypt no longer sends expiry e-mails).
     */
    email?: string;
    /** External account binding; required by ZeroSSL and Google Trust Services. Defaults to none. */
    externalAccountBinding?: AcmeExternalAccountBinding;
    /** Certificate key type. Defaults to `AcmeKeyType.P256`. RSA 8192 is refused (ACM import rejects it). */
    keyType?: AcmeKeyType;
    /**
     * Renew at the next `pulumi up` once at most this many whole days are left. Defaults to following the
     * certificate's lifetime (the provider's `minDaysDynamic`): a third of it, or half for lifetimes of 10 days or
     * less, so 30 days for a 90-day certificate, 15 for a 45-day one and 3 for a 6-day one.
     */
    minDaysRemaining?: number;
    /**
     * Also renew inside the renewal window the CA suggests through ACME Renewal Information (ARI, RFC 9773), e.g.
     * early when it plans a mass revocation; `minDaysRemaining` still applies when the CA has no ARI. Defaults to false.
     */
    useRenewalInfo?: boolean;
    /**
     * With `useRenewalInfo`, how many seconds `pulumi up` may wait for the time the provider picked in the CA's
     * window (0 to 900). Defaults to 0 (renew at the first run after that time).
     */
    renewalInfoMaxSleepSeconds?: number;
    /**
     * Lifetime to ask the CA for, in days (not every CA honours it; Let's Encrypt does not). Must exceed
     * `minDaysRemaining`. Defaults to the CA's lifetime.
     */
    validityDays?: number;
    /** How the DNS-01 challenge is answered in Route 53. Defaults to the zone `zoneId` and the AWS provider's region. */
    dnsChallenge?: AcmeDnsChallengeOptions;
    /** Revoke the certificate when it is destroyed or replaced. Defaults to false. */
    revokeOnDestroy?: boolean;
    /** Common name of the root of an alternate chain the CA offers (e.g. `ISRG Root X1`). Defaults to the CA's default chain. */
    preferredChain?: string;
    /** ACME profile (e.g. Let's Encrypt's `tlsserver` or `shortlived`). Defaults to the CA's default profile. */
    profile?: string;
}

/** Arguments of `AcmeCertificate`. */
export interface AcmeCertificateArgs extends AcmeCertificateOptions {
    /**
     * Host names to certify (the first is the primary name; wildcards like `*.example.com` allowed; case and
     * one trailing dot are normalised). No IP addresses: DNS-01 cannot validate them.
     */
    hostnames: string[];
    /** Route 53 hosted zone id where the DNS-01 TXT records go, for every name not in `dnsChallenge.zoneIds`. Not used with another `dnsChallenge.provider`. */
    zoneId?: pulumi.Input<string>;
    /**
     * The private key (PEM, secret) of an ACME account already registered on the same `server`, e.g. another
     * `AcmeCertificate`'s `accountKeyPem`: no new account key or registration is created. Defaults to a new account.
     */
    accountKeyPem?: pulumi.Input<string>;
    /** Tags for the imported ACM certificate (and the expiry alarm and topic). Defaults to none. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * A CloudWatch alarm on the certificate's days to expiry. Defaults to on, at half the renewal window
     * (`renewalThresholdDays` / 2), notifying a new SNS topic.
     */
    expiryAlarm?: ExpiryAlarmArgs;
}
