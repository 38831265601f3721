/** CloudWatch alarm, SNS and EventBridge rules (what the expiry alarms register). */
import { isSet, known, list, num, oneOf, problem, type ResourceRule, rule, str } from "./types";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const TF = "hashicorp/terraform-provider-aws";
const CW = `${TF} internal/service/cloudwatch/metric_alarm.go resourceMetricAlarm`;

/** aws-sdk-go-v2 service/cloudwatch/types ComparisonOperator and Statistic (enum.Validate in the schema). */
const COMPARISONS = [
    "GreaterThanOrEqualToThreshold",
    "GreaterThanThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
    "LessThanLowerOrGreaterThanUpperThreshold",
    "LessThanLowerThreshold",
    "GreaterThanUpperThreshold",
];
const STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

export const MONITORING_RULES: ResourceRule[] = [
    rule("cloudwatch.metricAlarm.name", ALARM, `${CW} schema "alarm_name" StringLenBetween(1, 255)`, (i) => {
        const name = str(i.name);
        return name !== undefined && (name.length < 1 || name.length > 255)
            ? [problem("name", name, `length must be between 1 and 255 characters, got ${name.length}`)]
            : [];
    }),
    rule(
        "cloudwatch.metricAlarm.comparisonOperator",
        ALARM,
        `${CW} schema "comparison_operator" Required, enum.Validate[types.ComparisonOperator]`,
        (i) =>
            isSet(i, "comparisonOperator")
                ? oneOf("comparisonOperator", i.comparisonOperator, COMPARISONS)
                : [problem("comparisonOperator", undefined, "is required")],
    ),
    rule(
        "cloudwatch.metricAlarm.statistic",
        ALARM,
        `${CW} CustomizeDiff ("One of \`statistic\` or \`extended_statistic\` must be set for a cloudwatch metric alarm") and "statistic" enum.Validate[types.Statistic]`,
        (i) => {
            if (isSet(i, "metricName") && !isSet(i, "statistic") && !isSet(i, "extendedStatistic"))
                return [problem("statistic", undefined, "one of `statistic` or `extended_statistic` must be set")];
            return oneOf("statistic", i.statistic, STATISTICS);
        },
    ),
    rule(
        "cloudwatch.metricAlarm.period",
        ALARM,
        `${CW} schema "period" Any(IntInSlice(10, 20, 30), IntDivisibleBy(60))`,
        (i) => {
            const period = num(i.period);
            return period === undefined || [10, 20, 30].includes(period) || period % 60 === 0
                ? []
                : [problem("period", period, "must be 10, 20, 30 or a multiple of 60")];
        },
    ),
    rule(
        "cloudwatch.metricAlarm.evaluation",
        ALARM,
        `${CW} schema "evaluation_periods" Required IntAtLeast(1), "datapoints_to_alarm" IntAtLeast(1); AWS CloudWatch API reference PutMetricAlarm (DatapointsToAlarm is the M of "M out of N", at most EvaluationPeriods)`,
        (i) => {
            const n = num(i.evaluationPeriods);
            const m = num(i.datapointsToAlarm);
            const out = [];
            if (n === undefined || n < 1) out.push(problem("evaluationPeriods", n, "is required, at least 1"));
            if (m !== undefined && (m < 1 || (n !== undefined && m > n)))
                out.push(problem("datapointsToAlarm", m, "must be at least 1 and at most evaluationPeriods"));
            return out;
        },
    ),
    rule(
        "cloudwatch.metricAlarm.treatMissingData",
        ALARM,
        `${CW} schema "treat_missing_data" StringInSlice(missingData_Values()) (consts.go: breaching, ignore, missing, notBreaching)`,
        (i) => oneOf("treatMissingData", i.treatMissingData, ["breaching", "ignore", "missing", "notBreaching"], true),
    ),
    rule(
        "cloudwatch.metricAlarm.namespace",
        ALARM,
        `${CW} schema "namespace" StringLenBetween(1, 255) + "must not contain colon characters"`,
        (i) => {
            const ns = str(i.namespace);
            return ns !== undefined && (ns.includes(":") || ns.length < 1 || ns.length > 255)
                ? [problem("namespace", ns, "must be 1 to 255 characters without a colon")]
                : [];
        },
    ),
    rule(
        "cloudwatch.metricAlarm.actions",
        ALARM,
        `${CW} schema "ok_actions"/"insufficient_data_actions" MaxItems 5, elements verify.ValidARN; AWS CloudWatch API reference PutMetricAlarm AlarmActions (maximum 5 items)`,
        (i) =>
            (["alarmActions", "okActions", "insufficientDataActions"] as const).flatMap((key) => {
                const actions = list(i[key]);
                const out = actions.length > 5 ? [problem(key, actions, "at most 5 actions")] : [];
                actions.forEach((a, n) => {
                    if (typeof a === "string" && !/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(a))
                        out.push(problem(`${key}[${n}]`, a, "is not an ARN"));
                });
                return out;
            }),
    ),
    rule(
        "sns.topic.name",
        TOPIC,
        "AWS SNS API reference CreateTopic Name (1 to 256 ASCII letters, digits, underscores and hyphens; '.fifo' suffix for FIFO topics) — from the API reference, not read in provider source",
        (i) => {
            const name = str(i.name);
            return name !== undefined && !/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)
                ? [problem("name", name, "must be 1 to 256 letters, digits, '_' or '-'")]
                : [];
        },
    ),
    rule(
        "sns.topicSubscription.protocol",
        SUBSCRIPTION,
        `${TF} internal/service/sns/topic_subscription.go "protocol" StringInSlice(subscriptionProtocol_Values()) (consts.go), "endpoint" Required`,
        (i) => [
            ...oneOf("protocol", i.protocol, [
                "application",
                "email",
                "email-json",
                "firehose",
                "http",
                "https",
                "lambda",
                "sms",
                "sqs",
            ]),
            ...(isSet(i, "endpoint") ? [] : [problem("endpoint", undefined, "is required")]),
        ],
    ),
    rule(
        "events.rule.eventPattern",
        EVENT_RULE,
        "AWS EventBridge user guide, event patterns (a JSON object whose leaf values are arrays of match values); a rule needs an event pattern or a schedule expression (PutRule)",
        (i) => {
            const pattern = known(i.eventPattern);
            if (pattern === undefined)
                return isSet(i, "scheduleExpression")
                    ? []
                    : [problem("eventPattern", undefined, "an event pattern or a schedule is required")];
            let parsed: unknown;
            try {
                parsed = JSON.parse(String(pattern));
            } catch {
                return [problem("eventPattern", pattern, "is not JSON")];
            }
            const leaves = (v: unknown): boolean =>
                Array.isArray(v) || (typeof v === "object" && v !== null && Object.values(v).every(leaves));
            return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && leaves(parsed)
                ? []
                : [problem("eventPattern", pattern, "must be an object whose leaf values are arrays")];
        },
    ),
];
