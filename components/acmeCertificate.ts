import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { TYPE_PREFIX } from "./defaults";
import * as tls from "@pulumi/tls";
import * as acme from "@pulumiverse/acme";
import { X509Certificate } from "node:crypto";
import {
    ACME_ACCOUNT_KEY,
    ACME_DEFAULT_REVOKE_ON_DESTROY,
    AcmeKeyType,
    AcmeServer,
    checkAcmeHostnames,
    checkAcmeOptions,
    renewAfter,
    renewalThresholdDays,
    route53ChallengeConfig,
    ROUTE53_DNS_PROVIDER,
} from "./internal/certificates/acme";
import { isoDate, oneLine } from "./internal/certificates/format";
import { normalizeHostname } from "./internal/rules/hostnames";
import { isRecord } from "./internal/rules/inputTypes";
import { Problems, quote } from "./internal/rules/problems";
import { acmeAlarmDays, checkExpiryAlarm } from "./internal/rules/expiryAlarm";
import { createCertificateAlarm } from "./internal/build/expiryAlarms";
import type { AcmeCertificateArgs } from "./acmeCertificateArgs";

export { AcmeKeyType, AcmeServer };
export type {
    AcmeCertificateArgs,
    AcmeCertificateOptions,
    AcmeDnsChallengeOptions,
    AcmeExternalAccountBinding,
} from "./acmeCertificateArgs";

/** What to do when an ACME certificate's expiry alarm fires. */
export const ACME_ALARM_ADVICE =
    "It should have been renewed by a scheduled `pulumi up`: check that the pipeline runs and read its last log (DNS-01 credentials, CA rate limits).";

/**
 * Checks every plain input (the shared ACME option rules, then this component's names and zones) and
 * throws one InputPropertiesError naming each problem. Runs before the component registers.
 */
function validate(name: string, args: AcmeCertificateArgs) {
    const problems = new Problems();
    const hostnames = checkAcmeHostnames(isRecord(args) ? args.hostnames : undefined, problems);
    const { server, keyType, minDays, dynamic } = checkAcmeOptions(args, problems);
    const alarm = checkExpiryAlarm(isRecord(args) ? args.expiryAlarm : undefined, problems, "expiryAlarm", {
        onByDefault: true,
        renewal: minDays === undefined ? undefined : { days: minDays, path: "minDaysRemaining" },
    });
    const dns = isRecord(args?.dnsChallenge) ? args.dnsChallenge : {};
    // Zone ids by normalised name, so that `App.Example.com` finds the zone given for `app.example.com`.
    const zoneIds = new Map<string, pulumi.Input<string>>(
        Object.entries((isRecord(dns.zoneIds) ? dns.zoneIds : {}) as Record<string, pulumi.Input<string>>).map(
            ([host, id]) => [normalizeHostname(host), id] as const,
        ),
    );
    const given = new Set(
        (Array.isArray(args?.hostnames) ? args.hostnames : [])
            .filter((h) => typeof h === "string")
            .map(normalizeHostname),
    );
    if ((dns.provider ?? ROUTE53_DNS_PROVIDER) === ROUTE53_DNS_PROVIDER && isRecord(args)) {
        const unzoned = hostnames.filter((h) => zoneIds.get(h) === undefined && args.zoneId === undefined);
        if (unzoned.length > 0) {
            problems.add(
                "zoneId",
                `\`zoneId\` is missing: no Route 53 hosted zone for ${unzoned.join(", ")}; set \`zoneId\` (or \`dnsChallenge.zoneIds\`), or answer DNS-01 at another provider with \`dnsChallenge.provider\``,
            );
        }
    }
    for (const host of Object.keys(isRecord(dns.zoneIds) ? dns.zoneIds : {})) {
        if (!given.has(normalizeHostname(host))) {
            problems.add(
                "dnsChallenge.zoneIds",
                `${quote("dnsChallenge.zoneIds", host)} is not among \`hostnames\`: give zone ids only for names this certificate covers`,
            );
        }
    }
    problems.throwIfAny("AcmeCertificate", name);
    return { hostnames, zoneIds, server: server!, keyType: keyType!, minDays, dynamic, alarm };
}

/**
 * A certificate from an ACME CA (Let's Encrypt by default, staging unless asked otherwise), validated by
 * DNS-01 in Route 53 and imported into ACM.
 *
 * Children: an ECDSA P-256 account key, an explicit ACME provider for the server, a registration, the ACME
 * certificate, and the ACM import. Account key, registration and provider are named after the server, so
 * moving from staging to production creates new ones rather than changing the old ones in place.
 * Renewals re-import into the same ACM ARN, so the listener never changes.
 *
 * Renewal happens only when `pulumi up` runs while fewer than `minDaysRemaining` days are left: run it on a
 * schedule (daily is good) and watch `renewAfter`.
 */
export class AcmeCertificate extends pulumi.ComponentResource {
    /** ARN of the imported ACM certificate: issued on import, safe to attach to a listener. */
    public readonly certificateArn: pulumi.Output<string>;
    /** End of the certificate's validity, ISO 8601. */
    public readonly notAfter: pulumi.Output<string>;
    /**
     * From this time on, the next `pulumi up` renews the certificate, ISO 8601: once at most `renewalThresholdDays`
     * whole days are left, as the provider decides (or earlier, at the time picked in the CA's ARI window).
     */
    public readonly renewAfter: pulumi.Output<string>;
    /** Whole days left at which renewal starts: `minDaysRemaining`, or a third of the certificate's lifetime. */
    public readonly renewalThresholdDays: pulumi.Output<number>;
    /** The expiry alarm (none with `expiryAlarm: { enabled: false }`). */
    public readonly expiryAlarms: aws.cloudwatch.MetricAlarm[];
    /** The SNS topic the expiry alarm notifies; unknown without an alarm. */
    public readonly expiryTopicArn: pulumi.Output<string | undefined>;
    /** The issuing CA certificate's subject, e.g. `C=US, O=Let's Encrypt, CN=R11`. */
    public readonly issuer: pulumi.Output<string>;
    /** The ACME directory URL in use. */
    public readonly serverUrl: string;
    /** The ACM certificate it is imported as. */
    public readonly certificate: aws.acm.Certificate;
    /** The ACME account's private key (secret), once registered: give it to further certificates as `accountKeyPem`. */
    public readonly accountKeyPem: pulumi.Output<string>;

    constructor(name: string, args: AcmeCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        const { hostnames, zoneIds: zoneIdOf, server, keyType, minDays, dynamic, alarm } = validate(name, args);
        super(`${TYPE_PREFIX}:AcmeCertificate`, name, {}, opts);
        this.serverUrl = server.url;
        if (server.staging) {
            pulumi.log.warn(
                `AcmeCertificate '${name}': using ${server.label}; browsers do not trust its certificates. Once this works, set server: AcmeServer.LetsEncryptProduction (or another trusted CA).`,
                this,
            );
        }
        const slug = server.slug;
        const provider = new acme.Provider(`${name}-acme-${slug}`, { serverUrl: server.url }, { parent: this });
        this.accountKeyPem = pulumi.secret(args.accountKeyPem ?? this.register(name, slug, args, provider));

        const dns = args.dnsChallenge ?? {};
        const dnsProvider = dns.provider ?? ROUTE53_DNS_PROVIDER;
        const route53 = dnsProvider === ROUTE53_DNS_PROVIDER;
        const region = route53 ? (dns.region ?? aws.getRegionOutput({}, { parent: this }).region) : "";
        const zoneIds = route53 ? hostnames.map((h) => (zoneIdOf.get(h) ?? args.zoneId)!) : [];
        const route53Config = pulumi
            .all([region, pulumi.all(zoneIds), dns.profile, dns.assumeRoleArn])
            .apply(([resolvedRegion, zones, profile, assumeRoleArn]) => {
                if (new Set(zones).size > 1) {
                    pulumi.log.info(
                        `AcmeCertificate '${name}': the names span ${new Set(zones).size} hosted zones; the DNS-01 solver finds each name's public zone itself.`,
                        this,
                    );
                }
                return route53ChallengeConfig({
                    region: resolvedRegion,
                    zoneIds: zones,
                    propagationTimeoutSeconds: dns.propagationTimeoutSeconds,
                    pollingIntervalSeconds: dns.pollingIntervalSeconds,
                    profile,
                    assumeRoleArn,
                });
            });

        // The user's provider settings may hold API tokens: secret all the way.
        const passthrough = dns.config ? pulumi.secret(pulumi.output(dns.config)) : pulumi.output({});
        const config = route53
            ? pulumi.all([route53Config, passthrough]).apply(([base, extra]) => ({ ...base, ...extra }))
            : passthrough;

        // Not a public output: its type is from a package Pulumi's schema generator cannot reference.
        const cert = new acme.Certificate(
            `${name}-certificate`,
            {
                accountKeyPem: this.accountKeyPem,
                subjectAlternativeNames: hostnames,
                keyType: keyType.providerValue,
                minDaysRemaining: minDays,
                minDaysDynamic: dynamic || undefined,
                useRenewalInfo: args.useRenewalInfo,
                renewalInfoMaxSleep: args.renewalInfoMaxSleepSeconds,
                validityDays: args.validityDays,
                dnsChallenges: [{ provider: dnsProvider, config }],
                preCheckDelay: dns.preCheckDelaySeconds,
                propagationWait: dns.propagationWaitSeconds,
                recursiveNameservers: dns.recursiveNameservers,
                disableCompletePropagation: dns.disableCompletePropagation,
                revokeCertificateOnDestroy: args.revokeOnDestroy ?? ACME_DEFAULT_REVOKE_ON_DESTROY,
                preferredChain: args.preferredChain,
                profile: args.profile,
            },
            // `dependsOn` is passed on: a caller's CAA records must allow the CA before it issues.
            { parent: this, provider, dependsOn: opts?.dependsOn },
        );
        this.certificate = new aws.acm.Certificate(
            `${name}-import`,
            {
                certificateBody: cert.certificatePem,
                certificateChain: cert.issuerPem,
                privateKey: pulumi.secret(cert.privateKeyPem),
                tags: args.tags,
            },
            // ACM cannot change the key type on re-import: a key-type change makes a new ACM certificate.
            { parent: this, replacementTrigger: keyType.acmAlgorithm },
        );

        this.certificateArn = this.certificate.arn;
        this.notAfter = cert.certificateNotAfter.apply((t) => isoDate(new Date(t)));
        // The lifetime as the provider measures it: from the issued certificate's own validity.
        this.renewalThresholdDays = cert.certificatePem.apply((pem) => {
            const x509 = new X509Certificate(pem);
            return renewalThresholdDays(minDays, x509.validFrom, x509.validTo);
        });
        const ariSelected = args.useRenewalInfo ? cert.renewalInfoWindowSelected : pulumi.output(undefined);
        this.renewAfter = pulumi
            .all([this.notAfter, this.renewalThresholdDays, ariSelected])
            .apply(([to, days, ari]) => renewAfter(to, days, ari));
        this.issuer = cert.certificatePem.apply((pem) => oneLine(new X509Certificate(pem).issuer));
        const alarms = createCertificateAlarm(
            name,
            alarm,
            {
                hostnames,
                arn: this.certificateArn,
                defaultDaysBefore: this.renewalThresholdDays.apply(acmeAlarmDays),
                advice: ACME_ALARM_ADVICE,
            },
            { tags: args.tags, parent: this },
        );
        this.expiryAlarms = alarms.alarms;
        this.expiryTopicArn = alarms.topicArn;
        this.registerOutputs({
            certificateArn: this.certificateArn,
            notAfter: this.notAfter,
            renewAfter: this.renewAfter,
            renewalThresholdDays: this.renewalThresholdDays,
            expiryAlarms: this.expiryAlarms,
            expiryTopicArn: this.expiryTopicArn,
            issuer: this.issuer,
            serverUrl: this.serverUrl,
            certificate: this.certificate,
            accountKeyPem: this.accountKeyPem,
        });
    }

    /** A new account on the server: an ECDSA P-256 key (curve set explicitly) and its registration, named by server. */
    private register(
        name: string,
        slug: string,
        args: AcmeCertificateArgs,
        provider: acme.Provider,
    ): pulumi.Output<string> {
        const accountKey = new tls.PrivateKey(`${name}-account-key-${slug}`, { ...ACME_ACCOUNT_KEY }, { parent: this });
        const eab = args.externalAccountBinding;
        const registration = new acme.Registration(
            `${name}-registration-${slug}`,
            {
                accountKeyPem: accountKey.privateKeyPem,
                emailAddress: args.email,
                externalAccountBinding: eab
                    ? { keyId: eab.keyId, hmacBase64: pulumi.secret(eab.hmacBase64) }
                    : undefined,
            },
            { parent: this, provider },
        );
        return registration.accountKeyPem;
    }
}
