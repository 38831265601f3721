/**
 * The origin secret: the HTTPS listener answers 403 by default, and one rule
 * at `ORIGIN_SECRET_RULE_PRIORITY` forwards requests that carry the header.
 * The value is a Pulumi secret from end to end (it is wrapped here even when
 * given as a plain string) and is checked at deployment with the same text
 * as before registration when it was not known then.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as d from "../../defaults";
import type { OriginSecretArgs } from "../../loadBalancerArgs";
import { originSecretValueProblem } from "../rules/ingress";
import type { ListenerAction } from "./httpListener";

/** The HTTPS listener's default action when requests must carry the origin secret. */
export const ORIGIN_SECRET_DEFAULT_ACTIONS: ListenerAction[] = [
    { type: "fixed-response", fixedResponse: d.ORIGIN_SECRET_REFUSAL },
];

/** The apply-time check of a value known only at deployment: the same text as before registration. */
export function requireOriginSecret(component: string, value: string): string {
    const problem = originSecretValueProblem(String(value));
    if (problem) throw new Error(`${component}: ${problem}`);
    return value;
}

/** The secret value, checked when it becomes known, as a Pulumi secret. */
export function originSecretValue(component: string, value: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.secret(pulumi.output(value).apply((v) => requireOriginSecret(component, v)));
}

/** The rule that forwards requests carrying the secret header to `forward`. */
export function createOriginSecretRule(
    name: string,
    component: string,
    secret: OriginSecretArgs,
    listenerArn: pulumi.Input<string>,
    forward: ListenerAction[],
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): aws.lb.ListenerRule {
    return new aws.lb.ListenerRule(
        `${name}-https-origin-secret`,
        {
            listenerArn,
            priority: d.ORIGIN_SECRET_RULE_PRIORITY,
            conditions: [
                {
                    httpHeader: {
                        httpHeaderName: secret.headerName ?? d.DEFAULT_ORIGIN_SECRET_HEADER,
                        values: [originSecretValue(component, secret.value)],
                    },
                },
            ],
            actions: forward,
            tags,
        },
        { parent },
    );
}
