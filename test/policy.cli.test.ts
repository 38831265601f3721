/**
 * `aws-https-domain preview --policy-pack DIR` end to end: the real CLI as a
 * subprocess previews fixture programs built from raw `@pulumi/aws`
 * resources (test/fixtures/policy/raw) through the ready-to-use pack
 * (components/policy/pack) and through a pack that is not ours, and the
 * violations and exit codes are asserted. Every run finishing at all shows
 * that no policy-pack gRPC server was started (it would keep the process alive).
 */
import { buildPlainCli, type CliRun, preview, removePlainCli, runLimited, spawnRun } from "./fixtures/preview/cli";

const RAW = "test/fixtures/policy/raw";
const PACK = "components/policy/pack";
const viaPack =
    (...args: string[]) =>
    () =>
        preview("--program", RAW, ...args, "--policy-pack", PACK);

let runs: Record<string, CliRun>;
let plainCli: string;

beforeAll(async () => {
    plainCli = buildPlainCli();
    runs = await runLimited({
        plainJs: () =>
            spawnRun(process.execPath, [
                plainCli,
                "preview",
                "--program",
                RAW,
                "-c",
                "variant=tls10",
                "--policy-pack",
                PACK,
            ]),
        compliant: viaPack(),
        httpForward: viaPack("-c", "variant=http-forward"),
        tls10: viaPack("-c", "variant=tls10"),
        bareCertificate: viaPack("-c", "variant=bare-certificate"),
        allPorts: viaPack("-c", "variant=all-ports"),
        existingArn: viaPack("-c", "variant=existing-arn"),
        strictArn: viaPack(
            "-c",
            "variant=existing-arn",
            "--policy-pack-config",
            "test/fixtures/policy/strict-certificates.json",
        ),
        allAdvisory: viaPack("-c", "variant=tls10", "--policy-pack-config", "test/fixtures/policy/all-advisory.json"),
        json: viaPack("-c", "variant=tls10", "--json"),
        otherPack: () => preview("--program", RAW, "--policy-pack", "test/fixtures/policy/tag-pack"),
        notAPack: () => preview("--program", RAW, "--policy-pack", "test/fixtures/policy"),
        configAlone: () => preview("--program", RAW, "--policy-pack-config", "x.json"),
    });
}, 180_000);

afterAll(() => removePlainCli(plainCli));

/** The policy report: everything from its summary line on. */
const report = (run: CliRun) => run.stdout.slice(run.stdout.indexOf("Policy pack "));

const violation = (level: string, policy: string, resource: string, description: string, message: string) =>
    `\n[${level}] ${policy}  ${resource}\n    ${description}\n    ${message}`;

describe("the ready-to-use pack over raw @pulumi/aws resources", () => {
    it("passes the compliant program: plan printed, no violations, exit 0", () => {
        expect(runs.compliant.stderr).toBe("");
        expect(runs.compliant.stdout).toContain("└─ + aws:lb:Listener  web-https");
        expect(report(runs.compliant)).toBe("Policy pack aws-https-domain@v0.1.0: no violations.\n");
        expect(runs.compliant.code).toBe(0);
    });

    it.each([
        [
            "httpForward",
            violation(
                "mandatory",
                "http-listener-redirects-to-https",
                "aws:lb/listener:Listener  web-http",
                "HTTP listeners redirect every request to HTTPS, keeping host, path and query, except allow-listed paths.",
                "HTTP listener 'web-http' (port 80): the default action is 'forward', so every path no rule redirects is served over plain HTTP: redirect to HTTPS with 'HTTP_301' (protocol HTTPS, port 443, host #{host}, path /#{path}, query #{query}).",
            ),
        ],
        [
            "tls10",
            violation(
                "mandatory",
                "https-listener-tls-policy",
                "aws:lb/listener:Listener  web-https",
                "HTTPS listeners use a TLS policy on the allow-list (TLS 1.2+ with ECDHE and GCM ciphers only).",
                "HTTPS listener 'web-https' (port 443) uses sslPolicy 'ELBSecurityPolicy-TLS-1-0-2015-04' (it accepts TLS 1.0), not on the allow-list: set sslPolicy to one of 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', 'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09', 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09', 'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', 'ELBSecurityPolicy-TLS13-1-3-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04', 'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04'.",
            ),
        ],
        [
            "bareCertificate",
            violation(
                "mandatory",
                "https-listener-validated-certificate",
                "aws:lb/listener:Listener  web-https",
                "HTTPS listeners use a certificate from an aws.acm.CertificateValidation or an import, never a bare requested certificate.",
                "HTTPS listener 'web-https' (port 443) takes its certificate from aws.acm.Certificate 'web-cert' directly, a requested certificate that may not be issued yet: use the certificateArn of an aws.acm.CertificateValidation for it (a listener created before its certificate is ISSUED fails with UnsupportedCertificate), or an imported certificate.",
            ),
        ],
        [
            "allPorts",
            violation(
                "mandatory",
                "load-balancer-security-group-ingress",
                "aws:ec2/securityGroup:SecurityGroup  web-sg",
                "Load-balancer security groups open only the listener ports to anywhere (0.0.0.0/0, ::/0).",
                "Security group 'web-sg' of load balancer 'web' lets 0.0.0.0/0 reach every port and protocol (ingress rule 'web-in-all'): open only the listener ports (tcp 80, 443) to anywhere, and anything else to known networks.",
            ),
        ],
    ])("%s: prints the one violation with its resource and exits 1", (key, expected) => {
        const run = runs[key];
        expect(run.stderr).toBe("");
        expect(report(run)).toBe(
            `Policy pack aws-https-domain@v0.1.0: 1 violation (1 mandatory, 0 advisory).\n${expected}\n`,
        );
        expect(run.code).toBe(1);
    });

    it("the compiled JavaScript CLI (what the published bin runs) reports the same", () => {
        expect(report(runs.plainJs)).toBe(report(runs.tls10));
        expect(runs.plainJs.code).toBe(1);
    });

    it("accepts an existing certificate ARN by default and refuses it under --policy-pack-config", () => {
        expect(report(runs.existingArn)).toBe("Policy pack aws-https-domain@v0.1.0: no violations.\n");
        expect(runs.existingArn.code).toBe(0);
        expect(report(runs.strictArn)).toContain(
            "    HTTPS listener 'web-https' (port 443) uses the certificate ARN 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000', which no resource in this stack produces, and allowExistingCertificateArns is false: take it from an aws.acm.CertificateValidation or an imported certificate.\n",
        );
        expect(runs.strictArn.code).toBe(1);
    });

    it("`all: advisory` in the config turns the violation into advice: exit 0", () => {
        expect(report(runs.allAdvisory)).toMatch(
            /^Policy pack aws-https-domain@v0\.1\.0: 1 violation \(0 mandatory, 1 advisory\)\.\n\n\[advisory\] https-listener-tls-policy {2}aws:lb\/listener:Listener {2}web-https\n/,
        );
        expect(runs.allAdvisory.code).toBe(0);
    });

    it("--json keeps stdout a JSON document and prints the report on stderr", () => {
        const doc = JSON.parse(runs.json.stdout) as { resources: { type: string }[] };
        expect(doc.resources.map((r) => r.type)).toContain("aws:lb/listener:Listener");
        expect(runs.json.stderr).toMatch(
            /^Policy pack aws-https-domain@v0\.1\.0: 1 violation \(1 mandatory, 0 advisory\)\./,
        );
        expect(runs.json.code).toBe(1);
    });
});

describe("any nodejs policy pack, and the flag's errors", () => {
    it("evaluates another pack's typed, disabled and stack policies", () => {
        expect(report(runs.otherPack)).toBe(
            [
                "Policy pack fixture-tags@v2.0.0: 2 violations (1 mandatory, 1 advisory).",
                violation(
                    "mandatory",
                    "owner-tag",
                    "aws:lb/loadBalancer:LoadBalancer  web",
                    "Load balancers carry an owner tag.",
                    "load balancer 'web' has no owner tag",
                ),
                violation(
                    "advisory",
                    "listener-count",
                    "(the stack)",
                    "Stacks have at most one listener.",
                    "2 listeners",
                ),
                "",
            ].join("\n"),
        );
        expect(runs.otherPack.code).toBe(1);
    });

    it("a directory without PulumiPolicy.yaml is exit 2 with the reason", () => {
        expect(runs.notAPack.stderr).toBe(
            "aws-https-domain preview: test/fixtures/policy is not a policy pack: it has no PulumiPolicy.yaml\n",
        );
        expect(runs.notAPack.code).toBe(2);
    });

    it("--policy-pack-config alone is a usage error", () => {
        expect(runs.configAlone.stderr).toMatch(
            /^aws-https-domain preview: --policy-pack-config needs --policy-pack\n/,
        );
        expect(runs.configAlone.code).toBe(2);
    });
});
