import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { DEFAULT_ACM_KEY_ALGORITHM, DEFAULT_VALIDATION_RECORD_TTL, TYPE_PREFIX } from "./defaults";
import { checkNameList, validationDomain, validationDomains } from "./internal/hostnames";
import { Problems, quote } from "./internal/problems";
import type { RequiredDnsRecord } from "./dnsRecords";

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
}

/** Arguments of `AcmCertificate`. */
export interface AcmCertificateArgs extends AcmCertificateOptions {
    /**
     * Names the certificate covers: the first is its domain name, the rest its
     * subject alternative names. Wildcards (`*.example.com`) are allowed.
     */
    hostnames: string[];
    /** Route 53 hosted zone of the DNS validation records (unless `zoneIds` names another for a domain). */
    zoneId?: pulumi.Input<string>;
    /** Hosted zone per validation domain (the name without `*.`), for names spread over several zones. */
    zoneIds?: Record<string, pulumi.Input<string>>;
    /**
     * Creates the validation records in Route 53. With false (DNS hosted elsewhere) no Route 53 resource is
     * created: `requiredDnsRecords` lists the CNAMEs to create, and `certificateArn` resolves once ACM sees them. Defaults to true.
     */
    createValidationRecords?: boolean;
    /** Tags for the certificate. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
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
        super(`${TYPE_PREFIX}:AcmCertificate`, name, {}, opts);

        const problems = new Problems();
        const hostnames = checkNameList(args.hostnames, problems, "hostnames", "give at least one name for the certificate");
        const keyAlgorithm = args.keyAlgorithm ?? DEFAULT_ACM_KEY_ALGORITHM;
        if (!Object.values(AcmKeyAlgorithm).includes(keyAlgorithm as AcmKeyAlgorithm)) {
            problems.add(
                "keyAlgorithm",
                `${quote("keyAlgorithm", keyAlgorithm)} is not a key algorithm ACM issues: use one of ${Object.values(AcmKeyAlgorithm).join(", ")}`,
            );
        }
        const ttl = args.validationRecordTtl ?? DEFAULT_VALIDATION_RECORD_TTL;
        if (!Number.isInteger(ttl) || ttl < 1) {
            problems.add("validationRecordTtl", `${quote("validationRecordTtl", ttl)} must be a whole number of seconds, at least 1`);
        }
        const manageDns = args.createValidationRecords ?? true;
        const domains = validationDomains(hostnames);
        if (manageDns) {
            for (const domain of domains) {
                if (args.zoneIds?.[domain] === undefined && args.zoneId === undefined) {
                    problems.add("zoneIds", `\`zoneIds\` has no hosted zone for '${domain}' and no \`zoneId\` is set: give one of them, or set \`createValidationRecords: false\``);
                }
            }
        }
        problems.throwIfAny("AcmCertificate", name);

        this.certificate = new aws.acm.Certificate(
            name,
            {
                domainName: hostnames[0],
                subjectAlternativeNames: hostnames.slice(1),
                validationMethod: "DNS",
                keyAlgorithm,
                tags: args.tags,
            },
            // Pulumi's default create-before-delete keeps a replaced certificate
            // attached until its successor is issued and the listener has moved.
            { parent: this },
        );

        // One record per distinct validation name, keyed by that name (never by
        // position), so adding a hostname adds a record and leaves the others alone.
        const options = this.certificate.domainValidationOptions;
        const optionFor = (domain: string) =>
            options.apply((all) => {
                const found = all.find((o) => validationDomain(o.domainName) === domain);
                if (!found) throw new Error(`ACM returned no DNS validation option for '${domain}' (got: ${all.map((o) => o.domainName).join(", ")})`);
                return found;
            });
        this.requiredDnsRecords = pulumi.all(
            domains.map((domain) =>
                optionFor(domain).apply((o) => ({
                    name: o.resourceRecordName,
                    type: o.resourceRecordType,
                    value: o.resourceRecordValue,
                    purpose: `ACM validation of ${domain}`,
                })),
            ),
        );
        this.validationRecords = (manageDns ? domains : []).map((domain) => {
            const option = optionFor(domain);
            return new aws.route53.Record(
                `${name}-validation-${domain}`,
                {
                    zoneId: (args.zoneIds?.[domain] ?? args.zoneId)!,
                    name: option.resourceRecordName,
                    type: option.resourceRecordType,
                    records: [option.resourceRecordValue],
                    ttl,
                    // Every certificate for this name in the account shares this record.
                    allowOverwrite: true,
                },
                { parent: this, deleteBeforeReplace: true },
            );
        });

        const validation = new aws.acm.CertificateValidation(
            `${name}-validation`,
            {
                certificateArn: this.certificate.arn,
                // Without records of ours, it waits until ACM sees the ones created elsewhere.
                validationRecordFqdns: manageDns ? this.validationRecords.map((r) => r.fqdn) : undefined,
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
            requiredDnsRecords: this.requiredDnsRecords,
        });
    }
}
