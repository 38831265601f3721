/**
 * Identity across updates: run a configuration, change it the way users do
 * every week, and compare the two sets of resources (see helpers/updates.ts
 * for how an update is judged). Nothing still needed may be deleted and no
 * create may collide with a live resource.
 */
import {
    named,
    ofType,
    type RecordedResource,
    registerMockOutputs,
    resetMocks,
    setMockDelays,
    settle,
    valueOf,
} from "./helpers/mocks";
import { TOKENS } from "./helpers/components";
import { CUSTOM_DOMAIN_BASE } from "./helpers/components";
import { plan, snapshot, type Snapshot } from "./helpers/updates";
import { CustomDomain, type CustomDomainArgs } from "../components/customDomain";
import { mockAcmeIssuance } from "./helpers/acmeMocks";
import { MutualAuthenticationMode } from "../components/loadBalancerArgs";
import { makeCrl, makePki } from "./helpers/pki";

beforeAll(() => mockAcmeIssuance());
// The trust store's ARN as ELB returns it (mutual TLS).
registerMockOutputs("aws:lb/trustStore:TrustStore", (args) => ({
    arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore/${args.inputs.name}/0123456789abcdef`,
}));
beforeEach(resetMocks);

const base = CUSTOM_DOMAIN_BASE;

async function run(args: Partial<CustomDomainArgs>): Promise<Snapshot> {
    await resetMocks();
    const site = new CustomDomain("site", { ...base, ...args });
    await Promise.all([
        valueOf(site.certificateArns),
        valueOf(site.httpsListener.arn),
        ...site.records.map((r) => valueOf(r.fqdn)),
    ]);
    await settle();
    return snapshot();
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i + 1}.example.com`);
const certificatesTouched = (p: ReturnType<typeof plan>) =>
    [...p.created, ...p.changed].filter((u) => u.includes(`$${TOKENS.acmCert}::`));

describe("what an update does", () => {
    it("removing the 3rd of 25 names deletes no record still needed and re-issues one certificate", async () => {
        const all = names(24);
        const before = await run({ alternativeNames: all });
        const after = await run({ alternativeNames: all.filter((n) => n !== "n2.example.com") });
        const p = plan(before, after);
        expect(p.collisions).toEqual([]);
        expect(p.deletesStillNeeded).toEqual([]);
        // Only the name's own validation record and alias go.
        expect(p.deleted.sort()).toEqual([
            "aws-https-domain:index:CustomDomain$aws:route53/record:Record::site-validation-n2.example.com",
            "aws-https-domain:index:DnsRecords$aws:route53/record:Record::site-dns-n2.example.com-A",
        ]);
        // Dense packing (0.1.0) re-issued all three certificates; anchored packing re-issues the one that held the name.
        expect(certificatesTouched(p)).toEqual([
            "aws-https-domain:index:AcmCertificate$aws:acm/certificate:Certificate::site-certificate",
        ]);
    });

    it("the default source and an explicit 0.0.0.0/0 are the same security-group rules", async () => {
        const before = await run({});
        const after = await run({ allowedCidrs: ["0.0.0.0/0"] });
        const p = plan(before, after);
        expect(p.created).toEqual([]);
        expect(p.deleted).toEqual([]);
        expect(p.changed.filter((u) => u.includes("SecurityGroup"))).toEqual([]);
    });

    it("changing the target port replaces the target group under a new physical name", async () => {
        const before = await run({});
        const oldName = named("aws:lb/targetGroup:TargetGroup", "site-lb-targets").inputs.name;
        const after = await run({ target: { port: 9090 } });
        const newName = named("aws:lb/targetGroup:TargetGroup", "site-lb-targets").inputs.name;
        const p = plan(before, after);
        // port is ForceNew (target_group.go): the replacement is created first, so it must not reuse the name.
        expect(newName).not.toBe(oldName);
        expect(p.collisions).toEqual([]);
        expect(p.changed).toContain(
            "aws-https-domain:index:HttpsLoadBalancer$aws:lb/targetGroup:TargetGroup::site-lb-targets",
        );
    });

    it("swapping two routes' priorities updates both rules in place", async () => {
        const routes = (a: number, b: number) => [
            { name: "api", hostnames: ["api.example.com"], priority: a, target: { port: 9000 } },
            { name: "admin", hostnames: ["admin.example.com"], priority: b, target: { port: 9100 } },
        ];
        const alternativeNames = ["api.example.com", "admin.example.com"];
        const before = await run({ alternativeNames, routes: routes(10, 20) });
        const after = await run({ alternativeNames, routes: routes(20, 10) });
        const p = plan(before, after);
        expect(p.created).toEqual([]);
        expect(p.deleted).toEqual([]);
        expect(p.collisions).toEqual([]);
        expect(p.changed.filter((u) => u.includes("listenerRule")).sort()).toEqual([
            "aws-https-domain:index:HttpsLoadBalancer$aws:lb/listenerRule:ListenerRule::site-lb-https-rule-10",
            "aws-https-domain:index:HttpsLoadBalancer$aws:lb/listenerRule:ListenerRule::site-lb-https-rule-20",
        ]);
    });

    it("acm → acme with CAA updates the CAA record in place, before the new CA issues", async () => {
        const before = await run({ caa: {} });
        expect(named("aws:route53/record:Record", "site-dns-app.example.com-CAA").inputs.records).toEqual([
            '0 issue "amazon.com"',
        ]);
        setMockDelays({ "aws:route53/record:Record": 40 });
        const after = await run({ caa: {}, certificate: { acme: {} } });
        const caa = named("aws:route53/record:Record", "site-dns-app.example.com-CAA");
        expect(caa.inputs.records).toEqual(['0 issue "letsencrypt.org"']);
        const p = plan(before, after);
        expect(p.kept).toContain(
            "aws-https-domain:index:CustomDomain$aws:route53/record:Record::site-dns-app.example.com-CAA",
        );
        expect(p.collisions).toEqual([]);
        // The CA checks CAA at issuance: the ACME certificate starts only after the record is written.
        for (const c of ofType("acme:index/certificate:Certificate"))
            expect(c.startedAt).toBeGreaterThanOrEqual(caa.createdAt);
    });

    it("reordering revocation lists changes nothing; a newer CRL adds its revocation and removes the old one", async () => {
        const pki = await makePki("Identity");
        const [a, b, newer] = await Promise.all([
            makeCrl({ issuer: pki.intermediate }),
            makeCrl({ issuer: pki.root }),
            makeCrl({ issuer: pki.intermediate, revoked: ["99"] }),
        ]);
        const mtls = (lists: { crlPem: string }[]): Partial<CustomDomainArgs> => ({
            mutualAuthentication: {
                mode: MutualAuthenticationMode.Verify,
                trustStore: { caBundlePem: pki.root.pem + pki.intermediate.pem, revocationLists: lists },
            },
        });
        const before = await run(mtls([{ crlPem: a.pem }, { crlPem: b.pem }]));
        const reordered = plan(before, await run(mtls([{ crlPem: b.pem }, { crlPem: a.pem }])));
        expect([reordered.created, reordered.deleted, reordered.changed]).toEqual([[], [], []]);
        const renewed = plan(before, await run(mtls([{ crlPem: newer.pem }, { crlPem: b.pem }])));
        const short = (urns: string[]) => urns.map((u) => u.split("::")[1].replace(/[0-9a-f]{16}$/, "<hash>")).sort();
        expect([short(renewed.created), short(renewed.deleted), renewed.changed]).toEqual([
            ["site-lb-trust-store-crl-<hash>", "site-lb-trust-store-revocation-<hash>"],
            ["site-lb-trust-store-crl-<hash>", "site-lb-trust-store-revocation-<hash>"],
            [],
        ]);
        expect(renewed.collisions).toEqual([]);
    });
});

describe("the update judge itself", () => {
    const rec = (type: string, name: string, inputs: Record<string, unknown>, parent = "p"): RecordedResource => ({
        type,
        name,
        inputs,
        custom: true,
        typeChain: [parent, type],
        startedAt: 0,
        createdAt: 0,
    });
    const snap = (...rs: RecordedResource[]): Snapshot => ({
        byUrn: new Map(rs.map((r) => [`${r.typeChain.join("$")}::${r.name}`, r])),
    });
    const R = "aws:route53/record:Record";
    const RULE = "aws:lb/listenerRule:ListenerRule";

    it("flags a record re-keyed to a new URN: its old URN's delete removes what the new one wrote (0.1.0 repacking)", () => {
        const record = { zoneId: "Z", name: "_x.n11.example.com.", type: "CNAME", allowOverwrite: true };
        const p = plan(
            snap(rec(R, "site-certificate-n11-validation-n11", record)),
            snap(rec(R, "site-certificate-n12-validation-n11", record)),
        );
        expect(p.deletesStillNeeded).toEqual([
            "p$aws:route53/record:Record::site-certificate-n11-validation-n11 deletes record Z _x.n11.example.com CNAME, still needed",
        ]);
    });

    it("flags rules keyed by route name whose priorities are swapped (PriorityInUse)", () => {
        const before = snap(
            rec(RULE, "lb-route-a-10", { listenerArn: "L", priority: 10 }),
            rec(RULE, "lb-route-b-20", { listenerArn: "L", priority: 20 }),
        );
        const after = snap(
            rec(RULE, "lb-route-a-20", { listenerArn: "L", priority: 20 }),
            rec(RULE, "lb-route-b-10", { listenerArn: "L", priority: 10 }),
        );
        expect(plan(before, after).collisions).toEqual([
            "p$aws:lb/listenerRule:ListenerRule::lb-route-a-20 creates priority L 20, still held by p$aws:lb/listenerRule:ListenerRule::lb-route-b-20",
            "p$aws:lb/listenerRule:ListenerRule::lb-route-b-10 creates priority L 10, still held by p$aws:lb/listenerRule:ListenerRule::lb-route-a-10",
        ]);
    });
});
