/**
 * Expiry alarms under Pulumi mocks (through the conformance layer): the exact CloudWatch alarm on ACM's
 * `DaysToExpiry`, the SNS topic and e-mail subscriptions, the optional EventBridge rule, the default per
 * certificate source, and the input checks with their exact messages.
 *
 * Sources: ACM User Guide "Supported CloudWatch metrics" (awsdocs/aws-certificate-user-guide
 * doc_source/cloudwatch-metrics.md: namespace AWS/CertificateManager, dimension CertificateArn, "ACM stops
 * publishing this metric after a certificate expires"); ACM User Guide "Amazon EventBridge support for ACM"
 * (event `ACM Certificate Approaching Expiration`, source `aws.acm`, the certificate ARN in `resources`,
 * `detail.DaysToExpiry`); hashicorp/terraform-provider-aws internal/service/cloudwatch/metric_alarm.go and
 * internal/service/sns/topic_subscription.go (see test/helpers/conformance/monitoring.ts).
 */
import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { mockAcmeIssuance } from "./helpers/acmeMocks";
import { makePki, type TestCert } from "./helpers/pki";
import { AcmCertificate } from "../components/acmCertificate";
import { AcmeCertificate } from "../components/acmeCertificate";
import { ImportedCertificate } from "../components/importedCertificate";
import { CustomDomain } from "../components/customDomain";
import { acmeAlarmDays, checkExpiryAlarm } from "../components/internal/rules/expiryAlarm";
import { Problems } from "../components/internal/rules/problems";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const POLICY = "aws:sns/topicPolicy:TopicPolicy";
const ACCOUNT_TOPIC = "arn:aws:sns:us-east-1:123456789012:ops-alerts";

/** The fixed alarm settings every expiry alarm has: one-day periods of the day's minimum, missing data keeps the state. */
const METRIC = {
    namespace: "AWS/CertificateManager",
    metricName: "DaysToExpiry",
    statistic: "Minimum",
    period: 86400,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparisonOperator: "LessThanOrEqualToThreshold",
    treatMissingData: "missing",
};

let leaf: TestCert;
let chain: string;
beforeAll(async () => {
    await mockAcmeIssuance(["app.example.com", "www.example.com"]);
    const pki = await makePki("Alarm");
    leaf = await pki.leaf({ commonName: "app.example.com", dnsNames: ["app.example.com"] });
    chain = pki.intermediate.pem;
});
beforeEach(resetMocks);

const pem = () => ({ certificate: leaf.pem, privateKey: leaf.key.pem, chain });

describe("the alarm each certificate source gets", () => {
    it("ImportedCertificate: on by default, 30 days, a new topic, nothing subscribed", async () => {
        const c = new ImportedCertificate("site", { ...pem(), hostnames: ["app.example.com"] });
        const certArn = await valueOf(c.certificateArn);
        const topicArn = await valueOf(c.expiryTopicArn);
        await settle();
        const topic = named(TOPIC, "site-expiry-topic");
        expect(topic.inputs.name).toMatch(/^site-expiry-topic-[0-9a-f]{8}$/);
        expect(topicArn).toBe(`arn:aws:sns:us-east-1:123456789012:${topic.inputs.name}`);
        const alarm = named(ALARM, "site-expiry-alarm");
        expect(alarm.typeChain).toEqual([TOKENS.importedCertificate, ALARM]);
        expect(alarm.inputs).toEqual({
            ...METRIC,
            name: expect.stringMatching(/^site-expiry-alarm-[0-9a-f]{8}$/),
            alarmDescription:
                "The certificate for app.example.com expires in 30 days or fewer, or has stopped reporting DaysToExpiry (expired or deleted). Get the renewed certificate from your CA, put it (and its chain and key) in the stack's config, and run `pulumi up`: it is re-imported into the same ARN.",
            dimensions: { CertificateArn: certArn },
            threshold: 30,
            alarmActions: [topicArn],
            okActions: [topicArn],
            insufficientDataActions: [topicArn],
        });
        expect(ofType(SUBSCRIPTION)).toEqual([]);
        expect(ofType(RULE)).toEqual([]);
    });

    it("ImportedCertificate: { enabled: false } creates nothing", async () => {
        const c = new ImportedCertificate("site", { ...pem(), expiryAlarm: { enabled: false } });
        await valueOf(c.certificateArn);
        expect(c.expiryAlarms).toEqual([]);
        expect([...ofType(ALARM), ...ofType(TOPIC)]).toEqual([]);
    });

    it("AcmCertificate: off by default (ACM renews it); {} turns it on at 30 days", async () => {
        const off = new AcmCertificate("api", { hostnames: ["api.example.com"], zoneId: "Z1" });
        await valueOf(off.certificateArn);
        expect(ofType(ALARM)).toEqual([]);
        await resetMocks();
        const on = new AcmCertificate("api", { hostnames: ["api.example.com"], zoneId: "Z1", expiryAlarm: {} });
        const arn = await valueOf(on.certificateArn);
        await valueOf(on.expiryTopicArn);
        await settle();
        expect(named(ALARM, "api-expiry-alarm").inputs).toMatchObject({
            ...METRIC,
            threshold: 30,
            dimensions: { CertificateArn: arn },
        });
    });

    it("AcmeCertificate: half the lifetime-following renewal window (91-day certificate: 30 → 15)", async () => {
        const c = new AcmeCertificate("app", { hostnames: ["app.example.com", "www.example.com"], zoneId: "Z1" });
        expect(await valueOf(c.renewalThresholdDays)).toBe(30);
        await valueOf(c.expiryTopicArn);
        await valueOf(c.expiryAlarms[0].threshold);
        expect(named(ALARM, "app-expiry-alarm").inputs).toMatchObject({ ...METRIC, threshold: 15 });
    });

    it("AcmeCertificate: a static minDaysRemaining of 20 alarms at 10", async () => {
        const c = new AcmeCertificate("app", {
            hostnames: ["app.example.com", "www.example.com"],
            zoneId: "Z1",
            minDaysRemaining: 20,
        });
        await valueOf(c.expiryAlarms[0].threshold);
        expect(named(ALARM, "app-expiry-alarm").inputs.threshold).toBe(10);
        expect(named(TOKENS.acmeCert, "app-certificate").inputs.minDaysRemaining).toBe(20);
        expect(named(TOKENS.acmeCert, "app-certificate").inputs.minDaysDynamic).toBeUndefined();
    });

    it.each([
        [30, 15],
        [15, 7],
        [3, 1],
        [1, 1],
    ])("acmeAlarmDays(%i) = %i: half the daily renewal runs have failed before it fires", (window, days) => {
        expect(acmeAlarmDays(window)).toBe(days);
    });
});

describe("CustomDomain", () => {
    it("one alarm per certificate keyed by its group, one topic, e-mails subscribed, EventBridge routed", async () => {
        const site = new CustomDomain("shop", {
            ...CUSTOM_DOMAIN_BASE,
            alternativeNames: ["www.example.com"],
            maxNamesPerCertificate: 1,
            certificate: { acme: {} },
            expiryAlarm: { emails: ["ops@corp.dev", "OnCall@corp.dev"], eventBridge: true },
        });
        const arns = await valueOf(site.certificateArns);
        const topicArn = await valueOf(site.expiryTopicArn);
        await settle();
        // The children do not make their own alarms or topics.
        expect(ofType(ALARM).map((a) => [a.name, a.typeChain[0]])).toEqual([
            ["shop-expiry-alarm", TOKENS.customDomain],
            ["shop-expiry-alarm-www.example.com", TOKENS.customDomain],
        ]);
        expect(ofType(TOPIC).map((t) => t.name)).toEqual(["shop-expiry-topic"]);
        expect(named(ALARM, "shop-expiry-alarm").inputs.dimensions).toEqual({ CertificateArn: arns[0] });
        expect(named(ALARM, "shop-expiry-alarm-www.example.com").inputs.dimensions).toEqual({
            CertificateArn: arns[1],
        });
        expect(ofType(SUBSCRIPTION).map((s) => [s.name, s.inputs])).toEqual([
            ["shop-expiry-email-ops@corp.dev", { topic: topicArn, protocol: "email", endpoint: "ops@corp.dev" }],
            ["shop-expiry-email-oncall@corp.dev", { topic: topicArn, protocol: "email", endpoint: "OnCall@corp.dev" }],
        ]);
        const rule = named(RULE, "shop-expiry-rule");
        expect(JSON.parse(rule.inputs.eventPattern)).toEqual({
            source: ["aws.acm"],
            "detail-type": ["ACM Certificate Approaching Expiration"],
            resources: [arns[0]],
            detail: { DaysToExpiry: [{ numeric: ["<=", 15] }] },
        });
        expect(named(TARGET, "shop-expiry-target").inputs).toEqual({
            rule: "shop-expiry-rule",
            arn: topicArn,
        });
        const policy = JSON.parse(named(POLICY, "shop-expiry-topic-policy").inputs.policy);
        expect(policy.Statement).toEqual([
            {
                Sid: "ExpiryEvents",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: {
                    ArnEquals: {
                        "aws:SourceArn": [
                            "arn:aws:events:us-east-1:123456789012:rule/shop-expiry-rule",
                            "arn:aws:events:us-east-1:123456789012:rule/shop-expiry-rule-www.example.com",
                        ],
                    },
                },
            },
            {
                Sid: "ExpiryAlarms",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            },
        ]);
    });

    it("with the user's topic: no topic or policy created, the alarm notifies that ARN", async () => {
        const site = new CustomDomain("shop", {
            ...CUSTOM_DOMAIN_BASE,
            certificate: { pem: pem() },
            alternativeNames: [],
            expiryAlarm: { snsTopicArn: ACCOUNT_TOPIC, daysBefore: 21 },
        });
        await valueOf(site.certificateArn);
        await valueOf(site.expiryAlarms[0].threshold);
        expect([...ofType(TOPIC), ...ofType(POLICY)]).toEqual([]);
        expect(named(ALARM, "shop-expiry-alarm").inputs).toMatchObject({
            threshold: 21,
            alarmActions: [ACCOUNT_TOPIC],
            okActions: [ACCOUNT_TOPIC],
            insufficientDataActions: [ACCOUNT_TOPIC],
        });
        expect(await valueOf(site.expiryTopicArn)).toBe(ACCOUNT_TOPIC);
    });

    it("ACM certificates: off unless asked", async () => {
        const site = new CustomDomain("shop", CUSTOM_DOMAIN_BASE);
        await valueOf(site.certificateArn);
        expect(ofType(ALARM)).toEqual([]);
        expect(site.expiryAlarms).toEqual([]);
    });

    it("refuses a threshold at or above the static ACME renewal threshold, under its own path", () => {
        expect(
            inputProblems(
                () =>
                    new CustomDomain("shop", {
                        ...CUSTOM_DOMAIN_BASE,
                        certificate: { acme: { minDaysRemaining: 20 } },
                        expiryAlarm: { daysBefore: 20 },
                    }),
            ),
        ).toEqual([
            [
                "expiryAlarm.daysBefore",
                "`expiryAlarm.daysBefore` '20' is not below `certificate.acme.minDaysRemaining` (20): the alarm would fire at every renewal, before the scheduled `pulumi up` renews the certificate; use at most 19, or leave it out for 10",
            ],
        ]);
    });
});

describe("checkExpiryAlarm", () => {
    const ctx = { onByDefault: true };
    it.each<[string, unknown, [string, string][]]>([
        [
            "not an object",
            "yes",
            [
                [
                    "expiryAlarm",
                    "`expiryAlarm` is a string, not an object: give { daysBefore?, snsTopicArn?, emails? }, or { enabled: false }",
                ],
            ],
        ],
        [
            "enabled a string",
            { enabled: "no" },
            [["expiryAlarm.enabled", "`expiryAlarm.enabled` is a string, not true or false: give true or false"]],
        ],
        [
            "daysBefore 0",
            { daysBefore: 0 },
            [
                [
                    "expiryAlarm.daysBefore",
                    "`expiryAlarm.daysBefore` '0' is not a whole number of days of at least 1: ACM's `DaysToExpiry` counts whole days; give e.g. 30",
                ],
            ],
        ],
        [
            "daysBefore a fraction",
            { daysBefore: 2.5 },
            [
                [
                    "expiryAlarm.daysBefore",
                    "`expiryAlarm.daysBefore` '2.5' is not a whole number of days of at least 1: ACM's `DaysToExpiry` counts whole days; give e.g. 30",
                ],
            ],
        ],
        [
            "daysBefore a string",
            { daysBefore: "14" },
            [
                [
                    "expiryAlarm.daysBefore",
                    "`expiryAlarm.daysBefore` is a string, not a number: give whole days, e.g. 14",
                ],
            ],
        ],
        [
            "a topic that is not an SNS ARN",
            { snsTopicArn: "arn:aws:sqs:us-east-1:123456789012:q" },
            [
                [
                    "expiryAlarm.snsTopicArn",
                    "`expiryAlarm.snsTopicArn` 'arn:aws:sqs:us-east-1:123456789012:q' is not an SNS topic ARN: expected 'arn:aws:sns:<region>:<account>:<name>'; leave it out to create a topic here",
                ],
            ],
        ],
        [
            "emails not a list",
            { emails: "ops@corp.dev" },
            [["expiryAlarm.emails", "`expiryAlarm.emails` is a string, not a list: give ['ops@yourdomain.com']"]],
        ],
        [
            "an address twice and a display name",
            { emails: ["ops@corp.dev", "OPS@corp.dev", "Ops <ops@corp.dev>"] },
            [
                [
                    "expiryAlarm.emails[1]",
                    "`expiryAlarm.emails[1]` 'OPS@corp.dev' is listed twice: SNS subscribes an address once",
                ],
                [
                    "expiryAlarm.emails[2]",
                    "`expiryAlarm.emails[2]` 'Ops <ops@corp.dev>' has a display name: give only the address ('ops@corp.dev')",
                ],
            ],
        ],
    ])("%s", (_label, value, expected) => {
        const problems = new Problems();
        checkExpiryAlarm(value as never, problems, "expiryAlarm", ctx);
        expect(inputProblems(() => problems.throwIfAny("X", "x"))).toEqual(expected);
    });

    it("resolves the defaults: on or off by source, no threshold, no e-mails, no EventBridge", () => {
        const problems = new Problems();
        expect(checkExpiryAlarm(undefined, problems, "expiryAlarm", { onByDefault: false })).toEqual({
            enabled: false,
            emails: [],
            eventBridge: false,
        });
        expect(checkExpiryAlarm({}, problems, "expiryAlarm", { onByDefault: false })).toEqual({
            enabled: true,
            daysBefore: undefined,
            snsTopicArn: undefined,
            emails: [],
            eventBridge: false,
        });
        expect(problems.count).toBe(0);
    });
});
