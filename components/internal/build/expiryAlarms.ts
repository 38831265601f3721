/**
 * Expiry alarms of a component's certificates: one CloudWatch alarm per certificate on ACM's `DaysToExpiry`,
 * notifying an SNS topic (created here unless the user gives one, with optional e-mail subscriptions), and
 * optionally one EventBridge rule per certificate routing ACM's "Approaching Expiration" events to the topic.
 *
 * Children are named after the component and the certificate's key (`""` for the default certificate, else the
 * first name of its group), never a position: `-expiry-alarm`, `-expiry-rule`, `-expiry-target`, one
 * `-expiry-email-<address>` per address, `-expiry-topic` and `-expiry-topic-policy`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { EXPIRY_ALARM_METRIC, type ExpiryAlarmPlan, expiryEventPattern } from "../rules/expiryAlarm";
import { identityHash, physicalName, readablePrefix } from "../rules/physicalNames";

/** One certificate to watch. */
export interface WatchedCertificate {
    /** `""` for a component's only or default certificate, else its group's first name. */
    key: string;
    hostnames: readonly string[];
    /** The validated or imported ARN (the metric's `CertificateArn` dimension). */
    arn: pulumi.Output<string>;
    /** The source's threshold, in days left: the alarm uses it unless the plan gives the user's (`daysBefore`). */
    defaultDaysBefore: pulumi.Input<number>;
    /** What to do when it fires, for the alarm's description. */
    advice: string;
}

export interface ExpiryAlarms {
    /** The topic notified (created here, or the user's); unknown when the plan is off. */
    topicArn: pulumi.Output<string | undefined>;
    alarms: aws.cloudwatch.MetricAlarm[];
}

/** CloudWatch alarm names are 1–255 characters (terraform-provider-aws metric_alarm.go `alarm_name`). */
const MAX_ALARM_NAME = 255;

function alarmName(logicalName: string): string {
    const hash = identityHash([pulumi.getProject(), pulumi.getStack(), "aws:cloudwatch/metricAlarm", logicalName]);
    return `${readablePrefix(logicalName, MAX_ALARM_NAME - hash.length - 1)}-${hash}`;
}

const suffix = (key: string) => (key === "" ? "" : `-${key}`);

/** Creates the alarms (and topic, subscriptions, rules) of `certificates` under `parent`; nothing when the plan is off. */
export function createExpiryAlarms(
    name: string,
    certificates: readonly WatchedCertificate[],
    plan: ExpiryAlarmPlan,
    settings: { tags?: pulumi.Input<Record<string, pulumi.Input<string>>>; parent: pulumi.Resource },
): ExpiryAlarms {
    const { parent, tags } = settings;
    if (!plan.enabled) return { topicArn: pulumi.output(undefined), alarms: [] };
    const own =
        plan.snsTopicArn === undefined
            ? new aws.sns.Topic(
                  `${name}-expiry-topic`,
                  { name: physicalName("aws:sns/topic:Topic", `${name}-expiry-topic`), tags },
                  { parent },
              )
            : undefined;
    const topicArn = own ? own.arn : pulumi.output(plan.snsTopicArn!);
    for (const email of plan.emails) {
        // terraform-provider-aws topic_subscription.go: e-mail subscriptions are not waited for (AWS mails a
        // confirmation link), and deleting one still pending confirmation is not an error.
        new aws.sns.TopicSubscription(
            `${name}-expiry-email-${email.toLowerCase()}`,
            { topic: topicArn, protocol: "email", endpoint: email },
            { parent },
        );
    }
    const alarms: aws.cloudwatch.MetricAlarm[] = [];
    const rules: aws.cloudwatch.EventRule[] = [];
    for (const cert of certificates) {
        const logical = `${name}-expiry-alarm${suffix(cert.key)}`;
        const daysBefore = plan.daysBefore ?? cert.defaultDaysBefore;
        const names = cert.hostnames.join(", ");
        alarms.push(
            new aws.cloudwatch.MetricAlarm(
                logical,
                {
                    name: alarmName(logical),
                    alarmDescription: pulumi
                        .output(daysBefore)
                        .apply((days) =>
                            `The certificate for ${names} expires in ${days} days or fewer, or has stopped reporting DaysToExpiry (expired or deleted). ${cert.advice}`.slice(
                                0,
                                1024,
                            ),
                        ),
                    ...EXPIRY_ALARM_METRIC,
                    dimensions: { CertificateArn: cert.arn },
                    threshold: daysBefore,
                    alarmActions: [topicArn],
                    okActions: [topicArn],
                    insufficientDataActions: [topicArn],
                    tags,
                },
                { parent },
            ),
        );
        if (!plan.eventBridge) continue;
        const rule = new aws.cloudwatch.EventRule(
            `${name}-expiry-rule${suffix(cert.key)}`,
            {
                description: `ACM expiry events for ${names}`.slice(0, 512),
                eventPattern: pulumi
                    .all([cert.arn, daysBefore])
                    .apply(([arn, days]) => expiryEventPattern([arn], days)),
                tags,
            },
            { parent },
        );
        new aws.cloudwatch.EventTarget(
            `${name}-expiry-target${suffix(cert.key)}`,
            { rule: rule.name, arn: topicArn },
            { parent },
        );
        rules.push(rule);
    }
    if (own && rules.length > 0) {
        // EventBridge publishes to SNS only when the topic's policy allows events.amazonaws.com; the policy
        // replaces the default one, so it also lets CloudWatch alarms of this account publish.
        new aws.sns.TopicPolicy(
            `${name}-expiry-topic-policy`,
            {
                arn: own.arn,
                policy: pulumi.all([own.arn, pulumi.all(rules.map((r) => r.arn))]).apply(([arn, ruleArns]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Sid: "ExpiryEvents",
                                Effect: "Allow",
                                Principal: { Service: "events.amazonaws.com" },
                                Action: "sns:Publish",
                                Resource: arn,
                                Condition: { ArnEquals: { "aws:SourceArn": ruleArns } },
                            },
                            {
                                Sid: "ExpiryAlarms",
                                Effect: "Allow",
                                Principal: { Service: "cloudwatch.amazonaws.com" },
                                Action: "sns:Publish",
                                Resource: arn,
                                Condition: { StringEquals: { "aws:SourceAccount": arn.split(":")[4] } },
                            },
                        ],
                    }),
                ),
            },
            { parent },
        );
    }
    return { topicArn, alarms };
}

/** The alarm of a component's one certificate (keyed `""`). */
export function createCertificateAlarm(
    name: string,
    plan: ExpiryAlarmPlan,
    cert: Omit<WatchedCertificate, "key">,
    settings: { tags?: pulumi.Input<Record<string, pulumi.Input<string>>>; parent: pulumi.Resource },
): ExpiryAlarms {
    return createExpiryAlarms(name, [{ key: "", ...cert }], plan, settings);
}
