import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { inputProblems, TOKENS, HTTPS_REDIRECT_301 } from "./helpers/components";
import * as pulumi from "@pulumi/pulumi";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../components/httpsLoadBalancer";
import { RedirectMode, TlsProfile } from "../components/loadBalancerArgs";
import {
    packRuleValues,
    pathPatternProblem,
    ruleCount,
    rulePriorityProblem,
    ruleQuotaProblem,
} from "../components/internal/rules/rulePacking";
import { listenerHeaderAttributes, securityHeaderProblems } from "../components/internal/rules/responseHeaders";

beforeEach(resetMocks);

const base: HttpsLoadBalancerArgs = {
    vpcId: "vpc-1",
    subnetIds: ["a", "b"],
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/c",
    target: { port: 8080 },
};
const REDIRECT = HTTPS_REDIRECT_301;
const FORWARD = { type: "forward", targetGroupArn: expect.stringContaining(":targetgroup/edge-targets/") };

async function build(args: Partial<HttpsLoadBalancerArgs>): Promise<HttpsLoadBalancer> {
    const lb = new HttpsLoadBalancer("edge", { ...base, ...args });
    await Promise.all([
        valueOf(lb.httpListener.arn),
        valueOf(lb.httpsListener.arn),
        ...lb.httpRules.map((r) => valueOf(r.arn)),
    ]);
    await settle();
    return lb;
}

const problems = (args: Partial<HttpsLoadBalancerArgs>) =>
    inputProblems(() => new HttpsLoadBalancer("bad", { ...base, ...args }));

const rules = () =>
    ofType(TOKENS.listenerRule)
        .map((r) => ({
            name: r.name,
            priority: r.inputs.priority,
            values: r.inputs.conditions[0].pathPattern.values,
            action: r.inputs.actions[0].type,
        }))
        .sort((a, b) => a.priority - b.priority);

describe("redirect modes", () => {
    it("all: the HTTP listener redirects every request, no rules", async () => {
        await build({});
        expect(named(TOKENS.listener, "edge-http").inputs.defaultActions).toEqual([REDIRECT]);
        expect(ofType(TOKENS.listenerRule)).toEqual([]);
    });

    it("paths: forwards by default, redirects the listed patterns", async () => {
        await build({ httpsRedirect: { mode: RedirectMode.Paths, paths: ["/admin/*", "/login"] } });
        expect(named(TOKENS.listener, "edge-http").inputs.defaultActions).toEqual([FORWARD]);
        expect(rules()).toEqual([
            { name: "edge-http-rule-1", priority: 1, values: ["/admin/*", "/login"], action: "redirect" },
        ]);
        expect(named(TOKENS.listenerRule, "edge-http-rule-1").inputs.actions).toEqual([REDIRECT]);
    });

    it("except: redirects by default, forwards the listed patterns", async () => {
        await build({
            httpsRedirect: {
                mode: RedirectMode.Except,
                paths: ["/healthz", "/.well-known/acme-challenge/*"],
                statusCode: 302,
            },
        });
        expect(named(TOKENS.listener, "edge-http").inputs.defaultActions).toEqual([
            { ...REDIRECT, redirect: { ...REDIRECT.redirect, statusCode: "HTTP_302" } },
        ]);
        expect(rules()).toEqual([
            {
                name: "edge-http-rule-1",
                priority: 1,
                values: ["/healthz", "/.well-known/acme-challenge/*"],
                action: "forward",
            },
        ]);
    });

    it("off: forwards HTTP", async () => {
        await build({ httpsRedirect: { mode: RedirectMode.Off } });
        expect(named(TOKENS.listener, "edge-http").inputs.defaultActions).toEqual([FORWARD]);
    });

    it("without a target, requests that stay on HTTP get the fixed response", async () => {
        await build({ target: undefined, httpsRedirect: { mode: RedirectMode.Paths, paths: ["/secure/*"] } });
        expect(named(TOKENS.listener, "edge-http").inputs.defaultActions[0].type).toBe("fixed-response");
    });

    it("packs 5 patterns per rule and keeps names and priorities when a pattern is appended", async () => {
        const twelve = Array.from({ length: 12 }, (_, i) => `/p${i}/*`);
        await build({ httpsRedirect: { mode: RedirectMode.Paths, paths: twelve } });
        const before = rules();
        expect(before.map((r) => [r.name, r.priority, r.values.length])).toEqual([
            ["edge-http-rule-1", 1, 5],
            ["edge-http-rule-2", 2, 5],
            ["edge-http-rule-3", 3, 2],
        ]);
        await resetMocks();
        await build({
            httpsRedirect: { mode: RedirectMode.Paths, paths: [...twelve, "/new/*", "/newer/*", "/newest/*", "/last"] },
        });
        const after = rules();
        expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
        expect(after.slice(2).map((r) => [r.name, r.priority, r.values])).toEqual([
            ["edge-http-rule-3", 3, ["/p10/*", "/p11/*", "/new/*", "/newer/*", "/newest/*"]],
            ["edge-http-rule-4", 4, ["/last"]],
        ]);
    });
});

describe("redirect validation", () => {
    it.each<[string, Partial<HttpsLoadBalancerArgs>, [string, string][]]>([
        [
            "paths mode without paths",
            { httpsRedirect: { mode: RedirectMode.Paths } },
            [
                [
                    "httpsRedirect.paths",
                    "`httpsRedirect.paths` is empty but `httpsRedirect.mode` is 'paths': list the path patterns that redirect to HTTPS, e.g. '/admin/*'",
                ],
            ],
        ],
        [
            "except mode without paths",
            { httpsRedirect: { mode: RedirectMode.Except, paths: [] } },
            [
                [
                    "httpsRedirect.paths",
                    "`httpsRedirect.paths` is empty but `httpsRedirect.mode` is 'except': list the path patterns that stay on HTTP, e.g. '/admin/*'",
                ],
            ],
        ],
        [
            "paths with mode all",
            { httpsRedirect: { paths: ["/a"] } },
            [
                [
                    "httpsRedirect.paths",
                    "`httpsRedirect.paths` is set but `httpsRedirect.mode` is 'all', which ignores it: set the mode to 'paths' or 'except', or drop the paths",
                ],
            ],
        ],
        [
            "an unknown mode",
            { httpsRedirect: { mode: "some" as RedirectMode } },
            [
                [
                    "httpsRedirect.mode",
                    "`httpsRedirect.mode` 'some' is not a redirect mode: use 'all', 'paths', 'except' or 'off'",
                ],
            ],
        ],
        [
            "a repeated pattern",
            { httpsRedirect: { mode: RedirectMode.Paths, paths: ["/a", "/a"] } },
            [
                [
                    "httpsRedirect.paths[1]",
                    "`httpsRedirect.paths[1]` '/a' repeats `httpsRedirect.paths[0]`: list each pattern once",
                ],
            ],
        ],
        [
            "too many rules",
            {
                maxRulesPerLoadBalancer: 2,
                httpsRedirect: { mode: RedirectMode.Except, paths: Array.from({ length: 11 }, (_, i) => `/x${i}`) },
            },
            [
                [
                    "httpsRedirect.paths",
                    "`httpsRedirect.paths` has 11 patterns, which take 3 listener rules (at most 5 patterns and 5 wildcards per rule), more than the 2 rules a load balancer allows: merge patterns with '*' wildcards, or raise `maxRulesPerLoadBalancer` once AWS has raised your quota",
                ],
            ],
        ],
        [
            "tlsProfile and sslPolicy",
            { tlsProfile: TlsProfile.Modern, sslPolicy: "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09" },
            [
                [
                    "tlsProfile",
                    "`tlsProfile` and `sslPolicy` are both set: a profile is a short name for a policy; set one of them",
                ],
            ],
        ],
        [
            "an unknown profile",
            { tlsProfile: "strict" as TlsProfile },
            [
                [
                    "tlsProfile",
                    "`tlsProfile` 'strict' is not a TLS profile: use 'modern', 'compatible', 'fips', or name a policy in `sslPolicy`",
                ],
            ],
        ],
        [
            "a preload HSTS with a short max-age",
            { hsts: { maxAgeSeconds: 600, includeSubDomains: true, preload: true } },
            [["hsts", "`hsts.preload` needs `hsts.maxAgeSeconds` of at least 31536000 (one year), got 600"]],
        ],
        [
            "a bad frame option",
            { securityHeaders: { frameOptions: "ALLOWALL" } },
            [
                [
                    "securityHeaders.frameOptions",
                    "`securityHeaders.frameOptions` 'ALLOWALL' is not an X-Frame-Options value: use 'DENY', 'SAMEORIGIN' or 'ALLOW-FROM https://…' (or a CSP frame-ancestors directive)",
                ],
            ],
        ],
    ])("rejects %s", (_, args, expected) => expect(problems(args)).toEqual(expected));

    it.each([
        ["/admin/*", undefined],
        ["/a?c/*.html", undefined],
        ["admin/*", "`p` 'admin/*' must start with '/': path patterns match the URL path, e.g. '/admin/*'"],
        [`/${"a".repeat(128)}`, "`p` '/" + "a".repeat(128) + "' is 129 characters, the ALB allows at most 128"],
        [
            "/login?next=/x",
            "`p` '/login?next=/x' looks like it has a query string: path patterns match only the path ('?' is a one-character wildcard)",
        ],
        [
            "/a b/{id}",
            "`p` '/a b/{id}' has ' ', '{', '}': the ALB allows letters, digits, _ - . $ / ~ \" ' @ : + &, '*' (any characters) and '?' (one character)",
        ],
    ])("path pattern %j", (pattern, problem) => expect(pathPatternProblem(pattern, "p")).toBe(problem));

    it.each([
        [0, 1],
        [5, 1],
        [6, 2],
        [11, 3],
    ])("%i values take %i rules", (values, rules) => expect(ruleCount(values)).toBe(rules));

    it.each([
        [1, 1, undefined],
        [49999, 2, undefined],
        [50000, 2, "`p` '50000' is not a rule priority: use a whole number from 1 to 49999 (the route takes 2)"],
        [0, 1, "`p` '0' is not a rule priority: use a whole number from 1 to 50000 (the route takes 1)"],
        [1.5, 1, "`p` '1.5' is not a rule priority: use a whole number from 1 to 50000 (the route takes 1)"],
    ])("priority %s for %i rules", (priority, count, problem) =>
        expect(rulePriorityProblem(priority, count, "p", "the route")).toBe(problem),
    );

    it("packs patterns in order with priorities from the first", () => {
        expect(packRuleValues(["/1", "/2", "/3", "/4", "/5", "/6"], 10)).toEqual([
            { priority: 10, values: ["/1", "/2", "/3", "/4", "/5"] },
            { priority: 11, values: ["/6"] },
        ]);
        expect(ruleQuotaProblem(500, 0, 100, "p")).toBeUndefined();
        expect(ruleQuotaProblem(501, 0, 100, "p")).toContain("take 101 listener rules");
    });
});

describe("HSTS, security headers and TLS", () => {
    it("sets HSTS and security headers on the HTTPS listener only", async () => {
        await build({
            hsts: { maxAgeSeconds: 31536000, includeSubDomains: true, preload: true },
            securityHeaders: {
                contentTypeOptions: true,
                frameOptions: "DENY",
                contentSecurityPolicy: "default-src 'self'",
                hideServerHeader: true,
            },
            tlsProfile: TlsProfile.Fips,
        });
        expect(named(TOKENS.listener, "edge-https").inputs).toMatchObject({
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
            routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains; preload",
            routingHttpResponseXContentTypeOptionsHeaderValue: "nosniff",
            routingHttpResponseXFrameOptionsHeaderValue: "DENY",
            routingHttpResponseContentSecurityPolicyHeaderValue: "default-src 'self'",
            routingHttpResponseServerEnabled: false,
        });
        const http = named(TOKENS.listener, "edge-http").inputs;
        expect(Object.keys(http).filter((k) => k.startsWith("routingHttpResponse"))).toEqual([]);
    });

    it('never sends "" for an off header: the provider would skip it (listener.go listenerAttributeMap.expand; terraform-provider-aws#43042)', () => {
        expect(
            listenerHeaderAttributes({ maxAgeSeconds: 300 }, undefined)
                .routingHttpResponseStrictTransportSecurityHeaderValue,
        ).toBe("max-age=300");
        // HSTS is withdrawn with max-age=0, which also makes browsers forget the policy (RFC 6797 §6.1.1).
        expect(
            listenerHeaderAttributes({ maxAgeSeconds: 0 }, undefined)
                .routingHttpResponseStrictTransportSecurityHeaderValue,
        ).toBe("max-age=0");
        expect(listenerHeaderAttributes(undefined, undefined)).toEqual({
            routingHttpResponseStrictTransportSecurityHeaderValue: undefined,
            routingHttpResponseXContentTypeOptionsHeaderValue: undefined,
            routingHttpResponseXFrameOptionsHeaderValue: undefined,
            routingHttpResponseContentSecurityPolicyHeaderValue: undefined,
            routingHttpResponseServerEnabled: true,
        });
    });

    it.each([
        [
            { contentSecurityPolicy: "" },
            "`securityHeaders.contentSecurityPolicy` is empty: give a policy such as \"default-src 'self'\", or leave it out",
        ],
        [
            { contentSecurityPolicy: "default-src 'self';\nimg-src *" },
            "`securityHeaders.contentSecurityPolicy` contains a line break or control character: write the policy on one line, directives separated by ';'",
        ],
        [
            { contentSecurityPolicy: "'self'" },
            "`securityHeaders.contentSecurityPolicy` ''self'' does not start with a directive name: write it like \"default-src 'self'; img-src *\"",
        ],
    ])("rejects security headers %j", (headers, reason) =>
        expect(securityHeaderProblems(headers).map(([, r]) => r)).toEqual([reason]),
    );

    it.each([
        [TlsProfile.Modern, "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09"],
        [TlsProfile.Compatible, "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"],
    ])("maps tlsProfile %s to %s", async (tlsProfile, policy) => {
        await build({ tlsProfile });
        expect(named(TOKENS.listener, "edge-https").inputs.sslPolicy).toBe(policy);
    });

    it("warns when a legacy TLS policy is explicitly allowed", async () => {
        const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        await build({ sslPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06", allowLegacyTls: true });
        expect(warn.mock.calls.map((c) => c[0])).toContain(
            "sslPolicy 'ELBSecurityPolicy-TLS13-1-0-2021-06' accepts TLS 1.0/1.1 (allowed by allowLegacyTls): these versions are deprecated and insecure.",
        );
        warn.mockRestore();
    });
});
