/**
 * Restricted ingress and tighter egress: managed prefix lists (HTTPS only) and
 * security groups as sources, egress to the targets' security groups or to
 * every CIDR block of the VPC through a prefix list, and the origin secret a
 * CDN must send (403 otherwise), a Pulumi secret from end to end.
 */
import * as pulumi from "@pulumi/pulumi";
import { calls, named, ofType, resetMocks, setCallResult, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../components/httpsLoadBalancer";
import { CustomDomain } from "../components/customDomain";
import { IpAddressType, RedirectMode } from "../components/loadBalancerArgs";
import { vpcCidrBlocks } from "../components/internal/build/egress";
import { originSecretValue, requireOriginSecret } from "../components/internal/build/originSecret";
import type * as aws from "@pulumi/aws";
import { buildEdge, EDGE_BASE } from "./helpers/edge";

beforeEach(resetMocks);

const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const CLOUDFRONT = "pl-3b927c52";
const VPN_SG = "sg-0123456789abcdef0";
const TARGET_SG = "sg-0fedcba9876543210";
const SECRET = "0123456789abcdef0123456789abcdef";

/** Each security-group rule as [name, port, source]. */
function rulesOf(type: string): [string, number, string][] {
    return ofType(type)
        .map((r): [string, number, string] => [
            r.name,
            r.inputs.fromPort,
            r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6 ?? r.inputs.prefixListId ?? r.inputs.referencedSecurityGroupId,
        ])
        .sort((a, b) => a[0].localeCompare(b[0]));
}

function unwrap(value: any): { secret: boolean; value: any } {
    if (value && typeof value === "object" && SECRET_SIG in value) return { secret: true, value: value.value };
    return { secret: false, value };
}

describe("ingress sources", () => {
    it("opens HTTPS to a prefix list, both ports to a security group, and no longer anywhere", async () => {
        await buildEdge({ allowedPrefixListIds: [CLOUDFRONT], allowedSecurityGroupIds: [VPN_SG] });
        expect(rulesOf(TOKENS.ingressRule)).toEqual([
            [`edge-sg-in-tcp-443-${CLOUDFRONT}`, 443, CLOUDFRONT],
            [`edge-sg-in-tcp-443-${VPN_SG}`, 443, VPN_SG],
            [`edge-sg-in-tcp-80-${VPN_SG}`, 80, VPN_SG],
        ]);
        const rule = named(TOKENS.ingressRule, `edge-sg-in-tcp-443-${CLOUDFRONT}`).inputs;
        expect(rule).toMatchObject({
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            description: `HTTPS from ${CLOUDFRONT}`,
        });
        expect(rule.cidrIpv4).toBeUndefined();
        expect(named(TOKENS.ingressRule, `edge-sg-in-tcp-80-${VPN_SG}`).inputs.description).toBe(`HTTP from ${VPN_SG}`);
    });

    it("keeps CIDR rules (and their names) beside the new sources", async () => {
        await buildEdge({ allowedCidrs: ["203.0.113.0/24"], allowedPrefixListIds: [CLOUDFRONT], httpsPort: 8443 });
        expect(rulesOf(TOKENS.ingressRule)).toEqual([
            ["edge-sg-in-tcp-80-203.0.113.0_24", 80, "203.0.113.0/24"],
            ["edge-sg-in-tcp-8443-203.0.113.0_24", 8443, "203.0.113.0/24"],
            [`edge-sg-in-tcp-8443-${CLOUDFRONT}`, 8443, CLOUDFRONT],
        ]);
    });
});

describe("egress", () => {
    const VPC = {
        id: "vpc-1",
        cidrBlock: "10.0.0.0/16",
        cidrBlockAssociations: [
            { associationId: "a1", cidrBlock: "10.0.0.0/16", state: "associated" },
            { associationId: "a2", cidrBlock: "100.64.0.0/16", state: "associated" },
            { associationId: "a3", cidrBlock: "172.31.0.0/16", state: "disassociated" },
        ],
        ipv6CidrBlock: "2600:1f18:1234:5600::/56",
        ipv6CidrBlockAssociations: [
            { associationId: "b1", ipv6CidrBlock: "2600:1f18:1234:5600::/56", state: "associated" },
            { associationId: "b2", ipv6CidrBlock: "2600:1f18:1234:5700::/56", state: "associated" },
        ],
    };

    it("goes to every associated IPv4 and IPv6 block of the VPC through prefix lists when dual-stack", async () => {
        setCallResult("aws:ec2/getVpc:getVpc", () => VPC);
        await buildEdge({ ipAddressType: IpAddressType.Dualstack, target: { port: 8080 } });
        const v4 = named(PREFIX_LIST, "edge-sg-vpc-ipv4");
        expect(v4.inputs).toEqual({
            name: expect.stringMatching(/^edge-sg-vpc-ipv4-[0-9a-f]{8}$/),
            addressFamily: "IPv4",
            entries: [
                { cidr: "10.0.0.0/16", description: "VPC CIDR block" },
                { cidr: "100.64.0.0/16", description: "VPC CIDR block" },
            ],
            maxEntries: 2,
        });
        expect(named(PREFIX_LIST, "edge-sg-vpc-ipv6").inputs).toMatchObject({
            addressFamily: "IPv6",
            entries: [
                { cidr: "2600:1f18:1234:5600::/56", description: "VPC CIDR block" },
                { cidr: "2600:1f18:1234:5700::/56", description: "VPC CIDR block" },
            ],
            maxEntries: 2,
        });
        expect(rulesOf(TOKENS.egressRule)).toEqual([
            ["edge-sg-out-8080", 8080, "edge-sg-vpc-ipv4-id"],
            ["edge-sg-out-8080-ipv6", 8080, "edge-sg-vpc-ipv6-id"],
        ]);
        expect(named(TOKENS.egressRule, "edge-sg-out-8080-ipv6").inputs).toMatchObject({
            ipProtocol: "tcp",
            toPort: 8080,
            description: "Targets inside the VPC (IPv6)",
        });
        for (const list of ofType(PREFIX_LIST)) expect(list.typeChain).toEqual([TOKENS.httpsLoadBalancer, PREFIX_LIST]);
    });

    it("has no IPv6 egress for an IPv4 load balancer, and no egress at all without a target", async () => {
        setCallResult("aws:ec2/getVpc:getVpc", () => VPC);
        await buildEdge({ target: { port: 8080 } });
        expect(ofType(PREFIX_LIST).map((l) => l.name)).toEqual(["edge-sg-vpc-ipv4"]);
        await resetMocks();
        await buildEdge({});
        expect(ofType(PREFIX_LIST)).toEqual([]);
        expect(ofType(TOKENS.egressRule)).toEqual([]);
    });

    it("goes only to the targets' security groups when given, without reading the VPC", async () => {
        await buildEdge({
            targetSecurityGroupIds: [TARGET_SG, VPN_SG],
            target: { port: 8080 },
            routes: [{ name: "api", hostnames: ["api.example.com"], priority: 10, target: { port: 9000 } }],
        });
        expect(rulesOf(TOKENS.egressRule)).toEqual([
            [`edge-sg-out-8080-${VPN_SG}`, 8080, VPN_SG],
            [`edge-sg-out-8080-${TARGET_SG}`, 8080, TARGET_SG],
            [`edge-sg-out-9000-${VPN_SG}`, 9000, VPN_SG],
            [`edge-sg-out-9000-${TARGET_SG}`, 9000, TARGET_SG],
        ]);
        expect(named(TOKENS.egressRule, `edge-sg-out-8080-${TARGET_SG}`).inputs.description).toBe(
            `Targets in ${TARGET_SG}`,
        );
        expect(ofType(PREFIX_LIST)).toEqual([]);
        expect(calls.filter((c) => c.token === "aws:ec2/getVpc:getVpc")).toEqual([]);
    });

    it.each<[string, Partial<aws.ec2.GetVpcResult> & Record<string, unknown>, { ipv4: string[]; ipv6: string[] }]>([
        [
            "pulumi-aws 7.2 (no IPv6 associations field): the primary IPv6 block",
            { cidrBlock: "10.0.0.0/16", cidrBlockAssociations: [], ipv6CidrBlock: "2600:1f18::/56" },
            { ipv4: ["10.0.0.0/16"], ipv6: ["2600:1f18::/56"] },
        ],
        ["a VPC without IPv6", { cidrBlock: "10.0.0.0/16", ipv6CidrBlock: "" }, { ipv4: ["10.0.0.0/16"], ipv6: [] }],
        [
            "associations listed: only associated blocks, once each",
            {
                cidrBlock: "10.0.0.0/16",
                cidrBlockAssociations: [
                    { associationId: "1", cidrBlock: "10.1.0.0/16", state: "associated" },
                    { associationId: "2", cidrBlock: "10.1.0.0/16", state: "associated" },
                    { associationId: "3", cidrBlock: "10.2.0.0/16", state: "associating" },
                ],
                ipv6CidrBlockAssociations: [],
            },
            { ipv4: ["10.1.0.0/16"], ipv6: [] },
        ],
    ])("reads the VPC's blocks: %s", (_what, vpc, expected) => {
        expect(vpcCidrBlocks(vpc as aws.ec2.GetVpcResult)).toEqual(expected);
    });
});

describe("originSecret", () => {
    it("answers 403 by default and forwards only requests carrying the secret header, kept secret", async () => {
        const lb = await buildEdge({ target: { port: 8080 }, originSecret: { value: pulumi.secret(SECRET) } });
        const https = named(TOKENS.listener, "edge-https").inputs;
        expect(https.defaultActions).toEqual([
            {
                type: "fixed-response",
                fixedResponse: { statusCode: "403", contentType: "text/plain", messageBody: "Forbidden" },
            },
        ]);
        const rule = named(TOKENS.listenerRule, "edge-https-origin-secret");
        expect(rule.typeChain).toEqual([TOKENS.httpsLoadBalancer, TOKENS.listenerRule]);
        expect(rule.inputs.priority).toBe(1);
        expect(rule.inputs.listenerArn).toBe(await valueOf(lb.httpsListener.arn));
        expect(rule.inputs.actions).toEqual([
            { type: "forward", targetGroupArn: expect.stringContaining(":targetgroup/edge-targets/") },
        ]);
        // The whole conditions list is a secret (the SDK marks the property holding a secret value).
        expect(unwrap(rule.inputs.conditions)).toEqual({
            secret: true,
            value: [{ httpHeader: { httpHeaderName: "X-Origin-Verify", values: [SECRET] } }],
        });
        expect(lb.originSecretRule).toBeDefined();
    });

    it("makes a plain-string value a secret too, under the header name given", async () => {
        await buildEdge({ originSecret: { headerName: "X-CDN-Auth", value: SECRET } });
        expect(unwrap(named(TOKENS.listenerRule, "edge-https-origin-secret").inputs.conditions)).toEqual({
            secret: true,
            value: [{ httpHeader: { httpHeaderName: "X-CDN-Auth", values: [SECRET] } }],
        });
        // Without a target, the rule forwards to the same fixed 503 as an open listener would.
        expect(named(TOKENS.listenerRule, "edge-https-origin-secret").inputs.actions[0].type).toBe("fixed-response");
    });

    it("checks a value known only at deployment with the same text, without showing it", async () => {
        let error = new Error("not thrown");
        try {
            requireOriginSecret("HttpsLoadBalancer 'edge'", "short*");
        } catch (e) {
            error = e as Error;
        }
        expect(error.message).toBe(
            "HttpsLoadBalancer 'edge': `originSecret.value` has 6 characters: a listener rule compares header values of 1 to 128 characters, and a guessable secret protects nothing; use 16 to 128 random characters (e.g. `openssl rand -hex 32`)",
        );
        expect(error.message).not.toContain("short*");
        const good = originSecretValue("HttpsLoadBalancer 'edge'", SECRET);
        expect(await (good as any).isSecret).toBe(true);
        expect(await valueOf(good)).toBe(SECRET);
    });
});

describe("ingress inputs are refused before anything is registered", () => {
    it.each<[string, Partial<HttpsLoadBalancerArgs>, [string, string][]]>([
        [
            "a malformed prefix list id",
            { allowedPrefixListIds: ["com.amazonaws.global.cloudfront.origin-facing"] },
            [
                [
                    "allowedPrefixListIds[0]",
                    "`allowedPrefixListIds[0]` 'com.amazonaws.global.cloudfront.origin-facing' is not a managed prefix list id: it looks like 'pl-' followed by 8 or 17 lower-case hex digits",
                ],
            ],
        ],
        [
            "a repeated security group, an empty list",
            { allowedSecurityGroupIds: [VPN_SG, VPN_SG], targetSecurityGroupIds: [] },
            [
                [
                    "allowedSecurityGroupIds[1]",
                    `\`allowedSecurityGroupIds[1]\` '${VPN_SG}' is listed twice: list each once`,
                ],
                [
                    "targetSecurityGroupIds",
                    "`targetSecurityGroupIds` is an empty list: omit it, or list a security group ids",
                ],
            ],
        ],
        [
            "wrong types",
            { allowedPrefixListIds: "pl-3b927c52" as never, targetSecurityGroupIds: [42 as never] },
            [
                [
                    "allowedPrefixListIds",
                    "`allowedPrefixListIds` is a string, not a list: list a managed prefix list ids, e.g. ['pl-0123456789abcdef0']",
                ],
                [
                    "targetSecurityGroupIds[0]",
                    "`targetSecurityGroupIds[0]` is a number, not a string: give a security group id such as 'sg-0123456789abcdef0'",
                ],
            ],
        ],
        [
            "a short secret with a wildcard and a bad header name",
            { originSecret: { headerName: "X Origin", value: "abc*" } },
            [
                [
                    "originSecret.headerName",
                    "`originSecret.headerName` 'X Origin' is not an HTTP header name a listener rule accepts: 1 to 40 letters, digits and !#$%&'*+-.^_`|~",
                ],
                [
                    "originSecret.value",
                    "`originSecret.value` has 4 characters: a listener rule compares header values of 1 to 128 characters, and a guessable secret protects nothing; use 16 to 128 random characters (e.g. `openssl rand -hex 32`)",
                ],
            ],
        ],
        [
            "a wildcard in a long secret",
            { originSecret: { value: `${SECRET}?` } },
            [
                [
                    "originSecret.value",
                    "`originSecret.value` contains '*' or '?', which a listener rule reads as wildcards (any request matching the pattern would pass); use letters and digits only",
                ],
            ],
        ],
        [
            "a secret with routes and a redirect mode that forwards HTTP",
            {
                originSecret: { value: SECRET },
                routes: [{ name: "api", hostnames: ["api.example.com"], priority: 10, target: { port: 9000 } }],
                httpsRedirect: { mode: RedirectMode.Except, paths: ["/healthz"] },
            },
            [
                [
                    "routes",
                    "`routes` is set together with `originSecret`: host routes forward without checking the secret header; route behind the CDN instead, or drop `originSecret`",
                ],
                [
                    "httpsRedirect.mode",
                    "`httpsRedirect.mode` 'except' forwards plain HTTP without checking `originSecret`: use 'all' (HTTP only redirects), or drop `originSecret`",
                ],
            ],
        ],
        [
            "no value, or not an object",
            { originSecret: {} as never },
            [
                [
                    "originSecret.value",
                    "`originSecret.value` is missing: give the secret the CDN sends, as a Pulumi secret",
                ],
            ],
        ],
        [
            "an origin secret that is a string",
            { originSecret: SECRET as never },
            [
                [
                    "originSecret",
                    "`originSecret` is a string, not an object: write `originSecret: { value: config.requireSecret('originSecret') }`",
                ],
            ],
        ],
    ])("%s", (_what, args, expected) => {
        const problems = inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, ...args }));
        expect(problems).toEqual(expected);
        expect(problems.flat().join("\n")).not.toContain("abc*");
        expect(ofType(TOKENS.loadBalancer)).toEqual([]);
    });
});

describe("CustomDomain", () => {
    it("passes the sources, target groups and origin secret to its load balancer", async () => {
        const site = new CustomDomain("site", {
            ...CUSTOM_DOMAIN_BASE,
            allowedPrefixListIds: [CLOUDFRONT],
            targetSecurityGroupIds: [TARGET_SG],
            originSecret: { value: pulumi.secret(SECRET) },
        });
        await valueOf(site.httpsListener.arn);
        await settle();
        expect(rulesOf(TOKENS.ingressRule)).toEqual([[`site-lb-sg-in-tcp-443-${CLOUDFRONT}`, 443, CLOUDFRONT]]);
        expect(rulesOf(TOKENS.egressRule)).toEqual([[`site-lb-sg-out-8080-${TARGET_SG}`, 8080, TARGET_SG]]);
        expect(named(TOKENS.listenerRule, "site-lb-https-origin-secret").inputs.priority).toBe(1);
    });
});
