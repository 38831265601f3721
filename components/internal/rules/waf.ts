/**
 * AWS WAF for the load balancer: the checks of `waf`, and the baseline web
 * ACL's rules.
 *
 * From hashicorp/terraform-provider-aws internal/service/wafv2: web_acl.go
 * schema (name 1–128 of `[0-9A-Za-z_-]`, scope REGIONAL/CLOUDFRONT, rule name
 * 1–128, priority required), schemas.go `visibilityConfigSchema` (metric name
 * 1–128 of `[0-9A-Za-z_-]`), `rateBasedStatementSchema` (limit IntBetween(100,
 * 2000000000) in the releases read; AWS has since lowered the minimum to 10,
 * so 100 is accepted by every version). An Application Load Balancer takes a
 * web ACL of scope REGIONAL in its own Region (WAF Developer Guide, "Associating
 * a web ACL with an AWS resource"); CLOUDFRONT ACLs (`…:global/webacl/…`) are refused.
 */
import type { WafArgs } from "../../loadBalancerArgs";
import { isRecord, wrongType } from "./inputTypes";
import { knownNow, type Problems, quote } from "./problems";

/** The AWS managed rule groups of the baseline web ACL, in priority order: [rule name, group name]. */
export const BASELINE_MANAGED_GROUPS: readonly (readonly [string, string])[] = [
    ["common-rule-set", "AWSManagedRulesCommonRuleSet"],
    ["known-bad-inputs", "AWSManagedRulesKnownBadInputsRuleSet"],
    ["ip-reputation", "AWSManagedRulesAmazonIpReputationList"],
];

const REGIONAL_ACL = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[0-9A-Za-z_-]{1,128}\/[0-9a-f-]+$/;

/** Records every problem of `waf`. */
export function checkWaf(value: unknown, problems: Problems): void {
    if (value === undefined) return;
    if (!isRecord(value))
        return problems.add(
            "waf",
            wrongType("waf", value, "an object", "write `waf: { create: {} }` or `{ webAclArn }`"),
        );
    const waf = value as WafArgs;
    if ((waf.webAclArn === undefined) === (waf.create === undefined))
        problems.add(
            "waf",
            waf.webAclArn === undefined
                ? "`waf` names no web ACL: set `waf.webAclArn` to a regional web ACL, or `waf.create: {}` for a baseline one"
                : "`waf.webAclArn` and `waf.create` are both set: use an existing web ACL, or create one, not both",
        );
    const arn = knownNow(waf.webAclArn);
    if (arn !== undefined) {
        if (typeof arn !== "string")
            problems.add("waf.webAclArn", wrongType("waf.webAclArn", arn, "a string", "give the web ACL's ARN"));
        else if (arn.includes(":global/webacl/"))
            problems.add(
                "waf.webAclArn",
                `${quote("waf.webAclArn", arn)} is a CloudFront (global) web ACL: a load balancer takes a web ACL of scope REGIONAL in its own Region`,
            );
        else if (!REGIONAL_ACL.test(arn))
            problems.add(
                "waf.webAclArn",
                `${quote("waf.webAclArn", arn)} is not a WAFv2 web ACL ARN: it looks like 'arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>'`,
            );
    }
    if (waf.failOpen !== undefined && typeof waf.failOpen !== "boolean")
        problems.add("waf.failOpen", wrongType("waf.failOpen", waf.failOpen, "a boolean", "write true or false"));
    if (waf.create === undefined) return;
    if (!isRecord(waf.create))
        return problems.add("waf.create", wrongType("waf.create", waf.create, "an object", "write `waf.create: {}`"));
    const limit = waf.create.rateLimitPerIp;
    if (
        limit !== undefined &&
        (typeof limit !== "number" || !Number.isInteger(limit) || limit < 100 || limit > 2000000000)
    )
        problems.add(
            "waf.create.rateLimitPerIp",
            typeof limit === "number"
                ? `${quote("waf.create.rateLimitPerIp", limit)} is out of range: a rate-based rule counts 100 to 2000000000 requests per IP in 5 minutes`
                : wrongType("waf.create.rateLimitPerIp", limit, "a number", "give requests per 5 minutes, e.g. 2000"),
        );
    const countOnly = waf.create.countOnly;
    if (countOnly !== undefined && typeof countOnly !== "boolean")
        problems.add(
            "waf.create.countOnly",
            wrongType("waf.create.countOnly", countOnly, "a boolean", "write true or false"),
        );
}
