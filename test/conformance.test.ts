import * as aws from "@pulumi/aws";
import * as tls from "@pulumi/tls";
import * as acme from "@pulumiverse/acme";
import { checkResource, CROSS_RULES, formatViolation, RULES } from "./helpers/conformance";
import { UNKNOWN } from "./helpers/conformance/types";
import { expectRefusals, resetMocks } from "./helpers/mocks";
import { TOKENS } from "./helpers/components";

beforeEach(resetMocks);

const LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/lb/0123456789abcdef";
const LISTENER_ARN =
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/0123456789abcdef/fedcba9876543210";
const TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
const forward = [{ type: "forward", targetGroupArn: TG_ARN }];

/** [rule id, property, value, message], the problem one rule reports. */
type Expected = [string, string, unknown, string];

/** The exact message the layer produces: type, logical name, property, value, message, rule, citation from the table. */
function message(type: string, name: string, [rule, property, value, text]: Expected): string {
    const citation = [...RULES, ...CROSS_RULES].find((r) => r.id === rule)?.citation;
    if (!citation) throw new Error(`no rule ${rule}`);
    return formatViolation({ type, name, rule, citation, property, value, message: text });
}

const tg = (name: string, args: Partial<aws.lb.TargetGroupArgs> = {}) =>
    new aws.lb.TargetGroup(name, { port: 80, protocol: "HTTP", vpcId: "vpc-1", ...args });
const lambdaTg = (name: string, args: Partial<aws.lb.TargetGroupArgs> = {}) =>
    new aws.lb.TargetGroup(name, { targetType: "lambda", ...args });
const listener = (name: string, args: Partial<aws.lb.ListenerArgs> = {}) =>
    new aws.lb.Listener(name, {
        loadBalancerArn: LB_ARN,
        port: 443,
        protocol: "HTTPS",
        defaultActions: forward,
        ...args,
    });
const listenerRule = (name: string, args: Partial<aws.lb.ListenerRuleArgs> = {}) =>
    new aws.lb.ListenerRule(name, {
        listenerArn: LISTENER_ARN,
        priority: 10,
        conditions: [{ hostHeader: { values: ["app.example.com"] } }],
        actions: forward,
        ...args,
    });
const ingress = (name: string, args: Partial<aws.vpc.SecurityGroupIngressRuleArgs>) =>
    new aws.vpc.SecurityGroupIngressRule(name, {
        securityGroupId: "sg-1",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        ...args,
    });
const egress = (name: string, args: Partial<aws.vpc.SecurityGroupEgressRuleArgs>) =>
    new aws.vpc.SecurityGroupEgressRule(name, {
        securityGroupId: "sg-1",
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        ...args,
    });
const cert = (name: string, args: Partial<aws.acm.CertificateArgs>) =>
    new aws.acm.Certificate(name, { domainName: "app.example.com", validationMethod: "DNS", ...args });
const record = (name: string, args: Partial<aws.route53.RecordArgs>) =>
    new aws.route53.Record(name, {
        zoneId: "Z1",
        name: "app.example.com",
        type: "A",
        aliases: [{ name: "lb.elb.amazonaws.com", zoneId: "Z35SXDOTRQ7X7K", evaluateTargetHealth: true }],
        ...args,
    });

const long = (n: number) => "a".repeat(n);
const ONE = "one of";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:alerts";
const PCA_ARN = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012";
const alarm = (name: string, args: Partial<aws.cloudwatch.MetricAlarmArgs>) =>
    new aws.cloudwatch.MetricAlarm(name, {
        name: "expiry",
        namespace: "AWS/CertificateManager",
        metricName: "DaysToExpiry",
        statistic: "Minimum",
        period: 86400,
        evaluationPeriods: 1,
        comparisonOperator: "LessThanOrEqualToThreshold",
        threshold: 15,
        ...args,
    });

/** Refusals of the CloudWatch, SNS and EventBridge rules (test/helpers/conformance/monitoring.ts). */
function monitoringRefusals(): [string, string, string, (name: string) => unknown, Expected[]][] {
    return [
        [
            "cloudwatch.metricAlarm.name",
            ALARM,
            "a",
            (n) => alarm(n, { name: "x".repeat(256) }),
            [
                [
                    "cloudwatch.metricAlarm.name",
                    "name",
                    "x".repeat(256),
                    "length must be between 1 and 255 characters, got 256",
                ],
            ],
        ],
        [
            "cloudwatch.metricAlarm.comparisonOperator",
            ALARM,
            "a",
            (n) => alarm(n, { comparisonOperator: "LessThanOrEqual" }),
            [
                [
                    "cloudwatch.metricAlarm.comparisonOperator",
                    "comparisonOperator",
                    "LessThanOrEqual",
                    "must be one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold, LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, GreaterThanUpperThreshold",
                ],
            ],
        ],
        [
            "cloudwatch.metricAlarm.statistic",
            ALARM,
            "a",
            (n) => alarm(n, { statistic: undefined }),
            [
                [
                    "cloudwatch.metricAlarm.statistic",
                    "statistic",
                    undefined,
                    "one of `statistic` or `extended_statistic` must be set",
                ],
            ],
        ],
        [
            "cloudwatch.metricAlarm.period",
            ALARM,
            "a",
            (n) => alarm(n, { period: 90 }),
            [["cloudwatch.metricAlarm.period", "period", 90, "must be 10, 20, 30 or a multiple of 60"]],
        ],
        [
            "cloudwatch.metricAlarm.evaluation",
            ALARM,
            "a",
            (n) => alarm(n, { datapointsToAlarm: 2 }),
            [
                [
                    "cloudwatch.metricAlarm.evaluation",
                    "datapointsToAlarm",
                    2,
                    "must be at least 1 and at most evaluationPeriods",
                ],
            ],
        ],
        [
            "cloudwatch.metricAlarm.treatMissingData",
            ALARM,
            "a",
            (n) => alarm(n, { treatMissingData: "breach" }),
            [
                [
                    "cloudwatch.metricAlarm.treatMissingData",
                    "treatMissingData",
                    "breach",
                    "must be one of breaching, ignore, missing, notBreaching",
                ],
            ],
        ],
        [
            "cloudwatch.metricAlarm.namespace",
            ALARM,
            "a",
            (n) => alarm(n, { namespace: "AWS:CertificateManager" }),
            [
                [
                    "cloudwatch.metricAlarm.namespace",
                    "namespace",
                    "AWS:CertificateManager",
                    "must be 1 to 255 characters without a colon",
                ],
            ],
        ],
        [
            "cloudwatch.metricAlarm.actions",
            ALARM,
            "a",
            (n) => alarm(n, { alarmActions: ["alerts"] }),
            [["cloudwatch.metricAlarm.actions", "alarmActions[0]", "alerts", "is not an ARN"]],
        ],
        [
            "sns.topic.name",
            "aws:sns/topic:Topic",
            "t",
            (n) => new aws.sns.Topic(n, { name: "app.example.com-alerts" }),
            [["sns.topic.name", "name", "app.example.com-alerts", "must be 1 to 256 letters, digits, '_' or '-'"]],
        ],
        [
            "sns.topicSubscription.protocol",
            "aws:sns/topicSubscription:TopicSubscription",
            "s",
            (n) => new aws.sns.TopicSubscription(n, { topic: TOPIC_ARN, protocol: "mail", endpoint: "ops@corp.dev" }),
            [
                [
                    "sns.topicSubscription.protocol",
                    "protocol",
                    "mail",
                    "must be one of application, email, email-json, firehose, http, https, lambda, sms, sqs",
                ],
            ],
        ],
        [
            "acm.certificate.certificateAuthorityArn",
            TOKENS.acmCert,
            "c",
            (n) => cert(n, { certificateAuthorityArn: PCA_ARN }),
            [
                [
                    "acm.certificate.certificateAuthorityArn",
                    "validationMethod",
                    "DNS",
                    "conflicts with certificate_authority_arn",
                ],
            ],
        ],
        [
            "acm.certificate.options",
            TOKENS.acmCert,
            "c",
            (n) => cert(n, { options: { export: "YES" } }),
            [["acm.certificate.options", "options.export", "YES", "must be one of ENABLED, DISABLED"]],
        ],
        [
            "events.rule.eventPattern",
            "aws:cloudwatch/eventRule:EventRule",
            "r",
            (n) => new aws.cloudwatch.EventRule(n, { eventPattern: JSON.stringify({ source: "aws.acm" }) }),
            [
                [
                    "events.rule.eventPattern",
                    "eventPattern",
                    '{"source":"aws.acm"}',
                    "must be an object whose leaf values are arrays",
                ],
            ],
        ],
    ];
}

// Each row: [rule, type, logical name, register the bad resource, the problem(s) it must report].
const refused: [string, string, string, (name: string) => unknown, Expected[]][] = [
    [
        "elbv2.loadBalancer.name",
        TOKENS.loadBalancer,
        "lb",
        (n) => new aws.lb.LoadBalancer(n, { name: "my_lb" }),
        [["elbv2.loadBalancer.name", "name", "my_lb", "only alphanumeric characters and hyphens allowed"]],
    ],
    [
        "elbv2.loadBalancer.namePrefix",
        TOKENS.loadBalancer,
        "lb",
        (n) => new aws.lb.LoadBalancer(n, { namePrefix: "webfront" }),
        [["elbv2.loadBalancer.namePrefix", "namePrefix", "webfront", "cannot be longer than 6 characters"]],
    ],
    [
        "elbv2.loadBalancer.autoname",
        TOKENS.loadBalancer,
        "shop-production-public-balancer",
        (n) => new aws.lb.LoadBalancer(n, {}),
        [
            [
                "elbv2.loadBalancer.autoname",
                "name",
                "shop-production-public-balancer-<7 random>",
                "unset, so pulumi-aws autonames it from the logical name (39 characters), and validName refuses that: cannot be longer than 32 characters",
            ],
        ],
    ],
    [
        "elbv2.loadBalancer.idleTimeout",
        TOKENS.loadBalancer,
        "lb",
        (n) => new aws.lb.LoadBalancer(n, { name: "lb", idleTimeout: 4001 }),
        [["elbv2.loadBalancer.idleTimeout", "idleTimeout", 4001, "must be between 1 and 4000"]],
    ],
    [
        "elbv2.loadBalancer.loadBalancerType",
        TOKENS.loadBalancer,
        "lb",
        (n) => new aws.lb.LoadBalancer(n, { name: "lb", loadBalancerType: "classic" }),
        [
            [
                "elbv2.loadBalancer.loadBalancerType",
                "loadBalancerType",
                "classic",
                `must be ${ONE} application, network, gateway`,
            ],
        ],
    ],
    [
        "elbv2.loadBalancer.ipAddressType",
        TOKENS.loadBalancer,
        "lb",
        (n) => new aws.lb.LoadBalancer(n, { name: "lb", ipAddressType: "ipv6" }),
        [
            [
                "elbv2.loadBalancer.ipAddressType",
                "ipAddressType",
                "ipv6",
                `must be ${ONE} ipv4, dualstack, dualstack-without-public-ipv4`,
            ],
        ],
    ],
    [
        "elbv2.targetGroup.name",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { name: "web-" }),
        [["elbv2.targetGroup.name", "name", "web-", "cannot end with a hyphen"]],
    ],
    [
        "elbv2.targetGroup.namePrefix",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { namePrefix: "-tg" }),
        [["elbv2.targetGroup.namePrefix", "namePrefix", "-tg", "cannot begin with a hyphen"]],
    ],
    [
        "elbv2.targetGroup.autoname",
        TOKENS.targetGroup,
        "shop-production-target-gr",
        (n) => tg(n),
        [
            [
                "elbv2.targetGroup.autoname",
                "name",
                "shop-production-target-gr-<7 random>",
                `unset, and the bridge refuses to autoname it: could not make instance of '${TOKENS.targetGroup}': name 'shop-production-target-gr-' plus 7 random chars is longer than maximum length 32`,
            ],
        ],
    ],
    [
        "elbv2.targetGroup.port",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { port: 70000 }),
        [["elbv2.targetGroup.port", "port", 70000, "must be between 1 and 65535"]],
    ],
    [
        "elbv2.targetGroup.protocol",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { protocol: "http" }),
        [
            [
                "elbv2.targetGroup.protocol",
                "protocol",
                "http",
                `must be ${ONE} HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, GENEVE, QUIC, TCP_QUIC`,
            ],
        ],
    ],
    [
        "elbv2.targetGroup.targetType",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { targetType: "container" }),
        [["elbv2.targetGroup.targetType", "targetType", "container", `must be ${ONE} instance, ip, lambda, alb`]],
    ],
    [
        "elbv2.targetGroup.requiredUnlessLambda",
        TOKENS.targetGroup,
        "tg",
        (n) => new aws.lb.TargetGroup(n, { port: 80, protocol: "HTTP", targetType: "ip" }),
        [["elbv2.targetGroup.requiredUnlessLambda", "vpcId", undefined, 'required when targetType is "ip"']],
    ],
    [
        "elbv2.targetGroup.lambdaIgnores",
        TOKENS.targetGroup,
        "tg",
        (n) => lambdaTg(n, { port: 8080 }),
        [
            [
                "elbv2.targetGroup.lambdaIgnores",
                "port",
                8080,
                "is never sent for a lambda target group (silently ignored)",
            ],
        ],
    ],
    [
        "elbv2.targetGroup.healthCheck.ranges",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { healthCheck: { interval: 4, path: "/health" } }),
        [["elbv2.targetGroup.healthCheck.ranges", "healthCheck.interval", 4, "must be between 5 and 300"]],
    ],
    [
        "elbv2.targetGroup.healthCheck.port",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { healthCheck: { port: "0" } }),
        [
            [
                "elbv2.targetGroup.healthCheck.port",
                "healthCheck.port",
                "0",
                'must be a valid port number (1-65536) or "traffic-port"',
            ],
        ],
    ],
    [
        "elbv2.targetGroup.healthCheck.tcp",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { healthCheck: { protocol: "TCP" } }),
        [
            [
                "elbv2.targetGroup.healthCheck.tcp",
                "healthCheck.protocol",
                "TCP",
                'cannot be "TCP" when protocol is "HTTP"',
            ],
        ],
    ],
    [
        "elbv2.targetGroup.healthCheck.lambdaInterval",
        TOKENS.targetGroup,
        "tg",
        (n) => lambdaTg(n, { healthCheck: { interval: 30, timeout: 30 } }),
        [
            [
                "elbv2.targetGroup.healthCheck.lambdaInterval",
                "healthCheck.interval",
                30,
                "must be greater than healthCheck.timeout (30) for a lambda target group",
            ],
        ],
    ],
    [
        "elbv2.targetGroup.healthCheck.matcher",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { healthCheck: { matcher: "200-599" } }),
        [
            [
                "elbv2.targetGroup.healthCheck.matcher",
                "healthCheck.matcher",
                "200-599",
                'must name HTTP codes between 200 and 499 ("200", "200,202" or "200-299")',
            ],
        ],
    ],
    [
        "elbv2.listener.port",
        TOKENS.listener,
        "https",
        (n) => listener(n, { port: 0 }),
        [["elbv2.listener.port", "port", 0, "must be between 1 and 65535"]],
    ],
    [
        "elbv2.listener.protocol",
        TOKENS.listener,
        "https",
        (n) => listener(n, { protocol: "HTTP3" }),
        [
            [
                "elbv2.listener.protocol",
                "protocol",
                "HTTP3",
                `must be ${ONE} HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, GENEVE, QUIC, TCP_QUIC`,
            ],
        ],
    ],
    [
        "elbv2.listener.emptyAttribute",
        TOKENS.listener,
        "https",
        (n) => listener(n, { routingHttpResponseStrictTransportSecurityHeaderValue: "" }),
        [
            [
                "elbv2.listener.emptyAttribute",
                "routingHttpResponseStrictTransportSecurityHeaderValue",
                "",
                "empty string is never sent to AWS (silently ignored): leave it unset, or set the value to remove/replace",
            ],
        ],
    ],
    [
        "elbv2.listener.defaultActions",
        TOKENS.listener,
        "http",
        (n) =>
            listener(n, {
                port: 80,
                protocol: "HTTP",
                defaultActions: [
                    { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_307" } },
                ],
            }),
        [
            [
                "elbv2.listener.defaultActions",
                "defaultActions[0].redirect.statusCode",
                "HTTP_307",
                `must be ${ONE} HTTP_301, HTTP_302`,
            ],
        ],
    ],
    [
        "elbv2.listenerRule.priority",
        TOKENS.listenerRule,
        "rule",
        (n) => listenerRule(n, { priority: 50001 }),
        [
            [
                "elbv2.listenerRule.priority",
                "priority",
                50001,
                "must be in the range 1-50000 for normal rule or 99999 for the default rule",
            ],
        ],
    ],
    [
        "elbv2.listenerRule.conditionField",
        TOKENS.listenerRule,
        "rule",
        (n) =>
            listenerRule(n, {
                conditions: [{ hostHeader: { values: ["a.example.com"] }, pathPattern: { values: ["/a"] } }],
            }),
        [
            [
                "elbv2.listenerRule.conditionField",
                "conditions[0]",
                ["hostHeader", "pathPattern"],
                "only one of hostHeader, httpHeader, httpRequestMethod, pathPattern, queryStrings, sourceIp can be set",
            ],
        ],
    ],
    [
        "elbv2.listenerRule.conditionValues",
        TOKENS.listenerRule,
        "rule",
        (n) => listenerRule(n, { conditions: [{ hostHeader: { values: [`${long(117)}.example.com`] } }] }),
        [
            [
                "elbv2.listenerRule.conditionValues",
                "conditions[0].hostHeader.values[0]",
                `${long(117)}.example.com`,
                "length must be between 1 and 128 characters, got 129",
            ],
        ],
    ],
    [
        "elbv2.listenerRule.conditionValueQuota",
        TOKENS.listenerRule,
        "rule",
        (n) =>
            listenerRule(n, {
                conditions: [
                    { hostHeader: { values: ["a.x.com", "b.x.com", "c.x.com", "d.x.com", "e.x.com", "f.x.com"] } },
                ],
            }),
        [
            [
                "elbv2.listenerRule.conditionValueQuota",
                "conditions",
                ["a.x.com", "b.x.com", "c.x.com", "d.x.com", "e.x.com", "f.x.com"],
                "a rule may hold at most 5 condition values, got 6",
            ],
        ],
    ],
    [
        "elbv2.listenerRule.wildcardQuota",
        TOKENS.listenerRule,
        "rule",
        (n) =>
            listenerRule(n, { conditions: [{ pathPattern: { values: ["/a/*", "/b/*", "/c/*", "/d/*", "/e/*?"] } }] }),
        [["elbv2.listenerRule.wildcardQuota", "conditions", 6, "a rule may hold at most 5 condition wildcards, got 6"]],
    ],
    [
        "elbv2.listenerRule.actions",
        TOKENS.listenerRule,
        "rule",
        (n) =>
            listenerRule(n, {
                actions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "302" } }],
            }),
        [["elbv2.listenerRule.actions", "actions[0].fixedResponse.statusCode", "302", "must match ^[245]\\d\\d$"]],
    ],
    ...(["ingress", "egress"] as const).flatMap(
        (dir): [string, string, string, (name: string) => unknown, Expected[]][] => {
            const make = dir === "ingress" ? ingress : egress;
            const type = dir === "ingress" ? TOKENS.ingressRule : TOKENS.egressRule;
            const id = `ec2.${dir}Rule`;
            return [
                [
                    `${id}.cidrIpv4`,
                    type,
                    "r",
                    (n) => make(n, { cidrIpv4: "10.0.0.1/16" }),
                    [
                        [
                            `${id}.cidrIpv4`,
                            "cidrIpv4",
                            "10.0.0.1/16",
                            '"10.0.0.1/16" is not a valid IPv4 CIDR block; did you mean "10.0.0.0/16"?',
                        ],
                    ],
                ],
                [
                    `${id}.cidrIpv6`,
                    type,
                    "r",
                    (n) => make(n, { cidrIpv6: "2600:1f18::1/56" }),
                    [
                        [
                            `${id}.cidrIpv6`,
                            "cidrIpv6",
                            "2600:1f18::1/56",
                            '"2600:1f18::1/56" is not a valid IPv6 CIDR block; did you mean "2600:1f18::/56"?',
                        ],
                    ],
                ],
                [
                    `${id}.cidrIpv6Canonical`,
                    type,
                    "r",
                    (n) => make(n, { cidrIpv6: "2600:1F18:0:0::/56" }),
                    [
                        [
                            `${id}.cidrIpv6Canonical`,
                            "cidrIpv6",
                            "2600:1F18:0:0::/56",
                            'not in canonical form: state is refreshed with EC2\'s "2600:1f18::/56", a diff on every run',
                        ],
                    ],
                ],
                [
                    `${id}.ports`,
                    type,
                    "r",
                    (n) => make(n, { cidrIpv4: "10.0.0.0/16", toPort: 65536 }),
                    [[`${id}.ports`, "toPort", 65536, "must be between -1 and 65535"]],
                ],
                [
                    `${id}.source`,
                    type,
                    "r",
                    (n) => make(n, {}),
                    [
                        [
                            `${id}.source`,
                            "cidrIpv4|cidrIpv6|prefixListId|referencedSecurityGroupId",
                            [],
                            "exactly one of cidrIpv4, cidrIpv6, prefixListId, referencedSecurityGroupId must be set, got none",
                        ],
                    ],
                ],
            ];
        },
    ),
    [
        "acm.certificate.source",
        TOKENS.acmCert,
        "cert",
        (n) => new aws.acm.Certificate(n, { validationMethod: "DNS" }),
        [["acm.certificate.source", "domainName|privateKey", [], "exactly one of domainName, privateKey must be set"]],
    ],
    [
        "acm.certificate.domainName.trailingDot",
        TOKENS.acmCert,
        "cert",
        (n) => cert(n, { domainName: "app.example.com." }),
        [["acm.certificate.domainName.trailingDot", "domainName", "app.example.com.", "cannot end with a period"]],
    ],
    [
        "acm.certificate.domainName.length",
        TOKENS.acmCert,
        "cert",
        (n) => cert(n, { domainName: `${long(53)}.example.com` }),
        [
            [
                "acm.certificate.domainName.length",
                "domainName",
                `${long(53)}.example.com`,
                "the domain name (CN) cannot exceed 64 octets, got 65: put it in subjectAlternativeNames",
            ],
        ],
    ],
    [
        "acm.certificate.subjectAlternativeNames",
        TOKENS.acmCert,
        "cert",
        (n) => cert(n, { subjectAlternativeNames: ["www.example.com."] }),
        [
            [
                "acm.certificate.subjectAlternativeNames",
                "subjectAlternativeNames[0]",
                "www.example.com.",
                "cannot end with a period",
            ],
        ],
    ],
    [
        "acm.certificate.keyAlgorithm",
        TOKENS.acmCert,
        "cert",
        (n) => cert(n, { keyAlgorithm: "RSA_8192" }),
        [
            [
                "acm.certificate.keyAlgorithm",
                "keyAlgorithm",
                "RSA_8192",
                `must be ${ONE} RSA_1024, RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1, EC_secp521r1`,
            ],
        ],
    ],
    [
        "acm.certificate.keyAlgorithm.request",
        TOKENS.acmCert,
        "cert",
        (n) => cert(n, { keyAlgorithm: "RSA_4096" }),
        [
            [
                "acm.certificate.keyAlgorithm.request",
                "keyAlgorithm",
                "RSA_4096",
                "ACM issues requested certificates only with RSA_2048, EC_prime256v1, EC_secp384r1",
            ],
        ],
    ],
    [
        "acm.certificate.validationMethod",
        TOKENS.acmCert,
        "cert",
        (n) => new aws.acm.Certificate(n, { domainName: "app.example.com" }),
        [
            [
                "acm.certificate.validationMethod",
                "validationMethod",
                undefined,
                "`certificate_authority_arn` or `validation_method` must be set when creating an ACM certificate",
            ],
        ],
    ],
    [
        "route53.record.type",
        TOKENS.record,
        "rec",
        (n) => record(n, { type: "ALIAS" }),
        [
            [
                "route53.record.type",
                "type",
                "ALIAS",
                `must be ${ONE} SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS`,
            ],
        ],
    ],
    [
        "route53.record.zoneId",
        TOKENS.record,
        "rec",
        (n) => record(n, { zoneId: "" }),
        [["route53.record.zoneId", "zoneId", "", "must not be empty"]],
    ],
    [
        "route53.record.aliasOrRecords",
        TOKENS.record,
        "rec",
        (n) => record(n, { records: ["192.0.2.1"] }),
        [
            [
                "route53.record.aliasOrRecords",
                "aliases|records",
                ["aliases", "records"],
                "only one of `alias,records` can be specified",
            ],
            [
                "route53.record.recordsNeedTtl",
                "ttl",
                undefined,
                "required with records (no alias): Route 53 refuses a record set without TTL",
            ],
        ],
    ],
    [
        "route53.record.aliasTtl",
        TOKENS.record,
        "rec",
        (n) => record(n, { ttl: 60, records: undefined }),
        [
            ["route53.record.aliasTtl", "ttl", 60, "conflicts with alias"],
            ["route53.record.ttlNeedsRecords", "records", undefined, '"ttl": all of `records,ttl` must be specified'],
        ],
    ],
    [
        "route53.record.ttlNeedsRecords",
        TOKENS.record,
        "rec",
        (n) => record(n, { aliases: undefined, ttl: 300 }),
        [
            ["route53.record.aliasOrRecords", "aliases|records", [], "one of `alias,records` must be specified"],
            ["route53.record.ttlNeedsRecords", "records", undefined, '"ttl": all of `records,ttl` must be specified'],
        ],
    ],
    [
        "route53.record.recordsNeedTtl",
        TOKENS.record,
        "rec",
        (n) => record(n, { aliases: undefined, records: ["192.0.2.1"] }),
        [
            [
                "route53.record.recordsNeedTtl",
                "ttl",
                undefined,
                "required with records (no alias): Route 53 refuses a record set without TTL",
            ],
        ],
    ],
    [
        "route53.record.alias",
        TOKENS.record,
        "rec",
        (n) => record(n, { aliases: [{ name: "lb.elb.amazonaws.com", zoneId: long(33), evaluateTargetHealth: true }] }),
        [["route53.record.alias", "aliases[0].zoneId", long(33), "length must be between 1 and 32 characters, got 33"]],
    ],
    [
        "tls.privateKey.algorithm",
        "tls:index/privateKey:PrivateKey",
        "key",
        (n) => new tls.PrivateKey(n, { algorithm: "DSA" }),
        [["tls.privateKey.algorithm", "algorithm", "DSA", `must be ${ONE} RSA, ECDSA, ED25519`]],
    ],
    [
        "tls.privateKey.ecdsaCurve",
        "tls:index/privateKey:PrivateKey",
        "key",
        (n) => new tls.PrivateKey(n, { algorithm: "ECDSA", ecdsaCurve: "P192" }),
        [["tls.privateKey.ecdsaCurve", "ecdsaCurve", "P192", `must be ${ONE} P224, P256, P384, P521`]],
    ],
    [
        "acme.certificate.keyType",
        "acme:index/certificate:Certificate",
        "le",
        (n) => new acme.Certificate(n, { accountKeyPem: "KEY", commonName: "app.example.com", keyType: "RSA2048" }),
        [
            [
                "acme.certificate.keyType",
                "keyType",
                "RSA2048",
                "certificate key type must be one of P256, P384, 2048, 4096, or 8192",
            ],
        ],
    ],
    [
        "acme.certificate.commonNameInSans",
        "acme:index/certificate:Certificate",
        "le",
        (n) =>
            new acme.Certificate(n, {
                accountKeyPem: "KEY",
                commonName: "app.example.com",
                subjectAlternativeNames: ["app.example.com"],
            }),
        [
            [
                "acme.certificate.commonNameInSans",
                "subjectAlternativeNames",
                "app.example.com",
                "common name app.example.com should not appear in SAN list",
            ],
        ],
    ],
    [
        "aws.tags",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { tags: { "aws:owner": "me" } }),
        [["aws.tags", "tags.aws:owner", "aws:owner", 'tag keys may not start with "aws:" (reserved for AWS)']],
    ],
    ...monitoringRefusals(),
    [
        "s3.bucket.name",
        "aws:s3/bucket:Bucket",
        "logs",
        (n) => new aws.s3.Bucket(n, { bucket: "Logs_Bucket" }),
        [["s3.bucket.name", "bucket", "Logs_Bucket", "only lowercase alphanumeric characters and hyphens allowed"]],
    ],
    [
        "s3.lifecycle.rules",
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "expiry",
        (n) =>
            new aws.s3.BucketLifecycleConfiguration(n, {
                bucket: "logs",
                rules: [{ id: "expire", status: "On", expiration: { days: 0 } }],
            }),
        [
            ["s3.lifecycle.rules", "rules[0].status", "On", `must be ${ONE} Enabled, Disabled`],
            ["s3.lifecycle.rules", "rules[0].filter", undefined, "exactly one of filter and prefix must be set"],
            ["s3.lifecycle.rules", "rules[0].expiration.days", 0, "must be a positive whole number of days"],
        ],
    ],
    [
        "s3.encryption.algorithm",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "sse",
        (n) =>
            new aws.s3.BucketServerSideEncryptionConfiguration(n, {
                bucket: "logs",
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "SSE-S3" } }],
            }),
        [
            [
                "s3.encryption.algorithm",
                "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm",
                "SSE-S3",
                `must be ${ONE} AES256, aws:fsx, aws:kms, aws:kms:dsse`,
            ],
        ],
    ],
    [
        "s3.bucketPolicy.policy",
        "aws:s3/bucketPolicy:BucketPolicy",
        "policy",
        (n) => new aws.s3.BucketPolicy(n, { bucket: "logs", policy: "[]" }),
        [["s3.bucketPolicy.policy", "policy", "[]", "must be a JSON object (IAM policy document)"]],
    ],
    [
        "elbv2.loadBalancer.logs",
        TOKENS.loadBalancer,
        "lb",
        (n) =>
            new aws.lb.LoadBalancer(n, {
                name: "lb-0a1b2c3",
                accessLogs: { bucket: "logs", prefix: "alb/AWSLogs", enabled: true },
            }),
        [["elbv2.loadBalancer.logs", "accessLogs.prefix", "alb/AWSLogs", 'must not include "AWSLogs" (ELB adds it)']],
    ],
    [
        "ec2.prefixList.addressFamily",
        "aws:ec2/managedPrefixList:ManagedPrefixList",
        "vpc",
        (n) => new aws.ec2.ManagedPrefixList(n, { name: "vpc", addressFamily: "ipv4", maxEntries: 1 }),
        [["ec2.prefixList.addressFamily", "addressFamily", "ipv4", `must be ${ONE} IPv4, IPv6`]],
    ],
    [
        "ec2.prefixList.name",
        "aws:ec2/managedPrefixList:ManagedPrefixList",
        "vpc",
        (n) => new aws.ec2.ManagedPrefixList(n, { name: "com.amazonaws.mine", addressFamily: "IPv4", maxEntries: 1 }),
        [["ec2.prefixList.name", "name", "com.amazonaws.mine", 'cannot start with "com.amazonaws"']],
    ],
    [
        "ec2.prefixList.entries",
        "aws:ec2/managedPrefixList:ManagedPrefixList",
        "vpc",
        (n) =>
            new aws.ec2.ManagedPrefixList(n, {
                name: "vpc",
                addressFamily: "IPv6",
                maxEntries: 1,
                entries: [{ cidr: "10.0.0.0/16" }, { cidr: "2600:1f18::/56" }],
            }),
        [
            ["ec2.prefixList.entries", "entries[0].cidr", "10.0.0.0/16", "is not a valid IPv6 CIDR"],
            ["ec2.prefixList.entries", "entries", 2, "holds more entries than maxEntries (1)"],
        ],
    ],
    [
        "elbv2.loadBalancer.attributes",
        TOKENS.loadBalancer,
        "lb",
        (n) =>
            new aws.lb.LoadBalancer(n, {
                name: "lb-0a1b2c3",
                desyncMitigationMode: "strict",
                xffHeaderProcessingMode: "append",
                clientKeepAlive: 30,
            }),
        [
            [
                "elbv2.loadBalancer.attributes",
                "desyncMitigationMode",
                "strict",
                `must be ${ONE} monitor, defensive, strictest`,
            ],
            ["elbv2.loadBalancer.attributes", "clientKeepAlive", 30, "must be between 60 and 604800"],
        ],
    ],
    [
        "elbv2.loadBalancer.dualstackWithoutPublicIpv4",
        TOKENS.loadBalancer,
        "lb",
        (n) =>
            new aws.lb.LoadBalancer(n, {
                name: "lb-0a1b2c3",
                internal: true,
                ipAddressType: "dualstack-without-public-ipv4",
            }),
        [
            [
                "elbv2.loadBalancer.dualstackWithoutPublicIpv4",
                "internal",
                true,
                "an internal load balancer cannot use dualstack-without-public-ipv4",
            ],
        ],
    ],
    [
        "elbv2.targetGroup.healthCheck.timeoutBelowInterval",
        TOKENS.targetGroup,
        "tg",
        (n) => tg(n, { name: "tg", healthCheck: { interval: 10, timeout: 10 } }),
        [
            [
                "elbv2.targetGroup.healthCheck.timeoutBelowInterval",
                "healthCheck.timeout",
                10,
                "must be less than healthCheck.interval (10)",
            ],
        ],
    ],
    [
        "wafv2.webAcl.nameScope",
        "aws:wafv2/webAcl:WebAcl",
        "acl",
        (n) =>
            new aws.wafv2.WebAcl(n, {
                name: "my acl",
                scope: "regional",
                defaultAction: { allow: {} },
                visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: "acl" },
            }),
        [
            [
                "wafv2.webAcl.nameScope",
                "name",
                "my acl",
                "must contain only alphanumeric hyphen and underscore characters",
            ],
            ["wafv2.webAcl.nameScope", "scope", "regional", `must be ${ONE} CLOUDFRONT, REGIONAL`],
        ],
    ],
    [
        "wafv2.webAcl.visibility",
        "aws:wafv2/webAcl:WebAcl",
        "acl",
        (n) =>
            new aws.wafv2.WebAcl(n, {
                name: "acl",
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                visibilityConfig: {
                    cloudwatchMetricsEnabled: true,
                    sampledRequestsEnabled: true,
                    metricName: "acl.metric",
                },
            }),
        [
            [
                "wafv2.webAcl.visibility",
                "visibilityConfig.metricName",
                "acl.metric",
                "must contain only alphanumeric hyphen and underscore characters",
            ],
        ],
    ],
    [
        "wafv2.webAcl.rules",
        "aws:wafv2/webAcl:WebAcl",
        "acl",
        (n) =>
            new aws.wafv2.WebAcl(n, {
                name: "acl",
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: "acl" },
                rules: [
                    {
                        name: "rate",
                        priority: 0,
                        action: { block: {} },
                        statement: { rateBasedStatement: { limit: 50, aggregateKeyType: "IP" } },
                        visibilityConfig: {
                            cloudwatchMetricsEnabled: true,
                            sampledRequestsEnabled: true,
                            metricName: "acl",
                        },
                    },
                ],
            }),
        [
            [
                "wafv2.webAcl.rules",
                "rules[0].statement.rateBasedStatement.limit",
                50,
                "must be between 100 and 2000000000",
            ],
        ],
    ],
    [
        "wafv2.webAclAssociation.arns",
        "aws:wafv2/webAclAssociation:WebAclAssociation",
        "waf",
        (n) => new aws.wafv2.WebAclAssociation(n, { resourceArn: LB_ARN, webAclArn: "my-acl" }),
        [["wafv2.webAclAssociation.arns", "webAclArn", "my-acl", "is not a valid ARN"]],
    ],
    [
        "elbv2.trustStore.inputs",
        "aws:lb/trustStore:TrustStore",
        "ts",
        (n) =>
            new aws.lb.TrustStore(n, {
                name: "internal-ts",
                caCertificatesBundleS3Bucket: "bundles",
                caCertificatesBundleS3Key: "",
            }),
        [
            ["elbv2.trustStore.inputs", "name", "internal-ts", 'cannot begin with "internal-"'],
            ["elbv2.trustStore.inputs", "caCertificatesBundleS3Key", "", "must not be empty"],
        ],
    ],
    [
        "elbv2.trustStoreRevocation.inputs",
        "aws:lb/trustStoreRevocation:TrustStoreRevocation",
        "crl",
        (n) =>
            new aws.lb.TrustStoreRevocation(n, {
                trustStoreArn: "my-trust-store",
                revocationsS3Bucket: "crls",
                revocationsS3Key: "",
                revocationsS3ObjectVersion: "",
            }),
        [
            ["elbv2.trustStoreRevocation.inputs", "trustStoreArn", "my-trust-store", "is not a valid ARN"],
            ["elbv2.trustStoreRevocation.inputs", "revocationsS3Key", "", "must not be empty"],
            ["elbv2.trustStoreRevocation.inputs", "revocationsS3ObjectVersion", "", "must not be empty"],
        ],
    ],
    [
        "elbv2.listener.mutualAuthentication",
        TOKENS.listener,
        "https",
        (n) => listener(n, { mutualAuthentication: { mode: "verify" } }),
        [
            [
                "elbv2.listener.mutualAuthentication",
                "mutualAuthentication.trustStoreArn",
                undefined,
                "is required in verify mode",
            ],
        ],
    ],
    [
        "s3.object.key",
        "aws:s3/bucketObjectv2:BucketObjectv2",
        "bundle",
        (n) => new aws.s3.BucketObjectv2(n, { bucket: "bundles", key: "" }),
        [["s3.object.key", "key", "", "must not be empty"]],
    ],
    [
        "elbv2.listener.authenticate",
        TOKENS.listener,
        "http",
        (n) =>
            listener(n, {
                port: 80,
                protocol: "HTTP",
                defaultActions: [
                    {
                        type: "authenticate-cognito",
                        order: 1,
                        authenticateCognito: { userPoolArn: "arn", userPoolClientId: "c", userPoolDomain: "d" },
                    },
                    { ...forward[0], order: 2 },
                ],
            }),
        [
            [
                "elbv2.listener.authenticate",
                "defaultActions[0].type",
                "authenticate-cognito",
                "authenticate actions work on HTTPS listeners only",
            ],
        ],
    ],
    [
        "elbv2.listenerRule.authenticate",
        TOKENS.listenerRule,
        "rule",
        (n) =>
            listenerRule(n, {
                actions: [
                    { ...forward[0], order: 1 },
                    {
                        type: "authenticate-oidc",
                        order: 2,
                        authenticateOidc: {
                            issuer: "https://i",
                            authorizationEndpoint: "https://a",
                            tokenEndpoint: "https://t",
                            userInfoEndpoint: "https://u",
                            clientId: "c",
                            clientSecret: "s",
                            onUnauthenticatedRequest: "redirect",
                        },
                    },
                ],
            }),
        [
            ["elbv2.listenerRule.authenticate", "actions[1].order", 2, "must come before the final action"],
            [
                "elbv2.listenerRule.authenticate",
                "actions[1].onUnauthenticatedRequest",
                "redirect",
                `must be ${ONE} deny, allow, authenticate`,
            ],
        ],
    ],
];

describe("conformance layer: each rule refuses its bad value with the exact error", () => {
    it.each(refused)("%s", async (_rule, type, name, register, expected) => {
        const messages = await expectRefusals(() => register(name));
        expect(messages).toEqual([expected.map((e) => message(type, name, e)).join("\n")]);
    });

    it("has a refusal test for every per-resource rule", () => {
        expect(RULES.map((r) => r.id).filter((id) => !refused.some(([rule]) => rule === id))).toEqual([]);
    });
});

// One accepted resource per type, with the options the components use.
const accepted: [string, () => unknown][] = [
    [
        "load balancer with an explicit name",
        () =>
            new aws.lb.LoadBalancer("site", {
                name: "site-lb-0a1b2c3",
                idleTimeout: 60,
                ipAddressType: "dualstack",
                loadBalancerType: "application",
            }),
    ],
    ["load balancer autonamed from a short logical name", () => new aws.lb.LoadBalancer("site", {})],
    [
        "target group autonamed at exactly 32 characters",
        () => tg("a".repeat(24), { healthCheck: { path: "/health", matcher: "200-399", interval: 30, timeout: 5 } }),
    ],
    [
        "lambda target group with interval above timeout",
        () => lambdaTg("fn", { healthCheck: { interval: 35, timeout: 30, matcher: "200-499" } }),
    ],
    [
        "HTTPS listener with set header attributes",
        () =>
            listener("https", {
                routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000",
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            }),
    ],
    [
        "HTTP listener redirecting to HTTPS",
        () =>
            listener("http", {
                port: 80,
                protocol: "HTTP",
                defaultActions: [
                    {
                        type: "redirect",
                        redirect: {
                            protocol: "HTTPS",
                            port: "443",
                            statusCode: "HTTP_301",
                            path: "/#{path}",
                            query: "#{query}",
                            host: "#{host}",
                        },
                    },
                ],
            }),
    ],
    [
        "listener rule with five host values",
        () =>
            listenerRule("rule", {
                conditions: [{ hostHeader: { values: ["a.x.com", "b.x.com", "c.x.com", "d.x.com", "*.e.x.com"] } }],
            }),
    ],
    [
        "IPv4 and canonical IPv6 ingress rules",
        () => [
            ingress("in4", { cidrIpv4: "0.0.0.0/0" }),
            ingress("in6", { cidrIpv6: "::/0" }),
            ingress("in6b", { cidrIpv6: "2600:1f18:1234:5600::/56" }),
        ],
    ],
    ["egress rule to the VPC", () => egress("out", { cidrIpv4: "10.0.0.0/16" })],
    [
        "requested ACM certificate with SANs",
        () =>
            cert("cert", {
                subjectAlternativeNames: ["www.example.com", `${long(60)}.example.com`],
                keyAlgorithm: "EC_prime256v1",
            }),
    ],
    [
        "imported ACM certificate",
        () =>
            new aws.acm.Certificate("imported", {
                certificateBody: "CERT",
                privateKey: "KEY",
                certificateChain: "CHAIN",
            }),
    ],
    [
        "alias A record and a CNAME with TTL",
        () => [
            record("a", {}),
            record("cname", {
                aliases: undefined,
                type: "CNAME",
                name: "_x.app.example.com.",
                records: ["_y.acm-validations.aws."],
                ttl: 300,
            }),
        ],
    ],
    [
        "ACME account key, certificate",
        () => [
            new tls.PrivateKey("acct", { algorithm: "ECDSA", ecdsaCurve: "P256" }),
            new acme.Certificate("le", {
                accountKeyPem: "KEY",
                commonName: "app.example.com",
                subjectAlternativeNames: ["www.example.com"],
                keyType: "P256",
            }),
        ],
    ],
    ["tags within the limits", () => tg("tg", { tags: { [long(128)]: long(256), Name: "web" } })],
];

describe("conformance layer: accepted resources pass", () => {
    it.each(accepted)("%s", async (_what, register) => {
        expect(await expectRefusals(register)).toEqual([]);
    });
});

describe("conformance layer: cross-resource rules refuse the second registration", () => {
    it("two listener rules at one priority on one listener (PriorityInUse)", async () => {
        const messages = await expectRefusals(() => [
            listenerRule("r1"),
            listenerRule("r2", { conditions: [{ pathPattern: { values: ["/b"] } }] }),
        ]);
        expect(messages).toEqual([
            message(TOKENS.listenerRule, "r2", [
                "cross.listenerRule.priorityInUse",
                "priority",
                10,
                `PriorityInUse: listener ${LISTENER_ARN} already has a rule at priority 10 ('r1')`,
            ]),
        ]);
    });

    it("the same permission under two resources (InvalidPermission.Duplicate), CIDRs compared as networks", async () => {
        const messages = await expectRefusals(() => [
            ingress("a", { cidrIpv6: "::/0" }),
            ingress("b", { cidrIpv6: "::/0" }),
        ]);
        expect(messages).toEqual([
            message(TOKENS.ingressRule, "b", [
                "cross.securityGroupRule.duplicate",
                "securityGroupId|ipProtocol|fromPort|toPort|cidr",
                "ingress|sg-1|tcp|443|443|::/0",
                "InvalidPermission.Duplicate: 'a' already grants this permission",
            ]),
        ]);
    });

    it("two records for one zone, name and type without allowOverwrite (names compared as Route 53 stores them)", async () => {
        const messages = await expectRefusals(() => [record("r1", {}), record("r2", { name: "App.Example.com." })]);
        expect(messages).toEqual([
            message(TOKENS.record, "r2", [
                "cross.route53Record.duplicate",
                "zoneId|name|type",
                "Z1|app.example.com|A|",
                "'r1' already manages this record set, and without allowOverwrite on both the second CREATE fails (record already exists)",
            ]),
        ]);
    });

    it("accepts shared records that both allow overwriting, and the same priority on different listeners", async () => {
        const shared = {
            aliases: undefined,
            type: "CNAME",
            name: "_v.example.com.",
            records: ["_w.acm-validations.aws."],
            ttl: 300,
            allowOverwrite: true,
        };
        const messages = await expectRefusals(() => [
            record("v1", shared),
            record("v2", shared),
            listenerRule("p1"),
            listenerRule("p2", { listenerArn: `${LISTENER_ARN}0` }),
        ]);
        expect(messages).toEqual([]);
    });
});

describe("conformance layer: values the rules cannot see are skipped", () => {
    it.each([
        [TOKENS.targetGroup, { name: UNKNOWN, port: UNKNOWN, protocol: UNKNOWN, vpcId: UNKNOWN, healthCheck: UNKNOWN }],
        [TOKENS.listener, { port: UNKNOWN, routingHttpResponseServerEnabled: UNKNOWN, defaultActions: [UNKNOWN] }],
        [
            TOKENS.listenerRule,
            { priority: UNKNOWN, conditions: [{ hostHeader: { values: [UNKNOWN] } }], actions: UNKNOWN },
        ],
        [TOKENS.ingressRule, { cidrIpv4: UNKNOWN, fromPort: UNKNOWN }],
        [TOKENS.acmCert, { domainName: UNKNOWN, validationMethod: "DNS", subjectAlternativeNames: UNKNOWN }],
        [
            TOKENS.record,
            { zoneId: UNKNOWN, name: UNKNOWN, type: UNKNOWN, aliases: [{ name: UNKNOWN, zoneId: UNKNOWN }] },
        ],
    ])("%s", (type, inputs) => {
        expect(checkResource({ type, name: "x", inputs })).toEqual([]);
    });
});
