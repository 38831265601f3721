/**
 * The HTTPS listener's rules besides routes: host redirects (priorities
 * 50000 downwards) and the origin-secret rule (priority 1).
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import type { LoadBalancerOptions } from "../../loadBalancerArgs";
import type { ListenerAction } from "./httpListener";
import { createHostRedirectRules } from "./hostRedirects";
import { createOriginSecretRule } from "./originSecret";

export interface HttpsExtraRules {
    redirectRules: aws.lb.ListenerRule[];
    originSecretRule?: aws.lb.ListenerRule;
}

/** Creates the redirect and origin-secret rules of `args` on `listenerArn`, children of `parent`. */
export function createHttpsExtraRules(
    name: string,
    args: Pick<LoadBalancerOptions, "redirects" | "originSecret" | "tags">,
    listener: { arn: pulumi.Input<string>; port: number; forward: ListenerAction[] },
    parent: pulumi.Resource,
): HttpsExtraRules {
    const component = `HttpsLoadBalancer '${name}'`;
    return {
        redirectRules: createHostRedirectRules(
            name,
            args.redirects ?? [],
            listener.arn,
            listener.port,
            args.tags,
            parent,
        ),
        originSecretRule: args.originSecret
            ? createOriginSecretRule(
                  name,
                  component,
                  args.originSecret,
                  listener.arn,
                  listener.forward,
                  args.tags,
                  parent,
              )
            : undefined,
    };
}
