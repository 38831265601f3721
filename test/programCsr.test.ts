/** The root program with `certificateSource: csr` and expiry-alarm config, under mocks (real key and CSR). */
import { mockTlsProvider } from "./helpers/tlsMocks";
import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as x509 from "@peculiar/x509";
import { useExampleConfig } from "./helpers/program";

describe("root program buying its certificate with a CSR", () => {
    let program: Record<string, pulumi.Output<unknown>>;
    let warn: jest.SpyInstance;
    beforeAll(async () => {
        mockTlsProvider();
        await resetMocks();
        warn = jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
        useExampleConfig({
            certificateSource: "csr",
            csrOrganization: "Example GmbH",
            csrCountry: "DE",
            expiryAlarmEmails: ["ops@corp.dev"],
        });
        program = require("../index");
        await valueOf(program.certificateSigningRequestPem);
        await valueOf(program.expiryTopicArn);
        await settle();
    });
    afterAll(() => warn.mockRestore());

    it("exports the CSR with the configured subject, and a topic with the configured e-mail", async () => {
        const pem = (await valueOf(program.certificateSigningRequestPem)) as string;
        expect(new x509.Pkcs10CertificateRequest(pem).subject).toBe("CN=app.example.com, O=Example GmbH, C=DE");
        expect(
            named("aws:sns/topicSubscription:TopicSubscription", "test-expiry-email-ops@corp.dev").inputs,
        ).toMatchObject({
            protocol: "email",
            endpoint: "ops@corp.dev",
            topic: await valueOf(program.expiryTopicArn),
        });
        expect(ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.threshold)).toEqual([30]);
    });
});
