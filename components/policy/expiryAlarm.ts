/**
 * Policy: every certificate imported into ACM (an ACME certificate, the
 * user's PEM files, a CSR-signed certificate) has a CloudWatch alarm on ACM's
 * `DaysToExpiry` metric that notifies someone.
 *
 * Why: ACM renews only the certificates it issued. An imported one is renewed
 * only when someone runs `pulumi up` with a new certificate (or the ACME
 * provider's renewal window has opened), so an unwatched one is how a site
 * goes down on a date everybody knew. The metric (ACM User Guide, "Supported
 * CloudWatch metrics"): namespace `AWS/CertificateManager`, metric
 * `DaysToExpiry`, dimension `CertificateArn`; ACM publishes it for imported
 * certificates too.
 *
 * A stack policy over the resource graph: the alarm's `dimensions` take the
 * certificate's ARN, unknown during a preview, so the alarm is matched to the
 * certificate through its property dependencies.
 */
import { type PolicyResource, type StackValidationPolicy } from "@pulumi/policy";
import { ACM_CERTIFICATE_TYPE, isImportedCertificate, peek, sourcesOf, UNKNOWN } from "./common";
import { DEFAULT_EXPIRY_ALARM_MIN_DAYS } from "./defaults";

/** Configuration of {@link expiryAlarmPolicy}. */
export interface ExpiryAlarmConfig {
    /** The least alarm threshold accepted, in days. Defaults to 1. */
    minDaysBefore?: number;
}

/** `aws.cloudwatch.MetricAlarm` and its alias module. */
export const METRIC_ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm"];

/** True for an alarm on ACM's `DaysToExpiry` metric (a single-metric alarm). */
function watchesExpiry(alarm: PolicyResource): boolean {
    return (
        METRIC_ALARM_TYPES.includes(alarm.type) &&
        peek(() => alarm.props.namespace) === "AWS/CertificateManager" &&
        peek(() => alarm.props.metricName) === "DaysToExpiry"
    );
}

/** What is wrong with an expiry alarm that does watch the certificate, or `undefined` (unknown values pass). */
function alarmProblem(alarm: PolicyResource, minDays: number): string | undefined {
    const operator = peek(() => alarm.props.comparisonOperator);
    if (typeof operator === "string" && !/^LessThan(OrEqualTo)?Threshold$/.test(operator))
        return `compares with '${operator}': an expiry alarm fires when few days are left (LessThanOrEqualToThreshold)`;
    const threshold = peek(() => alarm.props.threshold);
    if (typeof threshold === "number" && threshold < minDays)
        return `fires at ${threshold} days left, later than the ${minDays} days configured (minDaysBefore)`;
    const actions = peek(() => alarm.props.alarmActions);
    if (actions !== UNKNOWN && !(Array.isArray(actions) && actions.length > 0))
        return "has no alarmActions, so nobody hears it: notify an SNS topic";
    return undefined;
}

/** Imported ACM certificates (ACME, PEM, CSR) have an expiry alarm that notifies someone. */
export const expiryAlarmPolicy: StackValidationPolicy = {
    name: "certificate-expiry-alarm",
    description:
        "Certificates imported into ACM (ACME, PEM, CSR), which ACM does not renew, have a CloudWatch alarm on DaysToExpiry that notifies someone.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            minDaysBefore: {
                type: "integer",
                minimum: 0,
                default: DEFAULT_EXPIRY_ALARM_MIN_DAYS,
                description: "The least alarm threshold accepted, in days before expiry.",
            },
        },
    },
    validateStack: (args, report) => {
        const minDays = args.getConfig<ExpiryAlarmConfig>().minDaysBefore ?? DEFAULT_EXPIRY_ALARM_MIN_DAYS;
        const alarms = args.resources.filter(watchesExpiry);
        for (const certificate of args.resources) {
            if (certificate.type !== ACM_CERTIFICATE_TYPE || !isImportedCertificate(certificate)) continue;
            const label = `Imported certificate '${certificate.name}'`;
            const mine = alarms.filter((a) => sourcesOf(a, "dimensions").some((s) => s.urn === certificate.urn));
            if (mine.length === 0) {
                report(
                    `${label} has no CloudWatch alarm on AWS/CertificateManager DaysToExpiry: ACM does not renew imported certificates, so nothing warns before it expires; add one with dimensions { CertificateArn: <its arn> } (aws-https-domain components: expiryAlarm, on by default for ACME, PEM and CSR certificates).`,
                    certificate.urn,
                );
                continue;
            }
            const problems = mine.map((a) => [a, alarmProblem(a, minDays)] as const);
            if (problems.some(([, problem]) => problem === undefined)) continue;
            for (const [alarm, problem] of problems)
                report(`${label}: its expiry alarm '${alarm.name}' ${problem}.`, certificate.urn);
        }
    },
};
