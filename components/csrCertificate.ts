import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as tls from "@pulumi/tls";
import { EXPIRY_ALARM_DEFAULT_DAYS, TYPE_PREFIX } from "./defaults";
import { checkCertificate } from "./internal/certificates/checks";
import { recordPemFailures } from "./internal/certificates/pemOptions";
import { acmNameOrder } from "./internal/rules/acmOptions";
import { checkCsrOptions, CSR_KEYS, csrInspectCommand, csrSubject } from "./internal/rules/csrOptions";
import { checkExpiryAlarm } from "./internal/rules/expiryAlarm";
import { checkNameList } from "./internal/rules/hostnames";
import { Problems } from "./internal/rules/problems";
import { createCertificateAlarm } from "./internal/build/expiryAlarms";
import { CsrKeyType, type CsrCertificateArgs } from "./csrCertificateArgs";

export { CsrKeyType };
export type { CsrCertificateArgs, CsrCertificateOptions, CsrSubjectArgs } from "./csrCertificateArgs";

/**
 * Validity of the self-signed placeholder, hours (90 days), and when `pulumi up` replaces it (45 days before it
 * ends): left alone for 60 days, the 30-day expiry alarm fires.
 */
export const CSR_PLACEHOLDER_VALIDITY_HOURS = 2160;
export const CSR_PLACEHOLDER_RENEWAL_HOURS = 1080;

/** What to do when the expiry alarm of a certificate bought with a CSR fires. */
export const CSR_ALARM_ADVICE =
    "Renew it at your CA with this stack's certificateSigningRequestPem (the same key), put the new certificate in the stack's config and run `pulumi up`: it is re-imported into the same ARN.";

/**
 * A certificate bought from a CA with a certificate signing request made here: the private key is generated
 * with `@pulumi/tls`, kept only as a secret in the Pulumi state, and never leaves the deployment.
 *
 * First `pulumi up`: the key, the CSR (`certificateSigningRequestPem`) and a self-signed placeholder for the
 * same key, imported into ACM so that the HTTPS listener exists (browsers warn until the real certificate is
 * there). Submit the CSR to the CA; put the signed certificate (and chain) in config as `certificate` and run
 * `pulumi up` again: it is checked against the key, the names and the chain, then re-imported into the same
 * ACM ARN, so the listener does not change. Renewal: the same CSR (same key) at the CA, the new certificate in
 * config. Re-keying: change `keyRotation`.
 */
export class CsrCertificate extends pulumi.ComponentResource {
    /** ARN of the imported ACM certificate (the placeholder until `certificate` is given): safe to attach. */
    public readonly certificateArn: pulumi.Output<string>;
    /** End of the imported certificate's validity, ISO 8601. */
    public readonly notAfter: pulumi.Output<string>;
    /** The CSR to submit to the CA (PEM). */
    public readonly certificateSigningRequestPem: pulumi.Output<string>;
    /** How to look at the CSR once saved to `request.csr`: `openssl req -in request.csr -noout -text -verify`. */
    public readonly csrInspectCommand: string;
    /** False while the self-signed placeholder is served. */
    public readonly signed: boolean;
    /** The ACM certificate. */
    public readonly certificate: aws.acm.Certificate;
    /** The expiry alarm (none with `expiryAlarm: { enabled: false }`). */
    public readonly expiryAlarms: aws.cloudwatch.MetricAlarm[];
    /** The SNS topic the expiry alarm notifies; unknown without an alarm. */
    public readonly expiryTopicArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: CsrCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const hostnames = checkNameList(args?.hostnames, problems, "hostnames", "give the names the CSR asks for");
        const keyType = checkCsrOptions(args, problems);
        const alarm = checkExpiryAlarm(args?.expiryAlarm, problems, "expiryAlarm", { onByDefault: true });
        const commonName = args?.subject?.commonName ?? acmNameOrder(hostnames)?.domainName;
        if (hostnames.length > 0 && commonName === undefined)
            problems.add(
                "subject.commonName",
                "`subject.commonName` is missing and no host name has at most 64 characters: give a common name of at most 64 characters",
            );
        problems.throwIfAny("CsrCertificate", name);
        super(`${TYPE_PREFIX}:CsrCertificate`, name, {}, opts);

        const key = new tls.PrivateKey(
            `${name}-key`,
            { ...CSR_KEYS[keyType].tls },
            { parent: this, ...(args.keyRotation === undefined ? {} : { replacementTrigger: args.keyRotation }) },
        );
        const subject = csrSubject(args.subject, commonName!);
        const csr = new tls.CertRequest(
            `${name}-csr`,
            { privateKeyPem: key.privateKeyPem, subject, dnsNames: hostnames },
            { parent: this },
        );
        this.signed = args.certificate !== undefined;
        if (!this.signed) {
            pulumi.log.warn(
                `CsrCertificate '${name}': no signed certificate yet, so HTTPS serves a self-signed placeholder that browsers refuse. Submit certificateSigningRequestPem to your CA, then give the certificate it signs as \`certificate\` and run \`pulumi up\`.`,
                this,
            );
        }
        const leafPem = this.signed
            ? pulumi.output(args.certificate!)
            : new tls.SelfSignedCert(
                  `${name}-placeholder`,
                  {
                      privateKeyPem: key.privateKeyPem,
                      subject: {
                          commonName: subject.commonName,
                          organization: "Placeholder: certificate not signed yet",
                      },
                      dnsNames: hostnames,
                      validityPeriodHours: CSR_PLACEHOLDER_VALIDITY_HOURS,
                      earlyRenewalHours: CSR_PLACEHOLDER_RENEWAL_HOURS,
                      allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
                  },
                  { parent: this },
              ).certPem;

        // The same checks as ImportedCertificate and check-cert, once the key is known (it is a secret Output).
        const checked = pulumi
            .all([leafPem, key.privateKeyPem, args.chain])
            .apply(([certificatePem, keyPem, chainPem]) => {
                const report = checkCertificate({
                    certificatePem,
                    privateKeyPem: keyPem,
                    chainPem,
                    hostnames,
                    minDays: args.expiryWarningDays,
                    allowSelfSigned: !this.signed,
                    requireKey: true,
                });
                const late = new Problems();
                const mismatch = report.results.find((r) => r.id === "key.match" && r.status === "fail");
                if (mismatch) {
                    late.add(
                        "certificate",
                        "`certificate` was not signed for this component's key (its public key is not the key's): the CA signed another CSR; submit this stack's certificateSigningRequestPem and give the certificate it returns",
                    );
                } else {
                    recordPemFailures(report, late);
                }
                late.throwIfAny("CsrCertificate", name);
                for (const warning of report.warnings) pulumi.log.warn(`CsrCertificate '${name}': ${warning}`, this);
                const { normalized, summary } = report;
                return {
                    leafPem: normalized!.leafPem,
                    chainPem: normalized!.chainPem,
                    keyPem: normalized!.keyPem!,
                    notAfter: summary!.notAfter,
                };
            });
        const pub = <T>(fn: (c: { leafPem: string; chainPem: string; notAfter: string }) => T) =>
            pulumi.unsecret(checked.apply(fn));
        this.certificate = new aws.acm.Certificate(
            `${name}-import`,
            {
                certificateBody: pub((c) => c.leafPem),
                // An Output of `undefined` leaves the chain unset; older @pulumi/pulumi types (3.212) refuse
                // Output<string | undefined> for an optional Input<string>, hence the cast.
                certificateChain: pub((c) => c.chainPem || undefined) as pulumi.Output<string>,
                privateKey: pulumi.secret(checked.apply((c) => c.keyPem)),
                tags: args.tags,
            },
            // Re-imports (placeholder → signed, renewals, a new key of the same type) keep the ARN; ACM cannot
            // change the key type on re-import, so a new type makes a new ACM certificate.
            { parent: this, replacementTrigger: CSR_KEYS[keyType].acm },
        );
        this.certificateArn = this.certificate.arn;
        this.notAfter = pub((c) => c.notAfter);
        this.certificateSigningRequestPem = csr.certRequestPem;
        this.csrInspectCommand = csrInspectCommand("request.csr");
        const alarms = createCertificateAlarm(
            name,
            alarm,
            {
                hostnames,
                arn: this.certificateArn,
                defaultDaysBefore: EXPIRY_ALARM_DEFAULT_DAYS,
                advice: CSR_ALARM_ADVICE,
            },
            { tags: args.tags, parent: this },
        );
        this.expiryAlarms = alarms.alarms;
        this.expiryTopicArn = alarms.topicArn;
        this.registerOutputs({
            certificateArn: this.certificateArn,
            notAfter: this.notAfter,
            certificateSigningRequestPem: this.certificateSigningRequestPem,
            csrInspectCommand: this.csrInspectCommand,
            signed: this.signed,
            certificate: this.certificate,
            expiryAlarms: this.expiryAlarms,
            expiryTopicArn: this.expiryTopicArn,
        });
    }
}
