import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { type AcmCertificateOptions } from "./acmCertificateArgs";
import { EXPIRY_ALARM_DEFAULT_DAYS, TYPE_PREFIX } from "./defaults";
import {
    acmNameOrder,
    checkAcmOptions,
    checkPrivateCaPlace,
    MAX_ACM_DOMAIN_NAME_LENGTH,
} from "./internal/rules/acmOptions";
import { checkNameList, validationDomain, validationDomains } from "./internal/rules/hostnames";
import { Problems } from "./internal/rules/problems";
import { createValidationRecords } from "./internal/build/validationRecords";
import { checkExpiryAlarm } from "./internal/rules/expiryAlarm";
import { createCertificateAlarm } from "./internal/build/expiryAlarms";
import type { ExpiryAlarmArgs } from "./expiryAlarmArgs";
import type { RequiredDnsRecord } from "./types";

export { AcmKeyAlgorithm } from "./acmCertificateArgs";
export type { AcmCertificateOptions } from "./acmCertificateArgs";

/** Arguments of `AcmCertificate`. */
export interface AcmCertificateArgs extends AcmCertificateOptions {
    /**
     * Names the certificate covers, every one a subject alternative name; the first of at most 64 characters is also
     * its domain name (ACM's limit for the common name). Wildcards (`*.example.com`) are allowed.
     */
    hostnames: string[];
    /** Route 53 hosted zone of the DNS validation records (unless `zoneIds` names another for a domain). Defaults to none. */
    zoneId?: pulumi.Input<string>;
    /** Hosted zone per validation domain (the name without `*.`), for names spread over several zones. Defaults to `zoneId` for every domain. */
    zoneIds?: Record<string, pulumi.Input<string>>;
    /**
     * Creates the validation records in Route 53. With false (DNS hosted elsewhere, or records owned by a caller such
     * as `CustomDomain`) no Route 53 resource is created: `requiredDnsRecords` lists the CNAMEs to create, and
     * `certificateArn` resolves once ACM sees them. Defaults to true.
     */
    createValidationRecords?: boolean;
    /** With `createValidationRecords: false`, the FQDNs of validation records created elsewhere: validation waits for them. Defaults to none (it waits for ACM to see the records). */
    validationRecordFqdns?: pulumi.Input<pulumi.Input<string>[]>;
    /** Tags for the certificate (and the expiry alarm and topic). Defaults to none. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** A CloudWatch alarm on the certificate's days to expiry. Defaults to none (ACM renews it); `{}` turns it on at 30 days. */
    expiryAlarm?: ExpiryAlarmArgs;
}

/** What to do when an ACM-issued certificate's expiry alarm fires. */
export const ACM_ALARM_ADVICE =
    "ACM's managed renewal has not replaced it: check that its DNS validation CNAMEs still exist and read its renewal status in ACM.";

/** The request's `options` block, only when an option is set (ACM's defaults: CT logging on, not exportable). */
function certificateOptions(options: AcmCertificateOptions): aws.types.input.acm.CertificateOptions | undefined {
    const { certificateTransparencyLogging: ct, exportable } = options;
    if (ct === undefined && exportable === undefined) return undefined;
    return {
        certificateTransparencyLoggingPreference: ct === undefined ? undefined : ct ? "ENABLED" : "DISABLED",
        export: exportable === undefined ? undefined : exportable ? "ENABLED" : "DISABLED",
    };
}

/** Every input problem of `AcmCertificate` args, before anything is registered. */
function checkArgs(args: AcmCertificateArgs, problems: Problems) {
    const hostnames = checkNameList(
        args.hostnames,
        problems,
        "hostnames",
        "give at least one name for the certificate",
    );
    const { keyAlgorithm, ttl, privateCa } = checkAcmOptions(args, problems);
    const names = acmNameOrder(hostnames);
    if (hostnames.length > 0 && names === undefined) {
        problems.add(
            "hostnames",
            `\`hostnames\` has no name of at most ${MAX_ACM_DOMAIN_NAME_LENGTH} characters: ACM puts the first name in the certificate's common name, which is limited to ${MAX_ACM_DOMAIN_NAME_LENGTH}; add a shorter name (longer ones are fine as alternative names)`,
        );
    }
    // A private CA's certificates need no validation (ACM User Guide, "Requesting a private PKI certificate").
    const manageDns = !privateCa && (args.createValidationRecords ?? true);
    const domains = privateCa ? [] : validationDomains(hostnames);
    if (manageDns) {
        for (const domain of domains) {
            if (args.zoneIds?.[domain] === undefined && args.zoneId === undefined) {
                problems.add(
                    "zoneIds",
                    `\`zoneIds\` has no hosted zone for '${domain}' and no \`zoneId\` is set: give one of them, or set \`createValidationRecords: false\``,
                );
            }
        }
    }
    const alarm = checkExpiryAlarm(args.expiryAlarm, problems, "expiryAlarm", { onByDefault: false });
    return { hostnames, keyAlgorithm, ttl, names, manageDns, domains, alarm, privateCa };
}

/**
 * An ACM certificate issued by Amazon for a list of hostnames, validated
 * through DNS records in Route 53. `certificateArn` resolves only once ACM has
 * issued the certificate, so a listener that uses it is never created too early.
 */
export class AcmCertificate extends pulumi.ComponentResource {
    /** ARN of the certificate, available once it is ISSUED: safe to attach to a listener. */
    public readonly certificateArn: pulumi.Output<string>;
    /** When the certificate expires (ISO 8601). ACM renews it automatically while the validation records exist. */
    public readonly notAfter: pulumi.Output<string>;
    /** Names on the certificate, normalised (lower case, no trailing dot). */
    public readonly hostnames: pulumi.Output<string[]>;
    /** The ACM certificate resource (its bare ARN may still be pending validation). */
    public readonly certificate: aws.acm.Certificate;
    /** One validation CNAME per distinct validation name (`*.x` and `x` share one); none when `createValidationRecords` is false. */
    public readonly validationRecords: aws.route53.Record[];
    /** The validation CNAMEs, as records to create at any DNS provider. */
    public readonly requiredDnsRecords: pulumi.Output<RequiredDnsRecord[]>;
    /** The expiry alarm (with `expiryAlarm`); none otherwise. */
    public readonly expiryAlarms: aws.cloudwatch.MetricAlarm[];
    /** The SNS topic the expiry alarm notifies; unknown without an alarm. */
    public readonly expiryTopicArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: AcmCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const checked = checkArgs(args, problems);
        problems.throwIfAny("AcmCertificate", name);
        super(`${TYPE_PREFIX}:AcmCertificate`, name, {}, opts);
        const { hostnames, keyAlgorithm, ttl, names, manageDns, domains, alarm, privateCa } = checked;

        this.certificate = new aws.acm.Certificate(
            name,
            {
                domainName: names!.domainName,
                subjectAlternativeNames: names!.subjectAlternativeNames,
                // terraform-provider-aws certificate.go: certificate_authority_arn ConflictsWith validation_method.
                validationMethod: privateCa ? undefined : "DNS",
                certificateAuthorityArn: args.certificateAuthorityArn,
                keyAlgorithm,
                options: certificateOptions(args),
                tags: args.tags,
            },
            // Pulumi's default create-before-delete keeps a replaced certificate attached until its successor is
            // issued and the listener has moved. `dependsOn` is passed on: a caller's CAA records come before issuance.
            { parent: this, dependsOn: opts?.dependsOn },
        );
        this.requiredDnsRecords = pulumi.all(domains.map((domain) => this.validationRecordFor(domain)));

        // One record per distinct validation name, keyed by that name (never by position).
        const records = createValidationRecords(
            `${name}-validation`,
            (manageDns ? domains : []).map((domain) => ({
                domain,
                record: this.validationRecordFor(domain),
                zoneId: (args.zoneIds?.[domain] ?? args.zoneId)!,
            })),
            { ttl, retain: args.retainValidationRecords ?? false, parent: this },
        );
        this.validationRecords = [...records.values()];

        this.certificateArn = privateCa
            ? this.privateCertificateArn(name, args.certificateAuthorityArn!)
            : this.validate(name, manageDns, args.validationRecordFqdns);
        this.notAfter = this.certificate.notAfter;
        this.hostnames = pulumi.output(hostnames);
        const alarms = createCertificateAlarm(
            name,
            alarm,
            {
                hostnames,
                arn: this.certificateArn,
                defaultDaysBefore: EXPIRY_ALARM_DEFAULT_DAYS,
                advice: ACM_ALARM_ADVICE,
            },
            { tags: args.tags, parent: this },
        );
        this.expiryAlarms = alarms.alarms;
        this.expiryTopicArn = alarms.topicArn;
        this.registerOutputs({
            certificateArn: this.certificateArn,
            notAfter: this.notAfter,
            hostnames: this.hostnames,
            certificate: this.certificate,
            validationRecords: this.validationRecords,
            requiredDnsRecords: this.requiredDnsRecords,
            expiryAlarms: this.expiryAlarms,
            expiryTopicArn: this.expiryTopicArn,
        });
    }

    /**
     * The validated ARN of a public certificate: `aws.acm.CertificateValidation` waits until it is ISSUED (for
     * our records, the caller's, or until ACM sees records created elsewhere).
     */
    private validate(
        name: string,
        manageDns: boolean,
        fqdns: pulumi.Input<pulumi.Input<string>[]> | undefined,
    ): pulumi.Output<string> {
        const validation = new aws.acm.CertificateValidation(
            `${name}-validation`,
            {
                certificateArn: this.certificate.arn,
                validationRecordFqdns: manageDns ? this.validationRecords.map((r) => r.fqdn) : fqdns,
            },
            { parent: this },
        );
        return validation.certificateArn;
    }

    /**
     * A private certificate's ARN, once its CA is known to be in the certificate's region. No
     * `CertificateValidation`: terraform-provider-aws certificate_validation.go refuses certificates that are not
     * AMAZON_ISSUED ("has type %s, no validation necessary").
     */
    private privateCertificateArn(name: string, caArn: pulumi.Input<string>): pulumi.Output<string> {
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        return pulumi.all([this.certificate.arn, caArn, region, account]).apply(([arn, ca, here, self]) => {
            const place = checkPrivateCaPlace(ca, here, "certificateAuthorityArn");
            pulumi.log.info(
                place.account === self
                    ? `AcmCertificate '${name}': for ACM to renew this private certificate, the CA must grant acm.amazonaws.com IssueCertificate, GetCertificate and ListPermissions (aws.acmpca.Permission).`
                    : `AcmCertificate '${name}': the private CA is in account ${place.account}; it must share itself with this account by a resource policy (PutPolicy or AWS RAM) for issuance and renewal.`,
                this,
            );
            return arn;
        });
    }

    /** The validation CNAME ACM asks for `domain` (a name without `*.`); the same for every certificate of that name in the account. */
    public validationRecordFor(domain: string): pulumi.Output<RequiredDnsRecord> {
        return this.certificate.domainValidationOptions.apply((all) => {
            const found = all.find((o) => validationDomain(o.domainName) === domain);
            if (!found)
                throw new Error(
                    `ACM returned no DNS validation option for '${domain}' (got: ${all.map((o) => o.domainName).join(", ")})`,
                );
            return {
                name: found.resourceRecordName,
                type: found.resourceRecordType,
                value: found.resourceRecordValue,
                purpose: `ACM validation of ${domain}`,
            };
        });
    }
}
