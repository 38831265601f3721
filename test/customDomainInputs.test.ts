import { named, ofType, resetMocks, valueOf } from "./helpers/mocks";
import { inputProblems } from "./helpers/components";
import * as pulumi from "@pulumi/pulumi";
import { CustomDomain, type CustomDomainArgs } from "../components/customDomain";
import { resolveCertificateSource } from "../components/internal/rules/customDomainChecks";
import { Problems } from "../components/internal/rules/problems";

beforeEach(resetMocks);

const base: CustomDomainArgs = {
    hostname: "app.example.com",
    zoneName: "example.com",
    certificate: { acm: {} },
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
};

const problemsOf = (args: Partial<CustomDomainArgs>) =>
    inputProblems(() => new CustomDomain("bad", { ...base, ...args }));

const eleven = Array.from({ length: 10 }, (_, i) => `n${i}.example.com`);

describe("CustomDomain input validation", () => {
    it.each<[string, Partial<CustomDomainArgs>, [string, string][]]>([
        [
            "an invalid hostname",
            { hostname: "a..b.example.com" },
            [
                [
                    "hostname",
                    "`hostname` 'a..b.example.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot",
                ],
            ],
        ],
        [
            "a Unicode hostname",
            { hostname: "bücher.example.com" },
            [
                [
                    "hostname",
                    "`hostname` 'bücher.example.com' is not ASCII: ACM and Route 53 need the punycode (IDNA) form 'xn--bcher-kva.example.com'; convert it (for example with 'idn2') and use that",
                ],
            ],
        ],
        [
            "a wildcard hostname",
            { hostname: "*.example.com" },
            [
                [
                    "hostname",
                    "`hostname` '*.example.com' is a wildcard: the hostname is the URL users visit; use a concrete name and put the wildcard in `alternativeNames`",
                ],
            ],
        ],
        [
            "a misplaced wildcard",
            { alternativeNames: ["api.*.example.com"] },
            [
                [
                    "alternativeNames[0]",
                    "`alternativeNames[0]` 'api.*.example.com' has a wildcard that is not the whole leftmost label: only names like '*.example.com' are allowed",
                ],
            ],
        ],
        [
            "a duplicate after normalising",
            { alternativeNames: ["www.example.com", "APP.example.com."] },
            [
                [
                    "alternativeNames[1]",
                    "`alternativeNames[1]` 'APP.example.com.' repeats `hostname`: list each name once",
                ],
            ],
        ],
        [
            "a name outside the zone",
            { alternativeNames: ["app.example.org"] },
            [
                [
                    "alternativeNames[0]",
                    "`alternativeNames[0]` 'app.example.org' is not in the hosted zone 'example.com': use a name under 'example.com', or set `zoneName`/`zoneId` to a zone that contains every name, or list several in `zones`",
                ],
            ],
        ],
        [
            "a name outside the derived zone",
            { zoneName: undefined, alternativeNames: ["example.org"] },
            [
                [
                    "alternativeNames[0]",
                    "`alternativeNames[0]` 'example.org' is not in the hosted zone 'example.com' (derived from `hostname`): use a name under 'example.com', or set `zoneName`/`zoneId` to a zone that contains every name, or list several in `zones`",
                ],
            ],
        ],
        [
            "more certificates than the load balancer serves",
            { alternativeNames: eleven, maxCertificatesPerLoadBalancer: 0 },
            [
                [
                    "alternativeNames",
                    "`alternativeNames` makes 11 names with `hostname`, which take 2 certificates of at most 10 names; a load balancer serves its default certificate plus at most 0 more: remove names, or raise `maxNamesPerCertificate`/`maxCertificatesPerLoadBalancer` once AWS has raised your quotas",
                ],
            ],
        ],
        [
            "a zero name quota",
            { maxNamesPerCertificate: 0 },
            [["maxNamesPerCertificate", "`maxNamesPerCertificate` '0' must be a whole number, at least 1"]],
        ],
        [
            "one subnet",
            { subnetIds: ["subnet-a"] },
            [
                [
                    "subnetIds",
                    "`subnetIds` has 1: an Application Load Balancer needs at least 2 public subnets in different availability zones",
                ],
            ],
        ],
        [
            "a repeated subnet",
            { subnetIds: ["subnet-a", "subnet-a"] },
            [
                [
                    "subnetIds",
                    "`subnetIds` lists a subnet twice: give distinct public subnets in different availability zones",
                ],
            ],
        ],
        [
            "a TLS 1.0 policy",
            { sslPolicy: "ELBSecurityPolicy-2016-08" },
            [
                [
                    "sslPolicy",
                    "`sslPolicy` 'ELBSecurityPolicy-2016-08' allows TLS 1.0, which is deprecated and insecure: use a TLS 1.2+ policy such as 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', or set `allowLegacyTls: true` if old clients really need it",
                ],
            ],
        ],
        [
            "a redirect loop",
            { httpPort: 8080, httpsPort: 8080 },
            [
                [
                    "httpsPort",
                    "`httpsPort` '8080' equals `httpPort`: the HTTP listener would redirect to itself in a loop; use different ports (80 and 443)",
                ],
            ],
        ],
        [
            "no certificate source",
            { certificate: {} },
            [
                [
                    "certificate",
                    "`certificate` sets no source: set exactly one of `acm` (request from ACM), `acme` (Let's Encrypt or another ACME CA), `pem` (import your own), `arn` (adopt an existing ACM certificate) or `csr` (buy one with a CSR made here)",
                ],
            ],
        ],
        [
            "two certificate sources",
            { certificate: { acm: {}, arn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } },
            [["certificate", "`certificate` sets `acm` and `arn`: set exactly one source"]],
        ],
        [
            "a malformed ARN",
            { certificate: { arn: "arn:aws:iam::123456789012:server-certificate/x" } },
            [
                [
                    "certificate.arn",
                    "`certificate.arn` 'arn:aws:iam::123456789012:server-certificate/x' is not an ACM certificate ARN: expected 'arn:aws:acm:<region>:<account>:certificate/<id>'",
                ],
            ],
        ],
        [
            "a 302 typo",
            { httpsRedirect: { statusCode: 307 } },
            [
                [
                    "httpsRedirect.statusCode",
                    "`httpsRedirect.statusCode` '307' is not a redirect status the HTTPS redirect uses: use 301 (permanent) or 302 (temporary)",
                ],
            ],
        ],
        [
            "a bad CIDR",
            { allowedCidrs: ["10.0.0.0"] },
            [
                [
                    "allowedCidrs[0]",
                    "`allowedCidrs[0]` '10.0.0.0' is not a CIDR block: write it as '203.0.113.0/24' or '2001:db8::/32'",
                ],
            ],
        ],
        [
            "a Lambda target with a port",
            { target: { targetType: "lambda" as never, port: 80 } },
            [["target.port", "`target.port` is set for a Lambda target: Lambda targets take no port; remove it"]],
        ],
        [
            "an adopted target group with health-check settings",
            { target: { targetGroupArn: "arn:tg", healthCheckPath: "/up" } },
            [
                [
                    "target.healthCheckPath",
                    "`target.healthCheckPath` is set together with `target.targetGroupArn`: an adopted target group keeps its own settings; change them where it is defined, or drop `targetGroupArn`",
                ],
            ],
        ],
    ])("rejects %s", (_, args, expected) => {
        expect(problemsOf(args)).toEqual(expected);
        expect(ofType("aws:lb/loadBalancer:LoadBalancer")).toEqual([]);
    });

    it("names every problem in one error before creating anything", () => {
        let error: Error | undefined;
        try {
            new CustomDomain("bad", {
                ...base,
                hostname: "app_1.example.com",
                alternativeNames: ["x.example.org"],
                subnetIds: ["s"],
                sslPolicy: "ELBSecurityPolicy-TLS-1-1-2017-01",
            });
        } catch (e) {
            error = e as Error;
        }
        expect(error?.message).toBe(
            "CustomDomain 'bad' has 4 input problems:\n" +
                "  - `hostname` 'app_1.example.com' is not a valid DNS name: label 'app_1' has '_': use only letters, digits and hyphens\n" +
                "  - `alternativeNames[0]` 'x.example.org' is not in the hosted zone 'example.com': use a name under 'example.com', or set `zoneName`/`zoneId` to a zone that contains every name, or list several in `zones`\n" +
                "  - `subnetIds` has 1: an Application Load Balancer needs at least 2 public subnets in different availability zones\n" +
                "  - `sslPolicy` 'ELBSecurityPolicy-TLS-1-1-2017-01' allows TLS 1.1, which is deprecated and insecure: use a TLS 1.2+ policy such as 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', or set `allowLegacyTls: true` if old clients really need it",
        );
        expect(ofType("aws:acm/certificate:Certificate")).toEqual([]);
        expect(ofType("aws:lb/loadBalancer:LoadBalancer")).toEqual([]);
    });

    it("accepts a legacy policy when explicitly allowed, and a lifted quota", async () => {
        const site = new CustomDomain("ok", {
            ...base,
            sslPolicy: "ELBSecurityPolicy-2016-08",
            allowLegacyTls: true,
            alternativeNames: eleven,
            maxNamesPerCertificate: 11,
        });
        await valueOf(site.httpsListener.arn);
        expect(named("aws:lb/listener:Listener", "ok-lb-https").inputs.sslPolicy).toBe("ELBSecurityPolicy-2016-08");
        expect(named("aws:acm/certificate:Certificate", "ok-certificate").inputs.subjectAlternativeNames).toHaveLength(
            10,
        );
    });

    it("refuses, at deployment, an adopted certificate from another region", () => {
        const problems = new Problems();
        const source = resolveCertificateSource(
            { ...base, certificate: { arn: pulumi.output("arn:aws:acm:eu-west-1:123456789012:certificate/abc") } },
            problems,
        );
        expect(problems.count).toBe(0);
        if (source.kind !== "arn") throw new Error("expected an arn source");
        expect(() => source.checkRegion("arn:aws:acm:eu-west-1:123456789012:certificate/abc", "us-east-1")).toThrow(
            "CustomDomain: `certificate.arn` 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' is in region 'eu-west-1' but the load balancer is in 'us-east-1': an ALB can only use ACM certificates from its own region; request or import the certificate in 'us-east-1'",
        );
        expect(source.checkRegion("arn:aws:acm:us-east-1:123456789012:certificate/abc", "us-east-1")).toBe(
            "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        );
    });
});

describe("CustomDomain CAA issuers", () => {
    it("derives no issuer from a host that only ends in a CA's name (evilletsencrypt.org)", () => {
        expect(
            problemsOf({ certificate: { acme: { server: "https://evilletsencrypt.org/directory" } }, caa: {} }),
        ).toEqual([
            [
                "caa.issuers",
                "`caa.issuers` is empty and the 'acme' certificate source has no known CA: list the CA domains that issue your certificates, e.g. ['amazon.com']",
            ],
        ]);
    });

    it("checks given issuers against RFC 8659 §4.2", () => {
        expect(problemsOf({ caa: { issuers: ["amazon.com", "letsencrypt.org; validationmethods=dns-01"] } })).toEqual([
            [
                "caa.issuers[1]",
                "`caa.issuers[1]` 'letsencrypt.org; validationmethods=dns-01' has CAA parameters: give only the issuer domain name (RFC 8659 §4.2), e.g. 'letsencrypt.org'",
            ],
        ]);
    });
});

describe("CustomDomain reports the ACME option rules under `certificate.acme`", () => {
    it("in its own single error, before any certificate component exists", () => {
        let error: Error | undefined;
        try {
            new CustomDomain("bad", {
                ...base,
                certificate: {
                    acme: {
                        server: "ZeroSsl",
                        email: "mailto:ops@corp.dev",
                        keyType: 8192 as never,
                        externalAccountBinding: { keyId: "kid", hmacBase64: "c2VjcmV0=" },
                    },
                },
            });
        } catch (e) {
            error = e as Error;
        }
        expect(error?.message).toBe(
            "CustomDomain 'bad' has 3 input problems:\n" +
                "  - `certificate.acme.keyType` '8192' is RSA 8192, which ACM import rejects (RSA keys larger than 4096 bits): use AcmeKeyType.RSA4096 (or P256/P384, smaller and faster)\n" +
                "  - `certificate.acme.email` 'mailto:ops@corp.dev' starts with 'mailto:': give the bare address ('ops@corp.dev'); the ACME client adds 'mailto:' itself\n" +
                "  - `certificate.acme.externalAccountBinding.hmacBase64` ends in '=' padding, which the ACME provider cannot decode: it reads unpadded base64url (RFC 8555 §7.3.4, lego's base64.RawURLEncoding); remove the trailing '='",
        );
        expect(ofType("aws-https-domain:index:AcmeCertificate")).toEqual([]);
        expect(ofType("acme:index/registration:Registration")).toEqual([]);
    });

    it.each<[string, Partial<CustomDomainArgs>, [string, string][]]>([
        [
            "a wrong-type server",
            { certificate: { acme: { server: 8443 as never } } },
            [
                [
                    "certificate.acme.server",
                    "`certificate.acme.server` is a number, not a string: give an AcmeServer value (e.g. AcmeServer.LetsEncryptProduction) or the CA's https directory URL",
                ],
            ],
        ],
        [
            "an EAB that is not an object",
            { certificate: { acme: { externalAccountBinding: "kid:hmac" as never } } },
            [
                [
                    "certificate.acme.externalAccountBinding",
                    "`certificate.acme.externalAccountBinding` is a string, not an object: give { keyId, hmacBase64 } as the CA shows them",
                ],
            ],
        ],
        [
            "a Let's Encrypt contact at example.com",
            { certificate: { acme: { email: "ops@example.com" } } },
            [
                [
                    "certificate.acme.email",
                    "`certificate.acme.email` 'ops@example.com' is at example.com, a documentation domain (RFC 2606) that Let's Encrypt refuses for contact addresses: give a mailbox at a domain that receives mail, or leave `certificate.acme.email` out",
                ],
            ],
        ],
        [
            "a hostname given as a URL",
            { hostname: "https://app.example.com/", certificate: { acme: {} } },
            [
                [
                    "hostname",
                    "`hostname` 'https://app.example.com/' is a URL: give the bare host name, without scheme, port or path; did you mean 'app.example.com'?",
                ],
            ],
        ],
    ])("rejects %s", (_, args, expected) => {
        expect(problemsOf(args)).toEqual(expected);
    });
});

describe("CustomDomain reports the PEM option rules under `certificate.pem`", () => {
    it("with the certificate checks on plain values, in its own single error", async () => {
        const { makePki } = await import("./helpers/pki");
        const pki = await makePki("Pem");
        const leaf = await pki.leaf({ commonName: "other.example.org", dnsNames: ["other.example.org"] });
        let error: Error | undefined;
        try {
            new CustomDomain("bad", {
                ...base,
                certificate: {
                    pem: {
                        certificate: leaf.pem,
                        privateKey: leaf.key.pem,
                        chain: pki.intermediate.pem,
                        expiryWarningDays: -1,
                    },
                },
            });
        } catch (e) {
            error = e as Error;
        }
        expect(error?.message.split("\n")).toEqual([
            "CustomDomain 'bad' has 2 input problems:",
            "  - `certificate.pem.expiryWarningDays` '-1' is not a whole number of days of at least 0: give the days before expiry to warn at, e.g. 30",
            "  - `certificate.pem.certificate`: the certificate does not cover app.example.com: it covers other.example.org, and a wildcard covers exactly one label. Reissue the certificate with these names, or remove them from the host names.",
        ]);
        expect(ofType("aws-https-domain:index:ImportedCertificate")).toEqual([]);
    });

    it.each<[string, Partial<CustomDomainArgs>, [string, string][]]>([
        [
            "a PEM that is a number",
            { certificate: { pem: { certificate: 42 as never, privateKey: "x" } } },
            [
                [
                    "certificate.pem.certificate",
                    "`certificate.pem.certificate` is a number, not a string: give the PEM text",
                ],
            ],
        ],
        [
            "allowSelfSigned a string",
            { certificate: { pem: { certificate: "x", privateKey: "y", allowSelfSigned: "yes" as never } } },
            [
                [
                    "certificate.pem.allowSelfSigned",
                    "`certificate.pem.allowSelfSigned` is a string, not a boolean: give true or false",
                ],
            ],
        ],
        [
            "options that are not an object",
            { certificate: { pem: "cert.pem" as never } },
            [
                [
                    "certificate.pem",
                    "`certificate.pem` is a string, not an object: give { certificate, privateKey, chain } (PEM) or { pfx, pfxPassword }",
                ],
            ],
        ],
    ])("rejects %s", (_, args, expected) => {
        expect(problemsOf(args)).toEqual(expected);
    });
});
