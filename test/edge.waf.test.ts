/**
 * AWS WAF: an existing regional web ACL associated by ARN, or a baseline one
 * (AWS managed rule groups, an optional per-IP rate limit, metrics), and
 * `failOpen`, with every refusal of the inputs.
 */
import { named, ofType, registerMockOutputs, resetMocks, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { HttpsLoadBalancer } from "../components/httpsLoadBalancer";
import { CustomDomain } from "../components/customDomain";
import { buildEdge, EDGE_BASE } from "./helpers/edge";

beforeEach(resetMocks);
// The web ACL's ARN, as WAFv2 returns it (regional scope, name, id).
registerMockOutputs("aws:wafv2/webAcl:WebAcl", (args) => ({
    arn: `arn:aws:wafv2:us-east-1:123456789012:regional/webacl/${args.inputs.name}/0000-${args.name}`,
}));

const ACL = "aws:wafv2/webAcl:WebAcl";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/1234abcd-12ab-34cd-56ef-1234567890ab";

const visibility = (metricName: string) => ({
    cloudwatchMetricsEnabled: true,
    sampledRequestsEnabled: true,
    metricName,
});

describe("waf", () => {
    it("associates an existing web ACL with the load balancer, and sets failOpen", async () => {
        const lb = await buildEdge({ waf: { webAclArn: ACL_ARN, failOpen: true } });
        const association = named(ASSOCIATION, "edge-waf");
        expect(association.inputs).toEqual({ resourceArn: await valueOf(lb.loadBalancer.arn), webAclArn: ACL_ARN });
        expect(association.typeChain).toEqual([TOKENS.httpsLoadBalancer, ASSOCIATION]);
        expect(named(TOKENS.loadBalancer, "edge").inputs.enableWafFailOpen).toBe(true);
        expect(ofType(ACL)).toEqual([]);
        expect(lb.webAcl).toBeUndefined();
    });

    it("creates a baseline regional web ACL with the managed groups, a rate limit and metrics", async () => {
        const lb = await buildEdge({ waf: { create: { rateLimitPerIp: 2000 } } });
        const acl = named(ACL, "edge-waf");
        const name: string = acl.inputs.name;
        expect(name).toMatch(/^edge-waf-[0-9a-f]{8}$/);
        expect(acl.inputs).toEqual({
            name,
            scope: "REGIONAL",
            description: "Baseline web ACL of load balancer edge",
            defaultAction: { allow: {} },
            visibilityConfig: visibility(name),
            rules: [
                {
                    name: "common-rule-set",
                    priority: 0,
                    overrideAction: { none: {} },
                    statement: {
                        managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" },
                    },
                    visibilityConfig: visibility(`${name}-common-rule-set`),
                },
                {
                    name: "known-bad-inputs",
                    priority: 1,
                    overrideAction: { none: {} },
                    statement: {
                        managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" },
                    },
                    visibilityConfig: visibility(`${name}-known-bad-inputs`),
                },
                {
                    name: "ip-reputation",
                    priority: 2,
                    overrideAction: { none: {} },
                    statement: {
                        managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAmazonIpReputationList" },
                    },
                    visibilityConfig: visibility(`${name}-ip-reputation`),
                },
                {
                    name: "rate-limit-per-ip",
                    priority: 3,
                    action: { block: {} },
                    statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
                    visibilityConfig: visibility(`${name}-rate-limit-per-ip`),
                },
            ],
        });
        expect(named(ASSOCIATION, "edge-waf").inputs.webAclArn).toBe(await valueOf(lb.webAcl?.arn ?? lb.dnsName));
        expect(named(TOKENS.loadBalancer, "edge").inputs.enableWafFailOpen).toBeUndefined();
    });

    it("only counts in countOnly mode, and has no rate rule without a limit", async () => {
        await buildEdge({ waf: { create: { countOnly: true } } });
        const rules = named(ACL, "edge-waf").inputs.rules;
        expect(rules.map((r: { name: string }) => r.name)).toEqual([
            "common-rule-set",
            "known-bad-inputs",
            "ip-reputation",
        ]);
        for (const r of rules) expect(r.overrideAction).toEqual({ count: {} });
    });

    it("is passed through by CustomDomain", async () => {
        const site = new CustomDomain("site", { ...CUSTOM_DOMAIN_BASE, waf: { webAclArn: ACL_ARN } });
        await valueOf(site.loadBalancer.arn);
        await settle();
        expect(named(ASSOCIATION, "site-lb-waf").inputs.webAclArn).toBe(ACL_ARN);
    });

    it.each<[string, unknown, [string, string][]]>([
        [
            "neither ARN nor create",
            { failOpen: true },
            [
                [
                    "waf",
                    "`waf` names no web ACL: set `waf.webAclArn` to a regional web ACL, or `waf.create: {}` for a baseline one",
                ],
            ],
        ],
        [
            "both",
            { webAclArn: ACL_ARN, create: {} },
            [
                [
                    "waf",
                    "`waf.webAclArn` and `waf.create` are both set: use an existing web ACL, or create one, not both",
                ],
            ],
        ],
        [
            "a CloudFront web ACL",
            {
                webAclArn:
                    "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
            [
                [
                    "waf.webAclArn",
                    "`waf.webAclArn` 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/1234abcd-12ab-34cd-56ef-1234567890ab' is a CloudFront (global) web ACL: a load balancer takes a web ACL of scope REGIONAL in its own Region",
                ],
            ],
        ],
        [
            "a classic WAF ARN",
            { webAclArn: "arn:aws:waf-regional:us-east-1:123456789012:webacl/1234" },
            [
                [
                    "waf.webAclArn",
                    "`waf.webAclArn` 'arn:aws:waf-regional:us-east-1:123456789012:webacl/1234' is not a WAFv2 web ACL ARN: it looks like 'arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>'",
                ],
            ],
        ],
        [
            "a rate limit below 100 and wrong types",
            { create: { rateLimitPerIp: 10, countOnly: "yes" }, failOpen: 1 },
            [
                ["waf.failOpen", "`waf.failOpen` is a number, not a boolean: write true or false"],
                [
                    "waf.create.rateLimitPerIp",
                    "`waf.create.rateLimitPerIp` '10' is out of range: a rate-based rule counts 100 to 2000000000 requests per IP in 5 minutes",
                ],
                ["waf.create.countOnly", "`waf.create.countOnly` is a string, not a boolean: write true or false"],
            ],
        ],
    ])("refuses %s", (_what, waf, expected) => {
        expect(inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, waf: waf as never }))).toEqual(
            expected,
        );
        expect(ofType(ACL)).toEqual([]);
    });
});
