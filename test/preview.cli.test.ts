import { HTTPS_REDIRECT_301 } from "./helpers/components";
/**
 * Offline preview end to end: the real CLI as a subprocess on the shipped
 * example stack (`npm start`, `--json`, `--diagram`, a broken config) and on a
 * fixture program (`--program`: secrets, lookups, every way a program fails),
 * plus the compiled-JavaScript path the published `bin` takes.
 */
import {
    buildPlainCli,
    type CliRun,
    preview,
    removePlainCli,
    runLimited,
    SITE,
    spawnRun,
} from "./fixtures/preview/cli";

let runs: Record<string, CliRun>;
let plainCli: string;

/**
 * `@pulumi/pulumi` before 3.261 sends an unknown secret over the wire as a
 * plain unknown (it drops the secret marker of a value it does not know yet),
 * so an undecryptable secret input reads "(known after deploy)" there; from
 * 3.261 it keeps the marker and the plan shows "[secret]". Neither shows the value.
 */
const SDK_MINOR = Number((require("@pulumi/pulumi/package.json") as { version: string }).version.split(".")[1]);
const UNKNOWN_SECRET = SDK_MINOR >= 261 ? "[secret]" : "(known after deploy)";

beforeAll(async () => {
    plainCli = buildPlainCli();
    runs = await runLimited({
        start: () => spawnRun("npm", ["start"]),
        json: () => preview("--stack", "example", "--json"),
        diagram: () => preview("--stack", "example", "--diagram"),
        badHost: () => preview("--stack", "example", "--config", "hostname=Bad_Host.example.com"),
        site: () => preview("--program", SITE, "--stack", "dev"),
        siteJson: () => preview("--program", SITE, "--stack=other", "--json", "-c", "apiToken=hunter2-value"),
        siteFailures: () => preview("--program", SITE, "--stack", "dev", "--config", "failIn=apply,log,plainSecret"),
        siteHang: () => preview("--program", SITE, "--stack", "dev", "--config", "failIn=hang"),
        plainJs: () =>
            spawnRun(process.execPath, [plainCli, "preview", "--program", SITE, "--stack", "dev", "--no-type-check"]),
        unknownOption: () => preview("--bogus"),
        missingStack: () => preview("--stack", "nope"),
        severalStacks: () => preview("--program", SITE),
    });
}, 120_000);

afterAll(() => removePlainCli(plainCli));

type Json = {
    resources: {
        urn: string;
        type: string;
        name: string;
        kind: string;
        parent?: string;
        inputs: Record<string, any>;
    }[];
    [k: string]: any;
};
const ofType = (doc: Json, type: string) => doc.resources.filter((r) => r.type === type);

describe("preview of the example stack", () => {
    it("npm start prints the plan with the header, tree and checked properties, and exits 0", () => {
        const { code, stdout, stderr } = runs.start;
        expect(stderr).toBe("");
        expect(code).toBe(0);
        expect(stdout).toContain(
            "Offline preview of aws-https-domain, stack 'example': nothing was sent to AWS or any other cloud.",
        );
        expect(stdout).toMatch(/^Plan: \d+ resources to create, in 4 components\.$/m);
        expect(stdout).toContain("└─ + aws-https-domain:index:CustomDomain  example");
        expect(stdout).toContain("   ├─ + aws-https-domain:index:HttpsLoadBalancer  example-lb");
        expect(stdout).toContain("default action: redirect HTTP_301 to HTTPS://#{host}:443/#{path}?#{query}");
        expect(stdout).toContain("tls policy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
        expect(stdout).toContain("certificate: (known after deploy) ← example-certificate-validation");
        expect(stdout).toContain("allow in: tcp 443 from 0.0.0.0/0");
        // Egress goes to the VPC's CIDR blocks through a prefix list (its entries come from getVpc at deploy).
        expect(stdout).toContain("allow out: tcp 8080 to (known after deploy) ← example-lb-sg-vpc-ipv4");
        expect(stdout).toContain(
            "target: alias to example-lb, example-lb-https (its DNS name and zone known after deploy), evaluates target health",
        );
        expect(stdout).toContain("  url: https://app.example.com");
        // Nothing that only AWS can assign is made up.
        expect(stdout).not.toMatch(/arn:aws|elb\.amazonaws\.com|acm-validations|\bZ[0-9A-Z]{10,}\b/);
    });

    it("--json gives the resource counts, the redirect and unknown ARNs as markers", () => {
        expect(runs.json.code).toBe(0);
        const doc: Json = JSON.parse(runs.json.stdout);
        expect(doc.offline).toBe(true);
        expect(doc.errors).toEqual([]);
        const created = doc.resources.filter((r) => r.kind === "resource").length;
        expect(runs.start.stdout).toContain(`Plan: ${created} resources to create, in 4 components.`);
        const components = doc.resources.filter((r) => r.kind === "component").map((r) => r.type.split(":").pop());
        expect(components.sort()).toEqual(["AcmCertificate", "CustomDomain", "DnsRecords", "HttpsLoadBalancer"]);
        const counts: Record<string, number> = {};
        for (const r of doc.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
        expect(counts).toMatchObject({
            "aws:lb/loadBalancer:LoadBalancer": 1,
            "aws:lb/listener:Listener": 2,
            "aws:lb/targetGroup:TargetGroup": 1,
            "aws:ec2/securityGroup:SecurityGroup": 1,
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 2,
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 1,
            "aws:acm/certificate:Certificate": 1,
            "aws:acm/certificateValidation:CertificateValidation": 1,
            "aws:route53/record:Record": 4,
        });
        const [http] = ofType(doc, "aws:lb/listener:Listener").filter((l) => l.inputs.port === 80);
        expect(http.inputs.protocol).toBe("HTTP");
        expect(http.inputs.defaultActions).toEqual([HTTPS_REDIRECT_301]);
        const [https] = ofType(doc, "aws:lb/listener:Listener").filter((l) => l.inputs.port === 443);
        expect(https.inputs.certificateArn).toEqual({ $unknown: true });
        const validations = ofType(doc, "aws:route53/record:Record").filter((r) => r.inputs.allowOverwrite === true);
        expect(validations.map((r) => r.name).sort()).toEqual([
            "example-validation-app.example.com",
            "example-validation-www.example.com",
        ]);
        expect(doc.lookups.map((l: { token: string }) => l.token)).toContain("aws:route53/getZone:getZone");
    });

    it("--diagram draws hostname → DNS → ALB → :80 redirect and :443 with its certificate → target", () => {
        expect(runs.diagram.code).toBe(0);
        const lines = runs.diagram.stdout.trim().split("\n");
        expect(lines[0]).toBe("flowchart LR");
        const id = (text: string) =>
            lines
                .find((l) => l.includes(`["${text}`))!
                .trim()
                .split("[")[0];
        const alb = id("ALB example-lb");
        expect(lines).toContain(`    ${id("app.example.com")} --> ${id("Route 53 A alias<br/>app.example.com")}`);
        expect(lines).toContain(`    ${id("Route 53 A alias<br/>app.example.com")} --> ${alb}`);
        expect(lines).toContain(`    ${id(":80 HTTP")} --> ${id("redirect HTTP_301 to HTTPS")}`);
        expect(lines).toContain(
            `    ${id("certificate app.example.com, www.example.com (ACM, DNS-validated)")} -.->|"certificate"| ${id(":443 HTTPS")}`,
        );
        expect(lines).toContain(
            `    ${id(":443 HTTPS")} -->|"forward"| ${id("target group example-lb-targets<br/>ip HTTP:8080")}`,
        );
    });

    it("a bad hostname exits 1 with the component's exact validation message", () => {
        expect(runs.badHost.code).toBe(1);
        expect(runs.badHost.stdout).toBe("");
        expect(runs.badHost.stderr).toContain(
            "error: CustomDomain 'example' has 1 input problem:\n  - `hostname` 'Bad_Host.example.com' is not a valid DNS name: label 'bad_host' has '_': use only letters, digits and hyphens",
        );
    });

    it("usage and project errors exit 2", () => {
        expect(runs.unknownOption.code).toBe(2);
        expect(runs.unknownOption.stderr).toContain("aws-https-domain preview: unknown option '--bogus'");
        expect(runs.missingStack.code).toBe(2);
        expect(runs.missingStack.stderr).toContain("stack 'nope': Pulumi.nope.yaml not found");
        expect(runs.severalStacks.code).toBe(2);
        expect(runs.severalStacks.stderr).toContain("several stacks (dev, other): choose one with --stack NAME");
    });
});

describe("preview --program on another Pulumi program", () => {
    it("runs it with its own config, names undecryptable secrets and answers lookups offline", () => {
        const { code, stdout } = runs.site;
        expect(code).toBe(0);
        expect(stdout).toContain("Offline preview of fixture-site, stack 'dev'");
        expect(stdout).toContain(
            "Secrets not available offline (secure: values only the Pulumi CLI can decrypt): fixture-site:apiToken.",
        );
        expect(stdout).not.toContain("ZmFrZS1jaXBoZXJ0ZXh0");
        expect(stdout).toContain("   └─ + aws:lb:Listener  site-https");
        expect(stdout).toContain(`      value: ${UNKNOWN_SECRET}`);
        expect(stdout).toContain("  aws:index:getRegion(): region eu-west-1 (from config aws:region)");
        expect(stdout).toContain("  account: (known after deploy)");
        expect(stdout).toContain("  zones: (known after deploy)");
        expect(stdout).toContain("  aws:index:getAvailabilityZones(): no offline answer: result unknown");
        expect(stdout).toContain(`  info: tags: {"team":"web","env":"dev"}`);
    });

    it("takes another stack and --config values; a secret given on the command line stays hidden", () => {
        expect(runs.siteJson.code).toBe(0);
        expect(runs.siteJson.stdout).not.toContain("hunter2-value");
        const doc: Json = JSON.parse(runs.siteJson.stdout);
        expect(doc.stack).toBe("other");
        expect(doc.unavailableConfig).toEqual([]);
        expect(doc.outputs).toEqual({
            url: "https://other.example.net",
            region: "us-west-2",
            account: { $unknown: true },
            zones: { $unknown: true },
        });
        expect(
            doc.lookups.find(
                (l: { token: string }) => l.token === "aws:index/getAvailabilityZones:getAvailabilityZones",
            ),
        ).toEqual({
            token: "aws:index/getAvailabilityZones:getAvailabilityZones",
            args: {},
            answered: false,
            note: "no offline answer: result unknown",
        });
        expect(ofType(doc, "aws:ssm/parameter:Parameter")[0].inputs.value).toEqual({ $secret: true });
        const [site] = ofType(doc, "fixture:index:Site");
        expect(ofType(doc, "aws:lb/loadBalancer:LoadBalancer")[0].parent).toBe(site.urn);
    });

    it("reports every failure of the program (a throw, a failing apply, pulumi.log.error) and exits 1", () => {
        const { code, stdout, stderr } = runs.siteFailures;
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toContain("Preview failed: the program reported 3 errors.");
        expect(stderr).toContain(
            "error: Configuration 'fixture-site:apiToken' is a secret (secure:) that cannot be decrypted offline, and the program reads it with get(); " +
                "read it with a secret getter (e.g. requireSecret) or give a value with --config apiToken=VALUE.",
        );
        expect(stderr).toContain("error: apply check failed for https://www.example.org");
        expect(stderr).toContain("error: logged failure");
        expect(stderr).not.toContain("never finished");
    });

    it("a promise that never settles is reported as such and exits 1", () => {
        const { code, stdout, stderr } = runs.siteHang;
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toContain("Preview failed: the program reported 1 error.");
        expect(stderr).toMatch(
            /error: The program never finished: it waits for a Promise or Output that never settles \(\d+ resources were registered before it stopped\)\./,
        );
    });

    it("works from compiled JavaScript (the published bin), loading the TypeScript program with tsx", () => {
        expect(runs.plainJs.stderr).toBe("");
        expect(runs.plainJs.code).toBe(0);
        expect(runs.plainJs.stdout).toBe(runs.site.stdout);
    });
});
