import { calls, named, ofType, resetMocks, resources, settle, valueOf } from "./helpers/mocks";
import { TOKENS, HTTPS_REDIRECT_301 } from "./helpers/components";
import * as pulumi from "@pulumi/pulumi";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs, requireSubnets } from "../components/httpsLoadBalancer";
import { IpAddressType, RedirectMode, TargetType } from "../components/loadBalancerArgs";

beforeEach(resetMocks);

const CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/abc";

const base: HttpsLoadBalancerArgs = { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], certificateArn: CERT_ARN };

async function build(args: Partial<HttpsLoadBalancerArgs>): Promise<HttpsLoadBalancer> {
    const lb = new HttpsLoadBalancer("edge", { ...base, ...args });
    await valueOf(lb.dnsName);
    await valueOf(lb.httpsListener.arn);
    await valueOf(lb.httpListener.arn);
    await settle();
    return lb;
}

function rules(type: string) {
    return ofType(type)
        .map((r) => ({
            name: r.name,
            protocol: r.inputs.ipProtocol,
            from: r.inputs.fromPort,
            to: r.inputs.toPort,
            v4: r.inputs.cidrIpv4,
            v6: r.inputs.cidrIpv6,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
}

describe("HttpsLoadBalancer", () => {
    it("creates an internet-facing ALB that drops invalid headers", async () => {
        await build({});
        expect(named(TOKENS.loadBalancer, "edge").inputs).toMatchObject({
            loadBalancerType: "application",
            internal: false,
            ipAddressType: "ipv4",
            subnets: ["subnet-a", "subnet-b"],
            dropInvalidHeaderFields: true,
            enableDeletionProtection: false,
            idleTimeout: 60,
        });
        expect(named(TOKENS.loadBalancer, "edge").inputs.securityGroups).toEqual([
            expect.stringMatching(/^sg-[0-9a-f]{16}$/),
        ]);
    });

    it("serves HTTPS with the given certificate and the default TLS policy", async () => {
        await build({ target: { port: 8080 } });
        const https = named(TOKENS.listener, "edge-https").inputs;
        expect(https).toMatchObject({
            port: 443,
            protocol: "HTTPS",
            certificateArn: CERT_ARN,
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        });
        expect(https.defaultActions).toEqual([
            { type: "forward", targetGroupArn: expect.stringContaining(":targetgroup/edge-targets/") },
        ]);
        // Headers that are off are left unset: terraform-provider-aws listener.go (listenerAttributeMap.expand)
        // never sends "" for a string attribute, so "" would not clear anything (hashicorp/terraform-provider-aws#43042).
        expect(https.routingHttpResponseStrictTransportSecurityHeaderValue).toBeUndefined();
        expect(https.routingHttpResponseXContentTypeOptionsHeaderValue).toBeUndefined();
        expect(https.routingHttpResponseXFrameOptionsHeaderValue).toBeUndefined();
        expect(https.routingHttpResponseContentSecurityPolicyHeaderValue).toBeUndefined();
        expect(https.routingHttpResponseServerEnabled).toBe(true);
    });

    it("redirects every HTTP request to the same URL over HTTPS with a 301", async () => {
        await build({});
        expect(named(TOKENS.listener, "edge-http").inputs).toMatchObject({
            port: 80,
            protocol: "HTTP",
            defaultActions: [HTTPS_REDIRECT_301],
        });
    });

    it("opens exactly 80 and 443 in and the target port out to the VPC", async () => {
        await build({ target: { port: 8080 } });
        expect(rules(TOKENS.ingressRule)).toEqual([
            {
                name: "edge-sg-in-tcp-443-0.0.0.0_0",
                protocol: "tcp",
                from: 443,
                to: 443,
                v4: "0.0.0.0/0",
                v6: undefined,
            },
            { name: "edge-sg-in-tcp-80-0.0.0.0_0", protocol: "tcp", from: 80, to: 80, v4: "0.0.0.0/0", v6: undefined },
        ]);
        expect(rules(TOKENS.egressRule)).toEqual([
            { name: "edge-sg-out-8080", protocol: "tcp", from: 8080, to: 8080, v4: undefined, v6: undefined },
        ]);
        // To every CIDR block of the VPC, through a prefix list that follows the VPC (test/edge.ingress.test.ts).
        expect(named(TOKENS.egressRule, "edge-sg-out-8080").inputs.prefixListId).toBe("edge-sg-vpc-ipv4-id");
        expect(named("aws:ec2/managedPrefixList:ManagedPrefixList", "edge-sg-vpc-ipv4").inputs.entries).toEqual([
            { cidr: "10.0.0.0/16", description: "VPC CIDR block" },
        ]);
        expect(named(TOKENS.securityGroup, "edge-sg").inputs.ingress).toBeUndefined();
        expect(named(TOKENS.securityGroup, "edge-sg").inputs.egress).toBeUndefined();
    });

    it("adds IPv6 ingress and the dualstack address type when dual-stack", async () => {
        await build({ ipAddressType: IpAddressType.Dualstack, target: {} });
        expect(named(TOKENS.loadBalancer, "edge").inputs.ipAddressType).toBe("dualstack");
        expect(rules(TOKENS.ingressRule).map((r) => [r.name, r.v4 ?? r.v6])).toEqual([
            ["edge-sg-in-tcp-443---_0", "::/0"],
            ["edge-sg-in-tcp-443-0.0.0.0_0", "0.0.0.0/0"],
            ["edge-sg-in-tcp-80---_0", "::/0"],
            ["edge-sg-in-tcp-80-0.0.0.0_0", "0.0.0.0/0"],
        ]);
    });

    it("limits ingress to allowed CIDRs, one rule per CIDR and port", async () => {
        await build({ allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"] });
        expect(rules(TOKENS.ingressRule).map((r) => [r.name, r.from, r.v4 ?? r.v6])).toEqual([
            ["edge-sg-in-tcp-443-2001-db8--_32", 443, "2001:db8::/32"],
            ["edge-sg-in-tcp-443-203.0.113.0_24", 443, "203.0.113.0/24"],
            ["edge-sg-in-tcp-80-2001-db8--_32", 80, "2001:db8::/32"],
            ["edge-sg-in-tcp-80-203.0.113.0_24", 80, "203.0.113.0/24"],
        ]);
    });

    it("creates a target group with health checks", async () => {
        await build({
            target: {
                port: 3000,
                targetType: TargetType.Instance,
                healthCheckPath: "/healthz",
                healthCheckMatcher: "200",
            },
        });
        expect(named(TOKENS.targetGroup, "edge-targets").inputs).toMatchObject({
            vpcId: "vpc-1",
            targetType: "instance",
            port: 3000,
            protocol: "HTTP",
            healthCheck: { enabled: true, path: "/healthz", matcher: "200", protocol: "HTTP" },
        });
    });

    it("creates a Lambda target group without port, and no egress", async () => {
        await build({ target: { targetType: TargetType.Lambda } });
        const tg = named(TOKENS.targetGroup, "edge-targets").inputs;
        expect(tg.targetType).toBe("lambda");
        expect(tg.port).toBeUndefined();
        expect(tg.protocol).toBeUndefined();
        expect(ofType(TOKENS.egressRule)).toEqual([]);
    });

    it("adopts a target group by ARN and allows its port out", async () => {
        const arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/1";
        await build({ target: { targetGroupArn: arn, port: 9000 } });
        expect(ofType(TOKENS.targetGroup)).toEqual([]);
        expect(named(TOKENS.listener, "edge-https").inputs.defaultActions).toEqual([
            { type: "forward", targetGroupArn: arn },
        ]);
        expect(rules(TOKENS.egressRule)[0]).toMatchObject({ from: 9000, to: 9000 });
    });

    it("looks up an adopted target group's port when none is given", async () => {
        const arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/2";
        const { setCallResult } = await import("./helpers/mocks");
        setCallResult("aws:lb/getTargetGroup:getTargetGroup", () => ({ arn, port: 8443 }));
        await build({ target: { targetGroupArn: arn } });
        expect(calls.map((c) => c.token)).toContain("aws:lb/getTargetGroup:getTargetGroup");
        expect(rules(TOKENS.egressRule)[0]).toMatchObject({ from: 8443, to: 8443 });
    });

    it("answers a fixed 503 and opens no egress without a target", async () => {
        await build({});
        expect(named(TOKENS.listener, "edge-https").inputs.defaultActions).toEqual([
            {
                type: "fixed-response",
                fixedResponse: {
                    statusCode: "503",
                    contentType: "text/plain",
                    messageBody: "No target is configured for this hostname yet.",
                },
            },
        ]);
        expect(ofType(TOKENS.egressRule)).toEqual([]);
        expect(ofType(TOKENS.targetGroup)).toEqual([]);
    });

    it("forwards HTTP when the redirect is off, and sets HSTS on HTTPS only", async () => {
        await build({ target: {}, httpsRedirect: { mode: RedirectMode.Off }, hsts: { maxAgeSeconds: 300 } });
        expect(named(TOKENS.listener, "edge-http").inputs.defaultActions[0].type).toBe("forward");
        expect(
            named(TOKENS.listener, "edge-http").inputs.routingHttpResponseStrictTransportSecurityHeaderValue,
        ).toBeUndefined();
        expect(named(TOKENS.listener, "edge-https").inputs.routingHttpResponseStrictTransportSecurityHeaderValue).toBe(
            "max-age=300",
        );
    });

    it("attaches extra SNI certificates keyed by identity", async () => {
        await build({
            additionalCertificateArns: { "api.example.com": "arn:aws:acm:us-east-1:123456789012:certificate/api" },
        });
        const sni = named("aws:lb/listenerCertificate:ListenerCertificate", "edge-sni-api.example.com");
        expect(sni.inputs.certificateArn).toBe("arn:aws:acm:us-east-1:123456789012:certificate/api");
    });

    it("parents every child to the component", async () => {
        await build({ target: {}, ipAddressType: IpAddressType.Dualstack });
        const children = resources().filter((r) => r.type !== "aws-https-domain:index:HttpsLoadBalancer");
        // Security group, 4 ingress rules, 2 egress rules and the VPC's IPv4 and IPv6 prefix lists, LB, 2 listeners, target group.
        expect(children.length).toBe(13);
        for (const child of children)
            expect(child.typeChain).toEqual(["aws-https-domain:index:HttpsLoadBalancer", child.type]);
    });

    it("checks subnets known only at deployment with the same message", async () => {
        expect(() => requireSubnets("late", ["subnet-a"])).toThrow(
            "HttpsLoadBalancer 'late': `subnetIds` has 1: an Application Load Balancer needs at least 2 public subnets in different availability zones",
        );
        const lb = new HttpsLoadBalancer("late", { ...base, subnetIds: pulumi.output(["subnet-a", "subnet-b"]) });
        await valueOf(lb.dnsName);
        expect(named(TOKENS.loadBalancer, "late").inputs.subnets).toEqual(["subnet-a", "subnet-b"]);
    });
});
