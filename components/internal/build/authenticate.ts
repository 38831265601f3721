/**
 * Sign-in at the load balancer: the authenticate action (order 1) put before
 * the actions of every HTTPS rule that reaches a target. The OIDC client
 * secret is wrapped as a Pulumi secret whatever the caller gave, so it is
 * one in state and in previews.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AUTH_PATH_FIRST_PRIORITY } from "../../defaults";
import type { AuthenticateArgs } from "../../loadBalancerArgs";
import { packRuleValues } from "../rules/rulePacking";
import { defaultAuthenticates, routeAuthenticates } from "../rules/authenticate";
import type { ListenerAction } from "./httpListener";

/** The authenticate action for `auth` (order 1). */
export function authenticateAction(auth: AuthenticateArgs): ListenerAction {
    const common = {
        onUnauthenticatedRequest: auth.onUnauthenticatedRequest,
        scope: auth.scope,
        sessionCookieName: auth.sessionCookieName,
        sessionTimeout: auth.sessionTimeoutSeconds,
    };
    if (auth.oidc)
        return {
            type: "authenticate-oidc",
            order: 1,
            authenticateOidc: {
                issuer: auth.oidc.issuer,
                authorizationEndpoint: auth.oidc.authorizationEndpoint,
                tokenEndpoint: auth.oidc.tokenEndpoint,
                userInfoEndpoint: auth.oidc.userInfoEndpoint,
                clientId: auth.oidc.clientId,
                clientSecret: pulumi.secret(auth.oidc.clientSecret),
                ...common,
            },
        };
    const cognito = auth.cognito;
    // Exactly one of oidc and cognito is checked before registration (rules/authenticate.ts).
    if (!cognito) throw new Error("authenticate: neither oidc nor cognito is set");
    return {
        type: "authenticate-cognito",
        order: 1,
        authenticateCognito: {
            userPoolArn: cognito.userPoolArn,
            userPoolClientId: cognito.clientId,
            userPoolDomain: cognito.domain,
            ...common,
        },
    };
}

/** `actions` preceded by sign-in when `auth` is given (orders 1, 2, …); as they are otherwise. */
export function withAuthentication(auth: AuthenticateArgs | undefined, actions: ListenerAction[]): ListenerAction[] {
    if (!auth) return actions;
    return [authenticateAction(auth), ...actions.map((a, i) => ({ ...a, order: i + 2 }))];
}

/**
 * `authenticate.paths`: HTTPS rules (`${name}-https-signin-<priority>`, from
 * `AUTH_PATH_FIRST_PRIORITY` up, five patterns per rule, keyed by priority)
 * that sign in and then do what the default action does.
 */
export function createSignInPathRules(
    name: string,
    auth: AuthenticateArgs | undefined,
    listenerArn: pulumi.Input<string>,
    forward: ListenerAction[],
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): aws.lb.ListenerRule[] {
    if (!auth?.paths) return [];
    return packRuleValues(auth.paths, AUTH_PATH_FIRST_PRIORITY).map(
        ({ priority, values }) =>
            new aws.lb.ListenerRule(
                `${name}-https-signin-${priority}`,
                {
                    listenerArn,
                    priority,
                    conditions: [{ pathPattern: { values } }],
                    actions: withAuthentication(auth, forward),
                    tags,
                },
                { parent },
            ),
    );
}

/** The actions of the HTTPS default action (and origin-secret rule): sign-in first unless it is scoped to routes or paths. */
export function httpsForwardOf(auth: AuthenticateArgs | undefined, forward: ListenerAction[]): ListenerAction[] {
    return defaultAuthenticates(auth) ? withAuthentication(auth, forward) : forward;
}

/** `auth` when route `name` signs in, else `undefined`. */
export function routeAuthentication(auth: AuthenticateArgs | undefined, name: string): AuthenticateArgs | undefined {
    return routeAuthenticates(auth, name) ? auth : undefined;
}
