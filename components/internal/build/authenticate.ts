/**
 * Sign-in at the load balancer: the authenticate action (order 1) put before
 * the actions of every HTTPS rule that reaches a target. The OIDC client
 * secret is wrapped as a Pulumi secret whatever the caller gave, so it is
 * one in state and in previews.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AuthenticateArgs } from "../../loadBalancerArgs";
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
