import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { EXPIRY_ALARM_DEFAULT_DAYS, TYPE_PREFIX } from "./defaults";
import { checkExpiryAlarm } from "./internal/rules/expiryAlarm";
import { createCertificateAlarm } from "./internal/build/expiryAlarms";
import type { CertificateCheckReport } from "./internal/certificates/checks";
import {
    checkPemOptions,
    checkPemValues,
    type CoveredNames,
    PEM_INPUTS,
    recordPemFailures,
} from "./internal/certificates/pemOptions";
import { checkNameList } from "./internal/rules/hostnames";
import { Problems } from "./internal/rules/problems";
import type { ImportedCertificateArgs } from "./importedCertificateArgs";

export type { ImportedCertificateArgs, PemCertificateOptions } from "./importedCertificateArgs";

/** What the checks hand to the ACM import. */
interface Checked {
    leafPem: string;
    chainPem: string;
    keyPem: string;
    notAfter: string;
    keyAlgorithm: string;
    warnings: string[];
}

/** What to do when an imported certificate's expiry alarm fires. */
export const IMPORTED_ALARM_ADVICE =
    "Get the renewed certificate from your CA, put it (and its chain and key) in the stack's config, and run `pulumi up`: it is re-imported into the same ARN.";

/** What the ACM import needs from a passing report. */
function checkedOf(report: CertificateCheckReport): Checked {
    const { normalized, summary } = report;
    return {
        leafPem: normalized!.leafPem,
        chainPem: normalized!.chainPem,
        keyPem: normalized!.keyPem!,
        notAfter: summary!.notAfter,
        keyAlgorithm: report.keyAlgorithm!,
        warnings: report.warnings,
    };
}

/**
 * The user's certificate, checked before anything is sent, then imported into ACM.
 *
 * When the PEM values are plain strings, every check runs before any resource is created and failures
 * throw one `InputPropertiesError` naming each bad property. When they arrive as Outputs (secret config),
 * the same checks run when the values are known (during preview for config) and fail with the same
 * message. Messages never contain key material. Normalisations (split bundle, reordered chain, dropped
 * root) are logged as warnings and exposed as `warnings`.
 *
 * Re-importing a renewed certificate keeps the ARN. ACM cannot change the key type on re-import, so a
 * key-type change replaces the ACM certificate (new one first, then the listener moves, then the old one
 * goes).
 */
export class ImportedCertificate extends pulumi.ComponentResource {
    /** ARN of the imported ACM certificate: issued on import, safe to attach to a listener. */
    public readonly certificateArn!: pulumi.Output<string>;
    /** End of the certificate's validity, ISO 8601 (`2026-03-01T12:00:00Z`). */
    public readonly notAfter!: pulumi.Output<string>;
    /** ACM's name for the key algorithm (`EC_prime256v1`, `RSA_2048`, …). */
    public readonly keyAlgorithm!: pulumi.Output<string>;
    /** What was changed on the way to ACM (and other warnings, e.g. expiry soon). */
    public readonly warnings!: pulumi.Output<string[]>;
    /** The ACM certificate. */
    public readonly certificate!: aws.acm.Certificate;
    /** The expiry alarm (none with `expiryAlarm: { enabled: false }`). */
    public readonly expiryAlarms: aws.cloudwatch.MetricAlarm[];
    /** The SNS topic the expiry alarm notifies; unknown without an alarm. */
    public readonly expiryTopicArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: ImportedCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        const what = `ImportedCertificate '${name}'`;
        // Plain values: check now, before this component or anything under it is registered.
        const problems = new Problems();
        const names: CoveredNames | undefined =
            args?.hostnames === undefined
                ? undefined
                : {
                      hostnames: checkNameList(
                          args.hostnames,
                          problems,
                          "hostnames",
                          "leave `hostnames` out, or list the names the certificate must cover",
                      ),
                      path: "hostnames",
                  };
        const report = checkPemOptions(args, problems, "", names);
        const alarm = checkExpiryAlarm(args?.expiryAlarm, problems, "expiryAlarm", { onByDefault: true });
        problems.throwIfAny("ImportedCertificate", name);
        const sync = report ? checkedOf(report) : undefined;
        const inputs = PEM_INPUTS.map((field) => args[field]);

        super(`${TYPE_PREFIX}:ImportedCertificate`, name, {}, opts);

        let checked: pulumi.Output<Checked>;
        if (sync) {
            for (const warning of sync.warnings) pulumi.log.warn(`${what}: ${warning}`, this);
            checked = pulumi.output(sync);
        } else {
            // Secret Outputs: the same checks, and the same message, once the values are known.
            checked = pulumi.all(inputs).apply(([certificate, privateKey, chain, pfx, pfxPassword]) => {
                const late = new Problems();
                const lateReport = checkPemValues({ certificate, privateKey, chain, pfx, pfxPassword }, args, names);
                recordPemFailures(lateReport, late, "", names);
                late.throwIfAny("ImportedCertificate", name);
                const result = checkedOf(lateReport);
                for (const warning of result.warnings) pulumi.log.warn(`${what}: ${warning}`, this);
                return result;
            });
        }
        // Only the key is secret; the certificate and chain are public (and readable in diffs).
        const pub = <T>(fn: (c: Checked) => T): pulumi.Output<T> => pulumi.unsecret(checked.apply(fn));
        const keyAlgorithm = sync ? pulumi.output(sync.keyAlgorithm) : pub((c) => c.keyAlgorithm);

        this.certificate = new aws.acm.Certificate(
            `${name}-import`,
            {
                certificateBody: sync ? sync.leafPem : pub((c) => c.leafPem),
                // An Output of `undefined` leaves the chain unset; older @pulumi/pulumi types (3.212) refuse
                // Output<string | undefined> for an optional Input<string>, hence the cast.
                certificateChain: sync
                    ? sync.chainPem || undefined
                    : (pub((c) => c.chainPem || undefined) as pulumi.Output<string>),
                privateKey: pulumi.secret(sync ? sync.keyPem : checked.apply((c) => c.keyPem)),
                tags: args.tags,
            },
            { parent: this, replacementTrigger: keyAlgorithm },
        );
        this.certificateArn = this.certificate.arn;
        this.notAfter = sync ? pulumi.output(sync.notAfter) : pub((c) => c.notAfter);
        this.keyAlgorithm = keyAlgorithm;
        this.warnings = sync ? pulumi.output(sync.warnings) : pub((c) => c.warnings);
        const alarms = createCertificateAlarm(
            name,
            alarm,
            {
                hostnames: names?.hostnames ?? [],
                arn: this.certificateArn,
                defaultDaysBefore: EXPIRY_ALARM_DEFAULT_DAYS,
                advice: IMPORTED_ALARM_ADVICE,
            },
            { tags: args.tags, parent: this },
        );
        this.expiryAlarms = alarms.alarms;
        this.expiryTopicArn = alarms.topicArn;
        this.registerOutputs({
            certificateArn: this.certificateArn,
            notAfter: this.notAfter,
            keyAlgorithm: this.keyAlgorithm,
            warnings: this.warnings,
            certificate: this.certificate,
            expiryAlarms: this.expiryAlarms,
            expiryTopicArn: this.expiryTopicArn,
        });
    }
}
