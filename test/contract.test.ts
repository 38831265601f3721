/**
 * The component contract (CONTRIBUTING.md, "The component contract"), checked for every component:
 * - its type token is `${TYPE_PREFIX}:<ClassName>`;
 * - it validates before it registers: bad args throw one InputPropertiesError and register nothing;
 * - `registerOutputs` receives every public property, and nothing else.
 */
import { resetMocks, resources, settle } from "./helpers/mocks";
import { inputError } from "./helpers/components";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { TYPE_PREFIX } from "../components/defaults";
import {
    AcmCertificate,
    AcmeCertificate,
    CsrCertificate,
    CustomDomain,
    DnsRecords,
    HttpsLoadBalancer,
    ImportedCertificate,
    ListenerAttachment,
} from "../components";
import { mockAcmeIssuance } from "./helpers/acmeMocks";
import { mockTlsProvider } from "./helpers/tlsMocks";
import { CUSTOM_DOMAIN_BASE } from "./helpers/components";
import { type TestCert, type TestPki } from "./helpers/pki";

let pki: TestPki;
let leaf: TestCert;
beforeAll(async () => {
    ({ pki, leaf } = await mockAcmeIssuance());
    mockTlsProvider();
});
beforeEach(resetMocks);

const ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
type Build = (name: string, bad: boolean) => pulumi.ComponentResource;
const components: [string, string, Build][] = [
    [
        "CustomDomain",
        "customDomain.ts",
        (n, bad) => new CustomDomain(n, { ...CUSTOM_DOMAIN_BASE, hostname: bad ? "a..b" : "app.example.com" }),
    ],
    [
        "HttpsLoadBalancer",
        "httpsLoadBalancer.ts",
        (n, bad) =>
            new HttpsLoadBalancer(n, {
                vpcId: "vpc-1",
                subnetIds: bad ? ["s-a"] : ["s-a", "s-b"],
                certificateArn: ARN,
                target: { port: 8080 },
            }),
    ],
    [
        "AcmCertificate",
        "acmCertificate.ts",
        (n, bad) => new AcmCertificate(n, { hostnames: bad ? [] : ["app.example.com"], zoneId: "Z" }),
    ],
    [
        "AcmeCertificate",
        "acmeCertificate.ts",
        (n, bad) =>
            new AcmeCertificate(n, {
                hostnames: bad ? ["192.0.2.1"] : ["app.example.com"],
                dnsChallenge: { zoneIds: { "app.example.com": "Z" } },
            }),
    ],
    [
        "ImportedCertificate",
        "importedCertificate.ts",
        (n, bad) =>
            new ImportedCertificate(
                n,
                bad
                    ? { certificate: "not a certificate", privateKey: "x" }
                    : { certificate: leaf.pem, chain: pki.intermediate.pem, privateKey: leaf.key.pem },
            ),
    ],
    [
        "CsrCertificate",
        "csrCertificate.ts",
        (n, bad) =>
            new CsrCertificate(n, { hostnames: ["app.example.com"], subject: bad ? { country: "Germany" } : {} }),
    ],
    [
        "DnsRecords",
        "dnsRecords.ts",
        (n, bad) =>
            new DnsRecords(n, {
                hostnames: bad ? [] : ["app.example.com"],
                zoneId: "Z",
                aliasDnsName: "lb.example.com",
                aliasZoneId: "ZLB",
            }),
    ],
    [
        "ListenerAttachment",
        "listenerAttachment.ts",
        (n, bad) =>
            new ListenerAttachment(n, {
                listenerArn: "arn:l",
                certificateArns: bad ? {} : { a: ARN },
                hostnames: ["app.example.com"],
                rulePriority: 5,
                target: { port: 8080 },
                vpcId: "vpc-1",
            }),
    ],
];

/** The `public readonly` fields a component's source declares. */
function publicFields(file: string): string[] {
    const source = fs.readFileSync(path.join(__dirname, "..", "components", file), "utf8");
    return [...source.matchAll(/^\s+public readonly (\w+)[?!]?:/gm)].map((m) => m[1]).sort();
}

describe.each(components)("%s", (className, file, build) => {
    it("has the type token from TYPE_PREFIX", async () => {
        build("c", false);
        await settle();
        expect(resources().find((r) => r.name === "c")?.type).toBe(`${TYPE_PREFIX}:${className}`);
    });

    it("validates before registering anything", () => {
        const error = inputError(() => build("bad", true));
        expect(error.message).toMatch(new RegExp(`^${className} 'bad' has \\d+ input problems?:`));
        expect(resources()).toEqual([]);
    });

    it("registers every public property as an output", async () => {
        const spy = jest.spyOn(
            pulumi.ComponentResource.prototype as unknown as { registerOutputs(o: object): void },
            "registerOutputs",
        );
        const component = build("c", false);
        const call = spy.mock.calls.find((_, i) => spy.mock.contexts[i] === component);
        spy.mockRestore();
        await settle();
        expect(Object.keys(call?.[0] ?? {}).sort()).toEqual(publicFields(file));
    });
});
