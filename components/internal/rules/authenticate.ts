/**
 * Checks of `authenticate` (sign-in at the load balancer). The action's
 * fields mirror @pulumi/aws `lb.ListenerDefaultActionAuthenticateOidc` /
 * `…AuthenticateCognito` (terraform-provider-aws internal/service/elbv2
 * listener.go `authenticate_oidc` / `authenticate_cognito`). From the ELB API
 * reference (AuthenticateOidcActionConfig; not verified from source): every
 * OIDC endpoint is an HTTPS URL, SessionTimeout is at most 604800 seconds,
 * and authenticate actions work on HTTPS listeners only.
 */
import { type AuthenticateArgs, RedirectMode, UnauthenticatedRequestAction } from "../../loadBalancerArgs";
import type { LoadBalancerOptions } from "../../loadBalancerArgs";
import { isRecord, wrongType } from "./inputTypes";
import { display } from "./listenerValues";
import { knownNow, type Problems, quote } from "./problems";
import { packRuleValues, pathPatternsProblems } from "./rulePacking";
import { AUTH_PATH_FIRST_PRIORITY } from "../../defaults";

const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[a-z0-9-]+_[0-9A-Za-z]+$/;

function httpsUrlProblem(value: unknown, at: string): string | undefined {
    if (typeof value !== "string") return wrongType(at, value, "a string", "give an https:// URL");
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return `${quote(at, value)} is not a URL: give the identity provider's https:// URL`;
    }
    return url.protocol === "https:"
        ? undefined
        : `${quote(at, value)} is not HTTPS: the load balancer talks to the identity provider over HTTPS only, and tokens must not cross the network in clear text`;
}

/** Records every problem of `authenticate`. */
export function checkAuthenticate(args: LoadBalancerOptions, problems: Problems): void {
    const value = args.authenticate;
    if (value === undefined) return;
    const at = "authenticate";
    if (!isRecord(value))
        return problems.add(at, wrongType(at, value, "an object", "write `{ oidc: { … } }` or `{ cognito: { … } }`"));
    const auth = value as AuthenticateArgs;
    if ((auth.oidc === undefined) === (auth.cognito === undefined))
        problems.add(at, "`authenticate` needs exactly one of `oidc` and `cognito`");
    if (auth.oidc !== undefined) {
        if (!isRecord(auth.oidc))
            problems.add(
                `${at}.oidc`,
                wrongType(`${at}.oidc`, auth.oidc, "an object", "give issuer, endpoints, clientId and clientSecret"),
            );
        else {
            for (const field of ["issuer", "authorizationEndpoint", "tokenEndpoint", "userInfoEndpoint"] as const) {
                const p = httpsUrlProblem(auth.oidc[field], `${at}.oidc.${field}`);
                if (p) problems.add(`${at}.oidc.${field}`, p);
            }
            if (knownNow(auth.oidc.clientId) === "" || auth.oidc.clientId === undefined)
                problems.add(
                    `${at}.oidc.clientId`,
                    `\`${at}.oidc.clientId\` is missing or empty: give the client id registered with the provider`,
                );
            if (auth.oidc.clientSecret === undefined || knownNow(auth.oidc.clientSecret) === "")
                problems.add(
                    `${at}.oidc.clientSecret`,
                    `\`${at}.oidc.clientSecret\` is missing: give the client secret, as a Pulumi secret`,
                );
        }
    }
    if (auth.cognito !== undefined) {
        if (!isRecord(auth.cognito))
            problems.add(
                `${at}.cognito`,
                wrongType(`${at}.cognito`, auth.cognito, "an object", "give userPoolArn, clientId and domain"),
            );
        else {
            const arn = knownNow(auth.cognito.userPoolArn);
            if (
                auth.cognito.userPoolArn === undefined ||
                (arn !== undefined && (typeof arn !== "string" || !USER_POOL_ARN.test(arn)))
            )
                problems.add(
                    `${at}.cognito.userPoolArn`,
                    `${quote(`${at}.cognito.userPoolArn`, display(arn))} is not a Cognito user pool ARN: it looks like 'arn:aws:cognito-idp:<region>:<account>:userpool/<region>_<id>'`,
                );
            for (const field of ["clientId", "domain"] as const)
                if (auth.cognito[field] === undefined || knownNow(auth.cognito[field]) === "")
                    problems.add(`${at}.cognito.${field}`, `\`${at}.cognito.${field}\` is missing or empty`);
        }
    }
    const timeout = auth.sessionTimeoutSeconds;
    if (
        timeout !== undefined &&
        (typeof timeout !== "number" || !Number.isInteger(timeout) || timeout < 1 || timeout > 604800)
    )
        problems.add(
            `${at}.sessionTimeoutSeconds`,
            `${quote(`${at}.sessionTimeoutSeconds`, display(timeout))} is out of range: a session lasts 1 to 604800 seconds (7 days)`,
        );
    if (
        auth.onUnauthenticatedRequest !== undefined &&
        !Object.values(UnauthenticatedRequestAction).includes(auth.onUnauthenticatedRequest)
    )
        problems.add(
            `${at}.onUnauthenticatedRequest`,
            `${quote(`${at}.onUnauthenticatedRequest`, display(auth.onUnauthenticatedRequest))} is not one of 'authenticate', 'deny', 'allow'`,
        );
    for (const field of ["scope", "sessionCookieName"] as const) {
        const v = auth[field];
        if (v !== undefined && (typeof v !== "string" || v.trim() === ""))
            problems.add(
                `${at}.${field}`,
                `\`${at}.${field}\` is empty or not a string: leave it out for AWS's default`,
            );
    }
    checkAuthenticationScope(args, auth, problems);
    const mode = args.httpsRedirect?.mode ?? RedirectMode.All;
    if (mode !== RedirectMode.All)
        problems.add(
            "httpsRedirect.mode",
            `\`httpsRedirect.mode\` '${mode}' forwards plain HTTP, where the load balancer cannot sign users in: use 'all' with \`authenticate\``,
        );
}

/** Whether route `name` signs in under `auth`. */
export function routeAuthenticates(auth: AuthenticateArgs | undefined, name: string): boolean {
    if (!auth) return false;
    if (auth.routes === undefined && auth.paths === undefined) return true;
    return (auth.routes ?? []).includes(name);
}

/** Whether the default action (and the origin-secret rule) signs in under `auth`. */
export function defaultAuthenticates(auth: AuthenticateArgs | undefined): boolean {
    return auth !== undefined && auth.routes === undefined && auth.paths === undefined;
}

function checkAuthenticationScope(args: LoadBalancerOptions, auth: AuthenticateArgs, problems: Problems): void {
    const at = "authenticate";
    if (auth.routes !== undefined) {
        if (!Array.isArray(auth.routes) || auth.routes.length === 0)
            problems.add(
                `${at}.routes`,
                `\`${at}.routes\` must be a non-empty list of route names: omit it to sign in everywhere`,
            );
        else {
            const names = new Set((args.routes ?? []).map((r) => r.name));
            auth.routes.forEach((name, i) => {
                if (!names.has(name))
                    problems.add(
                        `${at}.routes[${i}]`,
                        `${quote(`${at}.routes[${i}]`, display(name))} names no route: use the \`name\` of one of \`routes\``,
                    );
            });
        }
    }
    if (auth.paths !== undefined) {
        if (!Array.isArray(auth.paths) || auth.paths.length === 0)
            return problems.add(
                `${at}.paths`,
                `\`${at}.paths\` must be a non-empty list of path patterns, e.g. ['/admin/*']: omit it to sign in everywhere`,
            );
        for (const { path, reason } of pathPatternsProblems(auth.paths, `${at}.paths`)) problems.add(path, reason);
        if (args.originSecret !== undefined)
            problems.add(
                `${at}.paths`,
                `\`${at}.paths\` with \`originSecret\`: path rules would forward without checking the secret header; sign in everywhere, or drop one`,
            );
        const rules = packRuleValues(auth.paths).length;
        (args.routes ?? []).forEach((route, i) => {
            const last =
                typeof route.priority === "number"
                    ? route.priority + Math.ceil((route.hostnames?.length ?? 0) / 5) - 1
                    : 0;
            if (last >= AUTH_PATH_FIRST_PRIORITY)
                problems.add(
                    `routes[${i}].priority`,
                    `\`routes[${i}].priority\` reaches ${last}, into the priorities ${AUTH_PATH_FIRST_PRIORITY}–${AUTH_PATH_FIRST_PRIORITY + rules - 1} of \`${at}.paths\`: keep routes below ${AUTH_PATH_FIRST_PRIORITY}`,
                );
        });
    }
}
