import { calls, named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { inputError, TOKENS } from "./helpers/components";
import * as pulumi from "@pulumi/pulumi";
import { CustomDomain, type CustomDomainArgs } from "../components/customDomain";
import { mockAcmeIssuance } from "./helpers/acmeMocks";
import { type TestCert, type TestPki } from "./helpers/pki";

/** The ACME and PEM certificate sources, seen through CustomDomain. */
let pki: TestPki;
let leaf: TestCert;

beforeAll(async () => {
    ({ pki, leaf } = await mockAcmeIssuance());
});
beforeEach(resetMocks);

const base: CustomDomainArgs = {
    hostname: "app.example.com",
    alternativeNames: ["www.example.com"],
    zoneName: "example.com",
    zoneId: "ZCOM",
    certificate: {},
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    target: { port: 8080 },
};

async function deploy(args: Partial<CustomDomainArgs>): Promise<CustomDomain> {
    const site = new CustomDomain("site", { ...base, ...args });
    await Promise.all([
        valueOf(site.certificateArn),
        valueOf(site.httpsListener.arn),
        valueOf(site.certificateNotAfter),
    ]);
    await settle();
    return site;
}

describe("certificate: { pem }", () => {
    it("checks and imports the user's certificate, the key as a secret, and attaches the imported ARN", async () => {
        const site = await deploy({
            certificate: {
                pem: { certificate: leaf.pem + pki.intermediate.pem, privateKey: pulumi.secret(leaf.key.pem) },
            },
        });
        const imported = named(TOKENS.acmCert, "site-certificate-import");
        expect(imported.typeChain).toEqual(["aws-https-domain:index:ImportedCertificate", TOKENS.acmCert]);
        // The pasted full chain was split into leaf + chain.
        expect(imported.inputs.certificateBody.trim()).toBe(leaf.pem.trim());
        expect(imported.inputs.certificateChain.trim()).toBe(pki.intermediate.pem.trim());
        expect(named(TOKENS.listener, "site-lb-https").inputs.certificateArn).toBe(await valueOf(site.certificateArn));
        expect(await valueOf(site.certificateNotAfter)).toBe(
            leaf.cert.notAfter.toISOString().replace(/\.\d{3}Z$/, "Z"),
        );
        expect(ofType("aws:acm/certificateValidation:CertificateValidation")).toEqual([]);
        expect(ofType("aws:route53/record:Record").filter((r) => r.name.includes("validation"))).toEqual([]);
    });

    it("refuses a certificate that does not cover every name, before creating it", () => {
        const error = inputError(
            () =>
                new CustomDomain("site", {
                    ...base,
                    alternativeNames: ["api.example.com"],
                    certificate: {
                        pem: { certificate: leaf.pem, chain: pki.intermediate.pem, privateKey: leaf.key.pem },
                    },
                }),
        );
        expect(error.message).toContain("api.example.com");
        expect(error.message).not.toContain("PRIVATE KEY");
        expect(ofType(TOKENS.acmCert)).toEqual([]);
    });
});

describe("certificate: { acme }", () => {
    it("answers DNS-01 in each name's zone and imports into ACM", async () => {
        const site = await deploy({
            zoneId: undefined,
            zoneName: undefined,
            alternativeNames: ["www.example.org"],
            zones: [
                { name: "example.com", id: "ZCOM" },
                { name: "example.org", id: "ZORG" },
            ],
            certificate: { acme: { server: "LetsEncryptProduction", email: "ops@example.dev" } },
        });
        const cert = named("acme:index/certificate:Certificate", "site-certificate-certificate");
        expect(cert.inputs.subjectAlternativeNames).toEqual(["app.example.com", "www.example.org"]);
        // Two zones: the solver is not pinned to one and finds each name's zone.
        expect(cert.inputs.dnsChallenges).toEqual([{ provider: "route53", config: { AWS_REGION: "us-east-1" } }]);
        expect(named("pulumi:providers:acme", "site-certificate-acme-letsencrypt").inputs.serverUrl).toBe(
            "https://acme-v02.api.letsencrypt.org/directory",
        );
        expect(named(TOKENS.acmCert, "site-certificate-import").inputs.certificateBody).toBe(leaf.pem);
        expect(named(TOKENS.listener, "site-lb-https").inputs.certificateArn).toBe(await valueOf(site.certificateArn));
    });

    it("gives each ACME certificate only the user's zone ids for its own names", async () => {
        const names = Array.from({ length: 14 }, (_, i) => `n${i}.example.com`);
        await deploy({
            alternativeNames: names,
            certificate: {
                acme: { dnsChallenge: { zoneIds: { "N1.example.com": "ZN1", "n13.example.com": "ZN13" } } },
            },
        });
        // Before, every group got every id and the second certificate refused 'n1.example.com' as not among its names.
        expect(
            ofType("acme:index/certificate:Certificate")
                .map((c) => c.name)
                .sort(),
        ).toEqual(["site-certificate-certificate", "site-certificate-n8.example.com-certificate"]);
    });

    it("uses one ACME account for all the certificates when the names need several", async () => {
        const names = Array.from({ length: 14 }, (_, i) => `n${i}.example.com`);
        await deploy({ alternativeNames: names, certificate: { acme: { server: "LetsEncryptProduction" } } });
        expect(ofType("acme:index/registration:Registration").map((r) => r.name)).toEqual([
            "site-certificate-registration-letsencrypt",
        ]);
        expect(ofType("tls:index/privateKey:PrivateKey").map((r) => r.name)).toEqual([
            "site-certificate-account-key-letsencrypt",
        ]);
        const certs = ofType("acme:index/certificate:Certificate");
        expect(certs.map((c) => c.name).sort()).toEqual([
            "site-certificate-certificate",
            "site-certificate-n8.example.com-certificate",
        ]);
        // Both use the registered account's key, as a secret.
        for (const c of certs)
            expect(JSON.stringify(c.inputs.accountKeyPem)).toContain("4dabf18193072939515e22adb298388d");
    });

    it("passes another DNS provider's settings through as a secret when DNS is outside Route 53", async () => {
        const site = await deploy({
            zoneId: undefined,
            zoneName: undefined,
            manageDns: false,
            certificate: {
                acme: { dnsChallenge: { provider: "cloudflare", config: { CF_DNS_API_TOKEN: "token-value" } } },
            },
        });
        const challenge = named("acme:index/certificate:Certificate", "site-certificate-certificate").inputs
            .dnsChallenges;
        // The config map arrives as a secret: the token never shows in plain state.
        expect(JSON.stringify(challenge)).toContain("4dabf18193072939515e22adb298388d");
        expect(challenge.value).toEqual([{ provider: "cloudflare", config: { CF_DNS_API_TOKEN: "token-value" } }]);
        expect(ofType("aws:route53/record:Record")).toEqual([]);
        expect(calls.filter((c) => c.token.startsWith("aws:route53"))).toEqual([]);
        expect((await valueOf(site.requiredDnsRecords)).map((r) => r.type)).toEqual(["CNAME", "CNAME"]);
    });

    it("refuses Route 53 DNS-01 when DNS is not managed here", () => {
        const error = inputError(
            () =>
                new CustomDomain("site", {
                    ...base,
                    zoneId: undefined,
                    zoneName: undefined,
                    manageDns: false,
                    certificate: { acme: {} },
                }),
        );
        expect(error.errors).toEqual([
            {
                propertyPath: "certificate.acme.dnsChallenge.provider",
                reason: "`manageDns` is false but the ACME DNS-01 challenge is answered in Route 53: set `certificate.acme.dnsChallenge.provider` (and its `config`) to your DNS provider",
            },
        ]);
    });
});
