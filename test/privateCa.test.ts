/**
 * Private certificates from AWS Private CA and ACM request options, under mocks through the conformance layer.
 *
 * Sources: hashicorp/terraform-provider-aws internal/service/acm/certificate.go (certificate_authority_arn
 * ConflictsWith validation_method; options.certificate_transparency_logging_preference and options.export enums),
 * internal/service/acm/certificate_validation.go (a certificate that is not AMAZON_ISSUED is refused: "has type
 * %s, no validation necessary"); ACM User Guide "Requesting a private PKI certificate" (no validation for
 * private certificates; RSA 2048, P-256, P-384; valid 395 days, renewed after 11 months) and "Conditions for
 * using AWS Private CA to sign ACM private certificates" (same account: CreatePermission for acm.amazonaws.com;
 * another account: a resource-based policy on the CA).
 */
import * as pulumi from "@pulumi/pulumi";
import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { AcmCertificate, AcmKeyAlgorithm } from "../components/acmCertificate";
import { CustomDomain } from "../components/customDomain";
import { checkPrivateCaPlace } from "../components/internal/rules/acmOptions";
import { plan, snapshot } from "./helpers/updates";

const CA = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012";
const SHARED_CA = "arn:aws:acm-pca:us-east-1:210987654321:certificate-authority/12345678-1234-1234-1234-123456789012";

let info: jest.SpyInstance;
beforeEach(async () => {
    await resetMocks();
    info = jest.spyOn(pulumi.log, "info").mockImplementation(async () => undefined);
});
afterEach(() => info.mockRestore());

describe("AcmCertificate with a private CA", () => {
    it("requests from the CA without validation method, records or CertificateValidation", async () => {
        const c = new AcmCertificate("internal", {
            hostnames: ["app.corp.internal", "api.corp.internal"],
            certificateAuthorityArn: CA,
            keyAlgorithm: AcmKeyAlgorithm.EC_prime256v1,
        });
        const arn = await valueOf(c.certificateArn);
        await settle();
        expect(named(TOKENS.acmCert, "internal").inputs).toEqual({
            domainName: "app.corp.internal",
            subjectAlternativeNames: ["api.corp.internal"],
            certificateAuthorityArn: CA,
            keyAlgorithm: "EC_prime256v1",
        });
        expect(arn).toBe(await valueOf(c.certificate.arn));
        expect([...ofType(TOKENS.record), ...ofType(TOKENS.acmValidation)]).toEqual([]);
        expect(await valueOf(c.requiredDnsRecords)).toEqual([]);
        expect(info.mock.calls.map((x) => x[0])).toEqual([
            "AcmCertificate 'internal': for ACM to renew this private certificate, the CA must grant acm.amazonaws.com IssueCertificate, GetCertificate and ListPermissions (aws.acmpca.Permission).",
        ]);
    });

    it("says a CA of another account must share itself", async () => {
        const c = new AcmCertificate("internal", {
            hostnames: ["app.corp.internal"],
            certificateAuthorityArn: SHARED_CA,
        });
        await valueOf(c.certificateArn);
        expect(info.mock.calls.map((x) => x[0])).toEqual([
            "AcmCertificate 'internal': the private CA is in account 210987654321; it must share itself with this account by a resource policy (PutPolicy or AWS RAM) for issuance and renewal.",
        ]);
    });

    it("refuses a CA in another region with the reason", () => {
        expect(() =>
            checkPrivateCaPlace(CA.replace("us-east-1", "eu-west-1"), "us-east-1", "certificateAuthorityArn"),
        ).toThrow(
            "`certificateAuthorityArn` 'arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012' is in region 'eu-west-1' but the certificate is requested in 'us-east-1': ACM requests private certificates from a CA in its own region (and an ALB uses certificates from its own region); create or use a CA in 'us-east-1'",
        );
        expect(checkPrivateCaPlace(CA, "us-east-1", "x")).toEqual({ region: "us-east-1", account: "123456789012" });
    });

    it.each<[string, Record<string, unknown>, [string, string][]]>([
        [
            "not a private CA ARN",
            { certificateAuthorityArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
            [
                [
                    "certificateAuthorityArn",
                    "`certificateAuthorityArn` 'arn:aws:acm:us-east-1:123456789012:certificate/abc' is not an AWS Private CA ARN: expected 'arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>'",
                ],
            ],
        ],
        [
            "options not booleans",
            { certificateTransparencyLogging: "off", exportable: 1 },
            [
                [
                    "certificateTransparencyLogging",
                    "`certificateTransparencyLogging` is a string, not true or false: give true or false",
                ],
                ["exportable", "`exportable` is a number, not true or false: give true or false"],
            ],
        ],
    ])("refuses %s", (_label, extra, expected) => {
        expect(
            inputProblems(() => new AcmCertificate("c", { hostnames: ["a.example.com"], zoneId: "Z1", ...extra })),
        ).toEqual(expected);
    });

    it("needs no hosted zone for a private certificate", () => {
        expect(
            () => new AcmCertificate("c", { hostnames: ["a.corp.internal"], certificateAuthorityArn: CA }),
        ).not.toThrow();
    });
});

describe("ACM request options", () => {
    it.each([
        [{}, undefined],
        [{ certificateTransparencyLogging: false }, { certificateTransparencyLoggingPreference: "DISABLED" }],
        [
            { certificateTransparencyLogging: true, exportable: true },
            { certificateTransparencyLoggingPreference: "ENABLED", export: "ENABLED" },
        ],
        [{ exportable: false }, { export: "DISABLED" }],
    ])("%j → options %j", async (extra, options) => {
        const c = new AcmCertificate("c", { hostnames: ["a.example.com"], zoneId: "Z1", ...extra });
        await valueOf(c.certificateArn);
        expect(named(TOKENS.acmCert, "c").inputs.options).toEqual(options);
    });
});

describe("CustomDomain with certificate.acm.certificateAuthorityArn", () => {
    it("creates no validation records, and checks the options under certificate.acm", async () => {
        const site = new CustomDomain("corp", {
            ...CUSTOM_DOMAIN_BASE,
            certificate: { acm: { certificateAuthorityArn: CA } },
        });
        await valueOf(site.certificateArn);
        await settle();
        expect(ofType(TOKENS.record).map((r) => r.inputs.type)).toEqual(["A"]);
        expect(named(TOKENS.acmCert, "corp-certificate").inputs.certificateAuthorityArn).toBe(CA);
        expect(
            inputProblems(
                () =>
                    new CustomDomain("corp", {
                        ...CUSTOM_DOMAIN_BASE,
                        certificate: { acm: { certificateAuthorityArn: "ca" } },
                    }),
            ),
        ).toEqual([
            [
                "certificate.acm.certificateAuthorityArn",
                "`certificate.acm.certificateAuthorityArn` 'ca' is not an AWS Private CA ARN: expected 'arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>'",
            ],
        ]);
    });
});

describe("what moving to a private CA does", () => {
    it("keeps the certificate's URN with new inputs (a provider ForceNew: replaced), drops the validation", async () => {
        const run = async (acm: Record<string, unknown>) => {
            await resetMocks();
            const site = new CustomDomain("corp", { ...CUSTOM_DOMAIN_BASE, certificate: { acm } });
            await valueOf(site.certificateArn);
            await settle();
            return snapshot();
        };
        const before = await run({});
        const after = await run({ certificateAuthorityArn: CA });
        const p = plan(before, after);
        const certUrn = (urns: string[]) => urns.filter((u) => u.endsWith(`$${TOKENS.acmCert}::corp-certificate`));
        expect(certUrn(p.changed)).toHaveLength(1);
        expect(p.deleted.filter((u) => u.includes(TOKENS.acmValidation) || u.includes("-validation-"))).toHaveLength(2);
        expect([...p.collisions, ...p.deletesStillNeeded]).toEqual([]);
    });
});
