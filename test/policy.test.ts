/**
 * Each policy of aws-https-domain/policy on compliant and non-compliant
 * resources, with its exact violation messages, evaluated by the offline
 * runner (the same code `preview --policy-pack` runs).
 */
import {
    accessLogsPolicy,
    acmeStagingPolicy,
    expiryAlarmPolicy,
    hstsPolicy,
    httpRedirectPolicy,
    loadBalancerHardeningPolicy,
    securityGroupIngressPolicy,
    tlsPolicyPolicy,
    validatedCertificatePolicy,
} from "../components/policy";
import { type PlannedResource } from "../components/cli/preview/plan";
import { type PlanValue } from "../components/cli/preview/values";
import { messages, planned, UNKNOWN_INPUT, violations } from "./helpers/policy";

const LB = planned("aws:lb/loadBalancer:LoadBalancer", "web", { loadBalancerType: "application" });
const REDIRECT = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
const FIX = "redirect to HTTPS with 'HTTP_301' (protocol HTTPS, port 443, host #{host}, path /#{path}, query #{query})";

function httpListener(defaultActions: unknown, name = "web-http", type = "aws:lb/listener:Listener"): PlannedResource {
    return planned(
        type,
        name,
        { port: 80, protocol: "HTTP", defaultActions: defaultActions as never },
        { loadBalancerArn: [LB] },
    );
}

describe("http-listener-redirects-to-https", () => {
    it.each([
        ["a 301 redirect to HTTPS :443", [REDIRECT]],
        [
            "the same, spelled out",
            [
                {
                    type: "redirect",
                    redirect: { ...REDIRECT.redirect, host: "#{host}", path: "/#{path}", query: "#{query}" },
                },
            ],
        ],
    ])("accepts %s", async (_, actions) => {
        expect(await messages(httpRedirectPolicy, [LB, httpListener(actions)])).toEqual([]);
    });

    it.each([
        [
            "a forward default action",
            [{ type: "forward", targetGroupArn: UNKNOWN_INPUT }],
            `HTTP listener 'web-http' (port 80): the default action is 'forward', so every path no rule redirects is served over plain HTTP: ${FIX}.`,
        ],
        [
            "a redirect that keeps HTTP and its port",
            [{ type: "redirect", redirect: { statusCode: "HTTP_301" } }],
            `HTTP listener 'web-http' (port 80): the default redirect redirects to protocol '#{protocol}', not HTTPS; keeps port '#{port}', the HTTP port: set the HTTPS listener's port: ${FIX}.`,
        ],
        [
            "a 302 to a fixed host and path without the query",
            [
                {
                    type: "redirect",
                    redirect: {
                        ...REDIRECT.redirect,
                        statusCode: "HTTP_302",
                        host: "www.example.com",
                        path: "/",
                        query: "",
                    },
                },
            ],
            `HTTP listener 'web-http' (port 80): the default redirect uses status 'HTTP_302', not one of 'HTTP_301'; sets host 'www.example.com' instead of keeping '#{host}'; sets path '/' instead of keeping '/#{path}'; sets query '' instead of keeping '#{query}': ${FIX}.`,
        ],
    ])("refuses %s", async (_, actions, message) => {
        expect(await messages(httpRedirectPolicy, [LB, httpListener(actions)])).toEqual([message]);
    });

    it("checks aws:alb listeners and listeners without a protocol (HTTP on an ALB)", async () => {
        const alb = httpListener([{ type: "fixed-response" }], "legacy", "aws:alb/listener:Listener");
        const bare = planned("aws:lb/listener:Listener", "bare", { port: 8080, defaultActions: [{ type: "forward" }] });
        expect(await messages(httpRedirectPolicy, [alb, bare])).toEqual([
            `HTTP listener 'legacy' (port 80): the default action is 'fixed-response', so every path no rule redirects is served over plain HTTP: ${FIX}.`,
            `HTTP listener 'bare' (port 8080): the default action is 'forward', so every path no rule redirects is served over plain HTTP: ${FIX}.`,
        ]);
    });

    it("leaves listeners of a network load balancer in the stack alone", async () => {
        const nlb = planned("aws:lb/loadBalancer:LoadBalancer", "tcp", { loadBalancerType: "network" });
        const tcp = planned(
            "aws:lb/listener:Listener",
            "tcp-80",
            { port: 80, defaultActions: [{ type: "forward" }] },
            { loadBalancerArn: [nlb] },
        );
        expect(await messages(httpRedirectPolicy, [nlb, tcp])).toEqual([]);
    });

    it("allows rules that forward only allow-listed paths, and names the rules that forward more", async () => {
        const listener = httpListener([REDIRECT]);
        const rule = (name: string, conditions: unknown, actions: unknown = [{ type: "forward" }]) =>
            planned(
                "aws:lb/listenerRule:ListenerRule",
                name,
                { listenerArn: UNKNOWN_INPUT, conditions: conditions as never, actions: actions as never },
                { listenerArn: [listener] },
            );
        const acme = rule("acme", [{ pathPattern: { values: ["/.well-known/acme-challenge/*"] } }]);
        const api = rule("api", [{ pathPattern: { values: ["/.well-known/acme-challenge/*", "/api/*"] } }]);
        const host = rule("host", [{ hostHeader: { values: ["old.example.com"] } }]);
        const back = rule(
            "back",
            [{ pathPattern: { values: ["/x"] } }],
            [{ type: "redirect", redirect: { protocol: "HTTP" } }],
        );
        expect(await messages(httpRedirectPolicy, [LB, listener, acme, api, host, back])).toEqual([
            `Listener rule 'api' on HTTP listener 'web-http' (port 80): serves paths '/api/*' over plain HTTP (action 'forward'), and only '/.well-known/acme-challenge/*' may be: ${FIX}, or add the paths to allowedPaths.`,
            `Listener rule 'host' on HTTP listener 'web-http' (port 80): serves requests on any path over plain HTTP (action 'forward'), and only '/.well-known/acme-challenge/*' may be: ${FIX}, or add the paths to allowedPaths.`,
            `Listener rule 'back' on HTTP listener 'web-http' (port 80): its redirect redirects to protocol 'HTTP', not HTTPS; keeps port '#{port}', the HTTP port: set the HTTPS listener's port; sets no statusCode: ${FIX}.`,
        ]);
        const configured = {
            "http-listener-redirects-to-https": { allowedPaths: ["/api/*", "/.well-known/acme-challenge/*"] },
        };
        expect(await messages(httpRedirectPolicy, [LB, listener, api], configured)).toEqual([]);
    });

    it("reports on the listener's URN, at the mandatory level", async () => {
        const listener = httpListener([{ type: "forward" }]);
        expect(await violations(httpRedirectPolicy, [LB, listener])).toEqual([
            expect.objectContaining({
                policyName: "http-listener-redirects-to-https",
                enforcementLevel: "mandatory",
                resource: { urn: listener.urn, type: "aws:lb/listener:Listener", name: "web-http" },
            }),
        ]);
    });
});

describe("https-listener-tls-policy", () => {
    const https = (sslPolicy?: string, protocol = "HTTPS") =>
        planned("aws:lb/listener:Listener", "web-https", { port: 443, protocol, ...(sslPolicy ? { sslPolicy } : {}) });
    const ALLOWED = [
        "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
        "ELBSecurityPolicy-TLS13-1-3-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    ];
    const fix = `set sslPolicy to one of ${ALLOWED.map((p) => `'${p}'`).join(", ")}`;

    it.each(ALLOWED)("accepts %s", async (policy) => {
        expect(await messages(tlsPolicyPolicy, [https(policy)])).toEqual([]);
    });

    it.each([
        ["ELBSecurityPolicy-TLS-1-0-2015-04", " (it accepts TLS 1.0)"],
        ["ELBSecurityPolicy-2016-08", " (it accepts TLS 1.0)"],
        ["ELBSecurityPolicy-TLS13-1-1-2021-06", " (it accepts TLS 1.1)"],
        ["ELBSecurityPolicy-TLS13-1-2-2021-06", ""],
        ["ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09", ""],
        ["ELBSecurityPolicy-TLS-1-2-2017-01", ""],
    ])("refuses %s", async (policy, why) => {
        expect(await messages(tlsPolicyPolicy, [https(policy)])).toEqual([
            `HTTPS listener 'web-https' (port 443) uses sslPolicy '${policy}'${why}, not on the allow-list: ${fix}.`,
        ]);
    });

    it("refuses an HTTPS or TLS listener without a policy (AWS would apply ELBSecurityPolicy-2016-08)", async () => {
        expect(await messages(tlsPolicyPolicy, [https(undefined), https(undefined, "TLS")])).toEqual([
            `HTTPS listener 'web-https' (port 443) sets no sslPolicy, so AWS applies 'ELBSecurityPolicy-2016-08' (it accepts TLS 1.0): ${fix}.`,
            `TLS listener 'web-https' (port 443) sets no sslPolicy, so AWS applies 'ELBSecurityPolicy-2016-08' (it accepts TLS 1.0): ${fix}.`,
        ]);
    });

    it("reads a listener without protocol but with a certificate as HTTPS (what the provider sends for an ALB)", async () => {
        const bare = planned("aws:lb/listener:Listener", "bare", { port: 443, certificateArn: UNKNOWN_INPUT });
        expect(await messages(tlsPolicyPolicy, [bare])).toEqual([
            `HTTPS listener 'bare' (port 443) sets no sslPolicy, so AWS applies 'ELBSecurityPolicy-2016-08' (it accepts TLS 1.0): ${fix}.`,
        ]);
    });

    it("takes its allow-list from config and leaves HTTP listeners alone", async () => {
        const config = { "https-listener-tls-policy": { allowedPolicies: ["ELBSecurityPolicy-TLS13-1-3-PQ-2025-09"] } };
        expect(
            await messages(
                tlsPolicyPolicy,
                [https("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"), https(undefined, "HTTP")],
                config,
            ),
        ).toEqual([
            "HTTPS listener 'web-https' (port 443) uses sslPolicy 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', not on the allow-list: set sslPolicy to one of 'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09'.",
        ]);
    });

    it("reports a policy known only after deployment as advisory, like the engine in a preview", async () => {
        expect(
            await violations(tlsPolicyPolicy, [
                planned("aws:lb/listener:Listener", "web-https", { protocol: "HTTPS", sslPolicy: UNKNOWN_INPUT }),
            ]),
        ).toEqual([
            expect.objectContaining({
                enforcementLevel: "advisory",
                message:
                    "can't run policy 'https-listener-tls-policy' from policy pack 'test-pack@v0.0.1' during preview: string value at .sslPolicy can't be known during preview",
            }),
        ]);
    });
});

describe("https-listener-validated-certificate", () => {
    const cert = planned("aws:acm/certificate:Certificate", "cert", {
        domainName: "www.example.com",
        validationMethod: "DNS",
    });
    const validation = planned(
        "aws:acm/certificateValidation:CertificateValidation",
        "cert-validation",
        { certificateArn: UNKNOWN_INPUT },
        { certificateArn: [cert] },
    );
    const imported = planned("aws:acm/certificate:Certificate", "pem", {
        certificateBody: "-----BEGIN CERTIFICATE-----",
        privateKey: { $secret: true },
    });
    const listener = (from: PlannedResource[], certificateArn: PlanValue = UNKNOWN_INPUT) =>
        planned(
            "aws:lb/listener:Listener",
            "web-https",
            { port: 443, protocol: "HTTPS", certificateArn },
            { certificateArn: from },
        );
    const FIX_BARE =
        "takes its certificate from aws.acm.Certificate 'cert' directly, a requested certificate that may not be issued yet: use the certificateArn of an aws.acm.CertificateValidation for it (a listener created before its certificate is ISSUED fails with UnsupportedCertificate), or an imported certificate.";

    it.each([
        ["a CertificateValidation", [validation]],
        ["an imported certificate", [imported]],
        ["an existing certificate's ARN", []],
    ])("accepts a certificate from %s", async (_, from) => {
        const arn = from.length ? UNKNOWN_INPUT : "arn:aws:acm:eu-west-1:123456789012:certificate/1";
        expect(await messages(validatedCertificatePolicy, [cert, validation, imported, listener(from, arn)])).toEqual(
            [],
        );
    });

    it("refuses the bare requested certificate on a listener and on a listener certificate", async () => {
        const sni = planned(
            "aws:alb/listenerCertificate:ListenerCertificate",
            "sni",
            { certificateArn: UNKNOWN_INPUT },
            { certificateArn: [cert] },
        );
        expect(await messages(validatedCertificatePolicy, [cert, listener([cert]), sni])).toEqual([
            `HTTPS listener 'web-https' (port 443) ${FIX_BARE}`,
            `Listener certificate 'sni' ${FIX_BARE}`,
        ]);
    });

    it("refuses an ARN from anything else, and an existing ARN when configured to", async () => {
        const param = planned("aws:ssm/parameter:Parameter", "arn-param", { value: "x" });
        const config = { "https-listener-validated-certificate": { allowExistingCertificateArns: false } };
        expect(await messages(validatedCertificatePolicy, [param, listener([param])])).toEqual([
            "HTTPS listener 'web-https' (port 443) takes its certificate ARN from aws:ssm/parameter:Parameter 'arn-param', not from an aws.acm.CertificateValidation or an imported certificate.",
        ]);
        expect(
            await messages(
                validatedCertificatePolicy,
                [listener([], "arn:aws:acm:eu-west-1:123456789012:certificate/1")],
                config,
            ),
        ).toEqual([
            "HTTPS listener 'web-https' (port 443) uses the certificate ARN 'arn:aws:acm:eu-west-1:123456789012:certificate/1', which no resource in this stack produces, and allowExistingCertificateArns is false: take it from an aws.acm.CertificateValidation or an imported certificate.",
        ]);
    });
});

describe("load-balancer-request-hardening and load-balancer-access-logs", () => {
    const lb = (inputs: Record<string, PlanValue>, type = "aws:lb/loadBalancer:LoadBalancer") =>
        planned(type, "web", inputs);

    it.each([
        ["drops invalid headers, mode unset (defensive)", { dropInvalidHeaderFields: true }],
        ["strictest", { dropInvalidHeaderFields: true, desyncMitigationMode: "strictest" }],
        ["a network load balancer", { loadBalancerType: "network" }],
    ])("accepts %s", async (_, inputs) => {
        expect(await messages(loadBalancerHardeningPolicy, [lb(inputs)])).toEqual([]);
    });

    it("refuses routing invalid headers and the monitor mode, on aws:alb too", async () => {
        expect(
            await messages(loadBalancerHardeningPolicy, [
                lb({ desyncMitigationMode: "monitor" }, "aws:alb/loadBalancer:LoadBalancer"),
            ]),
        ).toEqual([
            "Load balancer 'web' passes header fields that are not valid on to its targets (dropInvalidHeaderFields is unset, which means false): set dropInvalidHeaderFields: true.",
            "Load balancer 'web' uses desyncMitigationMode 'monitor', which lets requests that risk HTTP desync through to its targets: use one of 'defensive', 'strictest'.",
        ]);
        expect(await messages(loadBalancerHardeningPolicy, [lb({ dropInvalidHeaderFields: false })])).toEqual([
            "Load balancer 'web' passes header fields that are not valid on to its targets (dropInvalidHeaderFields is false): set dropInvalidHeaderFields: true.",
        ]);
    });

    it("advises access logs unless they are enabled", async () => {
        const message =
            "Load balancer 'web' writes no access logs (accessLogs.enabled is not true): set accessLogs: { bucket, enabled: true } (HttpsLoadBalancer: accessLogs: { bucket }) to keep a record of requests and their TLS versions.";
        expect(await messages(accessLogsPolicy, [lb({ accessLogs: { bucket: "logs", enabled: true } })])).toEqual([]);
        expect(await violations(accessLogsPolicy, [lb({ accessLogs: { bucket: "logs" } })])).toEqual([
            expect.objectContaining({ enforcementLevel: "advisory", message }),
        ]);
    });
});

describe("https-listener-hsts", () => {
    const https = (value?: string) =>
        planned("aws:lb/listener:Listener", "web-https", {
            port: 443,
            protocol: "HTTPS",
            ...(value === undefined ? {} : { routingHttpResponseStrictTransportSecurityHeaderValue: value }),
        });
    const fix =
        "set routingHttpResponseStrictTransportSecurityHeaderValue to 'max-age=31536000' or more (HttpsLoadBalancer: hsts: { maxAgeSeconds: 31536000 })";

    it.each(["max-age=31536000", "max-age=63072000; includeSubDomains; preload", 'max-age="31536000"'])(
        "accepts %s",
        async (value) => {
            expect(await messages(hstsPolicy, [https(value)])).toEqual([]);
        },
    );

    it.each([
        [undefined, `HTTPS listener 'web-https' (port 443) sends no Strict-Transport-Security header: ${fix}.`],
        [
            "max-age=300",
            `HTTPS listener 'web-https' (port 443) sends Strict-Transport-Security 'max-age=300', a max-age below 31536000 seconds: ${fix}.`,
        ],
        [
            "includeSubDomains",
            `HTTPS listener 'web-https' (port 443) sends Strict-Transport-Security 'includeSubDomains' without a max-age: ${fix}.`,
        ],
    ])("advises against %s", async (value, message) => {
        expect(await violations(hstsPolicy, [https(value)])).toEqual([
            expect.objectContaining({ enforcementLevel: "advisory", message }),
        ]);
    });

    it("takes the least max-age from config", async () => {
        expect(
            await messages(hstsPolicy, [https("max-age=300")], { "https-listener-hsts": { minMaxAgeSeconds: 300 } }),
        ).toEqual([]);
    });
});

describe("load-balancer-security-group-ingress", () => {
    const sg = planned("aws:ec2/securityGroup:SecurityGroup", "web-sg", { vpcId: "vpc-1" });
    const lb = planned(
        "aws:lb/loadBalancer:LoadBalancer",
        "web",
        { securityGroups: [UNKNOWN_INPUT] },
        { securityGroups: [sg] },
    );
    const listeners = [80, 443].map((port) =>
        planned(
            "aws:lb/listener:Listener",
            `l-${port}`,
            { port, loadBalancerArn: UNKNOWN_INPUT },
            { loadBalancerArn: [lb] },
        ),
    );
    const vpcRule = (name: string, inputs: Record<string, PlanValue>) =>
        planned(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            name,
            { securityGroupId: UNKNOWN_INPUT, ...inputs },
            { securityGroupId: [sg] },
        );
    const fix = "open only the listener ports (tcp 80, 443) to anywhere, and anything else to known networks.";

    it("accepts the listener ports from anywhere and other ports from known networks", async () => {
        const rules = [
            vpcRule("in-80", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }),
            vpcRule("in-443-v6", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0" }),
            vpcRule("in-ssh", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" }),
        ];
        expect(await messages(securityGroupIngressPolicy, [sg, lb, ...listeners, ...rules])).toEqual([]);
    });

    it("refuses every kind of rule that opens more to anywhere", async () => {
        const inline = planned("aws:ec2/securityGroup:SecurityGroup", "web-sg", {
            ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }],
        });
        const lbInline = planned("aws:lb/loadBalancer:LoadBalancer", "web", {}, { securityGroups: [inline] });
        const ls = [80, 443].map((port) =>
            planned("aws:lb/listener:Listener", `l-${port}`, { port }, { loadBalancerArn: [lbInline] }),
        );
        const ec2Rule = planned(
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "legacy",
            { type: "ingress", protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["0.0.0.0/0"] },
            { securityGroupId: [inline] },
        );
        const all = planned(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "all",
            { ipProtocol: "-1", cidrIpv6: "::/0" },
            { securityGroupId: [inline] },
        );
        const egress = planned(
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "out",
            { type: "egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] },
            { securityGroupId: [inline] },
        );
        expect(await messages(securityGroupIngressPolicy, [inline, lbInline, ...ls, ec2Rule, all, egress])).toEqual([
            `Security group 'web-sg' of load balancer 'web' lets 0.0.0.0/0 reach tcp 0-65535 (inline ingress block 1): ${fix}`,
            `Security group 'web-sg' of load balancer 'web' lets 0.0.0.0/0 reach udp traffic (ingress rule 'legacy'): ${fix}`,
            `Security group 'web-sg' of load balancer 'web' lets ::/0 reach every port and protocol (ingress rule 'all'): ${fix}`,
        ]);
    });

    it("refuses a tcp port outside the listeners and says so when there is no listener", async () => {
        const rule = vpcRule("in-8080", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "0.0.0.0/0" });
        expect(await messages(securityGroupIngressPolicy, [sg, lb, rule])).toEqual([
            "Security group 'web-sg' of load balancer 'web' lets 0.0.0.0/0 reach tcp 8080 (ingress rule 'in-8080'): open only the listener ports (no port (it has no listener)) to anywhere, and anything else to known networks.",
        ]);
    });
});

describe("acme-no-staging-in-production", () => {
    const provider = (serverUrl: string, stack: string) =>
        planned("pulumi:providers:acme", "acme", { serverUrl }, {}, stack);
    const STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";

    it.each([
        [STAGING, "dev"],
        [STAGING, "staging-prod"],
        ["https://acme-v02.api.letsencrypt.org/directory", "prod"],
    ])("accepts %s in stack %s", async (url, stack) => {
        expect(await messages(acmeStagingPolicy, [provider(url, stack)])).toEqual([]);
    });

    it.each([
        [STAGING, "prod", "prod*"],
        ["https://dv.acme-v02.test-api.pki.goog/directory", "production-eu", "prod*"],
    ])("refuses %s in stack %s", async (url, stack, pattern) => {
        expect(await messages(acmeStagingPolicy, [provider(url, stack)])).toEqual([
            `ACME provider 'acme' uses the staging server '${url}' in stack '${stack}', which matches the production pattern '${pattern}': browsers do not trust its certificates. Use a production directory (AcmeCertificate: server: AcmeServer.LetsEncryptProduction), or deploy staging only to stacks that match none of 'prod*'.`,
        ]);
    });

    it("takes the production patterns and staging servers from config", async () => {
        const config = {
            "acme-no-staging-in-production": {
                productionStacks: ["live-?"],
                stagingServerUrls: ["https://ca.internal/staging"],
            },
        };
        expect(
            await messages(
                acmeStagingPolicy,
                [provider("https://ca.internal/staging", "live-1"), provider(STAGING, "live-2")],
                config,
            ),
        ).toEqual([
            "ACME provider 'acme' uses the staging server 'https://ca.internal/staging' in stack 'live-1', which matches the production pattern 'live-?': browsers do not trust its certificates. Use a production directory (AcmeCertificate: server: AcmeServer.LetsEncryptProduction), or deploy staging only to stacks that match none of 'live-?'.",
        ]);
    });
});

describe("certificate-expiry-alarm", () => {
    const requested = planned("aws:acm/certificate:Certificate", "requested", {
        domainName: "www.example.com",
        validationMethod: "DNS",
    });
    const imported = planned("aws:acm/certificate:Certificate", "pem", {
        certificateBody: UNKNOWN_INPUT,
        privateKey: { $secret: true },
    });
    const TOPIC = "arn:aws:sns:us-east-1:123456789012:ops";
    const alarm = (inputs: Record<string, PlanValue> = {}, name = "pem-expiry") =>
        planned(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            name,
            {
                namespace: "AWS/CertificateManager",
                metricName: "DaysToExpiry",
                dimensions: { CertificateArn: UNKNOWN_INPUT },
                comparisonOperator: "LessThanOrEqualToThreshold",
                threshold: 15,
                alarmActions: [TOPIC],
                ...inputs,
            },
            { dimensions: [imported] },
        );
    const NONE =
        "Imported certificate 'pem' has no CloudWatch alarm on AWS/CertificateManager DaysToExpiry: ACM does not renew imported certificates, so nothing warns before it expires; add one with dimensions { CertificateArn: <its arn> } (aws-https-domain components: expiryAlarm, on by default for ACME, PEM and CSR certificates).";

    it("accepts an imported certificate with an alarm on its DaysToExpiry, and ignores requested ones", async () => {
        expect(await messages(expiryAlarmPolicy, [requested, imported, alarm()])).toEqual([]);
        expect(await messages(expiryAlarmPolicy, [requested])).toEqual([]);
    });

    it("an unknown threshold or action list during a preview is not a violation", async () => {
        expect(
            await messages(expiryAlarmPolicy, [
                imported,
                alarm({ threshold: UNKNOWN_INPUT, alarmActions: UNKNOWN_INPUT }),
            ]),
        ).toEqual([]);
    });

    it.each<[string, PlannedResource[]]>([
        ["no alarm at all", [imported]],
        ["an alarm on another metric", [imported, alarm({ metricName: "HealthyHostCount" })]],
        [
            "an expiry alarm of another certificate",
            [imported, { ...alarm(), propertyDependencies: { dimensions: [requested.urn] } }],
        ],
    ])("advises on %s", async (_, resources) => {
        const found = await violations(expiryAlarmPolicy, [requested, ...resources]);
        expect(found.map((v) => [v.enforcementLevel, v.resource?.name, v.message])).toEqual([
            ["advisory", "pem", NONE],
        ]);
    });

    it.each<[string, Record<string, PlanValue>, string]>([
        [
            "the wrong comparison",
            { comparisonOperator: "GreaterThanThreshold" },
            "compares with 'GreaterThanThreshold': an expiry alarm fires when few days are left (LessThanOrEqualToThreshold)",
        ],
        ["no action", { alarmActions: [] }, "has no alarmActions, so nobody hears it: notify an SNS topic"],
        [
            "a threshold below the configured minimum",
            { threshold: 3 },
            "fires at 3 days left, later than the 7 days configured (minDaysBefore)",
        ],
    ])("names what is wrong with an alarm that watches it: %s", async (_, inputs, problem) => {
        const config = { "certificate-expiry-alarm": { minDaysBefore: 7 } };
        expect(await messages(expiryAlarmPolicy, [imported, alarm(inputs)], config)).toEqual([
            `Imported certificate 'pem': its expiry alarm 'pem-expiry' ${problem}.`,
        ]);
    });

    it("one good alarm among several is enough", async () => {
        expect(
            await messages(expiryAlarmPolicy, [imported, alarm({ alarmActions: [] }, "silent"), alarm({}, "loud")]),
        ).toEqual([]);
    });
});
