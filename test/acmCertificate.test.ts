import { named, ofType, resetMocks, valueOf, mockValidationRecord } from "./helpers/mocks";
import * as pulumi from "@pulumi/pulumi";
import { AcmCertificate, AcmKeyAlgorithm } from "../components/acmCertificate";

beforeEach(resetMocks);

const CERT = "aws:acm/certificate:Certificate";
const RECORD = "aws:route53/record:Record";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";

describe("AcmCertificate", () => {
    it("requests one DNS-validated certificate for every name", async () => {
        const c = new AcmCertificate("web", { hostnames: ["example.com", "*.example.com", "WWW.example.com."], zoneId: "Z1" });
        await valueOf(c.certificateArn);
        const cert = named(CERT, "web");
        expect(cert.inputs).toMatchObject({
            domainName: "example.com",
            subjectAlternativeNames: ["*.example.com", "www.example.com"],
            validationMethod: "DNS",
            keyAlgorithm: "RSA_2048",
        });
        expect(cert.typeChain).toEqual(["aws-https-domain:index:AcmCertificate", CERT]);
    });

    it("creates one validation record per distinct validation name, keyed by that name", async () => {
        const c = new AcmCertificate("web", { hostnames: ["example.com", "*.example.com", "www.example.com"], zoneId: "Z1" });
        await valueOf(c.certificateArn);
        const records = ofType(RECORD);
        expect(records.map((r) => r.name).sort()).toEqual(["web-validation-example.com", "web-validation-www.example.com"]);
        const apex = named(RECORD, "web-validation-example.com");
        const expected = mockValidationRecord("example.com");
        expect(apex.inputs).toEqual({
            zoneId: "Z1",
            name: expected.resourceRecordName,
            type: "CNAME",
            records: [expected.resourceRecordValue],
            ttl: 300,
            allowOverwrite: true,
        });
        expect(apex.typeChain).toEqual(["aws-https-domain:index:AcmCertificate", RECORD]);
    });

    it("exposes the ARN of the CertificateValidation, which waits for the records", async () => {
        const c = new AcmCertificate("web", { hostnames: ["app.example.com"], zoneId: "Z1", keyAlgorithm: AcmKeyAlgorithm.EC_prime256v1 });
        const arn = await valueOf(c.certificateArn);
        const validation = named(VALIDATION, "web-validation");
        expect(validation.inputs.certificateArn).toBe(arn);
        expect(validation.inputs.validationRecordFqdns).toEqual([mockValidationRecord("app.example.com").resourceRecordName.replace(/\.$/, "")]);
        expect(named(CERT, "web").inputs.keyAlgorithm).toBe("EC_prime256v1");
        expect(await valueOf(c.notAfter)).toBe("2027-03-01T00:00:00Z");
    });

    it("leaves existing records untouched when a name is added", async () => {
        await valueOf(new AcmCertificate("web", { hostnames: ["app.example.com", "*.app.example.com"], zoneId: "Z1" }).certificateArn);
        const before = ofType(RECORD).map((r) => ({ name: r.name, inputs: r.inputs }));
        await resetMocks();
        await valueOf(new AcmCertificate("web", { hostnames: ["app.example.com", "*.app.example.com", "api.example.com"], zoneId: "Z1" }).certificateArn);
        const after = ofType(RECORD).map((r) => ({ name: r.name, inputs: r.inputs }));
        expect(after).toEqual(expect.arrayContaining(before));
        expect(after.map((r) => r.name).sort()).toEqual(["web-validation-api.example.com", "web-validation-app.example.com"]);
    });

    it("reports every bad input at once", () => {
        let error: unknown;
        try {
            new AcmCertificate("bad", {
                hostnames: ["a..example.com", "ok.example.com", "OK.example.com"],
                zoneId: "Z1",
                keyAlgorithm: "RSA_4096" as AcmKeyAlgorithm,
                validationRecordTtl: 0,
            });
        } catch (e) {
            error = e;
        }
        expect(pulumi.InputPropertiesError.isInstance(error)).toBe(true);
        expect((error as pulumi.InputPropertiesError).errors).toEqual([
            { propertyPath: "hostnames[0]", reason: "`hostnames[0]` 'a..example.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot" },
            { propertyPath: "hostnames[2]", reason: "`hostnames[2]` 'OK.example.com' repeats `hostnames[1]`: list each name once" },
            { propertyPath: "keyAlgorithm", reason: "`keyAlgorithm` 'RSA_4096' is not a key algorithm ACM issues: use one of RSA_2048, EC_prime256v1, EC_secp384r1" },
            { propertyPath: "validationRecordTtl", reason: "`validationRecordTtl` '0' must be a whole number of seconds, at least 1 and at most 2147483647" },
        ]);
        expect((error as Error).message).toBe(
            "AcmCertificate 'bad' has 4 input problems:\n" +
                "  - `hostnames[0]` 'a..example.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot\n" +
                "  - `hostnames[2]` 'OK.example.com' repeats `hostnames[1]`: list each name once\n" +
                "  - `keyAlgorithm` 'RSA_4096' is not a key algorithm ACM issues: use one of RSA_2048, EC_prime256v1, EC_secp384r1\n" +
                "  - `validationRecordTtl` '0' must be a whole number of seconds, at least 1 and at most 2147483647",
        );
        expect(ofType(CERT)).toEqual([]);
    });
});
