/**
 * The production-edge options that hang off a created load balancer: host
 * redirects (HTTPS rules at priorities 50000 downwards), the origin-secret
 * rule (priority 1) and AWS WAF (a baseline web ACL and the association).
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import type { LoadBalancerOptions } from "../../loadBalancerArgs";
import type { ListenerAction } from "./httpListener";
import { createHostRedirectRules } from "./hostRedirects";
import { createOriginSecretRule } from "./originSecret";
import { createLoadBalancerWaf } from "./waf";
import { createSignInPathRules } from "./authenticate";

export interface EdgeExtras {
    redirectRules: aws.lb.ListenerRule[];
    originSecretRule?: aws.lb.ListenerRule;
    webAcl?: aws.wafv2.WebAcl;
    webAclAssociation?: aws.wafv2.WebAclAssociation;
    signInRules: aws.lb.ListenerRule[];
}

/** Creates the redirect and origin-secret rules on `listener` and the WAF of `loadBalancerArn`, children of `parent`. */
export function createEdgeExtras(
    name: string,
    args: Pick<LoadBalancerOptions, "redirects" | "originSecret" | "waf" | "authenticate" | "tags">,
    listener: { arn: pulumi.Input<string>; port: number; forward: ListenerAction[] },
    loadBalancerArn: pulumi.Input<string>,
    parent: pulumi.Resource,
): EdgeExtras {
    const component = `HttpsLoadBalancer '${name}'`;
    const waf = args.waf ? createLoadBalancerWaf(name, args.waf, loadBalancerArn, args.tags, parent) : undefined;
    return {
        signInRules: createSignInPathRules(name, args.authenticate, listener.arn, listener.forward, args.tags, parent),
        webAcl: waf?.webAcl,
        webAclAssociation: waf?.association,
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
