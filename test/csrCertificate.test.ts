/**
 * Buying a certificate with a CSR, with real cryptography: the package's key and CSR (made by
 * test/helpers/tlsMocks.ts from exactly the inputs the component sends to @pulumi/tls), signed by a test CA made
 * at test time, fed back, checked against the key by the package's own certificate checks, imported into ACM.
 */
import { makeKey, makePki, P256, type TestKey, type TestPki } from "./helpers/pki"; // first: reflect-metadata
import * as pulumi from "@pulumi/pulumi";
import * as x509 from "@peculiar/x509";
import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { mockKeyOf, mockTlsProvider } from "./helpers/tlsMocks";
import { rejectionOf, withUnhandled } from "./helpers/rejections";
import { plan, snapshot } from "./helpers/updates";
import { CsrCertificate, type CsrCertificateArgs, CsrKeyType } from "../components/csrCertificate";
import { CustomDomain } from "../components/customDomain";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const CSR = "tls:index/certRequest:CertRequest";
const PLACEHOLDER = "tls:index/selfSignedCert:SelfSignedCert";
const HOSTS = ["shop.example.com", "www.shop.example.com"];
const SUBJECT = { organization: "Example Shop GmbH", country: "DE", locality: "Berlin" };

let pki: TestPki;
let otherKey: TestKey;
let warn: jest.SpyInstance;
beforeAll(async () => {
    mockTlsProvider();
    pki = await makePki("Commercial");
    otherKey = await makeKey(P256);
});
beforeEach(async () => {
    await resetMocks();
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
});
afterEach(() => warn.mockRestore());

/** A recorded value with secrets shown as `{ secret: value }`, at any depth. */
const unwrap = (v: any): any => {
    if (v && typeof v === "object" && Object.values(v).includes(SECRET_SIG)) return { secret: v.value };
    if (v && typeof v === "object" && !Array.isArray(v))
        return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, unwrap(e)]));
    return v;
};

async function run(extra: Partial<CsrCertificateArgs> = {}) {
    const c = new CsrCertificate("shop", { hostnames: HOSTS, subject: SUBJECT, ...extra });
    const [arn, csrPem] = await Promise.all([valueOf(c.certificateArn), valueOf(c.certificateSigningRequestPem)]);
    await settle();
    return { c, arn, csrPem };
}

/** The DNS names of a CSR's subject alternative names. */
function sansOf(csr: x509.Pkcs10CertificateRequest): string[] {
    const san = csr.extensions.find((e) => e instanceof x509.SubjectAlternativeNameExtension);
    return (san as x509.SubjectAlternativeNameExtension).names.toJSON().map((n) => n.value);
}

/** The CA signs the CSR: a certificate for the CSR's public key and names, issued by the test intermediate. */
async function sign(csrPem: string, key?: TestKey): Promise<string> {
    const csr = new x509.Pkcs10CertificateRequest(csrPem);
    expect(await csr.verify()).toBe(true);
    const publicKey = await csr.publicKey.export();
    const certifiedKey = key ?? ({ spec: P256, keys: { publicKey } } as unknown as TestKey);
    return (await pki.leaf({ commonName: HOSTS[0], dnsNames: HOSTS, key: certifiedKey })).pem;
}

describe("CsrCertificate", () => {
    it("first run: a P-256 key (secret), the CSR, and a self-signed placeholder for the same key in ACM", async () => {
        const { c, csrPem } = await run();
        expect(named(TOKENS.tlsPrivateKey, "shop-key").inputs).toEqual({ algorithm: "ECDSA", ecdsaCurve: "P256" });
        const key = mockKeyOf("shop-key")!;
        expect(unwrap(named(CSR, "shop-csr").inputs)).toEqual({
            privateKeyPem: { secret: key.pem },
            subject: { ...SUBJECT, commonName: "shop.example.com" },
            dnsNames: HOSTS,
        });
        const csr = new x509.Pkcs10CertificateRequest(csrPem);
        expect(csr.subject).toBe("CN=shop.example.com, O=Example Shop GmbH, C=DE, L=Berlin");
        expect(sansOf(csr)).toEqual(HOSTS);
        expect(c.csrInspectCommand).toBe("openssl req -in request.csr -noout -text -verify");
        expect(c.signed).toBe(false);

        const placeholder = named(PLACEHOLDER, "shop-placeholder");
        expect(unwrap(placeholder.inputs)).toEqual({
            privateKeyPem: { secret: key.pem },
            subject: { commonName: "shop.example.com", organization: "Placeholder: certificate not signed yet" },
            dnsNames: HOSTS,
            validityPeriodHours: 2160,
            earlyRenewalHours: 1080,
            allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
        });
        const acm = named(TOKENS.acmCert, "shop-import");
        expect(acm.typeChain).toEqual(["aws-https-domain:index:CsrCertificate", TOKENS.acmCert]);
        expect(new x509.X509Certificate(acm.inputs.certificateBody).subject).toBe(
            "CN=shop.example.com, O=Placeholder: certificate not signed yet",
        );
        expect(unwrap(acm.inputs.privateKey)).toEqual({ secret: expect.stringContaining("PRIVATE KEY") });
        expect(warn.mock.calls.map((x) => x[0])).toContain(
            "CsrCertificate 'shop': no signed certificate yet, so HTTPS serves a self-signed placeholder that browsers refuse. Submit certificateSigningRequestPem to your CA, then give the certificate it signs as `certificate` and run `pulumi up`.",
        );
    });

    it("second run: the CA-signed certificate for the CSR is accepted and imported into the same ACM certificate", async () => {
        const first = await run();
        const before = snapshot();
        const signedPem = await sign(first.csrPem);
        await resetMocks();
        const second = await run({ certificate: signedPem, chain: pki.intermediate.pem });
        expect(second.c.signed).toBe(true);
        expect(ofType(PLACEHOLDER)).toEqual([]);
        const acm = named(TOKENS.acmCert, "shop-import");
        expect(acm.inputs.certificateBody.replace(/\r/g, "")).toBe(signedPem.replace(/\r/g, ""));
        expect(acm.inputs.certificateChain.replace(/\r/g, "")).toBe(pki.intermediate.pem.replace(/\r/g, ""));
        // The same ACM certificate URN, updated (re-imported: same ARN, so the listener stays); only the placeholder goes.
        const p = plan(before, snapshot());
        expect(p.changed.filter((u) => u.endsWith(`::shop-import`))).toHaveLength(1);
        expect(p.deleted.map((u) => u.split("::").pop())).toEqual(["shop-placeholder"]);
        expect(p.created).toEqual([]);
        expect(await valueOf(second.c.notAfter)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });

    it("refuses a certificate signed for another key, without importing it", async () => {
        await run();
        const foreign = await sign("", otherKey).catch(
            async () => (await pki.leaf({ commonName: HOSTS[0], dnsNames: HOSTS, key: otherKey })).pem,
        );
        await withUnhandled(async () => {
            const c = new CsrCertificate("shop", { hostnames: HOSTS, subject: SUBJECT, certificate: foreign });
            const error = await rejectionOf(c.notAfter);
            const reason =
                "`certificate` was not signed for this component's key (its public key is not the key's): the CA signed another CSR; submit this stack's certificateSigningRequestPem and give the certificate it returns";
            expect(pulumi.InputPropertiesError.isInstance(error)).toBe(true);
            expect((error as pulumi.InputPropertiesError).errors).toEqual([{ propertyPath: "certificate", reason }]);
            // Pulumi may prefix the shared error with the input it failed to serialize (certificateBody).
            expect(error.message).toMatch(
                /CsrCertificate 'shop' has 1 input problem:\n {2}- `certificate` was not signed/,
            );
            expect(error.message.endsWith(`CsrCertificate 'shop' has 1 input problem:\n  - ${reason}`)).toBe(true);
        });
    });

    it.each([
        [CsrKeyType.P384, { algorithm: "ECDSA", ecdsaCurve: "P384" }, "EC_secp384r1"],
        [CsrKeyType.RSA2048, { algorithm: "RSA", rsaBits: 2048 }, "RSA_2048"],
    ])("key type %s → tls %j, ACM %s", async (keyType, tlsInputs, algorithm) => {
        const { c } = await run({ keyType });
        expect(named(TOKENS.tlsPrivateKey, "shop-key").inputs).toEqual(tlsInputs);
        expect(named(TOKENS.acmCert, "shop-import").inputs.certificateBody).toContain("BEGIN CERTIFICATE");
        expect(c.signed).toBe(false);
        expect(algorithm).toMatch(/^(EC_secp384r1|RSA_2048)$/);
    });

    it.each<[string, Record<string, unknown>, [string, string][]]>([
        [
            "a country that is not a code",
            { subject: { country: "Germany" } },
            [
                [
                    "subject.country",
                    "`subject.country` 'Germany' is not a two-letter country code (ISO 3166, e.g. 'DE', 'US'): X.509 country names are exactly 2 characters (RFC 5280)",
                ],
            ],
        ],
        [
            "a long organisation and an unknown field",
            { subject: { organization: "O".repeat(65), email: "x@y.z" } },
            [
                [
                    "subject.organization",
                    `\`subject.organization\` '${"O".repeat(65)}' has 65 characters; X.509 allows at most 64 (RFC 5280 appendix A.1)`,
                ],
                [
                    "subject.email",
                    "`subject.email` is not a subject field: use commonName, organization, organizationalUnit, province, locality, postalCode, serialNumber, country, streetAddresses",
                ],
            ],
        ],
        [
            "an unknown key type",
            { keyType: "ED25519" },
            [
                [
                    "keyType",
                    "`keyType` 'ED25519' is not a key type ACM import and the ALB accept: use one of P256, P384, RSA2048, RSA3072, RSA4096",
                ],
            ],
        ],
        [
            "a certificate that is not PEM",
            { certificate: "MIIB…" },
            [
                [
                    "certificate",
                    "`certificate` holds no PEM certificate ('-----BEGIN CERTIFICATE-----'): paste the PEM the CA sent (convert DER with 'openssl x509 -inform der -in cert.cer')",
                ],
            ],
        ],
        [
            "a chain without a certificate",
            { chain: "-----BEGIN CERTIFICATE-----" },
            [["chain", "`chain` is set without `certificate`: give the chain together with the signed certificate"]],
        ],
    ])("refuses %s", (_label, extra, expected) => {
        expect(
            inputProblems(() => new CsrCertificate("shop", { hostnames: HOSTS, ...extra } as CsrCertificateArgs)),
        ).toEqual(expected);
    });
});

describe("CustomDomain with certificate.csr", () => {
    it("one CSR certificate for every name, its CSR exposed, the alarm on by default, options checked under certificate.csr", async () => {
        const site = new CustomDomain("shop", {
            ...CUSTOM_DOMAIN_BASE,
            hostname: "shop.example.com",
            alternativeNames: ["www.shop.example.com"],
            certificate: { csr: { subject: SUBJECT } },
        });
        const csrPem = await valueOf(site.certificateSigningRequestPem);
        await valueOf(site.certificateArn);
        await settle();
        expect(sansOf(new x509.Pkcs10CertificateRequest(csrPem!))).toEqual(HOSTS);
        expect(ofType(CSR).map((r) => [r.name, r.typeChain[0]])).toEqual([
            ["shop-certificate-csr", "aws-https-domain:index:CsrCertificate"],
        ]);
        expect(ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => [a.name, a.inputs.threshold])).toEqual([
            ["shop-expiry-alarm", 30],
        ]);
        expect(
            inputProblems(
                () =>
                    new CustomDomain("shop", {
                        ...CUSTOM_DOMAIN_BASE,
                        certificate: { csr: { keyType: "P521" as CsrKeyType } },
                    }),
            ),
        ).toEqual([
            [
                "certificate.csr.keyType",
                "`certificate.csr.keyType` 'P521' is not a key type ACM import and the ALB accept: use one of P256, P384, RSA2048, RSA3072, RSA4096",
            ],
        ]);
    });
});
