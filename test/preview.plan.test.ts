/**
 * What the plan shows an infra engineer, on the topologies fixture program: tags, the explicit provider (ACME
 * server) of each resource, the ACME external account binding (key id shown, hmac hidden), component inputs in
 * --json with secrets hidden, the DNS records to create elsewhere with manageDns: false, and a diagram for a
 * shared load balancer (existingLoadBalancer) with no ':- -' node and the target group connected, and mutual TLS's
 * trust store revocations (one read from S3, one uploaded from a CRL made here).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { makeCrl, makePki } from "./helpers/pki";
import { type CliRun, PROGRAMS, preview, runLimited } from "./fixtures/preview/cli";

const topologies = path.join(PROGRAMS, "topologies");
let runs: Record<string, CliRun>;
const dir = mkdtempSync(path.join(tmpdir(), "plan-crl-"));
const crlFile = path.join(dir, "clients.crl.pem");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
    const pki = await makePki("Plan");
    writeFileSync(crlFile, (await makeCrl({ issuer: pki.intermediate, revoked: ["2a"] })).pem);
    runs = await runLimited({
        mtls: () => preview("--program", topologies, "-c", "topology=mtls", "-c", `crlFile=${crlFile}`),
        acme: () => preview("--program", topologies, "-c", "certificateSource=acme"),
        acmeJson: () => preview("--program", topologies, "-c", "certificateSource=acme", "--json"),
        externalDns: () => preview("--program", topologies, "-c", "topology=externalDns"),
        externalDnsJson: () => preview("--program", topologies, "-c", "topology=externalDns", "--json"),
        externalDnsCaa: () => preview("--program", topologies, "-c", "topology=externalDnsCaa", "--json"),
        sharedDiagram: () => preview("--program", topologies, "-c", "topology=shared", "--diagram"),
        externalDiagram: () => preview("--program", topologies, "-c", "topology=externalDns", "--diagram"),
    });
}, 120_000);

type Resource = { type: string; name: string; kind: string; inputs: Record<string, any>; provider?: string };
const resources = (run: CliRun): Resource[] => JSON.parse(run.stdout).resources;

describe("the plan shows what an infra engineer reviews", () => {
    it("tags on every AWS resource, the ACME provider with its server, the EAB key id (hmac hidden)", () => {
        const { code, stdout } = runs.acme;
        expect(code).toBe(0);
        expect(stdout).toContain("tags: cost-center=42, team=web");
        expect(stdout).toMatch(
            /\+ pulumi:providers:acme {2}site-certificate-acme-zerossl\n.*server: https:\/\/acme\.zerossl\.com\/v2\/DV90/,
        );
        expect(stdout).toMatch(
            /\+ acme:index:Registration {2}site-certificate-registration-zerossl\n.*provider: site-certificate-acme-zerossl\n.*account email: ops@acme-corp\.io\n.*external account binding key id: kid-fixture-1\n.*external account binding hmac: \[secret\]/,
        );
        expect(stdout).not.toContain("aG1hYy1maXh0dXJlLXZhbHVl");
    });

    it("--json carries the component's inputs, secrets as markers, and each resource's explicit provider", () => {
        const all = resources(runs.acmeJson);
        const [site] = all.filter((r) => r.type === "aws-https-domain:index:CustomDomain");
        expect(site.inputs).toMatchObject({
            hostname: "app.example.com",
            zoneId: "Z0123456789ABCDEFGHIJ",
            target: { port: 8080 },
            tags: { team: "web", "cost-center": "42" },
            certificate: {
                acme: {
                    server: "https://acme.zerossl.com/v2/DV90",
                    externalAccountBinding: { keyId: "kid-fixture-1", hmacBase64: { $secret: true } },
                },
            },
        });
        expect(runs.acmeJson.stdout).not.toContain("aG1hYy1maXh0dXJlLXZhbHVl");
        const [registration] = all.filter((r) => r.type === "acme:index/registration:Registration");
        expect(registration.provider).toMatch(/::site-certificate-acme-zerossl$/);
    });

    it("manageDns: false lists the records to create elsewhere by name, unknown values marked", () => {
        expect(runs.externalDns.code).toBe(0);
        expect(runs.externalDns.stdout).toContain(
            "DNS records to create at your DNS provider (manageDns: false; the component logs them with values at deploy):\n" +
                "  app.example.com  CNAME  (known after deploy)  ; points app.example.com at the load balancer\n" +
                "  (known after deploy)  CNAME  (known after deploy)  ; validates the ACM certificate for app.example.com (ACM chooses the name and value)",
        );
        expect(JSON.parse(runs.externalDnsJson.stdout).requiredDnsRecords).toEqual([
            {
                component: "site",
                name: "app.example.com",
                type: "CNAME",
                value: { $unknown: true },
                purpose: "points app.example.com at the load balancer",
            },
            {
                component: "site",
                name: { $unknown: true },
                type: "CNAME",
                value: { $unknown: true },
                purpose: "validates the ACM certificate for app.example.com (ACM chooses the name and value)",
            },
        ]);
    });
});

describe("CAA records with DNS managed elsewhere", () => {
    it("lists each CAA record with its name and value, after the alias and validation records, as the component does", () => {
        // CustomDomain's requiredDnsRecords: aliasRecords, then the certificates' validation records, then caaRecords
        // (components/customDomain.ts); ACM's CA domain for CAA is amazon.com (RFC 8659; AWS ACM user guide, "CAA").
        expect(runs.externalDnsCaa.code).toBe(0);
        expect(JSON.parse(runs.externalDnsCaa.stdout).requiredDnsRecords.map((r: { type: string }) => r.type)).toEqual([
            "CNAME",
            "CNAME",
            "CAA",
        ]);
        expect(JSON.parse(runs.externalDnsCaa.stdout).requiredDnsRecords[2]).toEqual({
            component: "site",
            name: "app.example.com",
            type: "CAA",
            value: '0 issue "amazon.com"',
            purpose: "only amazon.com may issue certificates for app.example.com",
        });
    });
});

describe("mutual TLS in the plan", () => {
    it("shows each revocation list as a trust store revocation, and the inline CRL's object by its content", () => {
        const { code, stdout } = runs.mtls;
        expect(code).toBe(0);
        expect(stdout).toMatch(
            /\+ aws:lb:TrustStoreRevocation {2}site-lb-trust-store-revocation-[0-9a-f]{16}\n.*trust store: \(known after deploy\) ← site-lb-trust-store\n.*revocation list bucket: pki-bundles\n.*revocation list key: clients\/crl\.pem\n.*revocation list version: v7\n/,
        );
        const object =
            /\+ aws:s3:BucketObjectv2 {2}site-lb-trust-store-crl-([0-9a-f]{16})\n.*bucket: \(known after deploy\) ← site-lb-trust-store\n.*key: crl-\1\.pem\n.*content: PEM, 1 block\(s\)\n/.exec(
                stdout,
            );
        expect(object).not.toBeNull();
        expect(stdout).toMatch(
            new RegExp(
                `\\+ aws:lb:TrustStoreRevocation {2}site-lb-trust-store-revocation-${object?.[1]}\\n.*trust store: \\(known after deploy\\) ← site-lb-trust-store\\n.*revocation list bucket: \\(known after deploy\\) ← site-lb-trust-store\\n.*revocation list key: crl-${object?.[1]}\\.pem\\n`,
            ),
        );
        expect(stdout).not.toContain("BEGIN X509 CRL");
    });
});

describe("diagrams for every topology", () => {
    const edges = (run: CliRun) => {
        const lines = run.stdout.trim().split("\n");
        const label = new Map(
            lines.flatMap((l) => {
                const m = /^ {4}(n\d+)\["(.*)"\]$/.exec(l);
                return m ? [[m[1], m[2]] as const] : [];
            }),
        );
        return lines.flatMap((l) => {
            const m = /^ {4}(n\d+) (-->|-\.->)(?:\|"(.*)"\|)? (n\d+)$/.exec(l);
            return m ? [`${label.get(m[1])} ${m[2]}${m[3] ? ` [${m[3]}]` : ""} ${label.get(m[4])}`] : [];
        });
    };

    it("a shared load balancer: DNS → shared ALB → shared listener → rule → target group, SNI certificate", () => {
        expect(runs.sharedDiagram.stdout).not.toContain(":- -");
        expect(edges(runs.sharedDiagram)).toEqual([
            "app.example.com --> Route 53 A alias<br/>app.example.com",
            "Route 53 A alias<br/>app.example.com --> ALB site-shared-lb<br/>shared, not created here",
            "ALB site-shared-lb<br/>shared, not created here --> listener site-shared-https<br/>shared, not created here",
            "listener site-shared-https<br/>shared, not created here --> [hostHeader app.example.com: forward] target group site-share-targets<br/>ip HTTP:8080",
            "certificate app.example.com (ACM, DNS-validated) -.-> [extra certificate (SNI)] listener site-shared-https<br/>shared, not created here",
        ]);
    });

    it("DNS elsewhere: the hostname reaches the load balancer through the record to create", () => {
        expect(edges(runs.externalDiagram).slice(0, 2)).toEqual([
            "app.example.com --> DNS elsewhere: CNAME<br/>app.example.com",
            "DNS elsewhere: CNAME<br/>app.example.com --> ALB site-lb<br/>internet-facing, ipv4",
        ]);
    });
});
