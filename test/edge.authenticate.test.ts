/**
 * Sign-in at the load balancer: an OIDC or Cognito authenticate action as the
 * first action of every HTTPS rule that reaches a target (default action,
 * routes, the origin-secret rule), the client secret a Pulumi secret, and
 * every refusal (plain-HTTP endpoints, a forwarding HTTP listener, …).
 */
import * as pulumi from "@pulumi/pulumi";
import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../components/httpsLoadBalancer";
import { CustomDomain } from "../components/customDomain";
import { type OidcArgs, RedirectMode, UnauthenticatedRequestAction } from "../components/loadBalancerArgs";
import { buildEdge, EDGE_BASE } from "./helpers/edge";

beforeEach(resetMocks);

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const OIDC: OidcArgs = {
    issuer: "https://login.example.com",
    authorizationEndpoint: "https://login.example.com/authorize",
    tokenEndpoint: "https://login.example.com/token",
    userInfoEndpoint: "https://login.example.com/userinfo",
    clientId: "console",
    clientSecret: pulumi.secret("s3cr3t-client-value"),
};
const USER_POOL = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123";

function unwrap(value: any): { secret: boolean; value: any } {
    if (value && typeof value === "object" && SECRET_SIG in value) return { secret: true, value: value.value };
    return { secret: false, value };
}

describe("authenticate", () => {
    it("signs users in with OIDC before forwarding, the client secret kept secret", async () => {
        await buildEdge({
            target: { port: 8080 },
            authenticate: { oidc: OIDC, sessionTimeoutSeconds: 3600, sessionCookieName: "console-session" },
        });
        const actions = unwrap(named(TOKENS.listener, "edge-https").inputs.defaultActions);
        expect(actions.secret).toBe(true);
        expect(actions.value).toEqual([
            {
                type: "authenticate-oidc",
                order: 1,
                authenticateOidc: {
                    issuer: "https://login.example.com",
                    authorizationEndpoint: "https://login.example.com/authorize",
                    tokenEndpoint: "https://login.example.com/token",
                    userInfoEndpoint: "https://login.example.com/userinfo",
                    clientId: "console",
                    clientSecret: "s3cr3t-client-value",
                    sessionCookieName: "console-session",
                    sessionTimeout: 3600,
                },
            },
            { type: "forward", order: 2, targetGroupArn: expect.stringContaining(":targetgroup/edge-targets/") },
        ]);
    });

    it("makes a plain-string client secret a secret too", async () => {
        await buildEdge({ authenticate: { oidc: { ...OIDC, clientSecret: "plain-secret-value" } } });
        const actions = unwrap(named(TOKENS.listener, "edge-https").inputs.defaultActions);
        expect(actions.secret).toBe(true);
        expect(actions.value[0].authenticateOidc.clientSecret).toBe("plain-secret-value");
    });

    it("signs users in with Cognito on every route and behind the origin secret", async () => {
        await buildEdge({
            target: { port: 8080 },
            routes: [{ name: "api", hostnames: ["api.example.com"], priority: 10, target: { port: 9000 } }],
            authenticate: {
                cognito: { userPoolArn: USER_POOL, clientId: "abc123", domain: "console-auth" },
                onUnauthenticatedRequest: UnauthenticatedRequestAction.Deny,
            },
        });
        const cognito = {
            type: "authenticate-cognito",
            order: 1,
            authenticateCognito: {
                userPoolArn: USER_POOL,
                userPoolClientId: "abc123",
                userPoolDomain: "console-auth",
                onUnauthenticatedRequest: "deny",
            },
        };
        expect(named(TOKENS.listener, "edge-https").inputs.defaultActions[0]).toEqual(cognito);
        expect(named(TOKENS.listenerRule, "edge-https-rule-10").inputs.actions).toEqual([
            cognito,
            { type: "forward", order: 2, targetGroupArn: expect.stringContaining(":targetgroup/edge-route-api/") },
        ]);
        await resetMocks();
        await buildEdge({
            target: { port: 8080 },
            originSecret: { value: "0123456789abcdef0123456789abcdef" },
            authenticate: { cognito: { userPoolArn: USER_POOL, clientId: "abc123", domain: "console-auth" } },
        });
        expect(named(TOKENS.listener, "edge-https").inputs.defaultActions[0].type).toBe("fixed-response");
        expect(
            named(TOKENS.listenerRule, "edge-https-origin-secret").inputs.actions.map((a: { type: string }) => a.type),
        ).toEqual(["authenticate-cognito", "forward"]);
    });

    it("is passed through by CustomDomain", async () => {
        const site = new CustomDomain("site", {
            ...CUSTOM_DOMAIN_BASE,
            authenticate: { cognito: { userPoolArn: USER_POOL, clientId: "abc123", domain: "console-auth" } },
        });
        await valueOf(site.httpsListener.arn);
        await settle();
        expect(named(TOKENS.listener, "site-lb-https").inputs.defaultActions[0].type).toBe("authenticate-cognito");
    });

    it.each<[string, Partial<HttpsLoadBalancerArgs>, [string, string][]]>([
        [
            "OIDC endpoints over plain HTTP",
            {
                authenticate: {
                    oidc: { ...OIDC, tokenEndpoint: "http://login.example.com/token", issuer: "login.example.com" },
                },
            },
            [
                [
                    "authenticate.oidc.issuer",
                    "`authenticate.oidc.issuer` 'login.example.com' is not a URL: give the identity provider's https:// URL",
                ],
                [
                    "authenticate.oidc.tokenEndpoint",
                    "`authenticate.oidc.tokenEndpoint` 'http://login.example.com/token' is not HTTPS: the load balancer talks to the identity provider over HTTPS only, and tokens must not cross the network in clear text",
                ],
            ],
        ],
        [
            "both providers, a long session and a bad action",
            {
                authenticate: {
                    oidc: OIDC,
                    cognito: { userPoolArn: USER_POOL, clientId: "a", domain: "d" },
                    sessionTimeoutSeconds: 604801,
                    onUnauthenticatedRequest: "redirect" as never,
                },
            },
            [
                ["authenticate", "`authenticate` needs exactly one of `oidc` and `cognito`"],
                [
                    "authenticate.sessionTimeoutSeconds",
                    "`authenticate.sessionTimeoutSeconds` '604801' is out of range: a session lasts 1 to 604800 seconds (7 days)",
                ],
                [
                    "authenticate.onUnauthenticatedRequest",
                    "`authenticate.onUnauthenticatedRequest` 'redirect' is not one of 'authenticate', 'deny', 'allow'",
                ],
            ],
        ],
        [
            "a missing secret and a bad user pool ARN",
            {
                authenticate: { oidc: { ...OIDC, clientSecret: undefined as never } },
            },
            [
                [
                    "authenticate.oidc.clientSecret",
                    "`authenticate.oidc.clientSecret` is missing: give the client secret, as a Pulumi secret",
                ],
            ],
        ],
        [
            "a bad user pool ARN",
            { authenticate: { cognito: { userPoolArn: "us-east-1_AbCdEf123", clientId: "a", domain: "d" } } },
            [
                [
                    "authenticate.cognito.userPoolArn",
                    "`authenticate.cognito.userPoolArn` 'us-east-1_AbCdEf123' is not a Cognito user pool ARN: it looks like 'arn:aws:cognito-idp:<region>:<account>:userpool/<region>_<id>'",
                ],
            ],
        ],
        [
            "an HTTP listener that forwards",
            { authenticate: { oidc: OIDC }, httpsRedirect: { mode: RedirectMode.Off } },
            [
                [
                    "httpsRedirect.mode",
                    "`httpsRedirect.mode` 'off' forwards plain HTTP, where the load balancer cannot sign users in: use 'all' with `authenticate`",
                ],
            ],
        ],
    ])("refuses %s", (_what, args, expected) => {
        const problems = inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, ...args }));
        expect(problems).toEqual(expected);
        expect(JSON.stringify(problems)).not.toContain("s3cr3t");
        expect(ofType(TOKENS.loadBalancer)).toEqual([]);
    });
});

describe("authenticate for some routes or paths", () => {
    const cognito = { userPoolArn: USER_POOL, clientId: "abc123", domain: "console-auth" };
    const routes = [
        { name: "admin", hostnames: ["admin.example.com"], priority: 10, target: { port: 9000 } },
        { name: "api", hostnames: ["api.example.com"], priority: 20, target: { port: 9100 } },
    ];

    it("signs in only on the routes named, leaving the default action and other routes open", async () => {
        await buildEdge({ target: { port: 8080 }, routes, authenticate: { cognito, routes: ["admin"] } });
        expect(named(TOKENS.listener, "edge-https").inputs.defaultActions.map((a: { type: string }) => a.type)).toEqual(
            ["forward"],
        );
        expect(
            named(TOKENS.listenerRule, "edge-https-rule-10").inputs.actions.map((a: { type: string }) => a.type),
        ).toEqual(["authenticate-cognito", "forward"]);
        expect(
            named(TOKENS.listenerRule, "edge-https-rule-20").inputs.actions.map((a: { type: string }) => a.type),
        ).toEqual(["forward"]);
    });

    it("signs in on the chosen paths of the default target, five patterns per rule from priority 40000", async () => {
        const paths = ["/admin/*", "/settings/*", "/billing/*", "/users/*", "/audit/*", "/debug/*"];
        await buildEdge({ target: { port: 8080 }, authenticate: { cognito, paths } });
        expect(named(TOKENS.listener, "edge-https").inputs.defaultActions.map((a: { type: string }) => a.type)).toEqual(
            ["forward"],
        );
        const first = named(TOKENS.listenerRule, "edge-https-signin-40000").inputs;
        expect(first.priority).toBe(40000);
        expect(first.conditions).toEqual([{ pathPattern: { values: paths.slice(0, 5) } }]);
        expect(first.actions).toEqual([
            {
                type: "authenticate-cognito",
                order: 1,
                authenticateCognito: {
                    userPoolArn: USER_POOL,
                    userPoolClientId: "abc123",
                    userPoolDomain: "console-auth",
                },
            },
            { type: "forward", order: 2, targetGroupArn: expect.stringContaining(":targetgroup/edge-targets/") },
        ]);
        expect(named(TOKENS.listenerRule, "edge-https-signin-40001").inputs.conditions).toEqual([
            { pathPattern: { values: ["/debug/*"] } },
        ]);
    });

    it.each<[string, Partial<HttpsLoadBalancerArgs>, [string, string][]]>([
        [
            "an unknown route",
            { routes, authenticate: { cognito, routes: ["adm"] } },
            [
                [
                    "authenticate.routes[0]",
                    "`authenticate.routes[0]` 'adm' names no route: use the `name` of one of `routes`",
                ],
            ],
        ],
        [
            "paths with a route reaching their priorities, and with an origin secret",
            {
                routes: [{ name: "late", hostnames: ["late.example.com"], priority: 40000, target: { port: 9000 } }],
                originSecret: { value: "0123456789abcdef0123456789abcdef" },
                authenticate: { cognito, paths: ["/admin/*"] },
            },
            [
                [
                    "routes",
                    "`routes` is set together with `originSecret`: host routes forward without checking the secret header; route behind the CDN instead, or drop `originSecret`",
                ],
                [
                    "authenticate.paths",
                    "`authenticate.paths` with `originSecret`: path rules would forward without checking the secret header; sign in everywhere, or drop one",
                ],
                [
                    "routes[0].priority",
                    "`routes[0].priority` reaches 40000, into the priorities 40000–40000 of `authenticate.paths`: keep routes below 40000",
                ],
            ],
        ],
        [
            "an empty path list",
            { authenticate: { cognito, paths: [] } },
            [
                [
                    "authenticate.paths",
                    "`authenticate.paths` must be a non-empty list of path patterns, e.g. ['/admin/*']: omit it to sign in everywhere",
                ],
            ],
        ],
    ])("refuses %s", (_what, args, expected) => {
        expect(inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, ...args }))).toEqual(expected);
    });
});
