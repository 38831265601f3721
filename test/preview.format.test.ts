/**
 * Offline preview: wire values, the per-type property table, the diagram and
 * the command line, on hand-built plans (no Pulumi runtime involved).
 */
import { memoryIo } from "../components/cli/io";
import { parseArgs, planJson, run, USAGE } from "../components/cli/commands/preview";
import { label, renderDiagram } from "../components/cli/preview/diagram";
import { type Plan, type PlannedResource } from "../components/cli/preview/plan";
import { PreviewUsageError } from "../components/cli/preview/project";
import { PROPERTY_TABLE, propertiesFor } from "../components/cli/preview/properties";
import { errorText, withoutSerializingPrefixes } from "../components/cli/preview/runtimeHooks";
import { displayType, renderText } from "../components/cli/preview/render";
import { formatValue, fromWire, pick, SECRET, UNKNOWN, UNKNOWN_WIRE } from "../components/cli/preview/values";

const SIG = "4dabf18193072939515e22adb298388d";
const urn = (type: string, name: string) => `urn:pulumi:s::p::${type}::${name}`;

function res(
    type: string,
    name: string,
    inputs: PlannedResource["inputs"],
    propertyDependencies: Record<string, string[]> = {},
): PlannedResource {
    return {
        urn: urn(type, name),
        type,
        name,
        kind: "resource",
        inputs,
        dependsOn: Object.values(propertyDependencies).flat(),
        propertyDependencies,
    };
}

const ALB = res("aws:lb/loadBalancer:LoadBalancer", "web", {
    loadBalancerType: "application",
    internal: false,
    ipAddressType: "dualstack",
});
const TG = res("aws:lb/targetGroup:TargetGroup", "web-tg", {
    targetType: "ip",
    protocol: "HTTP",
    port: 8080,
    healthCheck: { path: "/healthz", matcher: "200-399" },
});
const CERT = res("aws:acm/certificate:Certificate", "web-cert", {
    domainName: "app.example.com",
    subjectAlternativeNames: ["www.example.com"],
    validationMethod: "DNS",
});
const HTTP = res(
    "aws:lb/listener:Listener",
    "web-http",
    {
        port: 80,
        protocol: "HTTP",
        loadBalancerArn: UNKNOWN,
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    },
    { loadBalancerArn: [ALB.urn] },
);
const HTTPS = res(
    "aws:lb/listener:Listener",
    "web-https",
    {
        port: 443,
        protocol: "HTTPS",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        certificateArn: UNKNOWN,
        loadBalancerArn: UNKNOWN,
        defaultActions: [{ type: "forward", targetGroupArn: UNKNOWN }],
    },
    { loadBalancerArn: [ALB.urn], certificateArn: [CERT.urn], defaultActions: [TG.urn] },
);
const RECORD = res(
    "aws:route53/record:Record",
    "web-a",
    {
        name: "app.example.com",
        type: "A",
        zoneId: UNKNOWN,
        aliases: [{ name: UNKNOWN, zoneId: UNKNOWN, evaluateTargetHealth: true }],
    },
    { aliases: [ALB.urn] },
);
const RULE = res(
    "aws:lb/listenerRule:ListenerRule",
    "web-http-rule-1",
    {
        priority: 1,
        listenerArn: UNKNOWN,
        conditions: [{ pathPattern: { values: ["/healthz"] } }],
        actions: [{ type: "forward", targetGroupArn: UNKNOWN }],
    },
    {
        listenerArn: [urn("aws:lb/listener:Listener", "web-http")],
        actions: [urn("aws:lb/targetGroup:TargetGroup", "web-tg")],
    },
);
const RULE_IN = res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "in-https", {
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    cidrIpv6: "::/0",
    securityGroupId: UNKNOWN,
});
const RULE_OUT = res("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "out", {
    ipProtocol: "tcp",
    fromPort: 8080,
    toPort: 8080,
    cidrIpv4: UNKNOWN,
});

function plan(resources: PlannedResource[]): Plan {
    return {
        offline: true,
        project: "p",
        stack: "s",
        program: "index.ts",
        unavailableConfig: ["p:token"],
        unavailableEnvironments: ["team/shared"],
        resources,
        outputs: { url: "https://app.example.com", arn: UNKNOWN },
        lookups: [
            {
                token: "aws:route53/getZone:getZone",
                args: { name: "example.com" },
                answered: true,
                note: "zone example.com: id looked up at deploy",
            },
        ],
        logs: [{ level: "warning", message: "careful" }],
    };
}
const PLAN = plan([ALB, TG, CERT, HTTP, HTTPS, RULE, RECORD, RULE_IN, RULE_OUT]);

describe("preview wire values", () => {
    it("turns unknowns, secrets, resource references and assets into plan values", () => {
        const wire = {
            a: UNKNOWN_WIRE,
            b: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" },
            c: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:x", id: "" },
            d: [1, UNKNOWN_WIRE, { e: null }],
            f: { [SIG]: "c44067f5952c0a294b673a41bacd8c17", path: "./x.pem" },
        };
        expect(fromWire(wire)).toEqual({
            a: UNKNOWN,
            b: SECRET,
            c: { $resource: "urn:x" },
            d: [1, UNKNOWN, { e: null }],
            f: "(asset ./x.pem)",
        });
        expect(JSON.stringify(fromWire(wire))).not.toContain("hunter2");
    });

    it("reads dotted paths and formats values for people", () => {
        const v = fromWire({ actions: [{ redirect: { statusCode: "HTTP_302" } }], arn: UNKNOWN_WIRE });
        expect(pick(v, "actions.0.redirect.statusCode")).toBe("HTTP_302");
        expect(pick(v, "arn.anything")).toEqual(UNKNOWN);
        expect(pick(v, "missing.path")).toBeUndefined();
        expect(formatValue(UNKNOWN)).toBe("(known after deploy)");
        expect(formatValue(SECRET)).toBe("[secret]");
        expect(formatValue({ $resource: urn("t", "n") }, () => "n")).toBe("n");
        expect(formatValue({ a: [1, 2], b: "x" })).toBe("{ a: [1, 2], b: x }");
        expect(formatValue([])).toBe("(none)");
    });
});

describe("preview property table", () => {
    it("shows listener ports, TLS policy, redirect and where unknown ARNs come from", () => {
        expect(propertiesFor(PLAN, HTTP)).toEqual({
            listen: "HTTP",
            port: "80",
            "default action": "redirect HTTP_301 to HTTPS://#{host}:443/#{path}?#{query}",
        });
        expect(propertiesFor(PLAN, HTTPS)).toEqual({
            listen: "HTTPS",
            port: "443",
            "tls policy": "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            certificate: "(known after deploy) ← web-cert",
            "default action": "forward to (known after deploy) ← web-tg",
        });
    });

    it("shows DNS alias targets, looked-up zones, certificate names and rules", () => {
        expect(propertiesFor(PLAN, RECORD)).toEqual({
            name: "app.example.com",
            type: "A",
            zone: "(known after deploy) ← lookup getZone name=example.com",
            target: "alias to web (its DNS name and zone known after deploy), evaluates target health",
        });
        expect(propertiesFor(PLAN, CERT)).toMatchObject({
            source: "requested from ACM, DNS validation",
            domain: "app.example.com",
            "alternative names": "www.example.com",
            arn: "(known after deploy)",
        });
        expect(propertiesFor(PLAN, RULE_IN)).toEqual({ "allow in": "tcp 443 from ::/0" });
        expect(propertiesFor(PLAN, RULE_OUT)).toEqual({ "allow out": "tcp 8080 to (known after deploy)" });
        expect(propertiesFor(PLAN, TG)["health check"]).toBe("HTTP /healthz expects 200-399");
        expect(propertiesFor(PLAN, ALB)).toMatchObject({
            scheme: "internet-facing",
            "ip address type": "dualstack",
            "dns name": "(known after deploy)",
        });
    });

    it("shows listener rules and security headers, an empty (cleared) header as such", () => {
        expect(propertiesFor(PLAN, RULE)).toEqual({
            priority: "1",
            when: "pathPattern /healthz",
            then: "forward to (known after deploy) ← web-tg",
        });
        const headers = res("aws:lb/listener:Listener", "h", {
            port: 443,
            protocol: "HTTPS",
            routingHttpResponseXFrameOptionsHeaderValue: "",
            routingHttpResponseServerEnabled: false,
        });
        expect(propertiesFor(PLAN, headers)).toEqual({
            listen: "HTTPS",
            port: "443",
            "x-frame-options header": "none (cleared)",
            "server header": "removed",
        });
    });

    it("covers the aws.alb tokens and falls back to scalar inputs (secrets hidden) for unknown types", () => {
        expect(PROPERTY_TABLE["aws:alb/listener:Listener"]).toBe(PROPERTY_TABLE["aws:lb/listener:Listener"]);
        const other = res("aws:ssm/parameter:Parameter", "p", {
            type: "SecureString",
            value: SECRET,
            tags: { a: "b" },
            nested: { x: 1 },
        });
        expect(propertiesFor(PLAN, other)).toEqual({ type: "SecureString", value: "[secret]", tags: "a=b" });
    });
});

describe("preview text, diagram and JSON", () => {
    it("says in its header that nothing was sent to a cloud and names unavailable secrets", () => {
        const text = renderText(plan([{ ...ALB, kind: "component", type: "x:index:Box", inputs: {} }]));
        expect(text.split("\n")[0]).toBe(
            "Offline preview of p, stack 's': nothing was sent to AWS or any other cloud.",
        );
        expect(text).toContain(
            "Secrets not available offline (secure: values only the Pulumi CLI can decrypt): p:token.",
        );
        expect(text).toContain(
            "Pulumi ESC environments cannot be opened offline: team/shared; config values they provide are missing (give them with --config KEY=VALUE).",
        );
        expect(text).toContain("Plan: 0 resources to create, in 1 component.");
        expect(text).toContain("  aws:route53:getZone(name=example.com): zone example.com: id looked up at deploy");
        expect(text).toContain("  arn: (known after deploy)");
        expect(text).toContain("  warning: careful");
        expect(displayType("aws:lb/listener:Listener")).toBe("aws:lb:Listener");
        expect(displayType("pulumi:providers:aws")).toBe("pulumi:providers:aws");
    });

    it("draws hostname → DNS → ALB → listeners → redirect, certificate and target group", () => {
        const d = renderDiagram(PLAN).split("\n");
        expect(d[0]).toBe("flowchart LR");
        const id = (text: string) =>
            d
                .find((l) => l.includes(`["${text}`))!
                .trim()
                .split("[")[0];
        const [host, dns, alb, http, https] = [
            id("app.example.com"),
            id("Route 53 A alias"),
            id("ALB web"),
            id(":80 HTTP"),
            id(":443 HTTPS"),
        ];
        expect(d).toEqual(
            expect.arrayContaining([
                `    ${host} --> ${dns}`,
                `    ${dns} --> ${alb}`,
                `    ${alb} --> ${http}`,
                `    ${alb} --> ${https}`,
            ]),
        );
        expect(d).toContain(`    ${http} --> ${id("redirect HTTP_301")}`);
        expect(d).toContain(
            `    ${id("certificate app.example.com, www.example.com (ACM, DNS-validated)")} -.->|"certificate"| ${https}`,
        );
        expect(d).toContain(`    ${https} -->|"forward"| ${id("target group web-tg")}`);
        expect(d).toContain(`    ${http} -->|"pathPattern /healthz: forward"| ${id("target group web-tg")}`);
        expect(label('a "b" #{c} <d>\ne')).toBe('"a #quot;b#quot; #35;{c} #lt;d#gt;<br/>e"');
    });

    it("emits JSON with each resource's displayed properties and the errors", () => {
        const doc = JSON.parse(planJson(PLAN, ["boom"], 1));
        expect(doc.offline).toBe(true);
        expect(doc.errors).toEqual(["boom"]);
        expect(doc.exitCode).toBe(1);
        expect(doc.resources.find((r: { name: string }) => r.name === "web-http").properties.port).toBe("80");
        expect(doc.outputs.arn).toEqual({ $unknown: true });
    });
});

describe("preview command line", () => {
    it("parses options in both --flag value and --flag=value forms", () => {
        expect(parseArgs(["--stack", "prod", "-c", "a=1", "--config=b=2", "--program=infra", "--json"])).toEqual({
            program: "infra",
            stack: "prod",
            config: ["a=1", "b=2"],
            format: "json",
            stackTraces: false,
            help: false,
            timeoutSeconds: 30,
            keepEnv: false,
        });
        expect(parseArgs(["--diagram", "-s", "x", "--stack-traces"])).toMatchObject({
            format: "diagram",
            stack: "x",
            stackTraces: true,
        });
        expect(parseArgs(["--timeout", "2.5", "--keep-env", "--no-type-check"])).toMatchObject({
            timeoutSeconds: 2.5,
            keepEnv: true,
            typeCheck: false,
        });
    });

    it.each([
        [["--bogus"], "unknown option '--bogus'"],
        [["--stack"], "--stack needs a value"],
        [["--config", "--json"], "--config needs a value"],
        [["--json", "--diagram"], "choose one of --json and --diagram"],
        [["--timeout", "0"], "--timeout needs seconds between 1 and 3600, got '0'"],
        [["--timeout=soon"], "--timeout needs seconds between 1 and 3600, got 'soon'"],
        [["--keep-env=yes"], "--keep-env takes no value"],
    ])("rejects %j", (argv, message) => {
        expect(() => parseArgs(argv)).toThrow(new PreviewUsageError(message));
    });
});

describe("preview error text", () => {
    it("shows a component's message, unwrapped from Pulumi's serialization context", () => {
        const err = Object.assign(
            new Error(
                'error serializing property "outputs": error serializing property "certificateBody": C \'x\' has 1 input problem:\n  - bad key',
            ),
            {
                __pulumiInputPropertiesError: true,
                errors: [{ propertyPath: "privateKey", reason: "bad key" }],
            },
        );
        err.stack = err.message;
        expect(errorText(err)).toBe("C 'x' has 1 input problem:\n  - bad key");
    });

    it("drops the serialization prefixes wherever the SDK put them (a logged line quotes the error after its own words)", () => {
        expect(
            withoutSerializingPrefixes(
                'Error serializing arguments for invoke t: error serializing property "outputs": error serializing property "v": boom',
            ),
        ).toBe("Error serializing arguments for invoke t: boom");
        expect(withoutSerializingPrefixes("nothing to drop")).toBe("nothing to drop");
    });

    it("lists InputPropertiesError reasons the message leaves out, keeps stack frames, and prints non-errors", () => {
        const err = Object.assign(new Error("Site 's': invalid arguments"), {
            __pulumiInputPropertiesError: true,
            errors: [{ propertyPath: "hostname", reason: "not valid" }],
        });
        err.stack = `Error: Site 's': invalid arguments\n    at Site (index.ts:3:9)`;
        expect(errorText(err)).toBe("Site 's': invalid arguments\n  - hostname: not valid\n    at Site (index.ts:3:9)");
        expect(errorText("plain string")).toBe("plain string");
    });
});

describe("preview command without a program run", () => {
    it("prints its help with exit 0, and exits 2 on usage and project errors before loading Pulumi", async () => {
        const help = memoryIo();
        expect(await run(["--help"], help)).toBe(0);
        expect(help.stdout).toBe(`${USAGE}\n`);
        const bad = memoryIo();
        expect(await run(["--json", "--diagram"], bad)).toBe(2);
        expect(bad.stderr).toContain(
            "aws-https-domain preview: choose one of --json and --diagram\n\nUsage: aws-https-domain preview [options]",
        );
        const missing = memoryIo();
        expect(await run(["--program", "/nonexistent-preview-dir"], missing)).toBe(2);
        expect(missing.stderr).toBe("aws-https-domain preview: no Pulumi.yaml in /nonexistent-preview-dir\n");
        expect(missing.stdout).toBe("");
    });
});
