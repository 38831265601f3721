import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as library from "../components";

/**
 * Multi-language readiness: Pulumi's schema generator (the analyzer a
 * component provider runs, here without the CLI) must read every public
 * component and its documented inputs from `components/`.
 */
describe("Pulumi package schema", () => {
    const root = path.join(__dirname, "..");
    let schema: any;

    beforeAll(async () => {
        // A package directory whose entry point is the library barrel's source.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-https-domain-schema-"));
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({
                name: pkg.name,
                version: pkg.version,
                description: pkg.description,
                main: path.join(root, "components/index.js"),
            }),
        );
        fs.writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({
                extends: path.join(root, "tsconfig.json"),
                include: [path.join(root, "components/**/*.ts")],
            }),
        );
        const components = getPulumiComponents(library);
        const provider = new ComponentProvider({ name: "aws-https-domain", dirname: dir, components });
        schema = JSON.parse(await provider.getSchema());
        fs.rmSync(dir, { recursive: true, force: true });
    }, 60000);

    it.each([
        "CustomDomain",
        "HttpsLoadBalancer",
        "AcmCertificate",
        "AcmeCertificate",
        "ImportedCertificate",
        "DnsRecords",
        "ListenerAttachment",
    ])("has component %s with a description", (name) => {
        const resource = schema.resources[`aws-https-domain:index:${name}`];
        expect(resource).toBeDefined();
        expect(resource.isComponent).toBe(true);
        expect(resource.description).toMatch(/\w+/);
    });

    it("documents every CustomDomain input, marking the required ones", () => {
        const cd = schema.resources["aws-https-domain:index:CustomDomain"];
        const expected = [
            "hostname",
            "alternativeNames",
            "zoneId",
            "zoneName",
            "zones",
            "manageDns",
            "privateZone",
            "validationZoneId",
            "validationZoneName",
            "scheme",
            "caa",
            "certificate",
            "vpcId",
            "subnetIds",
            "target",
            "routes",
            "httpsRedirect",
            "sslPolicy",
            "tlsProfile",
            "allowLegacyTls",
            "hsts",
            "securityHeaders",
            "maxRulesPerLoadBalancer",
            "ipAddressType",
            "allowedCidrs",
            "allowedPrefixListIds",
            "allowedSecurityGroupIds",
            "targetSecurityGroupIds",
            "originSecret",
            "maxNamesPerCertificate",
            "httpPort",
            "httpsPort",
            "loadBalancerName",
            "deletionProtection",
            "idleTimeoutSeconds",
            "desyncMitigationMode",
            "http2",
            "xffHeaderProcessingMode",
            "xffClientPort",
            "preserveHostHeader",
            "clientKeepAliveSeconds",
            "tlsHeadersToTargets",
            "redirects",
            "waf",
            "mutualAuthentication",
            "authenticate",
            "accessLogs",
            "connectionLogs",
            "existingLoadBalancer",
            "maxCertificatesPerLoadBalancer",
            "tags",
        ];
        expect(Object.keys(cd.inputProperties).sort()).toEqual([...expected].sort());
        for (const key of expected)
            expect({ key, description: cd.inputProperties[key].description ?? "" }).toEqual({
                key,
                description: expect.stringMatching(/\w/),
            });
        expect(cd.requiredInputs.sort()).toEqual(["certificate", "hostname", "vpcId"]);
    });

    it("has every CustomDomain input and output in the README's tables", () => {
        const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("### CustomDomain"), readme.indexOf("### HttpsLoadBalancer"));
        const cd = schema.resources["aws-https-domain:index:CustomDomain"];
        const documented = (key: string) => new RegExp(`^\\| [^|]*\`${key}\``, "m").test(section);
        expect(Object.keys(cd.inputProperties).filter((k) => !documented(k))).toEqual([]);
        expect(Object.keys(cd.properties).filter((k) => !documented(k))).toEqual([]);
    });

    it("exposes the documented outputs", () => {
        const cd = schema.resources["aws-https-domain:index:CustomDomain"];
        for (const key of [
            "url",
            "loadBalancer",
            "httpsListener",
            "httpListener",
            "certificateArn",
            "certificateArns",
            "certificateNotAfter",
            "records",
            "requiredDnsRecords",
        ]) {
            expect(cd.properties[key]).toBeDefined();
        }
    });

    it("types nested args and enums", () => {
        expect(Object.keys(schema.types["aws-https-domain:index:CertificateSourceArgs"].properties).sort()).toEqual([
            "acm",
            "acme",
            "arn",
            "pem",
        ]);
        expect(schema.types["aws-https-domain:index:PemCertificateOptions"].properties.privateKey.description).toMatch(
            /\w/,
        );
        expect(schema.types["aws-https-domain:index:AcmeKeyType"].enum.map((e: { value: string }) => e.value)).toEqual([
            "P256",
            "P384",
            "2048",
            "4096",
        ]);
        expect(schema.types["aws-https-domain:index:TargetArgs"].properties.port.description).toMatch(/Defaults to 80/);
        expect(
            schema.types["aws-https-domain:index:AcmKeyAlgorithm"].enum.map((e: { value: string }) => e.value),
        ).toEqual(["RSA_2048", "EC_prime256v1", "EC_secp384r1"]);
    });
});
