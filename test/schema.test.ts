import * as fs from "node:fs";
import * as path from "node:path";
import { generateSchema, ROOT, SCHEMA_FILE, SCHEMA_UPDATE_COMMAND, schemaDifferences } from "./helpers/schema";

/**
 * Multi-language readiness: Pulumi's schema generator (the analyzer a
 * component provider runs, here without the CLI) must read every public
 * component and its documented inputs from `components/`, and the committed
 * schema (what Python, Go, C#, Java and YAML programs are generated from)
 * must be exactly what the sources give.
 */
describe("Pulumi package schema", () => {
    const root = ROOT;
    let schema: any;

    beforeAll(async () => {
        schema = await generateSchema();
    }, 60000);

    it("is committed as components/schema.json, unchanged", () => {
        const committed = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
        const changes = schemaDifferences(committed, schema);
        if (changes.length > 0)
            throw new Error(
                `${path.relative(root, SCHEMA_FILE)} is out of date (the package's API in every language changed):\n  ${changes.join("\n  ")}\n` +
                    `Run \`${SCHEMA_UPDATE_COMMAND}\`, review the diff and add a CHANGELOG line for it.`,
            );
        expect(committed).toEqual(schema);
    });

    it("is named and versioned like the npm package", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        expect({ name: schema.name, version: schema.version, description: schema.description }).toEqual({
            name: pkg.name,
            version: pkg.version,
            description: pkg.description,
        });
    });

    it("describes every component and every property of every component and type", () => {
        const missing: string[] = [];
        for (const [token, resource] of Object.entries<any>(schema.resources)) {
            if (!/\w/.test(resource.description ?? "")) missing.push(token);
            for (const section of ["inputProperties", "properties"])
                for (const [key, prop] of Object.entries<any>(resource[section] ?? {}))
                    if (!/\w/.test(prop.description ?? "")) missing.push(`${token}.${section}.${key}`);
        }
        for (const [token, type] of Object.entries<any>(schema.types)) {
            for (const [key, prop] of Object.entries<any>(type.properties ?? {}))
                if (!/\w/.test(prop.description ?? "")) missing.push(`${token}.${key}`);
            for (const member of type.enum ?? [])
                if (!/\w/.test(member.description ?? "")) missing.push(`${token}.${member.name}`);
        }
        expect(missing).toEqual([]);
    });

    it("types resource outputs as the AWS provider's resources", () => {
        const aws = JSON.parse(fs.readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")).version;
        const cd = schema.resources["aws-https-domain:index:CustomDomain"].properties;
        expect(cd.loadBalancer.$ref).toBe(`/aws/v${aws}/schema.json#/resources/aws:lb%2FloadBalancer:LoadBalancer`);
        expect(cd.records.items.$ref).toBe(`/aws/v${aws}/schema.json#/resources/aws:route53%2Frecord:Record`);
        expect(schema.dependencies).toEqual([{ name: "aws", version: aws }]);
    });

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
            "maxNamesPerCertificate",
            "httpPort",
            "httpsPort",
            "loadBalancerName",
            "deletionProtection",
            "idleTimeoutSeconds",
            "accessLogs",
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
