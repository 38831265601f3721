/**
 * AcmeCertificate wiring under Pulumi mocks: account key, explicit provider
 * with the server URL, server-keyed registration, DNS-01 through Route 53,
 * key types, revocation, secrets, and the ACM import of the ACME outputs.
 * The ACME certificate's outputs are real certificates made at test time.
 */
import { calls, named, ofType, registerMockOutputs, resetMocks, settle, valueOf } from "./helpers/mocks";
import { inputError, TOKENS } from "./helpers/components";
import * as pulumi from "@pulumi/pulumi";
import type * as acme from "@pulumiverse/acme";
import { AcmeCertificate, type AcmeCertificateArgs, AcmeKeyType, AcmeServer } from "../components/acmeCertificate";
import { makePki, type TestCert, type TestPki } from "./helpers/pki";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";
const PRODUCTION = "https://acme-v02.api.letsencrypt.org/directory";
const ACCOUNT_KEY_PEM = "-----BEGIN EC PRIVATE KEY-----\nACCOUNT\n-----END EC PRIVATE KEY-----\n";
const NOT_AFTER = "2026-06-01T10:00:00Z";

let pki: TestPki;
let leaf: TestCert;

beforeAll(async () => {
    pki = await makePki("ACME");
    leaf = await pki.leaf({ commonName: "app.example.com", dnsNames: ["app.example.com"] });
    registerMockOutputs(TOKENS.tlsPrivateKey, () => ({ privateKeyPem: ACCOUNT_KEY_PEM, publicKeyPem: "PUB" }));
    registerMockOutputs(TOKENS.acmeRegistration, (a) => ({ registrationUrl: `${a.name}-url` }));
    registerMockOutputs(TOKENS.acmeCert, () => ({
        certificatePem: leaf.pem,
        issuerPem: pki.intermediate.pem,
        privateKeyPem: leaf.key.pem,
        certificateNotAfter: NOT_AFTER,
        certificateUrl: "https://ca.example/cert/1",
    }));
});

let warn: jest.SpyInstance;
let info: jest.SpyInstance;
beforeEach(async () => {
    await resetMocks();
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
    info = jest.spyOn(pulumi.log, "info").mockImplementation(async () => undefined);
});
afterEach(() => {
    warn.mockRestore();
    info.mockRestore();
});

function unwrap(value: any): { secret: boolean; value: any } {
    if (value && typeof value === "object" && Object.values(value).includes(SECRET_SIG))
        return { secret: true, value: value.value };
    return { secret: false, value };
}

/** Creates the component, waits for it, and returns it with the options each child got. */
async function make(args: Partial<AcmeCertificateArgs> = {}, name = "cert") {
    const opts = new Map<string, pulumi.CustomResourceOptions>();
    const c = new AcmeCertificate(
        name,
        { hostnames: ["app.example.com", "www.example.com"], zoneId: "Z0123456789", ...args },
        { transformations: [(a) => (opts.set(a.name, a.opts as pulumi.CustomResourceOptions), undefined)] },
    );
    await valueOf(c.certificateArn);
    await valueOf(c.renewAfter);
    await settle();
    return { c, opts };
}

describe("AcmeCertificate", () => {
    it("creates account key, provider, registration, certificate and ACM import with safe defaults", async () => {
        const { c, opts } = await make();
        const key = named(TOKENS.tlsPrivateKey, "cert-account-key-letsencrypt-staging");
        expect(key.inputs).toEqual({ algorithm: "ECDSA", ecdsaCurve: "P256" });
        expect(key.typeChain).toEqual([TOKENS.acmeCertificate, TOKENS.tlsPrivateKey]);
        expect(named(TOKENS.acmeProvider, "cert-acme-letsencrypt-staging").inputs.serverUrl).toBe(STAGING);

        const reg = named(TOKENS.acmeRegistration, "cert-registration-letsencrypt-staging");
        expect(unwrap(reg.inputs.accountKeyPem)).toEqual({ secret: true, value: ACCOUNT_KEY_PEM });
        expect(reg.inputs.emailAddress).toBeUndefined();
        expect(reg.typeChain).toEqual([TOKENS.acmeCertificate, TOKENS.acmeRegistration]);

        const cert = named(TOKENS.acmeCert, "cert-certificate");
        expect({ ...cert.inputs, accountKeyPem: unwrap(cert.inputs.accountKeyPem) }).toEqual({
            accountKeyPem: { secret: true, value: ACCOUNT_KEY_PEM },
            subjectAlternativeNames: ["app.example.com", "www.example.com"],
            keyType: "P256",
            // No threshold given: the provider's lifetime-following one (a third of the lifetime).
            minDaysDynamic: true,
            revokeCertificateOnDestroy: false,
            dnsChallenges: [
                { provider: "route53", config: { AWS_REGION: "us-east-1", AWS_HOSTED_ZONE_ID: "Z0123456789" } },
            ],
        });
        // The region came from the AWS provider.
        expect(calls.map((x) => x.token)).toContain("aws:index/getRegion:getRegion");

        // Registration and certificate go through the explicit provider for the server.
        for (const child of ["cert-registration-letsencrypt-staging", "cert-certificate"]) {
            const provider = opts.get(child)!.provider as acme.Provider;
            expect(await valueOf(provider.serverUrl)).toBe(STAGING);
        }

        const acm = named(TOKENS.acmCert, "cert-import");
        expect(acm.typeChain).toEqual([TOKENS.acmeCertificate, TOKENS.acmCert]);
        expect(acm.inputs.certificateBody).toBe(leaf.pem);
        expect(acm.inputs.certificateChain).toBe(pki.intermediate.pem);
        expect(unwrap(acm.inputs.privateKey)).toEqual({ secret: true, value: leaf.key.pem });

        expect(await valueOf(c.certificateArn)).toMatch(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
        expect(await valueOf(c.notAfter)).toBe(NOT_AFTER);
        // The test leaf is valid for 91 days: threshold floor(91 / 3) = 30 days, so renewal starts once fewer
        // than 31 whole days are left (terraform-provider-acme resourceACMECertificateHasExpired).
        expect(await valueOf(c.renewalThresholdDays)).toBe(30);
        expect(await valueOf(c.renewAfter)).toBe("2026-05-01T10:00:00Z");
        expect(await valueOf(c.issuer)).toBe("CN=ACME Intermediate CA");
        expect(c.serverUrl).toBe(STAGING);
        expect(warn.mock.calls.map((x) => x[0])).toEqual([
            "AcmeCertificate 'cert': using Let's Encrypt staging; browsers do not trust its certificates. Once this works, set server: AcmeServer.LetsEncryptProduction (or another trusted CA).",
        ]);
    });

    it("keys account key, provider and registration by server: staging → production makes new ones", async () => {
        await make({ server: AcmeServer.LetsEncryptStaging });
        const staging = [TOKENS.tlsPrivateKey, TOKENS.acmeProvider, TOKENS.acmeRegistration]
            .map((t) => ofType(t).map((r) => r.name))
            .flat();
        await resetMocks();
        warn.mockClear();
        const { opts } = await make({ server: "LetsEncryptProduction" });
        const production = [TOKENS.tlsPrivateKey, TOKENS.acmeProvider, TOKENS.acmeRegistration]
            .map((t) => ofType(t).map((r) => r.name))
            .flat();
        expect(staging).toEqual([
            "cert-account-key-letsencrypt-staging",
            "cert-acme-letsencrypt-staging",
            "cert-registration-letsencrypt-staging",
        ]);
        expect(production).toEqual([
            "cert-account-key-letsencrypt",
            "cert-acme-letsencrypt",
            "cert-registration-letsencrypt",
        ]);
        expect(named(TOKENS.acmeProvider, "cert-acme-letsencrypt").inputs.serverUrl).toBe(PRODUCTION);
        expect(await valueOf((opts.get("cert-certificate")!.provider as acme.Provider).serverUrl)).toBe(PRODUCTION);
        expect(warn).not.toHaveBeenCalled();
        // The certificate keeps its logical name across the switch, for the same names.
        expect(named(TOKENS.acmeCert, "cert-certificate").inputs.subjectAlternativeNames).toEqual([
            "app.example.com",
            "www.example.com",
        ]);
    });

    it("names a custom directory by a hash of its URL", async () => {
        const { c } = await make({ server: "https://ca.internal.example/acme/directory" });
        expect(c.serverUrl).toBe("https://ca.internal.example/acme/directory");
        expect(ofType(TOKENS.acmeRegistration).map((r) => r.name)).toEqual([
            expect.stringMatching(/^cert-registration-acme-[0-9a-f]{8}$/),
        ]);
        expect(ofType(TOKENS.acmeProvider)[0].inputs.serverUrl).toBe("https://ca.internal.example/acme/directory");
    });

    it.each([
        [AcmeKeyType.P256, "P256", "EC_prime256v1"],
        [AcmeKeyType.P384, "P384", "EC_secp384r1"],
        [AcmeKeyType.RSA2048, "2048", "RSA_2048"],
        [AcmeKeyType.RSA4096, "4096", "RSA_4096"],
    ])(
        "maps key type %s to the provider's %s and replaces the ACM import on change (%s)",
        async (keyType, provider, acm) => {
            const { opts } = await make({ keyType });
            expect(named(TOKENS.acmeCert, "cert-certificate").inputs.keyType).toBe(provider);
            expect(opts.get("cert-import")!.replacementTrigger).toBe(acm);
        },
    );

    it.each([
        [
            "8192",
            "keyType",
            "`keyType` '8192' is RSA 8192, which ACM import rejects (RSA keys larger than 4096 bits): use AcmeKeyType.RSA4096 (or P256/P384, smaller and faster)",
        ],
        [
            "3072",
            "keyType",
            "`keyType` '3072' is RSA 3072, which the ACME provider does not offer (it offers P256, P384, 2048, 4096 and 8192): use AcmeKeyType.RSA2048 or AcmeKeyType.RSA4096",
        ],
        [
            "P224",
            "keyType",
            "`keyType` 'P224' is not a key type: use one of AcmeKeyType.P256 (default), P384, RSA2048, RSA4096",
        ],
    ])("refuses key type %s", (keyType, propertyPath, reason) => {
        expect(
            () =>
                new AcmeCertificate("bad", {
                    hostnames: ["a.example.com"],
                    zoneId: "Z1",
                    keyType: keyType as AcmeKeyType,
                }),
        ).toThrow(
            expect.objectContaining({
                errors: [{ propertyPath, reason }],
                message: `AcmeCertificate 'bad' has 1 input problem:\n  - ${reason}`,
            }),
        );
        expect(ofType(TOKENS.acmeCert)).toEqual([]);
    });

    it("lists every bad input in one InputPropertiesError, before registering itself", () => {
        const registered = jest.spyOn(pulumi.ComponentResource.prototype as any, "registerOutputs");
        const error = inputError(
            () =>
                new AcmeCertificate("bad", {
                    hostnames: ["App.Example.com", "a.example.com", "app.example.com", "192.0.2.10"],
                    zoneId: "Z1",
                    server: "http://ca.example/directory",
                    minDaysRemaining: -1,
                    dnsChallenge: { zoneIds: { "typo.example.com": "Z2" } },
                }),
        );
        expect(error.message).toBe(
            [
                "AcmeCertificate 'bad' has 5 input problems:",
                "  - `hostnames[3]` '192.0.2.10' is an IP address: this component proves control by DNS-01 only, which cannot validate IP addresses (RFC 8738 §7); certify a DNS name instead",
                "  - `hostnames[2]` 'app.example.com' repeats `hostnames[0]`: list each name once",
                "  - `server` 'http://ca.example/directory' uses http: ACME runs over HTTPS only (RFC 8555 §6.1); use the CA's https directory URL",
                "  - `minDaysRemaining` '-1' is not a whole number of days of at least 1: below 1 the certificate is renewed only after it expires, or never; use e.g. 30, or leave it out to renew at a third of the certificate's lifetime",
                "  - `dnsChallenge.zoneIds` 'typo.example.com' is not among `hostnames`: give zone ids only for names this certificate covers",
            ].join("\n"),
        );
        expect(error.errors.map((e) => e.propertyPath)).toEqual([
            "hostnames[3]",
            "hostnames[2]",
            "server",
            "minDaysRemaining",
            "dnsChallenge.zoneIds",
        ]);
        // Nothing was registered: the checks run before super().
        expect(ofType(TOKENS.acmeCertificate)).toEqual([]);
        expect(ofType(TOKENS.tlsPrivateKey)).toEqual([]);
        expect(registered).not.toHaveBeenCalled();
        registered.mockRestore();
    });

    it.each<[string, Record<string, unknown>, [string, string][]]>([
        [
            "hostnames not a list",
            { hostnames: "app.example.com" },
            [["hostnames", "`hostnames` 'app.example.com' is a string, not a list: write ['app.example.com']"]],
        ],
        [
            "a hostname that is a number",
            { hostnames: [42] },
            [["hostnames[0]", "`hostnames[0]` is a number, not a string: give a DNS name such as 'app.example.com'"]],
        ],
        [
            "an IP address",
            { hostnames: ["2001:db8::1"] },
            [
                [
                    "hostnames[0]",
                    "`hostnames[0]` '2001:db8::1' is an IP address: this component proves control by DNS-01 only, which cannot validate IP addresses (RFC 8738 §7); certify a DNS name instead",
                ],
            ],
        ],
        [
            "email a number",
            { email: 7 },
            [["email", "`email` is a number, not a string: give a mailbox such as 'ops@yourdomain.com'"]],
        ],
        [
            "eab not an object",
            { server: "ZeroSsl", externalAccountBinding: "kid" },
            [
                [
                    "externalAccountBinding",
                    "`externalAccountBinding` is a string, not an object: give { keyId, hmacBase64 } as the CA shows them",
                ],
            ],
        ],
        [
            "server a number",
            { server: 1 },
            [
                [
                    "server",
                    "`server` is a number, not a string: give an AcmeServer value (e.g. AcmeServer.LetsEncryptProduction) or the CA's https directory URL",
                ],
            ],
        ],
        [
            "keyType unknown",
            { keyType: "RSA1024" },
            [
                [
                    "keyType",
                    "`keyType` 'RSA1024' is not a key type: use one of AcmeKeyType.P256 (default), P384, RSA2048, RSA4096",
                ],
            ],
        ],
        [
            "zoneIds not an object",
            { zoneId: undefined, dnsChallenge: { zoneIds: "Z1" } },
            [
                [
                    "dnsChallenge.zoneIds",
                    "`dnsChallenge.zoneIds` is a string, not an object: give { 'host.example.com': zoneId }",
                ],
                [
                    "zoneId",
                    "`zoneId` is missing: no Route 53 hosted zone for a.example.com; set `zoneId` (or `dnsChallenge.zoneIds`), or answer DNS-01 at another provider with `dnsChallenge.provider`",
                ],
            ],
        ],
    ])("names the property of %s (never a TypeError)", (_, args, expected) => {
        const error = inputError(
            () =>
                new AcmeCertificate("bad", {
                    hostnames: ["a.example.com"],
                    zoneId: "Z1",
                    ...args,
                } as unknown as AcmeCertificateArgs),
        );
        expect(error.errors.map((e) => [e.propertyPath, e.reason])).toEqual(expected);
        expect(ofType(TOKENS.acmeCertificate)).toEqual([]);
    });

    it("normalises names as every component does (case, one trailing dot)", async () => {
        await make({
            hostnames: ["App.Example.com.", "*.Example.com"],
            dnsChallenge: { zoneIds: { "APP.example.com": "ZAPP" } },
        });
        const cert = named(TOKENS.acmeCert, "cert-certificate");
        expect(cert.inputs.subjectAlternativeNames).toEqual(["app.example.com", "*.example.com"]);
        // The zone given for 'APP.example.com' is the zone of 'app.example.com'; '*.example.com' takes zoneId.
        expect(info.mock.calls.map((x) => x[0])).toEqual([
            "AcmeCertificate 'cert': the names span 2 hosted zones; the DNS-01 solver finds each name's public zone itself.",
        ]);
    });

    it("refuses a renewal threshold that would renew short-lived certificates on every run", async () => {
        expect(
            () =>
                new AcmeCertificate("s", {
                    hostnames: ["a.example.com"],
                    zoneId: "Z1",
                    profile: "shortlived",
                    minDaysRemaining: 30,
                }),
        ).toThrow(
            "  - `minDaysRemaining` '30' renews on every run with the 'shortlived' profile, whose certificates are valid for about 6 days, and soon hits the CA's duplicate-certificate limit (5 per week): set `minDaysRemaining` to 3 and run `pulumi up` at least daily",
        );
        await make({ profile: "shortlived", minDaysRemaining: 3 });
        expect(named(TOKENS.acmeCert, "cert-certificate").inputs).toMatchObject({
            profile: "shortlived",
            minDaysRemaining: 3,
        });
    });

    it("requires external account binding for CAs that need it, and keeps the HMAC secret", async () => {
        expect(
            () => new AcmeCertificate("z", { hostnames: ["a.example.com"], zoneId: "Z1", server: AcmeServer.ZeroSsl }),
        ).toThrow(
            "  - `externalAccountBinding` is missing: ZeroSSL requires external account binding; create EAB credentials in your ZeroSSL account and pass them as `externalAccountBinding` { keyId, hmacBase64 } (the HMAC key as a secret)",
        );
        await make({
            server: AcmeServer.ZeroSsl,
            email: "ops@example.com",
            externalAccountBinding: { keyId: "kid-1", hmacBase64: "c2VjcmV0LWhtYWM" },
        });
        const reg = named(TOKENS.acmeRegistration, "cert-registration-zerossl");
        expect(reg.inputs.emailAddress).toBe("ops@example.com");
        // The HMAC's secrecy covers the whole binding object.
        expect(unwrap(reg.inputs.externalAccountBinding)).toEqual({
            secret: true,
            value: { keyId: "kid-1", hmacBase64: "c2VjcmV0LWhtYWM" },
        });
        expect(named(TOKENS.acmeProvider, "cert-acme-zerossl").inputs.serverUrl).toBe(
            "https://acme.zerossl.com/v2/DV90",
        );
    });
    it("marks the account key and certificate key as secret outputs", async () => {
        const { opts } = await make();
        expect(opts.get("cert-account-key-letsencrypt-staging")!.additionalSecretOutputs).toEqual(
            expect.arrayContaining(["privateKeyPem"]),
        );
        expect(opts.get("cert-registration-letsencrypt-staging")!.additionalSecretOutputs).toEqual(["accountKeyPem"]);
        expect(opts.get("cert-certificate")!.additionalSecretOutputs).toEqual(
            expect.arrayContaining(["accountKeyPem", "privateKeyPem", "certificateP12"]),
        );
        expect(opts.get("cert-import")!.additionalSecretOutputs).toEqual(expect.arrayContaining(["privateKey"]));
    });

    it("passes DNS-01 settings, revocation, chain and profile through", async () => {
        await make({
            hostnames: ["example.com", "*.example.com", "app.example.org"],
            zoneId: "ZCOM",
            revokeOnDestroy: true,
            minDaysRemaining: 20,
            preferredChain: "ISRG Root X1",
            profile: "tlsserver",
            tags: { env: "prod" },
            dnsChallenge: {
                region: "eu-west-1",
                zoneIds: { "app.example.org": pulumi.output("/hostedzone/ZORG") },
                preCheckDelaySeconds: 10,
                recursiveNameservers: ["1.1.1.1:53"],
                propagationTimeoutSeconds: 300,
                pollingIntervalSeconds: 10,
                profile: "dns",
                assumeRoleArn: "arn:aws:iam::111111111111:role/dns",
            },
        });
        const cert = named(TOKENS.acmeCert, "cert-certificate");
        expect(cert.inputs).toMatchObject({
            subjectAlternativeNames: ["example.com", "*.example.com", "app.example.org"],
            minDaysRemaining: 20,
            revokeCertificateOnDestroy: true,
            preferredChain: "ISRG Root X1",
            profile: "tlsserver",
            preCheckDelay: 10,
            recursiveNameservers: ["1.1.1.1:53"],
        });
        // Two zones: not pinned to one (the solver would put every record there).
        expect(cert.inputs.dnsChallenges).toEqual([
            {
                provider: "route53",
                config: {
                    AWS_REGION: "eu-west-1",
                    AWS_PROPAGATION_TIMEOUT: "300",
                    AWS_POLLING_INTERVAL: "10",
                    AWS_PROFILE: "dns",
                    AWS_ASSUME_ROLE_ARN: "arn:aws:iam::111111111111:role/dns",
                },
            },
        ]);
        expect(calls.map((x) => x.token)).not.toContain("aws:index/getRegion:getRegion");
        expect(info.mock.calls.map((x) => x[0])).toEqual([
            "AcmeCertificate 'cert': the names span 2 hosted zones; the DNS-01 solver finds each name's public zone itself.",
        ]);
        expect(named(TOKENS.acmCert, "cert-import").inputs.tags).toEqual({ env: "prod" });
    });

    it("pins the zone when every name maps to the same one", async () => {
        await make({
            hostnames: ["a.example.com", "b.example.com"],
            zoneId: "ZX",
            dnsChallenge: { zoneIds: { "b.example.com": "/hostedzone/ZX" } },
        });
        expect(named(TOKENS.acmeCert, "cert-certificate").inputs.dnsChallenges[0].config).toEqual({
            AWS_REGION: "us-east-1",
            AWS_HOSTED_ZONE_ID: "ZX",
        });
    });
});
