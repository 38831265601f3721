/**
 * Host redirects (`www.example.com` → `example.com`): HTTPS listener rules
 * named by priority (`${name}-https-redirect-<priority>`), each matching up to
 * five `from` names and redirecting to the same URL on the `to` host.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { HostRedirectArgs } from "../../loadBalancerArgs";
import { hostRedirectAction, planHostRedirects } from "../rules/loadBalancerAttributes";

/** Creates the redirect rules on `listenerArn`, children of `parent`. */
export function createHostRedirectRules(
    name: string,
    redirects: readonly HostRedirectArgs[],
    listenerArn: pulumi.Input<string>,
    httpsPort: number,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): aws.lb.ListenerRule[] {
    return planHostRedirects(redirects).map(
        (rule) =>
            new aws.lb.ListenerRule(
                `${name}-https-redirect-${rule.priority}`,
                {
                    listenerArn,
                    priority: rule.priority,
                    conditions: [{ hostHeader: { values: rule.from } }],
                    actions: [hostRedirectAction(rule, httpsPort)],
                    tags,
                },
                { parent },
            ),
    );
}
