import {
    calls,
    named,
    ofType,
    resetMocks,
    resources,
    settle,
    setCallResult,
    valueOf,
    mockValidationRecord,
    MOCK_ALB_ZONE_ID,
} from "./helpers/mocks";
import { inputProblems, TOKENS } from "./helpers/components";
import { CustomDomain, type CustomDomainArgs } from "../components/customDomain";
import { formatRequiredRecords } from "../components/internal/rules/requiredRecords";
import { mockAcmeIssuance } from "./helpers/acmeMocks";

beforeEach(resetMocks);

beforeAll(() => mockAcmeIssuance());

const base: CustomDomainArgs = {
    hostname: "app.example.com",
    certificate: { acm: {} },
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    target: { port: 8080 },
};

async function deploy(args: Partial<CustomDomainArgs>, name = "site"): Promise<CustomDomain> {
    const site = new CustomDomain(name, { ...base, ...args });
    await Promise.all([
        valueOf(site.url),
        valueOf(site.certificateArns),
        valueOf(site.httpsListener.arn),
        valueOf(site.requiredDnsRecords),
        ...site.records.map((r) => valueOf(r.fqdn)),
    ]);
    await settle();
    return site;
}

const problems = (args: Partial<CustomDomainArgs>) =>
    inputProblems(() => new CustomDomain("bad", { ...base, ...args }));

const names = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `n${from + i}.example.com`);

describe("several hosted zones", () => {
    it("puts each name and validation record in the most specific zone that contains it", async () => {
        await deploy({
            alternativeNames: ["api.eu.example.com", "*.example.org", "example.org"],
            zones: [
                { name: "example.com", id: "ZCOM" },
                { name: "eu.example.com", id: "ZEU" },
                { name: "example.org" },
            ],
        });
        const alias = ofType(TOKENS.record)
            .filter((r) => r.inputs.aliases)
            .map((r) => [r.inputs.name, r.inputs.zoneId]);
        expect(alias).toEqual([
            ["app.example.com", "ZCOM"],
            ["api.eu.example.com", "ZEU"],
            ["*.example.org", expect.stringMatching(/^Z[0-9A-F]{12}$/)],
            ["example.org", expect.stringMatching(/^Z[0-9A-F]{12}$/)],
        ]);
        const validation = Object.fromEntries(
            ofType(TOKENS.record)
                .filter((r) => r.name.includes("-validation-"))
                .map((r) => [r.name, r.inputs.zoneId]),
        );
        expect(validation).toEqual({
            "site-validation-app.example.com": "ZCOM",
            "site-validation-api.eu.example.com": "ZEU",
            "site-validation-example.org": alias[2][1],
        });
        // Only the zone without an id is looked up.
        expect(calls.filter((c) => c.token === "aws:route53/getZone:getZone").map((c) => c.inputs)).toEqual([
            { name: "example.org", privateZone: false },
        ]);
    });

    it("names the zones a stray name is not in", () => {
        expect(
            problems({
                alternativeNames: ["x.example.net"],
                zones: [{ name: "example.com" }, { name: "example.org" }],
            }),
        ).toEqual([
            [
                "alternativeNames[0]",
                "`alternativeNames[0]` 'x.example.net' is in none of the hosted zones in `zones` (example.com, example.org): add the zone that contains it",
            ],
        ]);
        expect(problems({ zoneId: "Z1", zones: [{ name: "example.com" }] })).toEqual([
            [
                "zones",
                "`zones` is set together with `zoneId`/`zoneName`: use `zones` alone for several hosted zones, or `zoneId`/`zoneName` for one",
            ],
        ]);
    });
});

describe("more names than one certificate holds", () => {
    it("packs 25 names into 3 certificates, the extra two served by SNI keyed by identity", async () => {
        await deploy({ zoneName: "example.com", alternativeNames: names(24) });
        const certs = ofType(TOKENS.acmCert).map((c) => [c.name, 1 + c.inputs.subjectAlternativeNames.length]);
        // Boundaries fall after anchor names (n7, n17: their hash picks them) once a certificate is half full,
        // or when the next name would not fit: the same names always give the same groups.
        expect(certs.sort()).toEqual([
            ["site-certificate", 8],
            ["site-certificate-n18.example.com", 7],
            ["site-certificate-n8.example.com", 10],
        ]);
        expect(
            ofType(TOKENS.listenerCertificate)
                .map((s) => s.name)
                .sort(),
        ).toEqual(["site-lb-sni-n18.example.com", "site-lb-sni-n8.example.com"]);
        const https = named(TOKENS.listener, "site-lb-https");
        expect(https.inputs.certificateArn).toBe(
            named("aws:acm/certificateValidation:CertificateValidation", "site-certificate-validation").inputs
                .certificateArn,
        );
    });

    it("adding a 26th name changes only the last certificate", async () => {
        await deploy({ zoneName: "example.com", alternativeNames: names(24) });
        const before = new Map(resources().map((r) => [`${r.type}::${r.name}`, r.inputs]));
        await resetMocks();
        await deploy({ zoneName: "example.com", alternativeNames: names(25) });
        const after = new Map(resources().map((r) => [`${r.type}::${r.name}`, r.inputs]));
        const added = [...after.keys()].filter((k) => !before.has(k));
        const removed = [...before.keys()].filter((k) => !after.has(k));
        const changed = [...before.keys()].filter(
            (k) => after.has(k) && JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)),
        );
        expect(removed).toEqual([]);
        expect(added.sort()).toEqual([
            `${TOKENS.record}::site-dns-n25.example.com-A`,
            `${TOKENS.record}::site-validation-n25.example.com`,
        ]);
        // Only the last certificate gets the name (ACM replaces it, create-before-delete), and its validation waits for the new record.
        expect(changed.sort()).toEqual([
            `${TOKENS.acmCert}::site-certificate-n18.example.com`,
            "aws:acm/certificateValidation:CertificateValidation::site-certificate-n18.example.com-validation",
        ]);
    });

    it("keeps a name and its wildcard in one certificate (they share a validation record)", async () => {
        await deploy({
            zoneName: "example.com",
            alternativeNames: ["a.example.com", "b.example.com", "*.app.example.com"],
            maxNamesPerCertificate: 2,
        });
        const groups = ofType(TOKENS.acmCert)
            .map((c) => [c.inputs.domainName, ...c.inputs.subjectAlternativeNames])
            .sort();
        expect(groups).toEqual([
            ["a.example.com", "b.example.com"],
            ["app.example.com", "*.app.example.com"],
        ]);
        const validationNames = ofType(TOKENS.record)
            .filter((r) => r.name.includes("-validation-"))
            .map((r) => r.inputs.name);
        expect(new Set(validationNames).size).toBe(validationNames.length);
    });
});

describe("host-based routing", () => {
    it("routes groups of hostnames to their own targets with stable priorities", async () => {
        const apiHosts = [
            "api.example.com",
            "api2.example.com",
            "api3.example.com",
            "api4.example.com",
            "api5.example.com",
            "api6.example.com",
        ];
        await deploy({
            zoneName: "example.com",
            alternativeNames: [...apiHosts, "admin.example.com"],
            routes: [
                { name: "api", hostnames: apiHosts, priority: 100, target: { port: 9000 } },
                {
                    name: "admin",
                    hostnames: ["admin.example.com"],
                    priority: 200,
                    target: { port: 9100, healthCheckPath: "/up" },
                },
            ],
        });
        const rules = ofType(TOKENS.listenerRule)
            .map((r) => [r.name, r.inputs.priority, r.inputs.conditions[0].hostHeader.values])
            .sort();
        expect(rules).toEqual([
            // Keyed by priority alone (the identity AWS keeps unique per listener), with the 0.1.0 names as aliases.
            ["site-lb-https-rule-100", 100, apiHosts.slice(0, 5)],
            ["site-lb-https-rule-101", 101, apiHosts.slice(5)],
            ["site-lb-https-rule-200", 200, ["admin.example.com"]],
        ]);
        expect(named(TOKENS.listenerRule, "site-lb-https-rule-100").inputs.actions).toEqual([
            { type: "forward", targetGroupArn: expect.stringContaining("targetgroup/site-lb-route-api/") },
        ]);
        expect(named(TOKENS.targetGroup, "site-lb-route-admin").inputs).toMatchObject({
            port: 9100,
            healthCheck: { path: "/up" },
        });
        const egress = ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
            .map((r) => [r.name, r.inputs.fromPort])
            .sort();
        expect(egress).toEqual([
            ["site-lb-sg-out-8080", 8080],
            ["site-lb-sg-out-9000", 9000],
            ["site-lb-sg-out-9100", 9100],
        ]);
    });

    it("refuses overlapping priorities, unknown hostnames and too many rules", () => {
        const sixHosts = names(6);
        expect(
            problems({
                zoneName: "example.com",
                alternativeNames: sixHosts,
                maxRulesPerLoadBalancer: 2,
                routes: [
                    { name: "a", hostnames: sixHosts, priority: 10, target: { port: 1 } },
                    { name: "b", hostnames: ["other.example.com"], priority: 11, target: { port: 2 } },
                ],
            }),
        ).toEqual([
            [
                "routes[1].hostnames[0]",
                "`routes[1].hostnames[0]` 'other.example.com' is not among `hostname`/`alternativeNames`: add it there so that it gets a certificate and DNS",
            ],
            [
                "routes[1].priority",
                "`routes[1].priority` 11–11 overlaps `routes[0].priority` 10–11: a route with n hostnames takes ceil(n/5) consecutive priorities; space the routes further apart",
            ],
            [
                "routes",
                "`routes` take 3 listener rules (5 hostnames per rule), more than the 2 rules a load balancer allows: spread the names over fewer routes or several load balancers, or raise `maxRulesPerLoadBalancer` once AWS has raised your quota",
            ],
        ]);
    });
});

describe("DNS outside Route 53", () => {
    it("creates no Route 53 resource and lists the exact records to create", async () => {
        const site = await deploy({
            hostname: "example.com",
            alternativeNames: ["*.example.com", "www.example.com"],
            manageDns: false,
            caa: {},
        });
        expect(ofType(TOKENS.record)).toEqual([]);
        expect(calls.filter((c) => c.token.startsWith("aws:route53"))).toEqual([]);
        const lbDns = await valueOf(site.loadBalancerDnsName);
        const apex = mockValidationRecord("example.com");
        const www = mockValidationRecord("www.example.com");
        expect(await valueOf(site.requiredDnsRecords)).toEqual([
            {
                name: "example.com",
                type: "CNAME",
                value: lbDns,
                purpose:
                    "points example.com at the load balancer; a zone apex cannot hold a CNAME: use your provider's ALIAS/ANAME (CNAME flattening) record",
            },
            {
                name: "*.example.com",
                type: "CNAME",
                value: lbDns,
                purpose: "points *.example.com at the load balancer",
            },
            {
                name: "www.example.com",
                type: "CNAME",
                value: lbDns,
                purpose: "points www.example.com at the load balancer",
            },
            {
                name: apex.resourceRecordName,
                type: "CNAME",
                value: apex.resourceRecordValue,
                purpose: "ACM validation of example.com",
            },
            {
                name: www.resourceRecordName,
                type: "CNAME",
                value: www.resourceRecordValue,
                purpose: "ACM validation of www.example.com",
            },
            {
                name: "example.com",
                type: "CAA",
                value: '0 issue "amazon.com"',
                purpose: "only amazon.com may issue certificates for example.com",
            },
            {
                name: "www.example.com",
                type: "CAA",
                value: '0 issue "amazon.com"',
                purpose: "only amazon.com may issue certificates for www.example.com",
            },
        ]);
        const text = await valueOf(site.requiredDnsRecordsText);
        expect(text.split("\n")[0]).toMatch(
            new RegExp(
                `^example\\.com\\. +300 IN CNAME ${lbDns.replace(/\./g, "\\.")}\\.  ; points example\\.com at the load balancer; a zone apex`,
            ),
        );
        expect(text.split("\n")).toHaveLength(7);
        // The validation waits for the records created elsewhere.
        expect(
            named("aws:acm/certificateValidation:CertificateValidation", "site-certificate-validation").inputs
                .validationRecordFqdns,
        ).toBeUndefined();
    });

    it("formats zone-file lines a person can paste", () => {
        expect(
            formatRequiredRecords([
                { name: "a.example.com", type: "CNAME", value: "lb.elb.amazonaws.com", purpose: "p" },
                { name: "example.com", type: "CAA", value: '0 issue "amazon.com"', purpose: "q" },
            ]),
        ).toBe(
            'a.example.com. 300 IN CNAME lb.elb.amazonaws.com.  ; p\nexample.com.   300 IN CAA   0 issue "amazon.com"  ; q',
        );
    });
});

describe("CAA records", () => {
    it("allows only Amazon for ACM certificates, one record set per validation name", async () => {
        await deploy({ zoneName: "example.com", alternativeNames: ["*.app.example.com"], caa: {} });
        const caa = ofType(TOKENS.record)
            .filter((r) => r.inputs.type === "CAA")
            .map((r) => [r.name, r.inputs.name, r.inputs.records, r.inputs.allowOverwrite]);
        expect(caa).toEqual([["site-dns-app.example.com-CAA", "app.example.com", ['0 issue "amazon.com"'], false]]);
    });

    it.each([
        [{ acme: {} }, ['0 issue "letsencrypt.org"']],
        [
            { acme: { server: "ZeroSsl", externalAccountBinding: { keyId: "k", hmacBase64: "aG1hYw" } } },
            ['0 issue "sectigo.com"'],
        ],
    ])("uses the ACME CA's domain for %j", (certificate, values) => {
        const issuers = values.map((v) => v.slice(9, -1));
        // planned before any resource: read the plan through the records' inputs
        const site = new CustomDomain("caa", { ...base, zoneName: "example.com", certificate, caa: {} });
        return valueOf(site.url).then(async () => {
            await settle();
            expect(
                ofType(TOKENS.record)
                    .filter((r) => r.inputs.type === "CAA")
                    .map((r) => r.inputs.records),
            ).toEqual([issuers.map((i) => `0 issue "${i}"`)]);
        });
    });

    it("needs explicit issuers for an adopted certificate", () => {
        expect(
            problems({
                zoneName: "example.com",
                certificate: { arn: "arn:aws:acm:us-east-1:123456789012:certificate/x" },
                caa: {},
            }),
        ).toEqual([
            [
                "caa.issuers",
                "`caa.issuers` is empty and the 'arn' certificate source has no known CA: list the CA domains that issue your certificates, e.g. ['amazon.com']",
            ],
        ]);
        expect(problems({ zoneName: "example.com", caa: { issuers: ["Let's Encrypt"] } })).toEqual([
            [
                "caa.issuers[0]",
                "`caa.issuers[0]` 'Let's Encrypt' is not a CA domain: use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
            ],
        ]);
    });
});

describe("shared load balancer", () => {
    const shared = {
        loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shared/1",
        httpsListenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/1/2",
        rulePriority: 300,
    };

    it("adds only certificates, rules, target group and DNS to an existing load balancer", async () => {
        setCallResult("aws:lb/getLoadBalancer:getLoadBalancer", () => ({
            dnsName: "shared-1.us-east-1.elb.amazonaws.com",
            zoneId: MOCK_ALB_ZONE_ID,
        }));
        const site = new CustomDomain("tenant", {
            ...base,
            subnetIds: undefined,
            zoneName: "example.com",
            alternativeNames: ["www.example.com"],
            existingLoadBalancer: shared,
        });
        await Promise.all([
            valueOf(site.url),
            valueOf(site.certificateArns),
            ...site.records.map((r) => valueOf(r.fqdn)),
        ]);
        await settle();
        const created = resources()
            .filter((r) => r.custom && r.type.startsWith("aws:lb/"))
            .map((r) => r.type);
        // The shared load balancer and listener are read, not created.
        expect(
            resources()
                .filter((r) => r.type === TOKENS.loadBalancer || r.type === TOKENS.listener)
                .map((r) => [r.type, r.readId])
                .sort(),
        ).toEqual([
            [TOKENS.listener, shared.httpsListenerArn],
            [TOKENS.loadBalancer, shared.loadBalancerArn],
        ]);
        expect(created.length).toBeGreaterThan(2);
        expect(ofType("aws:ec2/securityGroup:SecurityGroup")).toEqual([]);
        expect(named(TOKENS.listenerCertificate, "tenant-share-sni-default").inputs.listenerArn).toBe(
            shared.httpsListenerArn,
        );
        expect(named(TOKENS.listenerRule, "tenant-share-300").inputs).toMatchObject({
            listenerArn: shared.httpsListenerArn,
            priority: 300,
            conditions: [{ hostHeader: { values: ["app.example.com", "www.example.com"] } }],
        });
        expect(named(TOKENS.targetGroup, "tenant-share-targets").inputs.port).toBe(8080);
        expect(site.httpListener).toBeUndefined();
    });

    it("refuses settings that belong to the load balancer's owner", () => {
        expect(
            problems({ zoneName: "example.com", existingLoadBalancer: shared, hsts: { maxAgeSeconds: 300 } }),
        ).toEqual([
            [
                "subnetIds",
                "`subnetIds` is set together with `existingLoadBalancer`: the shared load balancer's owner sets it; drop it here",
            ],
            [
                "hsts",
                "`hsts` is set together with `existingLoadBalancer`: the shared load balancer's owner sets it; drop it here",
            ],
        ]);
    });

    // AWS ELB guide, "Condition types for listener rules": host-header values allow only letters after the final dot.
    it("refuses a name the shared listener's host-header rules cannot hold, under CustomDomain's own name", () => {
        expect(
            problems({
                hostname: "shop.example.xn--p1ai",
                zoneName: "example.xn--p1ai",
                subnetIds: undefined,
                existingLoadBalancer: shared,
            }),
        ).toEqual([
            [
                "hostname",
                "`hostname` 'shop.example.xn--p1ai' ends in 'xn--p1ai', but a listener rule's host-header condition allows only letters after the final '.': a name under this top-level domain cannot be routed by host; serve it as the load balancer's default target instead",
            ],
        ]);
    });
});
