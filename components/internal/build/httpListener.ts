/**
 * The HTTP listener and its rules: which requests are redirected to HTTPS and
 * which are forwarded over HTTP, per the redirect mode.
 *
 * - `all`: the default action redirects; no rules.
 * - `paths`: the default action forwards; rules (five patterns and five
 *   wildcards at most each) redirect. Every other path stays plain HTTP, so a
 *   warning names it.
 * - `except`: the default action redirects; rules forward the listed patterns.
 * - `off`: the default action forwards (with a warning).
 *
 * Rules are named by priority, which never shifts when patterns are appended.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { type HttpsRedirectArgs, RedirectMode } from "../../loadBalancerArgs";
import { httpsRedirectAction } from "../rules/listenerValues";
import { packRuleValues } from "../rules/rulePacking";
import { DEFAULT_REDIRECT_STATUS_CODE } from "../../defaults";

/** A listener action as the ALB API takes it. */
export type ListenerAction = aws.types.input.lb.ListenerDefaultAction;

export interface HttpListenerSpec {
    loadBalancerArn: pulumi.Input<string>;
    port: number;
    httpsPort: number;
    redirect: HttpsRedirectArgs;
    /** What plain-HTTP requests that are not redirected get (forward to the target, or the fixed response). */
    forward: ListenerAction[];
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface HttpListener {
    listener: aws.lb.Listener;
    rules: aws.lb.ListenerRule[];
}

/** Creates the HTTP listener and its path rules as children of `parent`. */
export function createHttpListener(name: string, spec: HttpListenerSpec, parent: pulumi.Resource): HttpListener {
    const mode = spec.redirect.mode ?? RedirectMode.All;
    const redirect = [
        httpsRedirectAction(spec.redirect.statusCode === 302 ? 302 : DEFAULT_REDIRECT_STATUS_CODE, spec.httpsPort),
    ];
    const redirectsByDefault = mode === RedirectMode.All || mode === RedirectMode.Except;

    if (mode === RedirectMode.Off) {
        pulumi.log.warn(
            `HTTP→HTTPS redirect is off: port ${spec.port} serves plain HTTP, unencrypted and open to tampering.`,
            parent,
        );
    }
    if (mode === RedirectMode.Paths) {
        pulumi.log.warn(
            `HTTP→HTTPS redirect covers only httpsRedirect.paths (${(spec.redirect.paths ?? []).join(", ")}): every other path on port ${spec.port} is served over plain HTTP, unencrypted and open to tampering. Use mode 'except' to redirect everything but a few paths.`,
            parent,
        );
    }
    const listener = new aws.lb.Listener(
        name,
        {
            loadBalancerArn: spec.loadBalancerArn,
            port: spec.port,
            protocol: "HTTP",
            defaultActions: redirectsByDefault ? redirect : spec.forward,
            tags: spec.tags,
        },
        { parent },
    );

    const patterns = mode === RedirectMode.Paths || mode === RedirectMode.Except ? (spec.redirect.paths ?? []) : [];
    const ruleActions = mode === RedirectMode.Paths ? redirect : spec.forward;
    const rules = packRuleValues(patterns).map(
        ({ priority, values }) =>
            new aws.lb.ListenerRule(
                `${name}-rule-${priority}`,
                {
                    listenerArn: listener.arn,
                    priority,
                    conditions: [{ pathPattern: { values } }],
                    actions: ruleActions,
                    tags: spec.tags,
                },
                { parent },
            ),
    );
    return { listener, rules };
}
