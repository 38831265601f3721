/**
 * More of the load balancer: `dualstack-without-public-ipv4` (AAAA records and
 * IPv6 ingress only), typed attributes, health-check defaults as AWS sets them
 * (and shown in the preview), and host redirects whose names the certificate covers.
 */
import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../components/httpsLoadBalancer";
import { CustomDomain } from "../components/customDomain";
import {
    DesyncMitigationMode,
    IpAddressType,
    TargetType,
    XffHeaderProcessingMode,
} from "../components/loadBalancerArgs";
import { planHostRedirects } from "../components/internal/rules/loadBalancerAttributes";
import { propertiesFor } from "../components/cli/preview/properties";
import type { Plan, PlannedResource } from "../components/cli/preview/plan";
import { buildEdge, EDGE_BASE } from "./helpers/edge";

beforeEach(resetMocks);

describe("dualstack-without-public-ipv4", () => {
    it("sends the address type, opens IPv6 only and reaches targets over the VPC's blocks", async () => {
        await buildEdge({ ipAddressType: IpAddressType.DualstackWithoutPublicIpv4, target: { port: 8080 } });
        expect(named(TOKENS.loadBalancer, "edge").inputs).toMatchObject({
            ipAddressType: "dualstack-without-public-ipv4",
            internal: false,
        });
        expect(
            ofType(TOKENS.ingressRule)
                .map((r) => [r.name, r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6])
                .sort(),
        ).toEqual([
            ["edge-sg-in-tcp-443---_0", "::/0"],
            ["edge-sg-in-tcp-80---_0", "::/0"],
        ]);
        expect(
            ofType(TOKENS.egressRule)
                .map((r) => r.name)
                .sort(),
        ).toEqual(["edge-sg-out-8080", "edge-sg-out-8080-ipv6"]);
    });

    it("gets AAAA alias records only in CustomDomain (clients cannot use IPv4)", async () => {
        const site = new CustomDomain("site", {
            ...CUSTOM_DOMAIN_BASE,
            ipAddressType: IpAddressType.DualstackWithoutPublicIpv4,
        });
        await valueOf(site.loadBalancerDnsName);
        await settle();
        expect(
            ofType(TOKENS.record)
                .filter((r) => r.inputs.aliases)
                .map((r) => [r.name, r.inputs.type]),
        ).toEqual([["site-dns-app.example.com-AAAA", "AAAA"]]);
    });

    it("is refused under any other spelling, naming the three types", () => {
        expect(
            inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, ipAddressType: "ipv6" as never })),
        ).toEqual([
            [
                "ipAddressType",
                "`ipAddressType` 'ipv6' is not an address type: use 'ipv4', 'dualstack' or 'dualstack-without-public-ipv4'",
            ],
        ]);
    });
});

describe("typed attributes", () => {
    it("sends each attribute given under the provider's name", async () => {
        await buildEdge({
            desyncMitigationMode: DesyncMitigationMode.Strictest,
            http2: false,
            xffHeaderProcessingMode: XffHeaderProcessingMode.Remove,
            xffClientPort: true,
            preserveHostHeader: true,
            clientKeepAliveSeconds: 600,
            tlsHeadersToTargets: true,
        });
        expect(named(TOKENS.loadBalancer, "edge").inputs).toMatchObject({
            desyncMitigationMode: "strictest",
            enableHttp2: false,
            xffHeaderProcessingMode: "remove",
            enableXffClientPort: true,
            preserveHostHeader: true,
            clientKeepAlive: 600,
            enableTlsVersionAndCipherSuiteHeaders: true,
        });
    });

    it("leaves every attribute not given unset (AWS's default applies, no diff)", async () => {
        await buildEdge({});
        const inputs = named(TOKENS.loadBalancer, "edge").inputs;
        for (const key of [
            "desyncMitigationMode",
            "enableHttp2",
            "xffHeaderProcessingMode",
            "enableXffClientPort",
            "preserveHostHeader",
            "clientKeepAlive",
            "enableTlsVersionAndCipherSuiteHeaders",
        ])
            expect({ key, value: inputs[key] }).toEqual({ key, value: undefined });
    });
});

describe("health checks", () => {
    it("uses AWS's defaults, not the provider's (thresholds 3 and 3)", async () => {
        await buildEdge({ target: { port: 8080 } });
        expect(named(TOKENS.targetGroup, "edge-targets").inputs.healthCheck).toEqual({
            enabled: true,
            path: "/",
            matcher: "200",
            protocol: "HTTP",
            interval: 30,
            timeout: 5,
            healthyThreshold: 5,
            unhealthyThreshold: 2,
        });
    });

    it("takes the timing the user gives", async () => {
        await buildEdge({
            target: {
                port: 8080,
                healthCheckIntervalSeconds: 10,
                healthCheckTimeoutSeconds: 3,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
                healthCheckMatcher: "200-399",
            },
        });
        expect(named(TOKENS.targetGroup, "edge-targets").inputs.healthCheck).toMatchObject({
            interval: 10,
            timeout: 3,
            healthyThreshold: 2,
            unhealthyThreshold: 3,
            matcher: "200-399",
        });
    });

    it("shows the timing in the preview", () => {
        const tg: PlannedResource = {
            urn: "urn:pulumi:s::p::aws:lb/targetGroup:TargetGroup::edge-targets",
            type: "aws:lb/targetGroup:TargetGroup",
            name: "edge-targets",
            kind: "resource",
            inputs: {
                healthCheck: {
                    path: "/",
                    matcher: "200",
                    protocol: "HTTP",
                    interval: 30,
                    timeout: 5,
                    healthyThreshold: 5,
                    unhealthyThreshold: 2,
                },
            },
            dependsOn: [],
            propertyDependencies: {},
        };
        const plan = {
            offline: true,
            project: "p",
            stack: "s",
            program: "index.ts",
            resources: [tg],
            outputs: {},
            lookups: [],
            logs: [],
        } as unknown as Plan;
        expect(propertiesFor(plan, tg)).toMatchObject({
            "health check": "HTTP / expects 200",
            "health check every (s)": "30",
            "health check timeout (s)": "5",
            "healthy after (checks)": "5",
            "unhealthy after (checks)": "2",
        });
    });

    it.each<[string, HttpsLoadBalancerArgs["target"], [string, string][]]>([
        [
            "out of AWS's ranges",
            { healthCheckIntervalSeconds: 1, healthyThreshold: 11, unhealthyThreshold: 1.5 },
            [
                [
                    "target.healthCheckIntervalSeconds",
                    "`target.healthCheckIntervalSeconds` '1' is out of range: AWS accepts whole seconds from 5 to 300",
                ],
                [
                    "target.healthyThreshold",
                    "`target.healthyThreshold` '11' is out of range: AWS accepts whole checks from 2 to 10",
                ],
                [
                    "target.unhealthyThreshold",
                    "`target.unhealthyThreshold` '1.5' is out of range: AWS accepts whole checks from 2 to 10",
                ],
            ],
        ],
        [
            "a timeout not below the interval",
            { healthCheckIntervalSeconds: 10, healthCheckTimeoutSeconds: 10 },
            [
                [
                    "target.healthCheckTimeoutSeconds",
                    "`target.healthCheckTimeoutSeconds` 10 is not less than the interval (10 s): a check must time out before the next one starts; lower the timeout or raise `target.healthCheckIntervalSeconds`",
                ],
            ],
        ],
        [
            "timing for a Lambda target whose checks are off",
            { targetType: TargetType.Lambda, healthyThreshold: 3 },
            [
                [
                    "target.healthyThreshold",
                    "`target.healthyThreshold` '3' is set, but a Lambda target's health check is off by default (each check invokes the function): set `target.healthCheckEnabled: true`, or drop it",
                ],
            ],
        ],
        [
            "timing for an adopted target group",
            {
                targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1",
                port: 80,
                healthCheckTimeoutSeconds: 4,
            },
            [
                [
                    "target.healthCheckTimeoutSeconds",
                    "`target.healthCheckTimeoutSeconds` is set together with `target.targetGroupArn`: an adopted target group keeps its own settings; change them where it is defined, or drop `targetGroupArn`",
                ],
            ],
        ],
        [
            "a number given as text",
            { healthCheckTimeoutSeconds: "5" as never },
            [
                [
                    "target.healthCheckTimeoutSeconds",
                    "`target.healthCheckTimeoutSeconds` is a string, not a number: give whole seconds, from 2 to 120",
                ],
            ],
        ],
    ])("refuses %s", (_what, target, expected) => {
        expect(inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, target }))).toEqual(expected);
    });

    it.each<[string, Partial<HttpsLoadBalancerArgs>, [string, string][]]>([
        [
            "attributes out of range or unknown",
            { desyncMitigationMode: "strict" as never, clientKeepAliveSeconds: 30, http2: "yes" as never },
            [
                [
                    "desyncMitigationMode",
                    "`desyncMitigationMode` 'strict' is not one of 'monitor', 'defensive', 'strictest'",
                ],
                [
                    "clientKeepAliveSeconds",
                    "`clientKeepAliveSeconds` '30' is out of range: AWS accepts whole seconds from 60 to 604800",
                ],
                ["http2", "`http2` is a string, not a boolean: write true or false"],
            ],
        ],
    ])("refuses %s", (_what, args, expected) => {
        expect(inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, ...args }))).toEqual(expected);
    });
});

describe("host redirects", () => {
    it("redirects www to the apex over HTTPS, keeping path and query, at priority 50000", async () => {
        const lb = await buildEdge({ redirects: [{ from: "WWW.Example.com", to: "example.com" }] });
        const rule = named(TOKENS.listenerRule, "edge-https-redirect-50000");
        expect(rule.typeChain).toEqual([TOKENS.httpsLoadBalancer, TOKENS.listenerRule]);
        expect(rule.inputs).toMatchObject({
            listenerArn: await valueOf(lb.httpsListener.arn),
            priority: 50000,
            conditions: [{ hostHeader: { values: ["www.example.com"] } }],
            actions: [
                {
                    type: "redirect",
                    redirect: {
                        protocol: "HTTPS",
                        port: "443",
                        host: "example.com",
                        path: "/#{path}",
                        query: "#{query}",
                        statusCode: "HTTP_301",
                    },
                },
            ],
        });
        expect(lb.redirectRules).toHaveLength(1);
    });

    it("groups names by target and status, five per rule, keyed by priority", () => {
        const plan = planHostRedirects([
            ...["a", "b", "c", "d", "e", "f"].map((p) => ({ from: `${p}.example.org`, to: "example.com" })),
            { from: "old.example.com", to: "new.example.com", statusCode: 302 },
        ]);
        expect(plan).toEqual([
            {
                priority: 50000,
                from: ["a.example.org", "b.example.org", "c.example.org", "d.example.org", "e.example.org"],
                to: "example.com",
                statusCode: "HTTP_301",
            },
            { priority: 49999, from: ["f.example.org"], to: "example.com", statusCode: "HTTP_301" },
            { priority: 49998, from: ["old.example.com"], to: "new.example.com", statusCode: "HTTP_302" },
        ]);
    });

    it("in CustomDomain, needs both names on the certificate", () => {
        expect(
            inputProblems(
                () =>
                    new CustomDomain("site", {
                        ...CUSTOM_DOMAIN_BASE,
                        hostname: "example.com",
                        redirects: [{ from: "www.example.com", to: "example.com" }],
                    }),
            ),
        ).toEqual([
            [
                "redirects[0].from",
                "`redirects[0].from` 'www.example.com' is not one of this domain's names, so its certificate does not cover it and browsers would refuse the connection: add it to `alternativeNames`",
            ],
        ]);
    });

    it("in CustomDomain, creates the rule when both names are served", async () => {
        const site = new CustomDomain("site", {
            ...CUSTOM_DOMAIN_BASE,
            hostname: "example.com",
            alternativeNames: ["www.example.com"],
            redirects: [{ from: "www.example.com", to: "example.com" }],
        });
        await valueOf(site.httpsListener.arn);
        await settle();
        expect(named(TOKENS.listenerRule, "site-lb-https-redirect-50000").inputs.conditions).toEqual([
            { hostHeader: { values: ["www.example.com"] } },
        ]);
    });

    it.each<[string, unknown, [string, string][]]>([
        [
            "a loop",
            [{ from: "example.com", to: "Example.com." }],
            [["redirects[0].to", "`redirects[0].to` is the same name as `redirects[0].from`: the redirect would loop"]],
        ],
        [
            "a name redirected twice, and a chain",
            [
                { from: "www.example.com", to: "example.com" },
                { from: "www.example.com", to: "example.org" },
                { from: "example.org", to: "example.net" },
            ],
            [
                [
                    "redirects[1].from",
                    "`redirects[1].from` 'www.example.com' is already redirected by `redirects[0].from`",
                ],
                [
                    "redirects[2].from",
                    "`redirects[2].from` 'example.org' is also a redirect target: chained redirects cost a round trip each; redirect straight to the final name",
                ],
            ],
        ],
        [
            "a wildcard and a bad status",
            [{ from: "*.example.com", to: "example.com", statusCode: 308 }],
            [
                [
                    "redirects[0].from",
                    "`redirects[0].from` '*.example.com' is a wildcard: a redirect goes from and to one exact name",
                ],
                [
                    "redirects[0].statusCode",
                    "`redirects[0].statusCode` '308' is not a redirect status: use 301 (permanent) or 302 (temporary)",
                ],
            ],
        ],
        [
            "not a list",
            { from: "a.example.com", to: "b.example.com" },
            [
                [
                    "redirects",
                    "`redirects` is an object, not a list: write [{ from: 'www.example.com', to: 'example.com' }]",
                ],
            ],
        ],
    ])("refuses %s", (_what, redirects, expected) => {
        expect(
            inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, redirects: redirects as never })),
        ).toEqual(expected);
    });

    it("counts redirect and sign-in rules against the rule quota", () => {
        expect(
            inputProblems(
                () =>
                    new HttpsLoadBalancer("edge", {
                        ...EDGE_BASE,
                        maxRulesPerLoadBalancer: 2,
                        routes: [{ name: "api", hostnames: ["api.example.com"], priority: 10, target: { port: 9000 } }],
                        redirects: [{ from: "www.example.com", to: "example.com" }],
                        authenticate: {
                            cognito: {
                                userPoolArn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123",
                                clientId: "c",
                                domain: "d",
                            },
                            paths: ["/admin/*"],
                        },
                    }),
            ),
        ).toEqual([
            [
                "redirects",
                "the listener rules (`routes` 1, `redirects` 1, `authenticate.paths` 1) add up to 3, more than the 2 rules a load balancer allows: use fewer, spread them over several load balancers, or raise `maxRulesPerLoadBalancer` once AWS has raised your quota",
            ],
        ]);
    });

    it("refuses a redirect from a name a route serves (the route's rule would win)", () => {
        expect(
            inputProblems(
                () =>
                    new HttpsLoadBalancer("edge", {
                        ...EDGE_BASE,
                        routes: [{ name: "api", hostnames: ["api.example.com"], priority: 10, target: { port: 9000 } }],
                        redirects: [{ from: "api.example.com", to: "example.com" }],
                    }),
            ),
        ).toEqual([
            [
                "redirects[0].from",
                "`redirects[0].from` 'api.example.com' is routed by `routes[0].hostnames[0]`, whose rule comes first: the redirect would never apply; drop one of them",
            ],
        ]);
    });
});
