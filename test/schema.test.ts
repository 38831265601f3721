import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { attributeReferences, camelCase, type PyValue, pythonCalls } from "./helpers/pythonLiterals";
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
        "CsrCertificate",
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
            "expiryAlarm",
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
            "csr",
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

/**
 * The README's Python and Pulumi YAML examples use only what the schema has: every component type, input
 * (Python's `snake_case` mapped back to the schema's names), nested property, enum value and output.
 */
describe("README examples in other languages", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
    const section = readme.slice(
        readme.indexOf("## Using it from other languages"),
        readme.indexOf("## Offline preview"),
    );
    const blocks = (lang: string) =>
        [...section.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
    const PREFIX = `${schema.name}:index:`;

    type Style = "snake" | "camel";
    const nameOf = (key: string, style: Style) => (style === "snake" ? camelCase(key) : key);

    /** Problems of one value against a schema property (`$ref`s resolved in `schema.types`). */
    function check(prop: any, v: PyValue, at: string, style: Style): string[] {
        if (v.kind === "expression") return [];
        const type = prop.$ref ? schema.types[prop.$ref.replace("#/types/", "")] : prop;
        if (!type) return [`${at}: ${prop.$ref} is not in the schema`];
        if (type.enum) {
            const values = type.enum.map((e: { value: unknown }) => e.value);
            return v.kind === "literal" && values.includes(v.value)
                ? []
                : [
                      `${at}: ${JSON.stringify(v.kind === "literal" ? v.value : v.kind)} is not one of ${values.join(", ")}`,
                  ];
        }
        if (type.properties) {
            if (v.kind !== "dict") return [`${at}: expected an object`];
            return [
                ...v.entries.flatMap(([key, inner]) => {
                    const name = nameOf(key, style);
                    return name in type.properties
                        ? check(type.properties[name], inner, `${at}.${name}`, style)
                        : [`${at}.${key}: no such property (have: ${Object.keys(type.properties).join(", ")})`];
                }),
                ...(type.required ?? [])
                    .filter((r: string) => !v.entries.some(([key]) => nameOf(key, style) === r))
                    .map((r: string) => `${at}.${r}: required`),
            ];
        }
        if (type.type === "object" && type.additionalProperties) {
            if (v.kind !== "dict") return [`${at}: expected a map`];
            return v.entries.flatMap(([key, inner]) => check(type.additionalProperties, inner, `${at}.${key}`, style));
        }
        if (type.type === "array") {
            if (v.kind !== "list") return [`${at}: expected a list`];
            return v.items.flatMap((item, i) => check(type.items, item, `${at}[${i}]`, style));
        }
        const js = { string: "string", number: "number", integer: "number", boolean: "boolean" }[type.type as string];
        return v.kind === "literal" && typeof v.value === js ? [] : [`${at}: expected a ${type.type}`];
    }

    /** Problems of one component declaration: its type, inputs (required ones given) and outputs read. */
    function checkResource(token: string, inputs: [string, PyValue][], outputs: string[], style: Style): string[] {
        const resource = schema.resources[token];
        if (!resource) return [`${token}: no such component`];
        const given = inputs.map(([key]) => nameOf(key, style));
        return [
            ...inputs.flatMap(([key, v]) => {
                const name = nameOf(key, style);
                const prop = resource.inputProperties[name];
                return prop ? check(prop, v, `${token}.${name}`, style) : [`${token}.${key}: no such input`];
            }),
            ...resource.requiredInputs
                .filter((r: string) => !given.includes(r))
                .map((r: string) => `${token}.${r}: required`),
            ...outputs
                .filter((o) => !(nameOf(o, style) in resource.properties))
                .map((o) => `${token} has no output ${o}`),
        ];
    }

    function fromYaml(value: unknown): PyValue {
        if (Array.isArray(value)) return { kind: "list", items: value.map(fromYaml) };
        if (typeof value === "object" && value !== null)
            return { kind: "dict", entries: Object.entries(value).map(([k, v]) => [k, fromYaml(v)]) };
        if (typeof value === "string" && value.includes("${")) return { kind: "expression", text: value };
        return { kind: "literal", value: value as string | number | boolean | null };
    }

    it("has a Python, a YAML, a Go and a C# example", () => {
        expect(["python", "yaml", "go", "csharp"].map((lang) => [lang, blocks(lang).length > 0])).toEqual([
            ["python", true],
            ["yaml", true],
            ["go", true],
            ["csharp", true],
        ]);
    });

    it("Python: imports the generated module and uses only the schema's components, inputs, enum values and outputs", () => {
        const module = `pulumi_${schema.name.replace(/-/g, "_")}`;
        const problems: string[] = [];
        const components: string[] = [];
        for (const code of blocks("python")) {
            const alias = new RegExp(`^import ${module} as (\\w+)$`, "m").exec(code)?.[1];
            if (!alias) {
                problems.push(`the example does not \`import ${module} as …\``);
                continue;
            }
            for (const call of pythonCalls(code, `${alias}.`)) {
                const token = `${PREFIX}${call.callee.slice(alias.length + 1)}`;
                components.push(token);
                if (call.positional[0]?.kind !== "literal") problems.push(`${token}: the first argument is its name`);
                const outputs = call.target ? attributeReferences(code, call.target) : [];
                problems.push(...checkResource(token, call.keywords, outputs, "snake"));
            }
        }
        expect(problems).toEqual([]);
        expect(components).toEqual([`${PREFIX}CustomDomain`, `${PREFIX}ImportedCertificate`]);
    });

    it("YAML: uses only the schema's components, properties, enum values and outputs", () => {
        const problems: string[] = [];
        const components: string[] = [];
        for (const code of blocks("yaml")) {
            const program = parseYaml(code) as {
                runtime: string;
                packages: Record<string, string>;
                resources: Record<string, { type: string; properties: Record<string, unknown> }>;
                outputs: Record<string, string>;
            };
            expect({ runtime: program.runtime, packages: Object.keys(program.packages) }).toEqual({
                runtime: "yaml",
                packages: [schema.name],
            });
            for (const [name, resource] of Object.entries(program.resources)) {
                components.push(resource.type);
                const outputs = Object.values(program.outputs)
                    .flatMap((o) => [...o.matchAll(new RegExp(`\\$\\{${name}\\.(\\w+)\\}`, "g"))])
                    .map((m) => m[1]);
                const inputs = (fromYaml(resource.properties) as { entries: [string, PyValue][] }).entries;
                problems.push(...checkResource(resource.type, inputs, outputs, "camel"));
            }
        }
        expect(problems).toEqual([]);
        expect(components).toEqual([`${PREFIX}CustomDomain`]);
    });

    it("the checks refuse what the schema does not have (a misspelt input, an unknown enum value, a missing output)", () => {
        const [call] = pythonCalls(
            'x = m.CustomDomain("s", host_name="a", certificate={"acm": {"key_algorithm": "RSA_1024"}}, vpc_id="v")\nx.dns_name',
            "m.",
        );
        expect(
            checkResource(`${PREFIX}CustomDomain`, call.keywords, attributeReferences("x.dns_name", "x"), "snake"),
        ).toEqual([
            `${PREFIX}CustomDomain.host_name: no such input`,
            `${PREFIX}CustomDomain.certificate.acm.keyAlgorithm: "RSA_1024" is not one of RSA_2048, EC_prime256v1, EC_secp384r1`,
            `${PREFIX}CustomDomain.hostname: required`,
            `${PREFIX}CustomDomain has no output dns_name`,
        ]);
    });
});
