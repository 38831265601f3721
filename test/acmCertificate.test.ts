import { named, ofType, resetMocks, valueOf, mockValidationRecord } from "./helpers/mocks";
import { inputError, TOKENS } from "./helpers/components";
import { AcmCertificate, AcmKeyAlgorithm } from "../components/acmCertificate";

beforeEach(resetMocks);

describe("AcmCertificate", () => {
    it("requests one DNS-validated certificate for every name", async () => {
        const c = new AcmCertificate("web", {
            hostnames: ["example.com", "*.example.com", "WWW.example.com."],
            zoneId: "Z1",
        });
        await valueOf(c.certificateArn);
        const cert = named(TOKENS.acmCert, "web");
        expect(cert.inputs).toMatchObject({
            domainName: "example.com",
            subjectAlternativeNames: ["*.example.com", "www.example.com"],
            validationMethod: "DNS",
            keyAlgorithm: "RSA_2048",
        });
        expect(cert.typeChain).toEqual(["aws-https-domain:index:AcmCertificate", TOKENS.acmCert]);
    });

    it("creates one validation record per distinct validation name, keyed by that name", async () => {
        const c = new AcmCertificate("web", {
            hostnames: ["example.com", "*.example.com", "www.example.com"],
            zoneId: "Z1",
        });
        await valueOf(c.certificateArn);
        const records = ofType(TOKENS.record);
        expect(records.map((r) => r.name).sort()).toEqual([
            "web-validation-example.com",
            "web-validation-www.example.com",
        ]);
        const apex = named(TOKENS.record, "web-validation-example.com");
        const expected = mockValidationRecord("example.com");
        expect(apex.inputs).toEqual({
            zoneId: "Z1",
            name: expected.resourceRecordName,
            type: "CNAME",
            records: [expected.resourceRecordValue],
            ttl: 300,
            allowOverwrite: true,
        });
        expect(apex.typeChain).toEqual(["aws-https-domain:index:AcmCertificate", TOKENS.record]);
    });

    it("exposes the ARN of the CertificateValidation, which waits for the records", async () => {
        const c = new AcmCertificate("web", {
            hostnames: ["app.example.com"],
            zoneId: "Z1",
            keyAlgorithm: AcmKeyAlgorithm.EC_prime256v1,
        });
        const arn = await valueOf(c.certificateArn);
        const validation = named(TOKENS.acmValidation, "web-validation");
        expect(validation.inputs.certificateArn).toBe(arn);
        expect(validation.inputs.validationRecordFqdns).toEqual([
            mockValidationRecord("app.example.com").resourceRecordName.replace(/\.$/, ""),
        ]);
        expect(named(TOKENS.acmCert, "web").inputs.keyAlgorithm).toBe("EC_prime256v1");
        expect(await valueOf(c.notAfter)).toBe("2027-03-01T00:00:00Z");
    });

    it("leaves existing records untouched when a name is added", async () => {
        await valueOf(
            new AcmCertificate("web", { hostnames: ["app.example.com", "*.app.example.com"], zoneId: "Z1" })
                .certificateArn,
        );
        const before = ofType(TOKENS.record).map((r) => ({ name: r.name, inputs: r.inputs }));
        await resetMocks();
        await valueOf(
            new AcmCertificate("web", {
                hostnames: ["app.example.com", "*.app.example.com", "api.example.com"],
                zoneId: "Z1",
            }).certificateArn,
        );
        const after = ofType(TOKENS.record).map((r) => ({ name: r.name, inputs: r.inputs }));
        expect(after).toEqual(expect.arrayContaining(before));
        expect(after.map((r) => r.name).sort()).toEqual([
            "web-validation-api.example.com",
            "web-validation-app.example.com",
        ]);
    });

    it("reports every bad input at once", () => {
        const error = inputError(
            () =>
                new AcmCertificate("bad", {
                    hostnames: ["a..example.com", "ok.example.com", "OK.example.com"],
                    zoneId: "Z1",
                    keyAlgorithm: "RSA_4096" as AcmKeyAlgorithm,
                    validationRecordTtl: 0,
                }),
        );
        expect(error.errors).toEqual([
            {
                propertyPath: "hostnames[0]",
                reason: "`hostnames[0]` 'a..example.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot",
            },
            {
                propertyPath: "hostnames[2]",
                reason: "`hostnames[2]` 'OK.example.com' repeats `hostnames[1]`: list each name once",
            },
            {
                propertyPath: "keyAlgorithm",
                reason: "`keyAlgorithm` 'RSA_4096' is not a key algorithm ACM issues: use one of RSA_2048, EC_prime256v1, EC_secp384r1",
            },
            {
                propertyPath: "validationRecordTtl",
                reason: "`validationRecordTtl` '0' must be a whole number of seconds, at least 1 and at most 2147483647",
            },
        ]);
        expect(error.message).toBe(
            "AcmCertificate 'bad' has 4 input problems:\n" +
                "  - `hostnames[0]` 'a..example.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot\n" +
                "  - `hostnames[2]` 'OK.example.com' repeats `hostnames[1]`: list each name once\n" +
                "  - `keyAlgorithm` 'RSA_4096' is not a key algorithm ACM issues: use one of RSA_2048, EC_prime256v1, EC_secp384r1\n" +
                "  - `validationRecordTtl` '0' must be a whole number of seconds, at least 1 and at most 2147483647",
        );
        expect(ofType(TOKENS.acmCert)).toEqual([]);
    });
});
