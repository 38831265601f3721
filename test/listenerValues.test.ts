/**
 * Values the AWS provider and API refuse or rewrite, checked before anything is
 * created. Each rule names its source; mocks accept anything, so these tables
 * are the only place the rules are encoded.
 */
import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { inputProblems, TOKENS } from "./helpers/components";
import * as pulumi from "@pulumi/pulumi";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../components/httpsLoadBalancer";
import { RedirectMode, TargetType } from "../components/loadBalancerArgs";
import {
    cidrProblem,
    formatIpv6,
    hostHeaderProblem,
    hstsHeaderValue,
    hstsProblems,
    matcherProblem,
    normalizeCidr,
} from "../components/internal/rules/listenerValues";
import { packRuleValues, pathPatternProblem, ruleCount } from "../components/internal/rules/rulePacking";
import { securityHeaderOffWarnings } from "../components/internal/rules/responseHeaders";
import { cidrNameKey, ingressRuleSpecs } from "../components/internal/build/securityGroup";
import { checkTags } from "../components/internal/rules/tags";
import { Problems } from "../components/internal/rules/problems";

beforeEach(resetMocks);

const base: HttpsLoadBalancerArgs = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
};

const problems = (args: Record<string, unknown>) =>
    inputProblems(() => new HttpsLoadBalancer("bad", { ...base, ...args } as HttpsLoadBalancerArgs));

async function build(args: Partial<HttpsLoadBalancerArgs>): Promise<HttpsLoadBalancer> {
    const lb = new HttpsLoadBalancer("edge", { ...base, ...args });
    await Promise.all([
        valueOf(lb.dnsName),
        valueOf(lb.httpsListener.arn),
        valueOf(lb.httpListener.arn),
        ...lb.routeRules.map((r) => valueOf(r.arn)),
    ]);
    await settle();
    return lb;
}

async function warnings(args: Partial<HttpsLoadBalancerArgs>): Promise<string[]> {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
        await build(args);
        return warn.mock.calls.map((c) => String(c[0]));
    } finally {
        warn.mockRestore();
    }
}

describe("CIDR blocks (terraform-provider-aws IPv4CIDRNetworkAddress / IPv6CIDRNetworkAddress on aws_vpc_security_group_ingress_rule)", () => {
    it.each([
        [
            "198.51.100.7/24",
            "`allowedCidrs[0]` '198.51.100.7/24' has host bits set (a security-group rule takes only the network address of a block): did you mean 198.51.100.0/24?",
        ],
        [
            "10.1.2.3/8",
            "`allowedCidrs[0]` '10.1.2.3/8' has host bits set (a security-group rule takes only the network address of a block): did you mean 10.0.0.0/8?",
        ],
        [
            "2001:db8::1/32",
            "`allowedCidrs[0]` '2001:db8::1/32' has host bits set (a security-group rule takes only the network address of a block): did you mean 2001:db8::/32?",
        ],
        [
            "010.0.0.0/8",
            "`allowedCidrs[0]` '010.0.0.0/8' is not a CIDR block: write it as '203.0.113.0/24' or '2001:db8::/32'",
        ],
    ])("refuses %s", (cidr, reason) => expect(cidrProblem(cidr, "allowedCidrs[0]")).toBe(reason));

    // EC2 stores IPv6 blocks in canonical (RFC 5952) form and reads them back so: any other spelling diffs after every refresh.
    it.each([
        ["2001:DB8::/32", "2001:db8::/32"],
        ["2001:0db8:0:0::/32", "2001:db8::/32"],
        ["2001:db8:0:1:0:0:0:0/64", "2001:db8:0:1::/64"],
        ["1:0:0:1:0:0:0:0/128", "1:0:0:1::/128"],
        ["::/0", "::/0"],
        ["203.0.113.0/24", "203.0.113.0/24"],
    ])("normalises %s to %s", (given, canonical) => {
        expect(cidrProblem(given, "c")).toBeUndefined();
        expect(normalizeCidr(given)).toBe(canonical);
    });
    it("formats RFC 5952: first longest zero run only, never one group", () => {
        expect(formatIpv6([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1])).toBe("2001:db8:0:1::1");
        expect(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe("2001:db8::1:0:0:1");
        expect(formatIpv6([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])).toBe("2001:db8:0:1:1:1:1:1");
    });

    it.each<[string, unknown, [string, string][]]>([
        [
            "an empty list",
            [],
            [
                [
                    "allowedCidrs",
                    "`allowedCidrs` '[]' is an empty list, which would allow no source yet silently means anywhere: omit `allowedCidrs` to allow anywhere, or list the blocks to allow, e.g. ['203.0.113.0/24']",
                ],
            ],
        ],
        [
            "a repeat after normalising",
            ["2001:db8::/32", "2001:DB8:0::/32"],
            [
                [
                    "allowedCidrs[1]",
                    "`allowedCidrs[1]` '2001:DB8:0::/32' is the same block as `allowedCidrs[0]` ('2001:db8::/32'): list each block once",
                ],
            ],
        ],
        [
            "host bits",
            ["198.51.100.7/24"],
            [
                [
                    "allowedCidrs[0]",
                    "`allowedCidrs[0]` '198.51.100.7/24' has host bits set (a security-group rule takes only the network address of a block): did you mean 198.51.100.0/24?",
                ],
            ],
        ],
    ])("refuses %s", (_, allowedCidrs, expected) => expect(problems({ allowedCidrs })).toEqual(expected));

    it("sends the canonical IPv6 form and warns about the spelling", async () => {
        const logged = await warnings({ allowedCidrs: ["2001:DB8::/32"] });
        expect(ofType(TOKENS.ingressRule).map((r) => r.inputs.cidrIpv6)).toEqual(["2001:db8::/32", "2001:db8::/32"]);
        expect(logged).toContain(
            "allowedCidrs '2001:DB8::/32' is written as '2001:db8::/32' in the security group: EC2 stores IPv6 blocks in canonical form (RFC 5952), so any other spelling would show a diff after every refresh; write '2001:db8::/32' to silence this warning.",
        );
    });
});

describe("security-group rules keyed by the permission (InvalidPermission.Duplicate otherwise)", () => {
    const ports = [
        { name: "http", port: 80 },
        { name: "https", port: 443 },
    ];
    it("names the default and its explicit spelling the same", () => {
        const byDefault = ingressRuleSpecs("edge-sg", { ports, allowedCidrs: [], ipv6: false }).map((r) => r.name);
        const explicit = ingressRuleSpecs("edge-sg", { ports, allowedCidrs: ["0.0.0.0/0"], ipv6: false }).map(
            (r) => r.name,
        );
        expect(byDefault).toEqual(["edge-sg-in-tcp-80-0.0.0.0_0", "edge-sg-in-tcp-443-0.0.0.0_0"]);
        expect(explicit).toEqual(byDefault);
    });
    it.each([
        [
            [],
            true,
            [
                ["edge-sg-in-tcp-80-0.0.0.0_0", ["edge-sg-in-http-ipv4", "edge-sg-in-http-0.0.0.0/0"]],
                ["edge-sg-in-tcp-80---_0", ["edge-sg-in-http-ipv6", "edge-sg-in-http-::/0"]],
            ],
        ],
        [
            ["2001:DB8::/32"],
            false,
            [["edge-sg-in-tcp-80-2001-db8--_32", ["edge-sg-in-http-2001:DB8::/32", "edge-sg-in-http-2001:db8::/32"]]],
        ],
        [["203.0.113.0/24"], false, [["edge-sg-in-tcp-80-203.0.113.0_24", ["edge-sg-in-http-203.0.113.0/24"]]]],
        [["::/0"], false, [["edge-sg-in-tcp-80---_0", ["edge-sg-in-http-::/0", "edge-sg-in-http-ipv6"]]]],
    ])(
        "allowedCidrs %j (dual-stack %s): names without ':' and aliases to the 0.1.0 names",
        (allowedCidrs, ipv6, expected) => {
            const specs = ingressRuleSpecs("edge-sg", {
                ports: [ports[0]],
                allowedCidrs: allowedCidrs as string[],
                ipv6,
            });
            expect(specs.map((r) => [r.name, r.aliases])).toEqual(expected);
            for (const spec of specs) expect(spec.name).not.toContain(":");
        },
    );
    it("encodes CIDRs reversibly", () => {
        expect(cidrNameKey("2001:db8::/32")).toBe("2001-db8--_32");
        expect(cidrNameKey("::/0")).toBe("--_0");
        expect(cidrNameKey("10.0.0.0/8")).toBe("10.0.0.0_8");
    });
    it("creates one resource per permission", async () => {
        await build({ allowedCidrs: ["0.0.0.0/0"] });
        expect(
            ofType(TOKENS.ingressRule)
                .map((r) => r.name)
                .sort(),
        ).toEqual(["edge-sg-in-tcp-443-0.0.0.0_0", "edge-sg-in-tcp-80-0.0.0.0_0"]);
    });
});

describe("listener rules: 5 values and 5 wildcards per rule (AWS ELB guide, Listener rule condition types → Condition basics)", () => {
    it("packs by wildcards as well as by count, and appending keeps earlier rules", () => {
        const patterns = ["/a/*/*", "/b/*/*", "/c/*/*", "/d"];
        expect(packRuleValues(patterns)).toEqual([
            { priority: 1, values: ["/a/*/*", "/b/*/*"] },
            { priority: 2, values: ["/c/*/*", "/d"] },
        ]);
        expect(packRuleValues(["/a/*/*", "/b/*/*", "/c/*", "/d", "/e"])).toEqual([
            { priority: 1, values: ["/a/*/*", "/b/*/*", "/c/*", "/d", "/e"] },
        ]);
        const appended = packRuleValues([...patterns, "/f/*", "/g", "/h", "/i"]);
        expect(appended[0]).toEqual(packRuleValues(patterns)[0]);
        expect(appended[1]).toEqual({ priority: 2, values: ["/c/*/*", "/d", "/f/*", "/g", "/h"] });
        expect(appended[2]).toEqual({ priority: 3, values: ["/i"] });
        expect(ruleCount(patterns)).toBe(2);
        expect(packRuleValues(["/?????"])).toEqual([{ priority: 1, values: ["/?????"] }]);
    });
    it("refuses a pattern with more than 5 wildcards", () => {
        expect(pathPatternProblem("/*/*/*/*/*/*", "p")).toBe(
            "`p` '/*/*/*/*/*/*' has 6 wildcards, more than the 5 a listener rule allows: merge them (one '*' matches any run of characters)",
        );
    });
    it("creates rules that respect both limits", async () => {
        await build({
            target: {},
            httpsRedirect: { mode: RedirectMode.Except, paths: ["/a/*/*", "/b/*/*", "/c/*/*", "/d"] },
        });
        const rules = ofType(TOKENS.listenerRule)
            .map((r) => [r.name, r.inputs.conditions[0].pathPattern.values])
            .sort();
        expect(rules).toEqual([
            ["edge-http-rule-1", ["/a/*/*", "/b/*/*"]],
            ["edge-http-rule-2", ["/c/*/*", "/d"]],
        ]);
    });

    // Host conditions: at most 128 characters (CloudFormation HostHeaderConfig; TF listener_rule.go), only letters after the final '.'.
    it.each([
        ["app.example.com", undefined],
        ["*.example.com", undefined],
        [
            `${"a".repeat(60)}.${"b".repeat(60)}.example.com`,
            `\`h\` '${"a".repeat(60)}.${"b".repeat(60)}.example.com' is 133 characters, more than the 128 a listener rule's host-header condition takes: route a shorter name (or a wildcard such as '*.example.com')`,
        ],
        [
            "shop.xn--p1ai",
            "`h` 'shop.xn--p1ai' ends in 'xn--p1ai', but a listener rule's host-header condition allows only letters after the final '.': a name under this top-level domain cannot be routed by host; serve it as the load balancer's default target instead",
        ],
    ])("host-header value %s", (host, reason) => expect(hostHeaderProblem(host, host, "h")).toBe(reason));

    it("refuses route hostnames a host-header condition cannot hold", () => {
        expect(problems({ routes: [{ name: "ru", hostnames: ["shop.xn--p1ai"], priority: 10, target: {} }] })).toEqual([
            [
                "routes[0].hostnames[0]",
                "`routes[0].hostnames[0]` 'shop.xn--p1ai' ends in 'xn--p1ai', but a listener rule's host-header condition allows only letters after the final '.': a name under this top-level domain cannot be routed by host; serve it as the load balancer's default target instead",
            ],
        ]);
    });
    it("sends route hostnames normalised", async () => {
        await build({ routes: [{ name: "api", hostnames: ["API.Example.com."], priority: 10, target: {} }] });
        expect(named(TOKENS.listenerRule, "edge-https-rule-10").inputs.conditions).toEqual([
            { hostHeader: { values: ["api.example.com"] } },
        ]);
    });
});

describe("HSTS max-age (RFC 6797 §6.1.1 delta-seconds; RFC 9111 §1.2.2 caps delta-seconds at 2^31)", () => {
    it.each([
        [
            1e21,
            "`hsts.maxAgeSeconds` '1e+21' must be a whole number of seconds, 0 or more (start small, e.g. 300, then raise it)",
        ],
        [
            2 ** 53,
            "`hsts.maxAgeSeconds` '9007199254740992' must be a whole number of seconds, 0 or more (start small, e.g. 300, then raise it)",
        ],
        [
            2147483649,
            "`hsts.maxAgeSeconds` '2147483649' is more than 2147483648 (2^31 seconds, about 68 years), the most an HTTP delta-seconds means (RFC 9111 §1.2.2): use at most 2147483648; two years (63072000) is the usual maximum",
        ],
    ])("refuses %s", (maxAgeSeconds, reason) => expect(hstsProblems({ maxAgeSeconds })).toEqual([reason]));
    it("writes the bound and 0 in digits", () => {
        expect(hstsProblems({ maxAgeSeconds: 2147483648 })).toEqual([]);
        expect(hstsHeaderValue({ maxAgeSeconds: 2147483648 })).toBe("max-age=2147483648");
        expect(hstsHeaderValue({ maxAgeSeconds: 0 })).toBe("max-age=0");
    });
});

describe("security headers that cannot be removed through the provider", () => {
    it("warns for each header that is off, naming the attribute key", () => {
        expect(securityHeaderOffWarnings({ contentTypeOptions: true, frameOptions: "DENY" })).toEqual([
            "securityHeaders.contentSecurityPolicy is off: a new HTTPS listener sends no Content-Security-Policy header, but one set by an earlier deployment stays, because the AWS provider never sends an empty attribute value and Content-Security-Policy has no value that means off. To remove it, clear \"routing.http.response.content_security_policy.header_value\" by hand: in the console (listener → Attributes → Add response headers) or with aws elbv2 modify-listener-attributes --listener-arn <HTTPS listener ARN> --attributes 'Key=routing.http.response.content_security_policy.header_value,Value='",
        ]);
        expect(securityHeaderOffWarnings(undefined)).toEqual([]);
        expect(securityHeaderOffWarnings({ contentTypeOptions: false }).length).toBe(3);
    });
});

describe("paths redirect mode", () => {
    it("warns that every other path is plain HTTP", async () => {
        const logged = await warnings({
            target: {},
            httpsRedirect: { mode: RedirectMode.Paths, paths: ["/admin/*", "/login"] },
        });
        expect(logged).toContain(
            "HTTP→HTTPS redirect covers only httpsRedirect.paths (/admin/*, /login): every other path on port 80 is served over plain HTTP, unencrypted and open to tampering. Use mode 'except' to redirect everything but a few paths.",
        );
    });
});

describe("target groups (CreateTargetGroup; terraform-provider-aws target_group.go)", () => {
    it("turns a Lambda target's health check off by default (AWS's default; each check invokes the function)", async () => {
        await build({ target: { targetType: TargetType.Lambda } });
        expect(named(TOKENS.targetGroup, "edge-targets").inputs.healthCheck).toEqual({ enabled: false });
    });
    it("uses AWS's Lambda timing when asked (interval 35 > timeout 30; the provider's 30/30 is refused)", async () => {
        await build({
            target: { targetType: TargetType.Lambda, healthCheckEnabled: true, healthCheckPath: "/health" },
        });
        expect(named(TOKENS.targetGroup, "edge-targets").inputs.healthCheck).toEqual({
            enabled: true,
            path: "/health",
            matcher: "200",
            interval: 35,
            timeout: 30,
            // AWS's Lambda thresholds (CreateTargetGroup: 5 and 5), not the provider's 3 and 3.
            healthyThreshold: 5,
            unhealthyThreshold: 5,
        });
    });
    it.each<[string, Record<string, unknown>, [string, string][]]>([
        [
            "a matcher below 200",
            { healthCheckMatcher: "100-299" },
            [
                [
                    "target.healthCheckMatcher",
                    "`target.healthCheckMatcher` '100-299' has '100-299', outside the 200–499 an ALB health check accepts: use codes from 200 to 499, e.g. '200-399'",
                ],
            ],
        ],
        [
            "a matcher above 499",
            { healthCheckMatcher: "200,503" },
            [
                [
                    "target.healthCheckMatcher",
                    "`target.healthCheckMatcher` '200,503' has '503', outside the 200–499 an ALB health check accepts: use codes from 200 to 499, e.g. '200-399'",
                ],
            ],
        ],
        [
            "a long path",
            { healthCheckPath: `/${"a".repeat(1024)}` },
            [
                [
                    "target.healthCheckPath",
                    `\`target.healthCheckPath\` '/${"a".repeat(39)}…' is 1025 characters, more than the 1024 a target group's health-check path takes: use a shorter path`,
                ],
            ],
        ],
        [
            "a path with a space",
            { healthCheckPath: "/health check" },
            [
                [
                    "target.healthCheckPath",
                    "`target.healthCheckPath` '/health check' contains a space or control character, which cannot be sent in an HTTP request line: percent-encode it (e.g. '%20') or use another path",
                ],
            ],
        ],
        [
            "a path without '/'",
            { healthCheckPath: "health" },
            [["target.healthCheckPath", "`target.healthCheckPath` 'health' must start with '/'"]],
        ],
        [
            "health checks off for ip",
            { healthCheckEnabled: false },
            [
                [
                    "target.healthCheckEnabled",
                    "`target.healthCheckEnabled` 'false' is not possible for 'ip' targets: AWS always health-checks ip and instance targets; remove it",
                ],
            ],
        ],
        [
            "a Lambda path without health checks",
            { targetType: TargetType.Lambda, healthCheckPath: "/h" },
            [
                [
                    "target.healthCheckPath",
                    "`target.healthCheckPath` '/h' is set, but a Lambda target's health check is off by default (each check invokes the function): set `target.healthCheckEnabled: true`, or drop it",
                ],
            ],
        ],
    ])("refuses %s", (_, target, expected) => expect(problems({ target })).toEqual(expected));
    it("accepts 200–499", () => expect(matcherProblem("200-499", "m")).toBeUndefined());
    it.each(["", "   "])("refuses an empty vpcId %j", (vpcId) =>
        expect(problems({ vpcId })).toEqual([
            [
                "vpcId",
                `\`vpcId\` '${vpcId}' is empty: give the id of the VPC the load balancer's security group and target groups belong to, e.g. 'vpc-0123456789abcdef0'`,
            ],
        ]),
    );
});

describe("tags (AWS tagging rules: 50 per resource, key ≤ 128, value ≤ 256, no 'aws:' keys)", () => {
    const check = (tags: unknown) => {
        const p = new Problems();
        checkTags(tags as Record<string, string>, p, "tags");
        return p.messages();
    };
    it.each<[string, unknown, string[]]>([
        [
            "51 tags",
            Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])),
            ["`tags` '51 tags' is more than the 50 tags AWS allows on one resource: drop or merge some"],
        ],
        [
            "a long key",
            { ["k".repeat(129)]: "v" },
            [
                `\`tags.${"k".repeat(129)}\` '${"k".repeat(20)}…' is a 129-character key, more than the 128 AWS allows: shorten it`,
            ],
        ],
        [
            "a long value",
            { team: "v".repeat(257) },
            [
                `\`tags.team\` '${"v".repeat(20)}…' is 257 characters, more than the 256 AWS allows in a tag value: shorten it`,
            ],
        ],
        [
            "an aws: key",
            { "AWS:owner": "me" },
            ["`tags.AWS:owner` 'AWS:owner' starts with 'aws:', a prefix AWS reserves for its own tags: rename the key"],
        ],
        [
            "a number value",
            { count: 3 },
            ["`tags.count` '3' is a number, not a string: tag values are text, e.g. \"web\""],
        ],
        ["a list", ["a"], ['`tags` \'["a"]\' is a list, not an object: write tags as { team: "web" }']],
    ])("refuses %s", (_, tags, expected) => expect(check(tags)).toEqual(expected));
    it("accepts 50 tags and skips values known only later", () => {
        expect(check(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])))).toEqual([]);
        expect(check({ team: pulumi.output("x".repeat(300)) })).toEqual([]);
    });
    it("is checked by the component", () =>
        expect(problems({ tags: { "aws:x": "y" } })).toEqual([
            [
                "tags.aws:x",
                "`tags.aws:x` 'aws:x' starts with 'aws:', a prefix AWS reserves for its own tags: rename the key",
            ],
        ]));
});

describe("wrong types name the property, never a TypeError", () => {
    it.each<[string, Record<string, unknown>, [string, string][]]>([
        [
            "allowedCidrs as a string",
            { allowedCidrs: "10.0.0.0/8" },
            [["allowedCidrs", "`allowedCidrs` '10.0.0.0/8' is a string, not a list: write it as ['203.0.113.0/24']"]],
        ],
        [
            "a CIDR as a number",
            { allowedCidrs: [10] },
            [
                [
                    "allowedCidrs[0]",
                    "`allowedCidrs[0]` '10' is a number, not a string: write a CIDR block such as '203.0.113.0/24'",
                ],
            ],
        ],
        [
            "paths not a list",
            { httpsRedirect: { mode: "paths", paths: "/admin/*" } },
            [
                [
                    "httpsRedirect.paths",
                    "`httpsRedirect.paths` '/admin/*' is a string, not a list: write it as ['/admin/*']",
                ],
            ],
        ],
        [
            "a path as a number",
            { httpsRedirect: { mode: "except", paths: [1] } },
            [
                [
                    "httpsRedirect.paths[0]",
                    "`httpsRedirect.paths[0]` '1' is a number, not a string: write the pattern as text, e.g. '/admin/*'",
                ],
            ],
        ],
        [
            "httpsRedirect as a string",
            { httpsRedirect: "all" },
            [["httpsRedirect", "`httpsRedirect` 'all' is a string, not an object: write it as { mode: 'all' }"]],
        ],
        [
            "hsts not an object",
            { hsts: 300 },
            [["hsts", "`hsts` '300' is a number, not an object: write it as { maxAgeSeconds: 300 }"]],
        ],
        [
            "hsts.maxAgeSeconds as a string",
            { hsts: { maxAgeSeconds: "300" } },
            [["hsts", "`hsts.maxAgeSeconds` '300' is a string, not a number: give whole seconds, e.g. 300"]],
        ],
        [
            "hsts.preload as a string",
            { hsts: { maxAgeSeconds: 300, preload: "yes" } },
            [["hsts", "`hsts.preload` 'yes' is a string, not a boolean: use true or false"]],
        ],
        [
            "httpsPort as a string",
            { httpsPort: "443" },
            [["httpsPort", "`httpsPort` '443' is a string, not a number: write the port as a number, e.g. 443"]],
        ],
        [
            "frameOptions as a number",
            { securityHeaders: { frameOptions: 1 } },
            [
                [
                    "securityHeaders.frameOptions",
                    "`securityHeaders.frameOptions` '1' is a number, not a string: use 'DENY'",
                ],
            ],
        ],
        [
            "securityHeaders as a list",
            { securityHeaders: [] },
            [
                [
                    "securityHeaders",
                    "`securityHeaders` '[]' is a list, not an object: write it as { contentTypeOptions: true }",
                ],
            ],
        ],
        [
            "routes as an object",
            { routes: {} },
            [["routes", "`routes` '{}' is an object, not a list: write it as [{ name, hostnames, priority, target }]"]],
        ],
        [
            "a route's hostnames as a string",
            { routes: [{ name: "a", hostnames: "a.example.com", priority: 1, target: {} }] },
            [
                [
                    "routes[0].hostnames",
                    "`routes[0].hostnames` 'a.example.com' is a string, not a list: write it as ['app.example.com']",
                ],
            ],
        ],
        [
            "a route's priority as a string",
            { routes: [{ name: "a", hostnames: ["a.example.com"], priority: "1", target: {} }] },
            [["routes[0].priority", "`routes[0].priority` '1' is a string, not a number: write it as 10"]],
        ],
        [
            "target as a string",
            { target: "8080" },
            [["target", "`target` '8080' is a string, not an object: write it as { port: 8080 }"]],
        ],
        [
            "target.port as a string",
            { target: { port: "8080" } },
            [["target.port", "`target.port` '8080' is a string, not a number: write the port as a number, e.g. 443"]],
        ],
        [
            "healthCheckPath as a number",
            { target: { healthCheckPath: 1 } },
            [
                [
                    "target.healthCheckPath",
                    "`target.healthCheckPath` '1' is a number, not a string: write the path as text, e.g. '/healthz'",
                ],
            ],
        ],
        [
            "healthCheckMatcher as a number",
            { target: { healthCheckMatcher: 200 } },
            [
                [
                    "target.healthCheckMatcher",
                    "`target.healthCheckMatcher` '200' is a number, not a string: write codes as text, e.g. '200-399'",
                ],
            ],
        ],
        [
            "healthCheckEnabled as a string",
            { target: { targetType: "lambda", healthCheckEnabled: "yes" } },
            [
                [
                    "target.healthCheckEnabled",
                    "`target.healthCheckEnabled` 'yes' is a string, not a boolean: write it as true or false",
                ],
            ],
        ],
        [
            "idleTimeoutSeconds as a string",
            { idleTimeoutSeconds: "60" },
            [["idleTimeoutSeconds", "`idleTimeoutSeconds` '60' is a string, not a number: write it as 60"]],
        ],
        [
            "tags as a string",
            { tags: "team=web" },
            [["tags", "`tags` 'team=web' is a string, not an object: write tags as { team: \"web\" }"]],
        ],
        [
            "vpcId as a number",
            { vpcId: 1 },
            [["vpcId", "`vpcId` '1' is a number, not a string: write it as 'vpc-0123456789abcdef0'"]],
        ],
    ])("%s", (_, args, expected) => expect(problems(args)).toEqual(expected));
});

describe("tenant hostnames on a shared listener", () => {
    it("are refused when a host-header condition cannot hold them", async () => {
        const { ListenerAttachment } = await import("../components/listenerAttachment");
        expect(
            () =>
                new ListenerAttachment("t", {
                    listenerArn: "arn:l",
                    certificateArns: { a: "arn:c" },
                    hostnames: ["shop.xn--p1ai"],
                    rulePriority: 5,
                    target: { targetType: TargetType.Lambda },
                }),
        ).toThrow(
            "ListenerAttachment 't' has 1 input problem:\n  - `hostnames[0]` 'shop.xn--p1ai' ends in 'xn--p1ai', but a listener rule's host-header condition allows only letters after the final '.': a name under this top-level domain cannot be routed by host; serve it as the load balancer's default target instead",
        );
    });
});
