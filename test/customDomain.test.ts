import {
    calls,
    named,
    ofType,
    resetMocks,
    resources,
    settle,
    setMockDelays,
    valueOf,
    MOCK_ALB_ZONE_ID,
} from "./helpers/mocks";
import { TOKENS } from "./helpers/components";
import * as resourceRuntime from "@pulumi/pulumi/runtime/resource";
import { CustomDomain, type CustomDomainArgs } from "../components/customDomain";
import { IpAddressType } from "../components/loadBalancerArgs";

beforeEach(resetMocks);

const base: CustomDomainArgs = {
    hostname: "app.example.com",
    zoneId: "ZAPP",
    zoneName: "example.com",
    certificate: { acm: {} },
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    target: { port: 8080 },
};

async function deploy(args: Partial<CustomDomainArgs> = {}, name = "site"): Promise<CustomDomain> {
    const site = new CustomDomain(name, { ...base, ...args });
    await Promise.all([
        valueOf(site.url),
        valueOf(site.certificateArn),
        valueOf(site.httpsListener.arn),
        valueOf(site.httpListener!.arn),
        ...site.records.map((r) => valueOf(r.fqdn)),
    ]);
    await settle();
    return site;
}

describe("CustomDomain wiring", () => {
    it("attaches the CertificateValidation ARN, never the bare certificate ARN, to the HTTPS listener", async () => {
        const site = await deploy();
        const validation = named(TOKENS.acmValidation, "site-certificate-validation");
        const https = named(TOKENS.listener, "site-lb-https");
        expect(https.inputs.certificateArn).toBe(validation.inputs.certificateArn);
        expect(await valueOf(site.certificateArn)).toBe(https.inputs.certificateArn);
        // The listener is registered only after the validation has completed.
        expect(https.startedAt).toBeGreaterThanOrEqual(validation.createdAt);
        expect(https.inputs.sslPolicy).toBe("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
    });

    it("creates one validation record for example.com and *.example.com", async () => {
        await deploy({ hostname: "example.com", alternativeNames: ["*.example.com"] });
        expect(
            ofType(TOKENS.record)
                .filter((r) => r.name.includes("validation"))
                .map((r) => r.name),
        ).toEqual(["site-validation-example.com"]);
        expect(named(TOKENS.acmCert, "site-certificate").inputs).toMatchObject({
            domainName: "example.com",
            subjectAlternativeNames: ["*.example.com"],
        });
    });

    it("points an alias A record per hostname at the load balancer, AAAA only when dual-stack", async () => {
        const site = await deploy({ alternativeNames: ["www.example.com"] });
        const lbDns = await valueOf(site.loadBalancerDnsName);
        const aliases = ofType(TOKENS.record).filter((r) => r.inputs.aliases);
        expect(aliases.map((r) => [r.name, r.inputs.name, r.inputs.type])).toEqual([
            ["site-dns-app.example.com-A", "app.example.com", "A"],
            ["site-dns-www.example.com-A", "www.example.com", "A"],
        ]);
        for (const r of aliases) {
            expect(r.inputs.zoneId).toBe("ZAPP");
            // The `dualstack.` form answers A and AAAA (Route 53 console, aws/aws-cdk#8747).
            expect(r.inputs.aliases).toEqual([
                { name: `dualstack.${lbDns}`, zoneId: MOCK_ALB_ZONE_ID, evaluateTargetHealth: true },
            ]);
        }
        await resetMocks();
        await deploy({ alternativeNames: ["www.example.com"], ipAddressType: IpAddressType.Dualstack });
        expect(
            ofType(TOKENS.record)
                .filter((r) => r.inputs.aliases)
                .map((r) => r.name),
        ).toEqual([
            "site-dns-app.example.com-A",
            "site-dns-app.example.com-AAAA",
            "site-dns-www.example.com-A",
            "site-dns-www.example.com-AAAA",
        ]);
    });

    it("parents every child to its component, and every component to CustomDomain", async () => {
        await deploy();
        // Validation records belong to CustomDomain itself (keyed by domain, shared by whichever certificate holds it).
        const owners: [string, string][] = [
            ["site-lb", TOKENS.httpsLoadBalancer],
            ["site-certificate", TOKENS.acmCertificate],
            ["site-dns", TOKENS.dnsRecords],
            ["site-validation", TOKENS.customDomain],
        ];
        const all = resources().filter((r) => r.name !== "site");
        expect(all.length).toBeGreaterThan(10);
        for (const r of all) {
            const [, ownerType] = owners.find(([prefix]) => r.name === prefix || r.name.startsWith(`${prefix}-`)) ?? [
                "",
                "none",
            ];
            // The mock monitor's URN carries the immediate parent's type.
            const expected = r.custom ? [ownerType, r.type] : [TOKENS.customDomain, r.type];
            expect({ name: r.name, chain: r.typeChain }).toEqual({ name: r.name, chain: expected });
        }
    });

    it("creates every child synchronously in the constructor, none inside apply", async () => {
        const spy = jest.spyOn(resourceRuntime, "registerResource");
        new CustomDomain("sync", {
            ...base,
            alternativeNames: ["*.app.example.com", "www.example.com"],
            ipAddressType: IpAddressType.Dualstack,
        });
        const registeredDuringConstructor = spy.mock.calls.length;
        await settle();
        await new Promise((r) => setTimeout(r, 100));
        expect(spy.mock.calls.length).toBe(registeredDuringConstructor);
        expect(resources().length).toBe(registeredDuringConstructor);
        spy.mockRestore();
    });

    it("exposes url, hostnames, certificate expiry and records", async () => {
        const site = await deploy({ alternativeNames: ["WWW.example.com."] });
        expect(await valueOf(site.url)).toBe("https://app.example.com");
        expect(await valueOf(site.hostnames)).toEqual(["app.example.com", "www.example.com"]);
        expect(await valueOf(site.certificateNotAfter)).toBe("2027-03-01T00:00:00Z");
        expect(site.records.length).toBe(2);
        expect(await valueOf(site.zoneId)).toBe("ZAPP");
    });

    it("looks the zone up from the hostname's parent domain when none is given", async () => {
        const site = await deploy({ zoneId: undefined, zoneName: undefined });
        expect(calls.filter((c) => c.token === "aws:route53/getZone:getZone").map((c) => c.inputs)).toEqual([
            { name: "example.com", privateZone: false },
        ]);
        expect(await valueOf(site.zoneId)).toMatch(/^Z[0-9A-F]{12}$/);
    });

    it("adopts a certificate by ARN in the load balancer's region", async () => {
        const arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
        const site = await deploy({ certificate: { arn } });
        expect(named(TOKENS.listener, "site-lb-https").inputs.certificateArn).toBe(arn);
        expect(ofType(TOKENS.acmCert)).toEqual([]);
        expect(await valueOf(site.certificateNotAfter)).toBeUndefined();
    });
});

describe("CustomDomain dependency graph", () => {
    it("creates the certificate and the load balancer in parallel", async () => {
        // Typical AWS latencies, scaled down 1000x: ALB ~3 min, issuance ~2-5 min, listener and record seconds.
        setMockDelays({
            [TOKENS.loadBalancer]: 180,
            [TOKENS.acmValidation]: 240,
            [TOKENS.listener]: 10,
            [TOKENS.record]: 30,
        });
        const site = new CustomDomain("par", base);
        await Promise.all([valueOf(site.httpsListener.arn), ...site.records.map((r) => valueOf(r.fqdn))]);
        const lb = named(TOKENS.loadBalancer, "par-lb");
        const validation = named(TOKENS.acmValidation, "par-certificate-validation");
        const https = named(TOKENS.listener, "par-lb-https");
        const alias = named(TOKENS.record, "par-dns-app.example.com-A");
        // Neither waits for the other…
        expect(lb.startedAt).toBeLessThan(validation.createdAt);
        expect(validation.startedAt).toBeLessThan(lb.createdAt);
        // …the listener waits for both, and DNS for the listener: a name never resolves before :443 serves its certificate.
        expect(https.startedAt).toBeGreaterThanOrEqual(Math.max(lb.createdAt, validation.createdAt));
        expect(alias.startedAt).toBeGreaterThanOrEqual(https.createdAt);
    });
});
