/**
 * Authenticate actions on listeners and listener rules (@pulumi/aws
 * lb.ListenerDefaultActionAuthenticateOidc/Cognito, mirroring
 * terraform-provider-aws internal/service/elbv2 listener.go
 * `authenticate_oidc`/`authenticate_cognito`; ELB API reference Action).
 */
import { block, isSet, known, list, num, oneOf, problem, type Problem, type ResourceRule, rule, str } from "./types";

const LISTENER = "aws:lb/listener:Listener";
const RULE = "aws:lb/listenerRule:ListenerRule";
const CITATION =
    'hashicorp/terraform-provider-aws internal/service/elbv2 listener.go "authenticate_oidc" (authorization_endpoint, client_id, client_secret, issuer, token_endpoint, user_info_endpoint Required), "authenticate_cognito" (user_pool_arn, user_pool_client_id, user_pool_domain Required), on_unauthenticated_request StringInSlice(deny, allow, authenticate), action "order" IntBetween(1, 50000); ELB API reference Action (authenticate actions only on HTTPS listeners, before the final action; not verified from source)';

function actionProblems(actions: unknown, at: string, protocol: string | undefined): Problem[] {
    const out: Problem[] = [];
    const all = list(actions);
    const orders = all.map((a, i) => num(a.order) ?? i + 1);
    all.forEach((a, i) => {
        const path = `${at}[${i}]`;
        const type = str(a.type);
        const order = num(a.order);
        if (order !== undefined && (order < 1 || order > 50000))
            out.push(problem(`${path}.order`, order, "must be between 1 and 50000"));
        if (type !== "authenticate-oidc" && type !== "authenticate-cognito") return;
        if (protocol !== undefined && protocol !== "HTTPS")
            out.push(problem(`${path}.type`, type, "authenticate actions work on HTTPS listeners only"));
        if (orders[i] >= Math.max(...orders))
            out.push(problem(`${path}.order`, orders[i], "must come before the final action"));
        const config = type === "authenticate-oidc" ? block(a.authenticateOidc) : block(a.authenticateCognito);
        const required =
            type === "authenticate-oidc"
                ? ["authorizationEndpoint", "clientId", "clientSecret", "issuer", "tokenEndpoint", "userInfoEndpoint"]
                : ["userPoolArn", "userPoolClientId", "userPoolDomain"];
        for (const k of required)
            if (!config || !isSet(config, k))
                out.push(
                    problem(
                        `${path}.${type === "authenticate-oidc" ? "authenticateOidc" : "authenticateCognito"}.${k}`,
                        undefined,
                        "is required",
                    ),
                );
        if (config)
            out.push(
                ...oneOf(`${path}.onUnauthenticatedRequest`, known(config.onUnauthenticatedRequest), [
                    "deny",
                    "allow",
                    "authenticate",
                ]),
            );
    });
    return out;
}

export const AUTHENTICATE_RULES: ResourceRule[] = [
    rule("elbv2.listener.authenticate", LISTENER, CITATION, (i) =>
        actionProblems(i.defaultActions, "defaultActions", str(i.protocol)),
    ),
    rule("elbv2.listenerRule.authenticate", RULE, CITATION, (i) => actionProblems(i.actions, "actions", undefined)),
];
