/**
 * The package as a Pulumi plugin, driven the way the engine drives it for a Python, Go, C#, Java or
 * YAML program, without the CLI: the plugin process is started as the Node.js language host starts
 * a source-based plugin (`@pulumi/pulumi/cmd/run-plugin` on a directory laid out like this
 * repository after `npm run build`), and this test is its engine (test/helpers/engine.ts): it asks
 * for the schema, then constructs every component with inputs in the form other languages send
 * them (plain JSON, enums as strings, secrets and unknowns as output values), once as a preview and
 * once as an update, while its own resource monitor records every child and answers like the mocks
 * (every child passes the conformance layer).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
// `deserializeInputs` is internal to the SDK (untyped): it is how the plugin's provider server turns Construct inputs into args.
import * as providerServer from "@pulumi/pulumi/provider/server";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { parse as parseYaml } from "yaml";
import * as library from "../components";
import { MOCKS, resetMocks, resources, setPreviewMode, settle } from "./helpers/mocks";
import {
    type ConstructResult,
    FakeEngine,
    inputPropertiesErrors,
    isSecretValue,
    PluginProcess,
    referencedUrn,
    type Registration,
    legacySecret,
    secret,
    secretValue,
    STACK_URN,
    unknown,
    withoutSecrets,
} from "./helpers/engine";
import { mockAcmeIssuance } from "./helpers/acmeMocks";
import { makePki, type TestCert } from "./helpers/pki";
import { ROOT, SCHEMA_FILE } from "./helpers/schema";

const { deserializeInputs } = providerServer as unknown as {
    deserializeInputs(inputs: structproto.Struct, dependencies: Map<string, unknown>): Promise<Record<string, any>>;
};
const run = promisify(execFile);
const TOKEN = (name: string) => `aws-https-domain:index:${name}`;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

/**
 * A plugin directory as `pulumi package add` finds this repository after `npm ci && npm run build`: the real
 * package.json, PulumiPlugin.yaml, tsconfig.json and sources, and the build in dist/ (tsc with the build
 * config; emitted without type-checking, which `npm test` does). Outside the repository, so no build lands in it.
 */
async function pluginDirectory(): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-https-domain-plugin-"));
    for (const file of ["package.json", "PulumiPlugin.yaml", "tsconfig.json", "index.ts"])
        fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
    fs.symlinkSync(path.join(ROOT, "components"), path.join(dir, "components"), "dir");
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    const tsc = require.resolve("typescript/bin/tsc");
    await run(
        process.execPath,
        [tsc, "-p", "tsconfig.build.json", "--outDir", path.join(dir, "dist"), "--noCheck", "--declaration", "false"],
        { cwd: ROOT, timeout: 120000 },
    );
    return dir;
}

let engine: FakeEngine;
let plugin: PluginProcess;
let pluginDir: string;
let consumerDir: string;
let leaf: TestCert;
/**
 * The chain of `leaf` as users often paste it: the intermediate and the root (ImportedCertificate refuses a leaf
 * without its chain, and warns that it drops the root: the warning shows that log lines reach the engine).
 */
let chain: string;

beforeAll(async () => {
    await mockAcmeIssuance(["app.example.com"]);
    const pki = await makePki("Plugin");
    leaf = await pki.leaf({ commonName: "app.example.com", dnsNames: ["app.example.com"] });
    chain = pki.intermediate.pem + pki.root.pem;
    pluginDir = await pluginDirectory();
    // The consumer's project (a Python program, say): the working directory the language host gives the plugin.
    consumerDir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-https-domain-consumer-"));
    engine = await FakeEngine.start(MOCKS);
    plugin = await PluginProcess.start(pluginDir, consumerDir, engine.address, 60000);
}, 180000);

afterAll(async () => {
    await plugin?.stop();
    await engine?.close();
    for (const dir of [pluginDir, consumerDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the repository as a plugin package", () => {
    it("declares the Node.js runtime, and npm install builds the entry point the host requires", () => {
        expect(parseYaml(fs.readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8"))).toEqual({ runtime: "nodejs" });
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        // `pulumi package add` runs `npm install` in a clone (which runs `prepare`), then the host requires the
        // directory: package.json `main`, the compiled barrel.
        expect({ prepare: manifest.scripts.prepare, main: manifest.main }).toEqual({
            prepare: "npm run build",
            main: "dist/components/index.js",
        });
        expect(fs.existsSync(path.join(pluginDir, manifest.main))).toBe(true);
    });
});

describe("the plugin process", () => {
    it("reports package.json's version and serves the committed schema", async () => {
        expect(await plugin.getPluginInfo()).toBe(pkg.version);
        const schema = await plugin.getSchema();
        expect(schema).toEqual(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")));
        expect({ name: schema.name, version: schema.version }).toEqual({ name: pkg.name, version: pkg.version });
    });

    it("accepts secrets, resources and output values, which the engine requires of a component provider", async () => {
        const res = await plugin.configure();
        expect({
            secrets: res.getAcceptsecrets(),
            resources: res.getAcceptresources(),
            outputs: res.getAcceptoutputs(),
        }).toEqual({ secrets: true, resources: true, outputs: true });
    });
});

/** One component, its inputs as another language sends them (a function of preview/update), and its checks. */
interface Case {
    component: string;
    name: string;
    inputs: (preview: boolean) => Record<string, any>;
    check?: (result: ConstructResult, preview: boolean) => void;
}

const VPC = "vpc-0123456789abcdef0";
const SUBNETS = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"];
const CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0b0b0b0b-1111-2222-3333-444444444444";
const LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shared/50dc6c495c0c9188";
const LISTENER_ARN =
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/50dc6c495c0c9188/0467ef3c8400ae65";

/** Another resource's output in the consumer's program: known in an update, unknown in a preview. */
const later = (preview: boolean, value: unknown) => (preview ? unknown() : value);

const CASES: Case[] = [
    {
        component: "CustomDomain",
        name: "site",
        inputs: (preview) => ({
            hostname: "app.example.com",
            alternativeNames: ["www.example.com"],
            certificate: { acm: { keyAlgorithm: "EC_prime256v1" } },
            vpcId: later(preview, VPC),
            subnetIds: later(preview, SUBNETS),
            target: { port: 8080, targetType: "ip", healthCheckPath: "/healthz" },
            httpsRedirect: { mode: "all" },
            hsts: { maxAgeSeconds: 300 },
            ipAddressType: "dualstack",
            tags: { team: "web" },
        }),
    },
    {
        // A stack sharing another's load balancer: the load balancer and listener are read, not created.
        component: "CustomDomain",
        name: "tenant",
        inputs: (preview) => ({
            hostname: "tenant.example.com",
            certificate: { acm: {} },
            vpcId: VPC,
            target: { port: 8080 },
            existingLoadBalancer: {
                loadBalancerArn: LB_ARN,
                httpsListenerArn: later(preview, LISTENER_ARN),
                rulePriority: 300,
            },
        }),
    },
    {
        // The user's own certificate, the key a secret nested in the certificate source (Python: config.require_secret).
        component: "CustomDomain",
        name: "own",
        inputs: () => ({
            hostname: "app.example.com",
            certificate: { pem: { certificate: leaf.pem, chain, privateKey: secret(leaf.key.pem) } },
            vpcId: VPC,
            subnetIds: SUBNETS,
        }),
    },
    {
        component: "HttpsLoadBalancer",
        name: "edge",
        inputs: (preview) => ({
            vpcId: VPC,
            subnetIds: SUBNETS,
            certificateArn: later(preview, CERT_ARN),
            tlsProfile: "modern",
            httpsRedirect: { mode: "except", paths: ["/healthz"] },
            target: { port: 80 },
        }),
    },
    {
        component: "AcmCertificate",
        name: "acm",
        inputs: () => ({ hostnames: ["app.example.com", "*.app.example.com"], zoneId: "Z0123456789ABCDEFGHIJ" }),
    },
    {
        component: "AcmeCertificate",
        name: "acme",
        inputs: () => ({
            hostnames: ["app.example.com"],
            zoneId: "Z0123456789ABCDEFGHIJ",
            email: "platform-team@aws-https-domain.dev",
            keyType: "P384",
        }),
    },
    {
        component: "ImportedCertificate",
        name: "imported",
        inputs: () => ({
            certificate: leaf.pem,
            chain,
            privateKey: secret(leaf.key.pem),
            hostnames: ["app.example.com"],
        }),
    },
    {
        component: "DnsRecords",
        name: "dns",
        inputs: (preview) => ({
            hostnames: ["app.example.com"],
            zoneId: "Z0123456789ABCDEFGHIJ",
            aliasDnsName: later(preview, "edge-1a2b3c4d.us-east-1.elb.amazonaws.com"),
            aliasZoneId: "Z35SXDOTRQ7X7K",
            ipv6: true,
        }),
    },
    {
        component: "ListenerAttachment",
        name: "share",
        inputs: (preview) => ({
            listenerArn: LISTENER_ARN,
            certificateArns: { default: later(preview, CERT_ARN) },
            hostnames: ["api.example.com"],
            rulePriority: 10,
            target: { port: 8080 },
            vpcId: VPC,
        }),
    },
];

/** One Construct as the engine sends it for a program's component, after clearing what was recorded. */
async function construct(component: string, name: string, inputs: Record<string, any>, preview: boolean) {
    await resetMocks();
    engine.reset(preview);
    return plugin.construct(engine.address, { type: TOKEN(component), name, inputs, dryRun: preview });
}

/** `parentType/type::name` of every child, for comparing trees: what the plugin registered. */
function tree(registrations: Registration[], root: string): string[] {
    const byUrn = new Map(registrations.map((r) => [r.urn, r]));
    return registrations
        .filter((r) => r.urn !== root)
        .map((r) => `${byUrn.get(r.parent)?.type ?? "?"}/${r.type}::${r.name}`)
        .sort();
}

/** The same for the component constructed in this process from the same wire inputs, under the mocks. */
async function inProcessTree(c: Case, preview: boolean): Promise<string[]> {
    setPreviewMode(preview);
    try {
        const inputs = await deserializeInputs(structproto.Struct.fromJavaScript(c.inputs(preview)), new Map());
        const Component = (library as Record<string, any>)[c.component];
        new Component(c.name, inputs);
        await settle();
        return resources()
            .filter((r) => !(r.type === TOKEN(c.component) && r.name === c.name))
            .map((r) => `${r.typeChain.length > 1 ? r.typeChain[0] : "?"}/${r.type}::${r.name}`)
            .sort();
    } finally {
        setPreviewMode(false);
    }
}

describe.each([
    ["preview", true],
    ["update", false],
])("Construct in a %s", (_label, preview) => {
    const results = new Map<Case, ConstructResult>();
    const registered = new Map<Case, Registration[]>();

    beforeAll(async () => {
        for (const c of CASES) {
            results.set(c, await construct(c.component, c.name, c.inputs(preview), preview));
            registered.set(c, [...engine.registrations]);
            // Every child passed the conformance layer (refusals fail here, naming the rule and its source).
            await settle();
        }
        await resetMocks();
    }, 120000);

    it.each(CASES.map((c) => [`${c.component} '${c.name}'`, c] as const))(
        "%s: registers itself under the stack and the same children as in TypeScript",
        async (_name, c) => {
            const { component } = c;
            const result = results.get(c)!;
            const all = registered.get(c)!;
            expect(result.urn).toBe(`urn:pulumi:dev::consumer::${TOKEN(component)}::${c.name}`);
            const self = all.find((r) => r.urn === result.urn)!;
            expect({ type: self.type, parent: self.parent, custom: self.custom }).toEqual({
                type: TOKEN(component),
                parent: STACK_URN,
                custom: false,
            });
            const children = tree(all, result.urn);
            expect(children.length).toBeGreaterThan(0);
            await resetMocks();
            expect(children).toEqual(await inProcessTree(c, preview));
        },
    );
});

describe("CustomDomain from another language", () => {
    let update: ConstructResult;
    let preview: ConstructResult;
    let children: Registration[];
    const site = CASES[0];

    beforeAll(async () => {
        preview = await construct("CustomDomain", "site", site.inputs(true), true);
        update = await construct("CustomDomain", "site", site.inputs(false), false);
        children = [...engine.registrations];
        await settle();
    }, 60000);

    const find = (type: string, name: string) => {
        const found = children.find((r) => r.type === type && r.name === name);
        if (!found) throw new Error(`no ${type} '${name}': ${children.map((r) => `${r.type}::${r.name}`).join(", ")}`);
        return found;
    };
    const parentOf = (r: Registration) => children.find((p) => p.urn === r.parent);

    it("nests the load balancer, certificate and DNS components under it, and their resources under them", () => {
        const lb = find("aws:lb/loadBalancer:LoadBalancer", "site-lb");
        expect(parentOf(lb)).toMatchObject({ type: TOKEN("HttpsLoadBalancer"), name: "site-lb" });
        expect(parentOf(parentOf(lb)!)).toMatchObject({ type: TOKEN("CustomDomain"), name: "site" });
        const https = children.filter((r) => r.type === "aws:lb/listener:Listener").map((r) => r.name);
        expect(https.sort()).toEqual(["site-lb-http", "site-lb-https"]);
        const aaaa = find("aws:route53/record:Record", "site-dns-app.example.com-AAAA");
        expect(parentOf(aaaa)).toMatchObject({ type: TOKEN("DnsRecords"), name: "site-dns" });
    });

    it("receives enums as strings: the certificate key and the dual-stack load balancer", () => {
        expect(find("aws:acm/certificate:Certificate", "site-certificate").inputs.keyAlgorithm).toBe("EC_prime256v1");
        expect(find("aws:lb/loadBalancer:LoadBalancer", "site-lb").inputs.ipAddressType).toBe("dualstack");
    });

    it("returns its outputs in wire form: resources as references to the children, plain values as JSON", () => {
        const lb = find("aws:lb/loadBalancer:LoadBalancer", "site-lb");
        expect(referencedUrn(update.state.loadBalancer)).toBe(lb.urn);
        expect(referencedUrn(update.state.httpsListener)).toBe(find("aws:lb/listener:Listener", "site-lb-https").urn);
        expect((update.state.records as unknown[]).map(referencedUrn).sort()).toEqual(
            children
                .filter((r) => r.type === "aws:route53/record:Record" && /-(A|AAAA)$/.test(r.name))
                .map((r) => r.urn)
                .sort(),
        );
        expect(update.state.url).toBe("https://app.example.com");
        expect(update.state.hostnames).toEqual(["app.example.com", "www.example.com"]);
        expect(update.state.certificateArn).toMatch(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
    });

    it("a stack sharing a load balancer reads it and its listener by ARN instead of creating them", async () => {
        const tenant = CASES.find((c) => c.name === "tenant")!;
        await construct("CustomDomain", "tenant", tenant.inputs(false), false);
        await settle();
        const reads = engine.registrations.filter((r) => r.readId !== undefined);
        expect(reads.map((r) => [r.type, r.name, r.readId]).sort()).toEqual([
            ["aws:lb/listener:Listener", "tenant-shared-https", LISTENER_ARN],
            ["aws:lb/loadBalancer:LoadBalancer", "tenant-shared-lb", LB_ARN],
        ]);
        expect(engine.registrations.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer" && !r.readId)).toEqual(
            [],
        );
    });

    it("in a preview, returns what is known and marks what the deployment will set as unknown", () => {
        expect(preview.state.url).toBe("https://app.example.com");
        expect(preview.state.hostnames).toEqual(["app.example.com", "www.example.com"]);
        expect(preview.state.loadBalancerDnsName).toBe(unknownValue);
        expect(preview.state.certificateArn).toBe(unknownValue);
        // An unknown output still says which child it waits for, so the engine can order the consumer's resources.
        const lb = preview.stateDependencies.loadBalancerDnsName;
        expect(lb).toEqual([expect.stringMatching(/\$aws:lb\/loadBalancer:LoadBalancer::site-lb$/)]);
        expect(preview.stateDependencies.certificateArn).toEqual([
            expect.stringMatching(
                /\$aws:acm\/certificateValidation:CertificateValidation::site-certificate-validation$/,
            ),
        ]);
    });
});

describe("secrets from another language", () => {
    const WARNING =
        "removed the self-signed root 'CN=Plugin Root CA' from the chain: clients already have their roots, and ACM wants only the intermediates.";
    it.each([
        // An output value marked secret, as current SDKs send `Output.secret(...)` / `config.require_secret(...)`.
        ["ImportedCertificate", "imported", () => secret(leaf.key.pem), "ImportedCertificate 'imported'"],
        // The older form: a secret signature (engines and SDKs without output values).
        ["ImportedCertificate", "legacy", () => legacySecret(leaf.key.pem), "ImportedCertificate 'legacy'"],
        // Nested in CustomDomain's certificate source.
        ["CustomDomain", "own", () => secret(leaf.key.pem), "ImportedCertificate 'own-certificate'"],
    ])(
        "%s '%s': keeps the PEM key secret up to the ACM import, and out of every plain value and log line",
        async (component, name, key, warnedBy) => {
            const inputs =
                component === "CustomDomain"
                    ? {
                          ...CASES.find((c) => c.name === "own")!.inputs(false),
                          certificate: { pem: { certificate: leaf.pem, chain, privateKey: key() } },
                      }
                    : { certificate: leaf.pem, chain, privateKey: key(), hostnames: ["app.example.com"] };
            const result = await construct(component, name, inputs, false);
            await settle();
            const imports = engine.registrations.filter((r) => r.type === "aws:acm/certificate:Certificate");
            const keyBody = leaf.key.pem.split("\n")[1];
            expect(imports.map((r) => [isSecretValue(r.inputs.privateKey), secretValue(r.inputs.privateKey)])).toEqual([
                [true, expect.stringContaining(keyBody)],
            ]);
            // What a user sees (info, warnings, errors; the SDK's debug lines echo whole RPC responses and are not shown).
            const shown = engine.logs.filter((l) => l.severity > 0);
            expect(shown.map((l) => l.message)).toContain(`${warnedBy}: ${WARNING}`);
            const leaks = [
                ...shown.filter((l) => l.message.includes(keyBody)).map((l) => `log: ${l.message}`),
                ...engine.registrations
                    .filter((r) => JSON.stringify(withoutSecrets(r.inputs)).includes(keyBody))
                    .map((r) => `inputs of ${r.type}::${r.name}`),
                ...[...engine.registeredOutputs]
                    .filter(([, outputs]) => JSON.stringify(withoutSecrets(outputs)).includes(keyBody))
                    .map(([urn]) => `registered outputs of ${urn}`),
                ...(JSON.stringify(withoutSecrets(result.state)).includes(keyBody) ? ["Construct outputs"] : []),
                ...(plugin.errorOutput.includes(keyBody) ? ["plugin stderr"] : []),
            ];
            expect(leaks).toEqual([]);
        },
    );

    it("returns the ACME account key as a secret output", async () => {
        const acme = CASES.find((c) => c.component === "AcmeCertificate")!;
        const result = await construct("AcmeCertificate", "acme", acme.inputs(false), false);
        await settle();
        expect(isSecretValue(result.state.accountKeyPem)).toBe(true);
    });
});

describe("bad input from another language", () => {
    async function refusal(component: string, inputs: Record<string, any>): Promise<grpc.ServiceError> {
        try {
            await construct(component, "bad", inputs, true);
        } catch (err) {
            return err as grpc.ServiceError;
        }
        throw new Error(`Construct of ${component} succeeded`);
    }

    it("comes back as an InputPropertiesError naming each property path, before anything is registered", async () => {
        const err = await refusal("CustomDomain", {
            hostname: "*.example.com",
            certificate: { acm: { keyAlgorithm: "RSA_1024" } },
            vpcId: VPC,
            subnetIds: ["subnet-0aaaaaaaaaaaaaaaa"],
            httpsRedirect: { mode: "sometimes" },
        });
        expect({ code: err.code, details: err.details }).toMatchObject({ code: 3 }); // INVALID_ARGUMENT
        const errors = inputPropertiesErrors(err);
        expect(errors).toEqual([
            {
                propertyPath: "hostname",
                reason: "`hostname` '*.example.com' is a wildcard: the hostname is the URL users visit; use a concrete name and put the wildcard in `alternativeNames`",
            },
            {
                propertyPath: "certificate.acm.keyAlgorithm",
                reason: "`certificate.acm.keyAlgorithm` 'RSA_1024' is not a key algorithm ACM issues: use one of RSA_2048, EC_prime256v1, EC_secp384r1",
            },
            {
                propertyPath: "subnetIds",
                reason: "`subnetIds` has 1: an Application Load Balancer needs at least 2 public subnets in different availability zones",
            },
            {
                propertyPath: "httpsRedirect.mode",
                reason: "`httpsRedirect.mode` 'sometimes' is not a redirect mode: use 'all', 'paths', 'except' or 'off'",
            },
        ]);
        // The message the engine prints: the component, then one line per problem.
        expect(err.details).toBe(
            ["CustomDomain 'bad' has 4 input problems:", ...errors.map((e) => `  - ${e.reason}`)].join("\n"),
        );
        expect(engine.registrations).toEqual([]);
    });

    it("names the property when a program sends the wrong JSON type, instead of failing with a TypeError", async () => {
        const err = await refusal("AcmCertificate", { hostnames: "app.example.com", validationRecordTtl: "60" });
        expect(inputPropertiesErrors(err)).toEqual([
            {
                propertyPath: "hostnames",
                reason: "`hostnames` 'app.example.com' is a string, not a list: write ['app.example.com']",
            },
            {
                propertyPath: "validationRecordTtl",
                reason: "`validationRecordTtl` '60' must be a whole number of seconds, at least 1 and at most 2147483647",
            },
        ]);
    });

    it("names a plain input given a program's Output (an unknown) instead of failing with a TypeError", async () => {
        const err = await refusal("CustomDomain", {
            hostname: unknown(),
            certificate: { acm: {} },
            vpcId: VPC,
            subnetIds: SUBNETS,
        });
        expect({ code: err.code, errors: inputPropertiesErrors(err) }).toEqual({
            code: 3,
            errors: [
                {
                    propertyPath: "hostname",
                    reason: "`hostname` is an object, not a string: give a DNS name such as 'app.example.com'",
                },
            ],
        });
    });
});
