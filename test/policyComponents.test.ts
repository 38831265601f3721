/**
 * The package's own components pass the ready-to-use policies with their
 * defaults, for every topology they build: ACM, ACME and PEM certificates,
 * an existing certificate ARN, routes with SNI certificates, a shared load
 * balancer (ListenerAttachment, through CustomDomain's existingLoadBalancer),
 * and the redirect modes. Registrations go through the conformance mocks;
 * the graph is recorded as the offline preview records it and evaluated by
 * the same runner as `preview --policy-pack`.
 *
 * With defaults, the only findings are the two advisory ones the defaults
 * choose on purpose: HSTS is off unless asked (browsers remember it) and
 * access logs need a bucket. The redirect modes that leave paths on plain
 * HTTP (`paths`, `off`, `except` with paths off the allow-list) are exactly
 * what the mandatory redirect policy exists to catch, and it does.
 */
import { resetMocks, settle, valueOf } from "./helpers/mocks";
import * as pulumi from "@pulumi/pulumi";
import { CustomDomain, type CustomDomainArgs } from "../components/customDomain";
import { AcmeServer, RedirectMode } from "../components";
import { httpsPolicies } from "../components/policy";
import { evaluatePack, type PolicyConfigFile, type PolicyViolation } from "../components/cli/policy/evaluate";
import { CUSTOM_DOMAIN_BASE } from "./helpers/components";
import { mockAcmeIssuance } from "./helpers/acmeMocks";
import { type TestCert, type TestPki } from "./helpers/pki";
import { recordGraph } from "./helpers/policyGraph";
import { packOf } from "./helpers/policy";

let pki: TestPki;
let leaf: TestCert;
const graph = recordGraph();

beforeAll(async () => {
    ({ pki, leaf } = await mockAcmeIssuance());
});
beforeEach(async () => {
    await resetMocks();
    graph.clear();
});

const CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

/** Builds a CustomDomain, waits for every registration, and returns the pack's violations (in stack `stack`). */
async function violationsFor(
    args: Partial<CustomDomainArgs>,
    stack = "test",
    config: PolicyConfigFile = {},
): Promise<PolicyViolation[]> {
    const site = new CustomDomain("site", { ...CUSTOM_DOMAIN_BASE, ...args });
    await valueOf(pulumi.all([site.url, site.certificateArn]));
    await settle();
    // The mocks' stack is 'test'; another stack name is the same graph with its URNs renamed.
    const resources = JSON.parse(
        JSON.stringify(graph.resources).replaceAll("urn:pulumi:test::", `urn:pulumi:${stack}::`),
    ) as typeof graph.resources;
    const { violations, failures } = await evaluatePack(packOf(httpsPolicies, "aws-https-domain"), resources, config);
    expect(failures).toEqual([]);
    return violations;
}

/** The pack's findings as `[level] policy resource-name`. */
async function findings(args: Partial<CustomDomainArgs>, stack?: string): Promise<string[]> {
    return (await violationsFor(args, stack)).map(
        (v) => `[${v.enforcementLevel}] ${v.policyName} ${v.resource?.name ?? "(stack)"}`,
    );
}

const DEFAULT_ADVICE = ["[advisory] load-balancer-access-logs site-lb", "[advisory] https-listener-hsts site-lb-https"];

describe("the package's components with their defaults pass the pack (advice only)", () => {
    it.each<[string, () => Partial<CustomDomainArgs>]>([
        ["ACM", () => ({})],
        ["ACME (Let's Encrypt staging, stack 'test')", () => ({ certificate: { acme: {} } })],
        ["ACME production", () => ({ certificate: { acme: { server: AcmeServer.LetsEncryptProduction } } })],
        [
            "PEM",
            () => ({
                certificate: { pem: { certificate: leaf.pem, chain: pki.intermediate.pem, privateKey: leaf.key.pem } },
            }),
        ],
        ["an existing certificate ARN", () => ({ certificate: { arn: CERT_ARN } })],
        [
            "many names (SNI certificates)",
            () => ({ alternativeNames: Array.from({ length: 12 }, (_, i) => `n${i}.example.com`) }),
        ],
        [
            "routes",
            () => ({
                alternativeNames: ["api.example.com"],
                routes: [{ name: "api", hostnames: ["api.example.com"], priority: 10, target: { port: 9090 } }],
            }),
        ],
        [
            "redirect mode except, allow-listed paths",
            () => ({ httpsRedirect: { mode: RedirectMode.Except, paths: ["/.well-known/acme-challenge/*"] } }),
        ],
        ["dual-stack", () => ({ ipAddressType: "dualstack" as never })],
    ])("%s", async (_, args) => {
        expect(await findings(args())).toEqual(DEFAULT_ADVICE);
    });

    it.each<[string, () => Partial<CustomDomainArgs>]>([
        ["ACM", () => ({})],
        ["ACME", () => ({ certificate: { acme: {} } })],
        [
            "PEM",
            () => ({
                certificate: { pem: { certificate: leaf.pem, chain: pki.intermediate.pem, privateKey: leaf.key.pem } },
            }),
        ],
    ])(
        "%s passes even with existing ARNs refused: the graph shows where the certificate comes from",
        async (_, args) => {
            const strict = { "https-listener-validated-certificate": { allowExistingCertificateArns: false } };
            expect((await violationsFor(args(), "test", strict)).map((v) => v.policyName)).toEqual([
                "load-balancer-access-logs",
                "https-listener-hsts",
            ]);
        },
    );

    it("the graph links listener to load balancer, load balancer to security group, rule to group", async () => {
        await findings({});
        const find = (type: string, name: string) => {
            const found = graph.resources.find((r) => r.type === type && r.name === name);
            if (!found) throw new Error(`no ${type} '${name}' recorded`);
            return found;
        };
        const urnOf = (type: string, name: string) => find(type, name).urn;
        const deps = (type: string, name: string) => find(type, name).propertyDependencies;
        const sg = urnOf("aws:ec2/securityGroup:SecurityGroup", "site-lb-sg");
        const lb = urnOf("aws:lb/loadBalancer:LoadBalancer", "site-lb");
        expect(deps("aws:lb/loadBalancer:LoadBalancer", "site-lb").securityGroups).toEqual([sg]);
        expect(deps("aws:lb/listener:Listener", "site-lb-https").loadBalancerArn).toEqual([lb]);
        expect(deps("aws:lb/listener:Listener", "site-lb-https").certificateArn).toEqual([
            urnOf("aws:acm/certificateValidation:CertificateValidation", "site-certificate-validation"),
        ]);
        const ingress = graph.resources.filter(
            (r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        );
        expect(ingress.map((r) => [r.inputs.fromPort, r.propertyDependencies.securityGroupId])).toEqual([
            [80, [sg]],
            [443, [sg]],
        ]);
    });

    it("with HSTS and access logs asked for, nothing at all", async () => {
        expect(await findings({ hsts: { maxAgeSeconds: 31536000 }, accessLogs: { bucket: "logs" } })).toEqual([]);
    });

    it("a shared load balancer (ListenerAttachment): only rules and SNI certificates, nothing to report", async () => {
        const existingLoadBalancer = {
            loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shared/1",
            httpsListenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/1/2",
            rulePriority: 100,
        };
        expect(await findings({ existingLoadBalancer, subnetIds: undefined })).toEqual([]);
        expect(graph.resources.map((r) => r.type)).toContain("aws:lb/listenerCertificate:ListenerCertificate");
    });
});

describe("what the policies catch in the components' opt-in modes", () => {
    it.each([
        ["paths", { mode: RedirectMode.Paths, paths: ["/admin/*"] }],
        ["off", { mode: RedirectMode.Off }],
        ["except, a path off the allow-list", { mode: RedirectMode.Except, paths: ["/api/*"] }],
    ])("redirect mode %s leaves plain HTTP: mandatory", async (_, httpsRedirect) => {
        const found = await findings({ httpsRedirect });
        expect(found.filter((f) => f.startsWith("[mandatory]"))).toEqual([
            httpsRedirect.mode === RedirectMode.Except
                ? "[mandatory] http-listener-redirects-to-https site-lb-http-rule-1"
                : "[mandatory] http-listener-redirects-to-https site-lb-http",
        ]);
    });

    it.each([
        ["ACME", () => ({ certificate: { acme: {} }, expiryAlarm: { enabled: false } })],
        [
            "PEM",
            () => ({
                certificate: { pem: { certificate: leaf.pem, chain: pki.intermediate.pem, privateKey: leaf.key.pem } },
                expiryAlarm: { enabled: false },
            }),
        ],
    ])("%s with the expiry alarm turned off: the imported certificate is advised about", async (_, args) => {
        const found = (await violationsFor(args())).filter((v) => v.policyName === "certificate-expiry-alarm");
        expect(found.map((v) => [v.enforcementLevel, v.resource?.type, v.message.split(":")[0]])).toEqual([
            [
                "advisory",
                "aws:acm/certificate:Certificate",
                `Imported certificate '${found[0]?.resource?.name}' has no CloudWatch alarm on AWS/CertificateManager DaysToExpiry`,
            ],
        ]);
    });

    it("a 302 redirect is not on the default status list", async () => {
        expect(await findings({ httpsRedirect: { statusCode: 302 } })).toEqual([
            "[mandatory] http-listener-redirects-to-https site-lb-http",
            ...DEFAULT_ADVICE,
        ]);
    });

    it("HSTS shorter than a year is advised against", async () => {
        const hsts = (await violationsFor({ hsts: { maxAgeSeconds: 300 } })).filter(
            (v) => v.policyName === "https-listener-hsts",
        );
        expect(hsts.map((v) => [v.enforcementLevel, v.message])).toEqual([
            [
                "advisory",
                "HTTPS listener 'site-lb-https' (port 443) sends Strict-Transport-Security 'max-age=300', a max-age below 31536000 seconds: set routingHttpResponseStrictTransportSecurityHeaderValue to 'max-age=31536000' or more (HttpsLoadBalancer: hsts: { maxAgeSeconds: 31536000 }).",
            ],
        ]);
    });

    it("the ACME staging default in a production stack is mandatory; production's server passes there", async () => {
        expect(await findings({ certificate: { acme: {} } }, "prod-eu")).toEqual([
            ...DEFAULT_ADVICE,
            "[mandatory] acme-no-staging-in-production site-certificate-acme-letsencrypt-staging",
        ]);
        graph.clear();
        await resetMocks();
        expect(
            await findings({ certificate: { acme: { server: AcmeServer.LetsEncryptProduction } } }, "prod-eu"),
        ).toEqual(DEFAULT_ADVICE);
    });
});
