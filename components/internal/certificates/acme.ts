/**
 * ACME facts and defaults, kept in one place: directory URLs of well-known
 * CAs, the key types ACM import and the ALB accept (and the ACME provider
 * offers), server-keyed resource names, the Route 53 DNS-01 settings the
 * provider's solver (lego) reads, and when a certificate will be renewed.
 *
 * Pure: no Pulumi, no I/O. Validation throws `AcmeInputError` naming the input.
 */
import { createHash } from "node:crypto";
import { isoDate } from "./format";

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

/** The ACME server when none is given: staging, so that first runs do not burn production rate limits. */
export const ACME_DEFAULT_SERVER = AcmeServer.LetsEncryptStaging;
/** The account key: ECDSA on P-256, with the curve set explicitly (`tls.PrivateKey` defaults to P-224). */
export const ACME_ACCOUNT_KEY = { algorithm: "ECDSA", ecdsaCurve: "P256" } as const;
/** The certificate key type when none is given. */
export const ACME_DEFAULT_KEY_TYPE = AcmeKeyType.P256;
/** Renew when fewer than this many days are left (checked on every `pulumi up` / refresh). */
export const ACME_DEFAULT_MIN_DAYS_REMAINING = 30;
/** Do not revoke certificates on destroy or replacement (revocation counts against nothing useful and breaks rollbacks). */
export const ACME_DEFAULT_REVOKE_ON_DESTROY = false;
/** The DNS-01 solver the ACME provider uses for Route 53. */
export const ROUTE53_DNS_PROVIDER = "route53";

/** An input the ACME options reject, with the reason and the fix. */
export class AcmeInputError extends Error {
    constructor(
        readonly property: string,
        message: string,
    ) {
        super(message);
        this.name = "AcmeInputError";
    }
}

/** A resolved ACME server. */
export interface ResolvedAcmeServer {
    url: string;
    /** Short, stable name part for server-keyed resources (`letsencrypt-staging`, `acme-1a2b3c4d`). */
    slug: string;
    /** For people: `Let's Encrypt staging`. */
    label: string;
    /** The CA refuses new accounts without external account binding. */
    requiresEab: boolean;
    /** Issues certificates browsers do not trust. */
    staging: boolean;
}

const KNOWN: Record<string, Omit<ResolvedAcmeServer, "url">> = {
    [AcmeServer.LetsEncryptStaging]: { slug: "letsencrypt-staging", label: "Let's Encrypt staging", requiresEab: false, staging: true },
    [AcmeServer.LetsEncryptProduction]: { slug: "letsencrypt", label: "Let's Encrypt", requiresEab: false, staging: false },
    [AcmeServer.ZeroSsl]: { slug: "zerossl", label: "ZeroSSL", requiresEab: true, staging: false },
    [AcmeServer.GoogleTrustServices]: { slug: "google", label: "Google Trust Services", requiresEab: true, staging: false },
    [AcmeServer.GoogleTrustServicesStaging]: { slug: "google-staging", label: "Google Trust Services staging", requiresEab: true, staging: true },
};

/** Resolves `server`: an `AcmeServer` value, the name of one (`LetsEncryptProduction`), or any https directory URL. */
export function resolveAcmeServer(server?: string): ResolvedAcmeServer {
    const given = (server ?? ACME_DEFAULT_SERVER).trim();
    const byName = Object.entries(AcmeServer).find(([key]) => key.toLowerCase() === given.toLowerCase());
    const url = byName ? byName[1] : given;
    const known = KNOWN[url];
    if (known) return { url, ...known };
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        const names = Object.keys(AcmeServer).join(", ");
        throw new AcmeInputError("server", `'${given}' is neither an ACME directory URL nor one of ${names}; pass the CA's RFC 8555 directory URL (https://…/directory).`);
    }
    if (parsed.protocol !== "https:") {
        throw new AcmeInputError("server", `the ACME directory URL must use https (got ${parsed.protocol.replace(":", "")}); ACME clients refuse plain http.`);
    }
    const hash = createHash("sha256").update(url).digest("hex").slice(0, 8);
    return { url, slug: `acme-${hash}`, label: parsed.host, requiresEab: false, staging: false };
}

/** The provider's key type value and ACM's algorithm name for a key type; throws for types ACM or the provider refuse. */
export function resolveAcmeKeyType(keyType?: string): { providerValue: string; acmAlgorithm: string } {
    const acm: Record<string, string> = { P256: "EC_prime256v1", P384: "EC_secp384r1", "2048": "RSA_2048", "4096": "RSA_4096" };
    const given = String(keyType ?? ACME_DEFAULT_KEY_TYPE).trim();
    const byName = Object.entries(AcmeKeyType).find(([key]) => key.toLowerCase() === given.toLowerCase());
    const value = byName ? byName[1] : given.toUpperCase().replace(/^EC-?/, "P").replace(/^P-/, "P");
    if (acm[value]) return { providerValue: value, acmAlgorithm: acm[value] };
    if (/^(RSA)?8192$/.test(value)) {
        throw new AcmeInputError("keyType", "ACM import rejects RSA keys larger than 4096 bits; use AcmeKeyType.RSA4096 (or P256/P384, smaller and faster).");
    }
    if (/^(RSA)?3072$/.test(value)) {
        throw new AcmeInputError("keyType", "the ACME provider does not offer RSA 3072 (it offers P256, P384, 2048, 4096 and 8192); use AcmeKeyType.RSA2048 or AcmeKeyType.RSA4096.");
    }
    throw new AcmeInputError("keyType", `unknown key type '${given}'; use one of AcmeKeyType.P256 (default), P384, RSA2048, RSA4096.`);
}

/** Checks `minDaysRemaining` (a negative value would silently turn renewal off). */
export function validateMinDaysRemaining(days: number): number {
    if (!Number.isInteger(days) || days < 1) {
        throw new AcmeInputError("minDaysRemaining", `minDaysRemaining must be a whole number of days of at least 1 (got ${days}); 0 or less means the certificate is never renewed.`);
    }
    return days;
}

const HOSTNAME = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Checks the names to certify: at least one, valid DNS names (a leading `*.` allowed), no duplicates. */
export function validateAcmeHostnames(hostnames: string[]): string[] {
    if (!Array.isArray(hostnames) || hostnames.length === 0) {
        throw new AcmeInputError("hostnames", "give at least one host name to certify.");
    }
    const bad = hostnames.filter((h) => typeof h !== "string" || !HOSTNAME.test(h));
    if (bad.length > 0) {
        throw new AcmeInputError("hostnames", `not valid host names for a certificate: ${bad.join(", ")} (lower-case DNS names; a wildcard is only a leading '*.').`);
    }
    const dupes = hostnames.filter((h, i) => hostnames.indexOf(h) !== i);
    if (dupes.length > 0) throw new AcmeInputError("hostnames", `host names listed twice: ${[...new Set(dupes)].join(", ")}.`);
    return hostnames;
}

/** Route 53 DNS-01 settings, resolved (the solver reads them as environment-style variables). */
export interface Route53ChallengeSettings {
    region: string;
    /** Hosted zone id of each host name. */
    zoneIds: string[];
    propagationTimeoutSeconds?: number;
    pollingIntervalSeconds?: number;
    profile?: string;
    assumeRoleArn?: string;
}

/**
 * The DNS-01 `config` map for the route53 solver. One zone: pinned with `AWS_HOSTED_ZONE_ID`. Several
 * zones: not pinned (the solver takes one zone for all names), so it finds each name's public hosted
 * zone itself, which needs `route53:ListHostedZonesByName`.
 */
export function route53ChallengeConfig(settings: Route53ChallengeSettings): Record<string, string> {
    const config: Record<string, string> = { AWS_REGION: settings.region };
    const zones = [...new Set(settings.zoneIds.map((z) => z.replace(/^\/hostedzone\//, "")))];
    if (zones.length === 1) config.AWS_HOSTED_ZONE_ID = zones[0];
    if (settings.propagationTimeoutSeconds !== undefined) config.AWS_PROPAGATION_TIMEOUT = String(settings.propagationTimeoutSeconds);
    if (settings.pollingIntervalSeconds !== undefined) config.AWS_POLLING_INTERVAL = String(settings.pollingIntervalSeconds);
    if (settings.profile) config.AWS_PROFILE = settings.profile;
    if (settings.assumeRoleArn) config.AWS_ASSUME_ROLE_ARN = settings.assumeRoleArn;
    return config;
}

/** When the next `pulumi up` (or refresh) will renew: `minDaysRemaining` days before `notAfter`. ISO 8601. */
export function renewAfter(notAfter: string, minDaysRemaining: number): string {
    const end = new Date(notAfter).getTime();
    return isoDate(new Date(end - minDaysRemaining * 24 * 60 * 60 * 1000));
}
