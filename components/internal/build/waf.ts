/**
 * AWS WAF on the load balancer: a baseline regional web ACL (`${name}-waf`,
 * see `rules/waf.ts`) when asked, and the association of the web ACL with the
 * load balancer (`${name}-waf`, a `WebAclAssociation`).
 */
import type * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { WafArgs } from "../../loadBalancerArgs";
import { physicalName } from "../rules/physicalNames";
import { BASELINE_MANAGED_GROUPS } from "../rules/waf";

export interface LoadBalancerWaf {
    webAcl?: aws.wafv2.WebAcl;
    association: aws.wafv2.WebAclAssociation;
}

/** The baseline web ACL's rules: the managed groups at priorities 0…2, then the rate limit. */
export function baselineRules(
    aclName: string,
    create: NonNullable<WafArgs["create"]>,
): aws.types.input.wafv2.WebAclRule[] {
    const visibility = (suffix: string) => ({
        cloudwatchMetricsEnabled: true,
        sampledRequestsEnabled: true,
        metricName: `${aclName}-${suffix}`,
    });
    const rules: aws.types.input.wafv2.WebAclRule[] = BASELINE_MANAGED_GROUPS.map(([rule, group], priority) => ({
        name: rule,
        priority,
        // "count" reports what a group would block without blocking it; "none" keeps the group's own actions.
        overrideAction: create.countOnly ? { count: {} } : { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
        visibilityConfig: visibility(rule),
    }));
    if (create.rateLimitPerIp !== undefined) {
        rules.push({
            name: "rate-limit-per-ip",
            priority: rules.length,
            action: create.countOnly ? { count: {} } : { block: {} },
            statement: { rateBasedStatement: { limit: create.rateLimitPerIp, aggregateKeyType: "IP" } },
            visibilityConfig: visibility("rate-limit-per-ip"),
        });
    }
    return rules;
}

/** Creates the web ACL (with `create`) and its association with `loadBalancerArn`, children of `parent`. */
export function createLoadBalancerWaf(
    name: string,
    waf: WafArgs,
    loadBalancerArn: pulumi.Input<string>,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): LoadBalancerWaf {
    let webAcl: aws.wafv2.WebAcl | undefined;
    if (waf.create !== undefined) {
        const aclName = physicalName("aws:wafv2/webAcl:WebAcl", `${name}-waf`);
        webAcl = new aws.wafv2.WebAcl(
            `${name}-waf`,
            {
                name: aclName,
                scope: "REGIONAL",
                description: `Baseline web ACL of load balancer ${name}`,
                defaultAction: { allow: {} },
                rules: baselineRules(aclName, waf.create),
                visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: aclName },
                tags,
            },
            { parent },
        );
    }
    const association = new aws.wafv2.WebAclAssociation(
        `${name}-waf`,
        { resourceArn: loadBalancerArn, webAclArn: webAcl ? webAcl.arn : (waf.webAclArn as pulumi.Input<string>) },
        // DisassociateWebACL takes only the resource ARN: deleting the old association after creating the new one
        // would remove the new one. Delete first (a few seconds without WAF), then associate.
        { parent, deleteBeforeReplace: true },
    );
    return { webAcl, association };
}
