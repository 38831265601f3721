import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { type AcmCertificateOptions } from "./acmCertificateArgs";
import { TYPE_PREFIX } from "./defaults";
import { acmNameOrder, checkAcmOptions, MAX_ACM_DOMAIN_NAME_LENGTH } from "./internal/rules/acmOptions";
import { checkNameList, validationDomain, validationDomains } from "./internal/rules/hostnames";
import { Problems } from "./internal/rules/problems";
import { createValidationRecords } from "./internal/build/validationRecords";
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
    /** Tags for the certificate. Defaults to none. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Every input problem of `AcmCertificate` args, before anything is registered. */
function checkArgs(args: AcmCertificateArgs, problems: Problems) {
    const hostnames = checkNameList(
        args.hostnames,
        problems,
        "hostnames",
        "give at least one name for the certificate",
    );
    const { keyAlgorithm, ttl } = checkAcmOptions(args, problems);
    const names = acmNameOrder(hostnames);
    if (hostnames.length > 0 && names === undefined) {
        problems.add(
            "hostnames",
            `\`hostnames\` has no name of at most ${MAX_ACM_DOMAIN_NAME_LENGTH} characters: ACM puts the first name in the certificate's common name, which is limited to ${MAX_ACM_DOMAIN_NAME_LENGTH}; add a shorter name (longer ones are fine as alternative names)`,
        );
    }
    const manageDns = args.createValidationRecords ?? true;
    const domains = validationDomains(hostnames);
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
    return { hostnames, keyAlgorithm, ttl, names, manageDns, domains };
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

    constructor(name: string, args: AcmCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const checked = checkArgs(args, problems);
        problems.throwIfAny("AcmCertificate", name);
        super(`${TYPE_PREFIX}:AcmCertificate`, name, {}, opts);
        const { hostnames, keyAlgorithm, ttl, names, manageDns, domains } = checked;

        this.certificate = new aws.acm.Certificate(
            name,
            {
                domainName: names!.domainName,
                subjectAlternativeNames: names!.subjectAlternativeNames,
                validationMethod: "DNS",
                keyAlgorithm,
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

        const validation = new aws.acm.CertificateValidation(
            `${name}-validation`,
            {
                certificateArn: this.certificate.arn,
                // Without records of ours, it waits for the caller's records, or until ACM sees the ones created elsewhere.
                validationRecordFqdns: manageDns
                    ? this.validationRecords.map((r) => r.fqdn)
                    : args.validationRecordFqdns,
            },
            { parent: this },
        );

        this.certificateArn = validation.certificateArn;
        this.notAfter = this.certificate.notAfter;
        this.hostnames = pulumi.output(hostnames);
        this.registerOutputs({
            certificateArn: this.certificateArn,
            notAfter: this.notAfter,
            hostnames: this.hostnames,
            certificate: this.certificate,
            validationRecords: this.validationRecords,
            requiredDnsRecords: this.requiredDnsRecords,
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
