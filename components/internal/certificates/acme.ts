/**
 * ACME facts and defaults, kept in one place: directory URLs of well-known
 * CAs, the key types ACM import and the ALB accept (and the ACME provider
 * offers), server-keyed resource names, the Route 53 DNS-01 settings the
 * provider's solver (lego) reads, and when a certificate will be renewed.
 *
 * No resources, no I/O. Validation records problems with their property
 * path (`checkAcmeOptions`), so that `AcmeCertificate` and `CustomDomain`
 * report the same rules under their own paths in one error.
 */
import { createHash } from "node:crypto";
import { AcmeKeyType, AcmeServer } from "../../acmeCertificateArgs";
import type { AcmeCertificateOptions } from "../../acmeCertificateArgs";
import { checkNameEntries, checkNameList, isIpAddress, normalizeHostname } from "../rules/hostnames";
import { mailboxProblem } from "../rules/mailbox";
import { isRecord, wrongType } from "../rules/inputTypes";
import { knownNow, quote } from "../rules/problems";
import { isoDate } from "./format";
import {
    ACME_DEFAULT_SERVER,
    ACME_DEFAULT_KEY_TYPE,
    ACME_DEFAULT_MIN_DAYS_REMAINING,
    ACME_DEFAULT_REVOKE_ON_DESTROY,
} from "../../defaults";
export { ACME_DEFAULT_SERVER, ACME_DEFAULT_KEY_TYPE, ACME_DEFAULT_MIN_DAYS_REMAINING, ACME_DEFAULT_REVOKE_ON_DESTROY };

export { AcmeKeyType, AcmeServer };

/** The account key: ECDSA on P-256, with the curve set explicitly (`tls.PrivateKey` defaults to P-224). */
export const ACME_ACCOUNT_KEY = { algorithm: "ECDSA", ecdsaCurve: "P256" } as const;
/** The DNS-01 solver the ACME provider uses for Route 53. */
export const ROUTE53_DNS_PROVIDER = "route53";

/** Anything that records problems (`Problems`, or a test double). */
interface ProblemSink {
    add(path: string, reason: string): void;
}

/** `at.field`, or `field` at the top level. */
function under(at: string, field: string): string {
    return at ? `${at}.${field}` : field;
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
    [AcmeServer.LetsEncryptStaging]: {
        slug: "letsencrypt-staging",
        label: "Let's Encrypt staging",
        requiresEab: false,
        staging: true,
    },
    [AcmeServer.LetsEncryptProduction]: {
        slug: "letsencrypt",
        label: "Let's Encrypt",
        requiresEab: false,
        staging: false,
    },
    [AcmeServer.ZeroSsl]: { slug: "zerossl", label: "ZeroSSL", requiresEab: true, staging: false },
    [AcmeServer.GoogleTrustServices]: {
        slug: "google",
        label: "Google Trust Services",
        requiresEab: true,
        staging: false,
    },
    [AcmeServer.GoogleTrustServicesStaging]: {
        slug: "google-staging",
        label: "Google Trust Services staging",
        requiresEab: true,
        staging: true,
    },
};

/**
 * Resolves `server`: an `AcmeServer` value, the name of one (`LetsEncryptProduction`), or any https
 * directory URL. Records why not at `path` and returns `undefined` when it is none of these.
 */
export function checkAcmeServer(
    server: unknown,
    problems: ProblemSink,
    path = "server",
): ResolvedAcmeServer | undefined {
    if (server !== undefined && typeof server !== "string") {
        problems.add(
            path,
            wrongType(
                path,
                server,
                "a string",
                "give an AcmeServer value (e.g. AcmeServer.LetsEncryptProduction) or the CA's https directory URL",
            ),
        );
        return undefined;
    }
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
        problems.add(
            path,
            `${quote(path, given)} is neither an ACME directory URL nor one of ${names}: pass the CA's RFC 8555 directory URL (https://…/directory)`,
        );
        return undefined;
    }
    // RFC 8555 §6.1: every ACME request is an HTTPS request.
    if (parsed.protocol !== "https:") {
        problems.add(
            path,
            `${quote(path, given)} uses ${parsed.protocol.replace(":", "")}: ACME runs over HTTPS only (RFC 8555 §6.1); use the CA's https directory URL`,
        );
        return undefined;
    }
    const hash = createHash("sha256").update(url).digest("hex").slice(0, 8);
    return { url, slug: `acme-${hash}`, label: parsed.host, requiresEab: false, staging: false };
}

/** `checkAcmeServer` without a property: the resolved server, or `undefined` when it is not one. */
export function resolveAcmeServer(server?: string): ResolvedAcmeServer | undefined {
    return checkAcmeServer(server, { add: () => undefined });
}

const ACM_ALGORITHM_OF_KEY_TYPE: Record<string, string> = {
    P256: "EC_prime256v1",
    P384: "EC_secp384r1",
    "2048": "RSA_2048",
    "4096": "RSA_4096",
};
const KEY_TYPE_FIX = "use one of AcmeKeyType.P256 (default), P384, RSA2048, RSA4096";

/**
 * The provider's key type value and ACM's algorithm name for a key type. The provider offers P256, P384,
 * 2048, 4096 and 8192 (@pulumiverse/acme `Certificate.keyType`); ACM import takes RSA up to 4096 bits.
 */
export function checkAcmeKeyType(
    keyType: unknown,
    problems: ProblemSink,
    path = "keyType",
): { providerValue: string; acmAlgorithm: string } | undefined {
    if (keyType !== undefined && typeof keyType !== "string" && typeof keyType !== "number") {
        problems.add(path, wrongType(path, keyType, "a key type", KEY_TYPE_FIX));
        return undefined;
    }
    const given = String(keyType ?? ACME_DEFAULT_KEY_TYPE).trim();
    const byName = Object.entries(AcmeKeyType).find(([key]) => key.toLowerCase() === given.toLowerCase());
    const value = byName ? byName[1] : given.toUpperCase().replace(/^EC-?/, "P").replace(/^P-/, "P");
    if (ACM_ALGORITHM_OF_KEY_TYPE[value])
        return { providerValue: value, acmAlgorithm: ACM_ALGORITHM_OF_KEY_TYPE[value] };
    if (/^(RSA)?8192$/.test(value)) {
        problems.add(
            path,
            `${quote(path, given)} is RSA 8192, which ACM import rejects (RSA keys larger than 4096 bits): use AcmeKeyType.RSA4096 (or P256/P384, smaller and faster)`,
        );
    } else if (/^(RSA)?3072$/.test(value)) {
        problems.add(
            path,
            `${quote(path, given)} is RSA 3072, which the ACME provider does not offer (it offers P256, P384, 2048, 4096 and 8192): use AcmeKeyType.RSA2048 or AcmeKeyType.RSA4096`,
        );
    } else {
        problems.add(path, `${quote(path, given)} is not a key type: ${KEY_TYPE_FIX}`);
    }
    return undefined;
}

/**
 * Checks `minDaysRemaining`: the provider never renews below 0 and only after expiry at 0
 * (@pulumiverse/acme `Certificate.minDaysRemaining`), so anything under 1 turns renewal off.
 */
function checkMinDays(days: unknown, problems: ProblemSink, path: string): number | undefined {
    if (typeof days !== "number") {
        problems.add(
            path,
            wrongType(path, days, "a number", `give whole days, e.g. ${ACME_DEFAULT_MIN_DAYS_REMAINING}`),
        );
        return undefined;
    }
    if (!Number.isInteger(days) || days < 1) {
        problems.add(
            path,
            `${quote(path, days)} is not a whole number of days of at least 1: below 1 the certificate is renewed only after it expires, or never; use e.g. ${ACME_DEFAULT_MIN_DAYS_REMAINING}, or leave it out to renew at a third of the certificate's lifetime`,
        );
        return undefined;
    }
    return days;
}

/** Lifetime in days of Let's Encrypt's `shortlived` profile (about 160 hours). */
const SHORTLIVED_DAYS = 6;

/**
 * Domains Let's Encrypt refuses in contact addresses: the RFC 2606 §3 example domains
 * (boulder, policy/pa.go `forbiddenMailDomains`, checked by `ValidEmail`).
 */
const LETS_ENCRYPT_FORBIDDEN_MAIL_DOMAINS = new Set(["example.com", "example.net", "example.org"]);
/** Why `email` is not one contact address the ACME account can take, or `undefined`. */
function emailProblem(email: unknown, path: string, server: ResolvedAcmeServer | undefined): string | undefined {
    const problem = mailboxProblem(email, path);
    if (problem) return problem;
    const domain = normalizeHostname(String(email).trim().split("@").pop()!);
    if (server?.slug.startsWith("letsencrypt") && LETS_ENCRYPT_FORBIDDEN_MAIL_DOMAINS.has(domain)) {
        return `${quote(path, email)} is at ${domain}, a documentation domain (RFC 2606) that Let's Encrypt refuses for contact addresses: give a mailbox at a domain that receives mail, or leave \`${path}\` out`;
    }
    return undefined;
}

/** Unpadded base64url, as lego decodes the EAB HMAC key (`base64.RawURLEncoding`, which skips CR/LF). */
function hmacProblem(hmac: string, path: string): string | undefined {
    const text = hmac.replace(/[\r\n]/g, "");
    const fix = "copy the HMAC key exactly as the CA shows it";
    if (text === "") return `\`${path}\` is empty: ${fix}`;
    if (/^[A-Za-z0-9_-]+=+$/.test(text)) {
        return `\`${path}\` ends in '=' padding, which the ACME provider cannot decode: it reads unpadded base64url (RFC 8555 §7.3.4, lego's base64.RawURLEncoding); remove the trailing '='`;
    }
    if (/^[A-Za-z0-9+/_-]+=*$/.test(text) && /[+/]/.test(text)) {
        return `\`${path}\` is standard base64 ('+' or '/'), not base64url: the ACME provider decodes unpadded base64url (RFC 8555 §7.3.4); ${fix}`;
    }
    if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) {
        return `\`${path}\` is not base64url: the ACME provider decodes it as unpadded base64url, letters, digits, '-' and '_' (RFC 8555 §7.3.4); ${fix}`;
    }
    return undefined;
}

/**
 * External account binding: `keyId` and `hmacBase64` together (terraform-provider-acme's
 * `external_account_binding` requires both `key_id` and `hmac_base64`). RFC 8555 §7.3.4: the key id is
 * an ASCII string, the MAC key should be given base64url-encoded. Plain values only; the HMAC key is a
 * secret and never appears in a message.
 */
function checkEab(eab: unknown, problems: ProblemSink, path: string): void {
    if (!isRecord(eab)) {
        problems.add(path, wrongType(path, eab, "an object", "give { keyId, hmacBase64 } as the CA shows them"));
        return;
    }
    const both = "external account binding needs both `keyId` and `hmacBase64` from the CA";
    const keyIdPath = `${path}.keyId`;
    const hmacPath = `${path}.hmacBase64`;
    if (eab.keyId === undefined || eab.keyId === null) {
        problems.add(keyIdPath, `\`${keyIdPath}\` is missing: ${both}`);
    } else {
        const keyId = knownNow(eab.keyId as string);
        if (keyId !== undefined && typeof keyId !== "string") {
            problems.add(keyIdPath, wrongType(keyIdPath, keyId, "a string", "give the key id the CA shows"));
        } else if (keyId !== undefined && keyId.trim() === "") {
            problems.add(keyIdPath, `\`${keyIdPath}\` is empty: ${both}`);
        } else if (keyId !== undefined && /[^\x21-\x7e]/.test(keyId)) {
            problems.add(
                keyIdPath,
                `${quote(keyIdPath, keyId)} is not printable ASCII: RFC 8555 §7.3.4 key ids are ASCII strings; copy it exactly as the CA shows it`,
            );
        }
    }
    if (eab.hmacBase64 === undefined || eab.hmacBase64 === null) {
        problems.add(hmacPath, `\`${hmacPath}\` is missing: ${both}`);
    } else {
        const hmac = knownNow(eab.hmacBase64 as string);
        if (hmac !== undefined && typeof hmac !== "string") {
            problems.add(
                hmacPath,
                wrongType(hmacPath, hmac, "a string", "give the HMAC key the CA shows, as a secret"),
            );
        } else if (hmac !== undefined) {
            const problem = hmacProblem(hmac, hmacPath);
            if (problem) problems.add(hmacPath, problem);
        }
    }
}

/** `field` of `options` is `type` or absent; else records a wrong-type problem. */
function checkOptionalType(
    options: Record<string, unknown>,
    field: string,
    type: "string" | "boolean" | "number",
    problems: ProblemSink,
    at: string,
    fix: string,
): void {
    const value = options[field];
    if (value === undefined || typeof value === type) return;
    const path = under(at, field);
    problems.add(path, wrongType(path, value, `a ${type}`, fix));
}

/** What `checkAcmeOptions` resolved (each `undefined` when its input was refused). */
export interface CheckedAcmeOptions {
    server?: ResolvedAcmeServer;
    keyType?: { providerValue: string; acmAlgorithm: string };
    /** The static renewal threshold; `undefined` with the lifetime-following default (or when refused). */
    minDays?: number;
    /** No `minDaysRemaining` given: the provider's `minDaysDynamic` (a third of the lifetime, half up to 10 days). */
    dynamic: boolean;
}

/**
 * Checks the ACME options (plain values only; values that are `Output`s are left to the provider) and
 * records each problem at `at` + the field (`certificate.acme.email`), so that `AcmeCertificate` (at `""`)
 * and `CustomDomain` (at `certificate.acme`) report the same rules. `accountKeyPem` (an account already
 * registered) lifts the external-account-binding requirement.
 */
export function checkAcmeOptions(
    options: AcmeCertificateOptions & { accountKeyPem?: unknown },
    problems: ProblemSink,
    at = "",
): CheckedAcmeOptions {
    if (!isRecord(options)) {
        problems.add(
            at || "args",
            wrongType(
                at || "args",
                options,
                "an object",
                "give the ACME options as an object, e.g. { server: 'LetsEncryptProduction' }",
            ),
        );
        return { dynamic: false };
    }
    const o = options as Record<string, unknown>;
    const server = checkAcmeServer(options.server, problems, under(at, "server"));
    const keyType = checkAcmeKeyType(options.keyType, problems, under(at, "keyType"));
    const minDaysPath = under(at, "minDaysRemaining");
    const dynamic = options.minDaysRemaining === undefined;
    const minDays = dynamic ? undefined : checkMinDays(options.minDaysRemaining, problems, minDaysPath);
    if (options.profile === "shortlived" && minDays !== undefined && minDays >= SHORTLIVED_DAYS) {
        problems.add(
            minDaysPath,
            `${quote(minDaysPath, minDays)} renews on every run with the 'shortlived' profile, whose certificates are valid for about ${SHORTLIVED_DAYS} days, and soon hits the CA's duplicate-certificate limit (5 per week): set \`${minDaysPath}\` to 3 and run \`pulumi up\` at least daily`,
        );
    }

    if (options.email !== undefined) {
        const problem = emailProblem(knownNow(options.email), under(at, "email"), server);
        if (problem && knownNow(options.email) !== undefined) problems.add(under(at, "email"), problem);
    }

    const eabPath = under(at, "externalAccountBinding");
    if (options.externalAccountBinding !== undefined) {
        checkEab(options.externalAccountBinding, problems, eabPath);
    } else if (server?.requiresEab && options.accountKeyPem === undefined) {
        problems.add(
            eabPath,
            `\`${eabPath}\` is missing: ${server.label} requires external account binding; create EAB credentials in your ${server.label} account and pass them as \`${eabPath}\` { keyId, hmacBase64 } (the HMAC key as a secret)`,
        );
    }

    const dnsPath = under(at, "dnsChallenge");
    const dns = options.dnsChallenge;
    if (dns !== undefined && !isRecord(dns)) {
        problems.add(
            dnsPath,
            wrongType(dnsPath, dns, "an object", "give { provider, config, … }, or leave it out for Route 53"),
        );
    } else if (dns !== undefined) {
        const providerPath = `${dnsPath}.provider`;
        if (dns.provider !== undefined && typeof dns.provider !== "string") {
            problems.add(
                providerPath,
                wrongType(
                    providerPath,
                    dns.provider,
                    "a string",
                    "use the ACME solver's code in lower case, e.g. 'route53' or 'cloudflare'",
                ),
            );
        } else if (dns.provider !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(dns.provider)) {
            problems.add(
                providerPath,
                `${quote(providerPath, dns.provider)} is not a DNS provider code: use the ACME solver's code in lower case, e.g. 'route53' or 'cloudflare'`,
            );
        }
        checkOptionalType(dns, "disableCompletePropagation", "boolean", problems, dnsPath, "give true or false");
        const waitPath = `${dnsPath}.propagationWaitSeconds`;
        const wait = dns.propagationWaitSeconds;
        if (wait !== undefined && (typeof wait !== "number" || !Number.isInteger(wait) || wait < 0)) {
            problems.add(waitPath, `${quote(waitPath, wait)} is not a whole number of seconds of at least 0`);
        } else if (wait !== undefined && dns.preCheckDelaySeconds !== undefined) {
            // resource_acme_certificate.go: "propagation_wait" ConflictsWith "pre_check_delay".
            problems.add(
                waitPath,
                `\`${waitPath}\` is set together with \`${dnsPath}.preCheckDelaySeconds\`: the ACME provider takes one of them (a fixed wait instead of propagation checks, or a delay after them); drop one`,
            );
        }
        for (const field of ["config", "zoneIds"] as const) {
            const value = dns[field];
            if (value !== undefined && !isRecord(value)) {
                problems.add(
                    `${dnsPath}.${field}`,
                    wrongType(
                        `${dnsPath}.${field}`,
                        value,
                        "an object",
                        field === "config"
                            ? "give the provider's settings as { NAME: value }"
                            : "give { 'host.example.com': zoneId }",
                    ),
                );
            }
        }
    }
    checkOptionalType(o, "profile", "string", problems, at, "give the CA's profile name, e.g. 'tlsserver'");
    checkOptionalType(
        o,
        "preferredChain",
        "string",
        problems,
        at,
        "give the common name of the root, e.g. 'ISRG Root X1'",
    );
    checkOptionalType(o, "revokeOnDestroy", "boolean", problems, at, "give true or false");
    checkRenewalOptions(o, minDays, problems, at);
    return { server, keyType, minDays, dynamic };
}

/**
 * The names to certify: valid DNS names (normalised; a leading `*.` allowed), none repeated, and no IP
 * address — this component validates by DNS-01 only, and RFC 8738 §7 says "dns-01" MUST NOT be used to
 * validate IP identifiers (boulder offers IP identifiers only http-01 and tls-alpn-01, policy/pa.go
 * `ChallengeTypesFor`).
 */
export function checkAcmeHostnames(raw: unknown, problems: ProblemSink, property = "hostnames"): string[] {
    if (!Array.isArray(raw) || raw.length === 0)
        return checkNameList(raw as string[], problems, property, "give at least one host name to certify");
    const entries: (readonly [string, string])[] = [];
    raw.forEach((value, i) => {
        const path = `${property}[${i}]`;
        if (typeof value === "string" && isIpAddress(normalizeHostname(value.trim()))) {
            problems.add(
                path,
                `${quote(path, value)} is an IP address: this component proves control by DNS-01 only, which cannot validate IP addresses (RFC 8738 §7); certify a DNS name instead`,
            );
        } else {
            entries.push([path, value]);
        }
    });
    return checkNameEntries(entries, problems).names;
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
    if (settings.propagationTimeoutSeconds !== undefined)
        config.AWS_PROPAGATION_TIMEOUT = String(settings.propagationTimeoutSeconds);
    if (settings.pollingIntervalSeconds !== undefined)
        config.AWS_POLLING_INTERVAL = String(settings.pollingIntervalSeconds);
    if (settings.profile) config.AWS_PROFILE = settings.profile;
    if (settings.assumeRoleArn) config.AWS_ASSUME_ROLE_ARN = settings.assumeRoleArn;
    return config;
}

/** One day in milliseconds. */
const DAY_MS = 86_400_000;

/**
 * The renewal threshold in whole days, as terraform-provider-acme decides it
 * (acme/resource_acme_certificate.go `resourceACMECertificateHasExpired`): the static `minDaysRemaining`, or with
 * `minDaysDynamic` a third of the lifetime (a half for lifetimes of 10 days or less), the lifetime being
 * `notAfter − notBefore` rounded to the hour, in days (acme/acme_structure.go `certLifetimeDays`).
 */
export function renewalThresholdDays(minDays: number | undefined, notBefore: string, notAfter: string): number {
    if (minDays !== undefined) return minDays;
    const hours = Math.round((Date.parse(notAfter) - Date.parse(notBefore)) / 3_600_000);
    const lifetime = hours / 24;
    return Math.floor(lifetime * (lifetime <= 10 ? 0.5 : 1 / 3));
}

/**
 * From when the next `pulumi up` (or refresh) renews, ISO 8601. The provider renews when the whole days left,
 * `floor(seconds left / 86400)` (`certDaysRemaining`), are at most the threshold, that is once fewer than
 * threshold + 1 days are left: `notAfter − (threshold + 1) days`. With ACME Renewal Information, the time the
 * provider picked in the CA's window (`renewalInfoWindowSelected`) when that is earlier.
 */
export function renewAfter(notAfter: string, thresholdDays: number, renewalInfoSelected?: string): string {
    const byThreshold = Date.parse(notAfter) - (thresholdDays + 1) * DAY_MS;
    const ari = renewalInfoSelected ? Date.parse(renewalInfoSelected) : NaN;
    return isoDate(new Date(Number.isNaN(ari) ? byThreshold : Math.min(ari, byThreshold)));
}

/** Most seconds the provider sleeps to reach an ARI renewal time (resource_acme_certificate.go `renewal_info_max_sleep` IntBetween(0, 900)). */
export const MAX_RENEWAL_INFO_SLEEP_SECONDS = 900;

/**
 * ARI, validity and OCSP options, checked as the provider checks them (resource_acme_certificate.go schema and
 * CustomizeDiff), and `mustStaple`, which is refused.
 */
function checkRenewalOptions(
    o: Record<string, unknown>,
    minDays: number | undefined,
    problems: ProblemSink,
    at: string,
): void {
    checkOptionalType(o, "useRenewalInfo", "boolean", problems, at, "give true or false");
    const sleepPath = under(at, "renewalInfoMaxSleepSeconds");
    const sleep = o.renewalInfoMaxSleepSeconds;
    if (
        sleep !== undefined &&
        (typeof sleep !== "number" || !Number.isInteger(sleep) || sleep < 0 || sleep > MAX_RENEWAL_INFO_SLEEP_SECONDS)
    ) {
        problems.add(
            sleepPath,
            `${quote(sleepPath, sleep)} is not a whole number of seconds from 0 to ${MAX_RENEWAL_INFO_SLEEP_SECONDS}: the ACME provider sleeps at most 15 minutes to reach the CA's renewal time`,
        );
    } else if (sleep !== undefined && o.useRenewalInfo !== true) {
        problems.add(
            sleepPath,
            `\`${sleepPath}\` is set but \`${under(at, "useRenewalInfo")}\` is not true: it only applies to ACME Renewal Information; set \`useRenewalInfo: true\`, or drop it`,
        );
    }
    const validityPath = under(at, "validityDays");
    const validity = o.validityDays;
    if (validity !== undefined && (typeof validity !== "number" || !Number.isInteger(validity) || validity < 1)) {
        problems.add(validityPath, `${quote(validityPath, validity)} is not a whole number of days of at least 1`);
    } else if (typeof validity === "number" && minDays !== undefined && validity <= minDays) {
        problems.add(
            validityPath,
            `${quote(validityPath, validity)} is within \`${under(at, "minDaysRemaining")}\` (${minDays}): every run would renew the certificate (the ACME provider refuses it); lower \`minDaysRemaining\`, or leave it out to follow the lifetime`,
        );
    }
    if (o.mustStaple !== undefined) {
        const path = under(at, "mustStaple");
        problems.add(
            path,
            `\`${path}\` is not supported: an Application Load Balancer does not staple OCSP responses, so browsers that enforce must-staple would refuse the certificate; leave it out`,
        );
    }
}
