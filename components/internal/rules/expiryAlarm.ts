/**
 * Expiry alarms: the checks of `expiryAlarm`, the alarm's fixed settings on ACM's `DaysToExpiry` metric, the
 * default threshold of each certificate source, and the EventBridge pattern of ACM's expiry events.
 *
 * The metric (ACM User Guide, "Supported CloudWatch metrics", awsdocs/aws-certificate-user-guide
 * doc_source/cloudwatch-metrics.md): namespace `AWS/CertificateManager`, metric `DaysToExpiry`, dimension
 * `CertificateArn`, unit a whole number of days; "ACM stops publishing this metric after a certificate expires".
 * ACM publishes it about once a day, so the alarm looks at one-day periods (a shorter period would see most
 * periods empty), takes the day's `Minimum`, and fires on one breaching day. A day without data is treated as
 * missing, not breaching: the alarm has been in ALARM for `daysBefore` days when a certificate expires, a late or
 * skipped daily data point must not page anyone, and a new alarm must not fire before ACM's first data point. When
 * the metric stops (the certificate expired or was deleted) the alarm goes to INSUFFICIENT_DATA, and the builder
 * notifies the topic of that transition too (`insufficientDataActions`), so silence is never mistaken for health.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ExpiryAlarmArgs } from "../../expiryAlarmArgs";
import { EXPIRY_ALARM_ACME_WINDOW_SHARE, EXPIRY_ALARM_DEFAULT_DAYS } from "../../defaults";
import { isRecord, wrongType } from "./inputTypes";
import { mailboxProblem } from "./mailbox";
import { knownNow, quote } from "./problems";

/** The alarm's fixed settings (PutMetricAlarm fields, as `aws.cloudwatch.MetricAlarm` takes them). */
export const EXPIRY_ALARM_METRIC = {
    namespace: "AWS/CertificateManager",
    metricName: "DaysToExpiry",
    statistic: "Minimum",
    /** One day, in seconds: the metric's publishing interval. */
    period: 86400,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparisonOperator: "LessThanOrEqualToThreshold",
    /** No data point in a period: keep the state; all missing → INSUFFICIENT_DATA (notified, see above). */
    treatMissingData: "missing",
} as const;

/** ACM's expiry event (ACM User Guide, "Amazon EventBridge support for ACM"). */
export const ACM_EXPIRY_EVENT = { source: "aws.acm", detailType: "ACM Certificate Approaching Expiration" } as const;

interface ProblemSink {
    add(path: string, reason: string): void;
}

/** What `checkExpiryAlarm` decided. */
export interface ExpiryAlarmPlan {
    enabled: boolean;
    /** The user's threshold; `undefined` means the source's default. */
    daysBefore?: number;
    snsTopicArn?: pulumi.Input<string>;
    emails: string[];
    eventBridge: boolean;
}

/** How a certificate source decides the alarm's defaults and limits. */
export interface ExpiryAlarmContext {
    /** The alarm is created when `expiryAlarm` is not given. */
    onByDefault: boolean;
    /** A static ACME renewal threshold (`minDaysRemaining`) and its property path: `daysBefore` must stay below it. */
    renewal?: { days: number; path: string };
}

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

function under(at: string, field: string): string {
    return at ? `${at}.${field}` : field;
}

/** Checks `expiryAlarm` (at `at`, e.g. `expiryAlarm` or `certificate.acme.expiryAlarm`) and resolves it. */
export function checkExpiryAlarm(
    value: ExpiryAlarmArgs | undefined,
    problems: ProblemSink,
    at: string,
    context: ExpiryAlarmContext,
): ExpiryAlarmPlan {
    const off: ExpiryAlarmPlan = { enabled: false, emails: [], eventBridge: false };
    if (value === undefined) return { ...off, enabled: context.onByDefault };
    if (!isRecord(value)) {
        problems.add(
            at,
            wrongType(at, value, "an object", "give { daysBefore?, snsTopicArn?, emails? }, or { enabled: false }"),
        );
        return off;
    }
    for (const field of ["enabled", "eventBridge"] as const) {
        const flag = value[field];
        if (flag !== undefined && typeof flag !== "boolean")
            problems.add(under(at, field), wrongType(under(at, field), flag, "true or false", "give true or false"));
    }
    const daysPath = under(at, "daysBefore");
    const days = value.daysBefore;
    if (days !== undefined) {
        if (typeof days !== "number") {
            problems.add(daysPath, wrongType(daysPath, days, "a number", "give whole days, e.g. 14"));
        } else if (!Number.isInteger(days) || days < 1) {
            problems.add(
                daysPath,
                `${quote(daysPath, days)} is not a whole number of days of at least 1: ACM's \`DaysToExpiry\` counts whole days; give e.g. ${EXPIRY_ALARM_DEFAULT_DAYS}`,
            );
        } else if (context.renewal && days >= context.renewal.days) {
            problems.add(
                daysPath,
                `${quote(daysPath, days)} is not below \`${context.renewal.path}\` (${context.renewal.days}): the alarm would fire at every renewal, before the scheduled \`pulumi up\` renews the certificate; use at most ${context.renewal.days - 1}, or leave it out for ${acmeAlarmDays(context.renewal.days)}`,
            );
        }
    }
    const topicPath = under(at, "snsTopicArn");
    const topic = knownNow(value.snsTopicArn);
    if (topic !== undefined && (typeof topic !== "string" || !SNS_TOPIC_ARN.test(topic))) {
        problems.add(
            topicPath,
            typeof topic !== "string"
                ? wrongType(topicPath, topic, "a string", "give the topic's ARN")
                : `${quote(topicPath, topic)} is not an SNS topic ARN: expected 'arn:aws:sns:<region>:<account>:<name>'; leave it out to create a topic here`,
        );
    }
    const emails: string[] = [];
    const emailsPath = under(at, "emails");
    if (value.emails !== undefined && !Array.isArray(value.emails)) {
        problems.add(emailsPath, wrongType(emailsPath, value.emails, "a list", "give ['ops@yourdomain.com']"));
    } else {
        const seen = new Set<string>();
        (value.emails ?? []).forEach((email, i) => {
            const path = `${emailsPath}[${i}]`;
            const problem = mailboxProblem(email, path);
            if (problem) return problems.add(path, problem);
            const address = email.trim();
            if (seen.has(address.toLowerCase()))
                return problems.add(path, `${quote(path, email)} is listed twice: SNS subscribes an address once`);
            seen.add(address.toLowerCase());
            emails.push(address);
        });
    }
    return {
        enabled: value.enabled !== false,
        daysBefore: typeof days === "number" ? days : undefined,
        snsTopicArn: value.snsTopicArn as pulumi.Input<string> | undefined,
        emails,
        eventBridge: value.eventBridge === true,
    };
}

/**
 * The default threshold of an ACME certificate renewed when at most `renewalDays` whole days are left: half the
 * renewal window (`EXPIRY_ALARM_ACME_WINDOW_SHARE`), at least 1. With a daily pipeline, renewal is tried on
 * `renewalDays − threshold` days before the alarm fires: 15 for the 30-day window of a 90-day certificate, 8 for
 * the 15-day window of a 45-day one, 2 for the 3-day window of a 6-day one.
 */
export function acmeAlarmDays(renewalDays: number): number {
    return Math.max(1, Math.floor(renewalDays * EXPIRY_ALARM_ACME_WINDOW_SHARE));
}

/**
 * The renewal window in whole days, read back from `notAfter` and `renewAfter` (which is `notAfter` minus the
 * window plus one day, see `renewAfter` in `certificates/acme.ts`).
 */
export function renewalDaysOf(notAfter: string, renewAfter: string): number {
    return Math.round((Date.parse(notAfter) - Date.parse(renewAfter)) / 86_400_000) - 1;
}

/** EventBridge pattern of ACM's expiry events for `arns` with at most `daysBefore` days left. */
export function expiryEventPattern(arns: readonly string[], daysBefore: number): string {
    return JSON.stringify({
        source: [ACM_EXPIRY_EVENT.source],
        "detail-type": [ACM_EXPIRY_EVENT.detailType],
        resources: [...arns],
        detail: { DaysToExpiry: [{ numeric: ["<=", daysBefore] }] },
    });
}
