/**
 * The certificates of a `CustomDomain`: one per packed group of names, from
 * the chosen source. The first is the listener's default certificate; the
 * others are served by SNI, keyed by their group's identity.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { ACM_ALARM_ADVICE, AcmCertificate } from "../acmCertificate";
import type { AcmCertificateOptions } from "../acmCertificateArgs";
import { ACME_ALARM_ADVICE, AcmeCertificate } from "../acmeCertificate";
import { IMPORTED_ALARM_ADVICE, ImportedCertificate } from "../importedCertificate";
import type { ExpiryAlarmArgs } from "../expiryAlarmArgs";
import { CSR_ALARM_ADVICE, CsrCertificate } from "../csrCertificate";
import { checkCsrOptions } from "../internal/rules/csrOptions";
import type { RequiredDnsRecord } from "../types";
import { type CertificateGroup } from "../internal/rules/certificatePacking";
import { type CertificateSource } from "../internal/rules/customDomainChecks";
import { normalizeHostname, validationDomains } from "../internal/rules/hostnames";
import { createValidationRecords } from "../internal/build/validationRecords";
import { createExpiryAlarms } from "../internal/build/expiryAlarms";
import { acmeAlarmDays, checkExpiryAlarm, type ExpiryAlarmPlan } from "../internal/rules/expiryAlarm";
import type { Problems } from "../internal/rules/problems";
import { DEFAULT_VALIDATION_RECORD_TTL, EXPIRY_ALARM_DEFAULT_DAYS } from "../defaults";

/** One certificate, ready to attach. */
export interface ServedCertificate {
    /** `""` for the default certificate, else the first name of its group. */
    key: string;
    hostnames: string[];
    /** Validated (or imported, or adopted) ARN: safe to attach to a listener. */
    arn: pulumi.Output<string>;
    notAfter: pulumi.Output<string | undefined>;
    /** Validation records to create elsewhere when DNS is not managed here. */
    requiredDnsRecords: pulumi.Output<RequiredDnsRecord[]>;
    /** The expiry alarm's default threshold for this certificate, and what to do when it fires. */
    alarmDays: pulumi.Input<number>;
    alarmAdvice: string;
}

/** What to do when an adopted certificate's expiry alarm fires. */
const ADOPTED_ALARM_ADVICE = "It is adopted by ARN: whoever issued or imported it must renew it.";

/**
 * Checks `expiryAlarm` for the chosen source: on by default for ACME and imported certificates (their renewal
 * depends on the user), off for ACM-issued and adopted ones; below a static ACME `minDaysRemaining`.
 */
export function checkCustomDomainAlarm(
    value: ExpiryAlarmArgs | undefined,
    source: CertificateSource,
    problems: Problems,
): ExpiryAlarmPlan {
    const minDays = source.kind === "acme" ? source.options.minDaysRemaining : undefined;
    if (source.kind === "csr") checkCsrOptions(source.options, problems, "certificate.csr");
    return checkExpiryAlarm(value, problems, "expiryAlarm", {
        onByDefault: source.kind === "acme" || source.kind === "pem" || source.kind === "csr",
        renewal:
            typeof minDays === "number" && Number.isInteger(minDays) && minDays >= 1
                ? { days: minDays, path: "certificate.acme.minDaysRemaining" }
                : undefined,
    });
}

/** One alarm per certificate (keyed like the certificates), one topic for all of them. */
export function createCertificateAlarms(
    name: string,
    certificates: readonly ServedCertificate[],
    plan: ExpiryAlarmPlan,
    ctx: Pick<CertificateContext, "tags" | "parent">,
): { alarms: aws.cloudwatch.MetricAlarm[]; topicArn: pulumi.Output<string | undefined> } {
    const watched = certificates.map((c) => ({
        key: c.key,
        hostnames: c.hostnames,
        arn: c.arn,
        defaultDaysBefore: c.alarmDays,
        advice: c.alarmAdvice,
    }));
    return createExpiryAlarms(name, watched, plan, { tags: ctx.tags, parent: ctx.parent });
}

export interface CertificateContext {
    /** Component name: certificates are `${name}-certificate` and `${name}-certificate-${key}`. */
    name: string;
    manageDns: boolean;
    /** Zone id of each validation domain (when DNS is managed). */
    zoneIdOf(domain: string): pulumi.Input<string>;
    /** The load balancer's region (adopted ARNs must be in it). */
    region: pulumi.Output<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Resources issuance waits for (the CAA records that allow the CA). */
    issueAfter: pulumi.Resource[];
    parent: pulumi.Resource;
    /** Told about the CSR certificate (source `csr`), whose CSR the caller exposes. */
    onCsr?(cert: CsrCertificate): void;
}

function childName(ctx: CertificateContext, key: string): string {
    return key === "" ? `${ctx.name}-certificate` : `${ctx.name}-certificate-${key}`;
}

/** The only certificate of a single-certificate source (imported, bought with a CSR). */
function single(
    hostnames: string[],
    cert: { certificateArn: pulumi.Output<string>; notAfter: pulumi.Output<string> },
    alarmAdvice: string,
): ServedCertificate {
    return {
        key: "",
        hostnames,
        arn: cert.certificateArn,
        notAfter: cert.notAfter,
        requiredDnsRecords: pulumi.output([]),
        alarmDays: EXPIRY_ALARM_DEFAULT_DAYS,
        alarmAdvice,
    };
}

/** Creates the certificates for `groups` from `source`. */
export function createCertificates(
    source: CertificateSource,
    groups: CertificateGroup[],
    ctx: CertificateContext,
): ServedCertificate[] {
    switch (source.kind) {
        case "arn": {
            const arn = pulumi
                .all([source.arn, ctx.region])
                .apply(([value, region]) => source.checkRegion(value, region));
            return [
                {
                    key: "",
                    hostnames: groups.flatMap((g) => g.hostnames),
                    arn,
                    notAfter: pulumi.output(undefined),
                    requiredDnsRecords: pulumi.output([]),
                    alarmDays: EXPIRY_ALARM_DEFAULT_DAYS,
                    alarmAdvice: ADOPTED_ALARM_ADVICE,
                },
            ];
        }
        case "pem": {
            const cert = new ImportedCertificate(
                childName(ctx, ""),
                { ...source.options, hostnames: groups[0].hostnames, tags: ctx.tags, expiryAlarm: { enabled: false } },
                { parent: ctx.parent },
            );
            return [single(groups[0].hostnames, cert, IMPORTED_ALARM_ADVICE)];
        }
        case "csr": {
            const cert = new CsrCertificate(
                childName(ctx, ""),
                { ...source.options, hostnames: groups[0].hostnames, tags: ctx.tags, expiryAlarm: { enabled: false } },
                { parent: ctx.parent },
            );
            ctx.onCsr?.(cert);
            return [single(groups[0].hostnames, cert, CSR_ALARM_ADVICE)];
        }
        case "acme": {
            // One ACME account for all the certificates: the first registers it, the others reuse its key.
            let accountKeyPem: pulumi.Output<string> | undefined;
            return groups.map((group) => {
                // DNS-01 records go to each name's zone (when DNS is managed here); else the user's DNS provider answers.
                const zoneIds = ctx.manageDns
                    ? Object.fromEntries(group.hostnames.map((h) => [h, ctx.zoneIdOf(h)]))
                    : undefined;
                // The user's own zone ids, only for this group's names (AcmeCertificate refuses ids for names it does not cover).
                const own = Object.entries(source.options.dnsChallenge?.zoneIds ?? {}).filter(([host]) =>
                    group.hostnames.includes(normalizeHostname(host)),
                );
                const cert = new AcmeCertificate(
                    childName(ctx, group.key),
                    {
                        ...source.options,
                        hostnames: group.hostnames,
                        dnsChallenge: {
                            ...source.options.dnsChallenge,
                            zoneIds: { ...zoneIds, ...Object.fromEntries(own) },
                        },
                        accountKeyPem,
                        tags: ctx.tags,
                        // One alarm per certificate, with one topic, is made by the caller (createCertificateAlarms).
                        expiryAlarm: { enabled: false },
                    },
                    { parent: ctx.parent, dependsOn: ctx.issueAfter },
                );
                accountKeyPem ??= cert.accountKeyPem;
                return {
                    key: group.key,
                    hostnames: group.hostnames,
                    arn: cert.certificateArn,
                    notAfter: cert.notAfter,
                    requiredDnsRecords: pulumi.output([]),
                    alarmDays: cert.renewalThresholdDays.apply(acmeAlarmDays),
                    alarmAdvice: ACME_ALARM_ADVICE,
                };
            });
        }
        case "acm":
            return createAcmCertificates(source.options, groups, ctx);
    }
}

/**
 * ACM certificates, one per group, and (when DNS is managed) one validation
 * record per validation domain owned by the `CustomDomain` itself, named
 * `${name}-validation-${domain}`: a domain moving to another certificate
 * keeps its record, and no record is deleted while a name still needs it.
 */
function createAcmCertificates(
    options: AcmCertificateOptions,
    groups: CertificateGroup[],
    ctx: CertificateContext,
): ServedCertificate[] {
    const issued = groups.map((group) => {
        const [fqdns, resolveFqdns] = pulumi.deferredOutput<string[]>();
        const certName = childName(ctx, group.key);
        const cert = new AcmCertificate(
            certName,
            {
                ...options,
                hostnames: group.hostnames,
                createValidationRecords: false,
                validationRecordFqdns: ctx.manageDns ? fqdns : undefined,
                tags: ctx.tags,
                expiryAlarm: { enabled: false },
            },
            { parent: ctx.parent, dependsOn: ctx.issueAfter },
        );
        // A private CA's certificates have no validation records.
        const domains = options.certificateAuthorityArn === undefined ? validationDomains(group.hostnames) : [];
        return { group, cert, certName, domains, resolveFqdns };
    });
    if (ctx.manageDns) {
        const holder = new Map<string, (typeof issued)[number]>();
        for (const entry of issued)
            for (const domain of entry.domains) if (!holder.has(domain)) holder.set(domain, entry);
        const records = createValidationRecords(
            `${ctx.name}-validation`,
            [...holder].map(([domain, { cert, certName }]) => ({
                domain,
                record: cert.validationRecordFor(domain),
                zoneId: ctx.zoneIdOf(domain),
                // 0.1.0 made the record a child of the certificate.
                alias: { name: `${certName}-validation-${domain}`, parentUrn: cert.urn },
            })),
            {
                ttl: options.validationRecordTtl ?? DEFAULT_VALIDATION_RECORD_TTL,
                retain: options.retainValidationRecords ?? false,
                parent: ctx.parent,
            },
        );
        for (const { domains, resolveFqdns } of issued)
            resolveFqdns(pulumi.all(domains.map((d) => records.get(d)!.fqdn)));
    }
    return issued.map(({ group, cert }) => ({
        key: group.key,
        hostnames: group.hostnames,
        arn: cert.certificateArn,
        notAfter: cert.notAfter,
        requiredDnsRecords: cert.requiredDnsRecords,
        alarmDays: EXPIRY_ALARM_DEFAULT_DAYS,
        alarmAdvice: ACM_ALARM_ADVICE,
    }));
}

/** The earliest expiry among the certificates (ISO 8601), unknown when none is known. */
export function earliestNotAfter(certificates: ServedCertificate[]): pulumi.Output<string | undefined> {
    return pulumi.all(certificates.map((c) => c.notAfter)).apply((dates) => {
        const known = dates.filter((d): d is string => typeof d === "string" && d !== "");
        return known.length === 0 ? undefined : known.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
    });
}
