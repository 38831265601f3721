/**
 * WAFv2 rules (terraform-provider-aws internal/service/wafv2 web_acl.go,
 * schemas.go, web_acl_association.go).
 */
import { block, list, num, oneOf, problem, type Problem, type ResourceRule, rule, str } from "./types";

const ACL = "aws:wafv2/webAcl:WebAcl";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const TF = "hashicorp/terraform-provider-aws internal/service/wafv2";
const NAME = /^[0-9A-Za-z_-]+$/;

function nameProblems(property: string, value: unknown): Problem[] {
    const s = str(value);
    if (s === undefined) return [];
    const out: Problem[] = [];
    if (s.length < 1 || s.length > 128) out.push(problem(property, s, "length must be between 1 and 128 characters"));
    if (!NAME.test(s))
        out.push(problem(property, s, "must contain only alphanumeric hyphen and underscore characters"));
    return out;
}

export const WAFV2_RULES: ResourceRule[] = [
    rule(
        "wafv2.webAcl.nameScope",
        ACL,
        `${TF}/web_acl.go schema "name" StringLenBetween(1, 128) + ^[0-9A-Za-z_-]+$, "scope" enum.Validate[awstypes.Scope] (CLOUDFRONT, REGIONAL)`,
        (i) => [...nameProblems("name", i.name), ...oneOf("scope", i.scope, ["CLOUDFRONT", "REGIONAL"])],
    ),
    rule(
        "wafv2.webAcl.visibility",
        ACL,
        `${TF}/schemas.go visibilityConfigSchema (cloudwatch_metrics_enabled, metric_name, sampled_requests_enabled Required; metric_name StringLenBetween(1, 128) + ^[0-9A-Za-z_-]+$), for the ACL and each rule`,
        (i) => {
            const check = (at: string, v: unknown): Problem[] => {
                const vc = block(v);
                if (!vc) return [problem(at, undefined, "is required")];
                const out = nameProblems(`${at}.metricName`, vc.metricName);
                for (const k of ["cloudwatchMetricsEnabled", "sampledRequestsEnabled", "metricName"])
                    if (vc[k] === undefined) out.push(problem(`${at}.${k}`, undefined, "is required"));
                return out;
            };
            return [
                ...check("visibilityConfig", i.visibilityConfig),
                ...list(i.rules).flatMap((r, n) => check(`rules[${n}].visibilityConfig`, r.visibilityConfig)),
            ];
        },
    ),
    rule(
        "wafv2.webAcl.rules",
        ACL,
        `${TF}/web_acl.go schema "rule": name StringLenBetween(1, 128), priority Required; schemas.go rateBasedStatementSchema limit IntBetween(100, 2000000000); managedRuleGroupStatementSchema name/vendor_name StringLenBetween(1, 128); WAF API: a rule with a rule group statement takes override_action, any other an action`,
        (i) => {
            const out: Problem[] = [];
            const priorities = new Set<number>();
            list(i.rules).forEach((r, n) => {
                const at = `rules[${n}]`;
                const name = str(r.name);
                if (name !== undefined && (name.length < 1 || name.length > 128))
                    out.push(problem(`${at}.name`, name, "length must be between 1 and 128 characters"));
                const priority = num(r.priority);
                if (priority === undefined) out.push(problem(`${at}.priority`, undefined, "is required"));
                else if (priorities.has(priority))
                    out.push(problem(`${at}.priority`, priority, "is used by another rule"));
                else priorities.add(priority);
                const statement = block(r.statement) ?? {};
                const rate = block(statement.rateBasedStatement);
                const limit = num(rate?.limit);
                if (limit !== undefined && (limit < 100 || limit > 2000000000))
                    out.push(
                        problem(
                            `${at}.statement.rateBasedStatement.limit`,
                            limit,
                            "must be between 100 and 2000000000",
                        ),
                    );
                const managed = block(statement.managedRuleGroupStatement);
                if (managed && r.action !== undefined)
                    out.push(
                        problem(
                            `${at}.action`,
                            r.action,
                            "a managed rule group statement takes overrideAction, not action",
                        ),
                    );
                if (!managed && r.overrideAction !== undefined)
                    out.push(
                        problem(
                            `${at}.overrideAction`,
                            r.overrideAction,
                            "only a rule group statement takes overrideAction",
                        ),
                    );
            });
            return out;
        },
    ),
    rule(
        "wafv2.webAclAssociation.arns",
        ASSOCIATION,
        `${TF}/web_acl_association.go schema "resource_arn", "web_acl_arn" Required + verify.ValidARN`,
        (i) =>
            (["resourceArn", "webAclArn"] as const).flatMap((k) => {
                const v = str(i[k]);
                if (i[k] === undefined) return [problem(k, undefined, "is required")];
                return v === undefined || /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(v)
                    ? []
                    : [problem(k, v, "is not a valid ARN")];
            }),
    ),
];
