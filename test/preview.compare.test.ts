/**
 * `preview --compare PLAN.json` on real pairs of plans of the topologies fixture program: a base plan saved
 * with --json, then the changed program compared with it. Each case lists exactly what is created, updated,
 * replaced and deleted, and the exit code CI gates on (0, 3 a load balancer or listener replaced or deleted,
 * 4 other known downtime). Replacements come from the providers' replace-on-change properties
 * (components/cli/preview/replacements.ts cites terraform-provider-aws for each type).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import schema from "../components/cli/preview/plan.schema.json";
import { type CliRun, PROGRAMS, preview, runLimited } from "./fixtures/preview/cli";

const topologies = path.join(PROGRAMS, "topologies");
let dir: string;
let runs: Record<string, CliRun>;

interface Change {
    action: string;
    type: string;
    name: string;
    changed: string[];
    replacedBy: string[];
    unknown: string[];
}
type Comparison = { changes: Change[]; unchanged: number; exitCode: number };

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-compare-"));
    const base = path.join(dir, "base.json");
    const many = path.join(dir, "many.json");
    const saved = await runLimited({
        base: () => preview("--program", topologies, "--json"),
        many: () => preview("--program", topologies, "-c", "topology=many", "--json"),
    });
    fs.writeFileSync(base, saved.base.stdout);
    fs.writeFileSync(many, saved.many.stdout);
    fs.writeFileSync(
        path.join(dir, "failed.json"),
        JSON.stringify({ offline: true, resources: [], errors: ["x"], exitCode: 1 }),
    );
    const compare = (plan: string, ...args: string[]) =>
        preview("--program", topologies, "--compare", plan, "--json", ...args);
    const renames = path.join(PROGRAMS, "renames");
    const beforeRenames = path.join(dir, "renames.json");
    fs.writeFileSync(beforeRenames, (await preview("--program", renames, "--json")).stdout);
    runs = await runLimited({
        renamed: () => preview("--program", renames, "-c", "step=after", "--compare", beforeRenames, "--json"),
        same: () => compare(base),
        addHostname: () => compare(base, "-c", "extraHostname=www.example.com"),
        dropOneOf25: () => compare(many, "-c", "topology=many", "-c", "dropHostname=7"),
        targetPort: () => compare(base, "-c", "targetPort=9000"),
        acmToAcme: () => compare(base, "-c", "certificateSource=acme"),
        hstsOff: () => compare(base, "-c", "hsts=false"),
        toShared: () => compare(base, "-c", "topology=shared"),
        text: () => preview("--program", topologies, "--compare", base, "-c", "targetPort=9000"),
        notAPlan: () => preview("--program", topologies, "--compare", path.join(dir, "failed.json")),
    });
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const comparison = (name: string): Comparison => JSON.parse(runs[name].stdout).comparison;
/** `action type name` per change, grouped by action, in the report's order. */
function byAction(name: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const c of comparison(name).changes) (out[c.action] ??= []).push(`${c.type.split(":").pop()} ${c.name}`);
    return out;
}
const change = (name: string, resource: string) => comparison(name).changes.find((c) => c.name === resource)!;

describe("preview --compare on real pairs of plans", () => {
    it("the same program: nothing to do, exit 0", () => {
        expect(runs.same.code).toBe(0);
        // 17: the ACM topology, with the managed prefix list its security group egress goes to.
        expect(comparison("same")).toEqual({ changes: [], unchanged: 17, exitCode: 0 });
    });

    it("add a hostname: the certificate is replaced (its names cannot change in place), records created", () => {
        expect(runs.addHostname.code).toBe(0);
        expect(byAction("addHostname")).toEqual({
            replace: [
                "Certificate site-certificate",
                "CertificateValidation site-certificate-validation",
                "Record site-validation-app.example.com",
            ],
            create: ["Record site-validation-www.example.com", "Record site-dns-www.example.com-A"],
            update: ["Listener site-lb-https"],
        });
        expect(change("addHostname", "site-certificate")).toMatchObject({
            replacedBy: ["subjectAlternativeNames"],
            unknown: [],
        });
        expect(change("addHostname", "site-lb-https")).toMatchObject({
            changed: ["certificateArn"],
            unknown: ["certificateArn"],
        });
    });

    it("remove one of 25 hostnames: its records go, two certificates are re-packed, nothing on the load balancer", () => {
        expect(runs.dropOneOf25.code).toBe(0);
        const h = (from: number, to: number, f: (n: string) => string) =>
            Array.from({ length: to - from + 1 }, (_, i) => f(String(from + i).padStart(2, "0")));
        expect(byAction("dropOneOf25")).toEqual({
            replace: h(8, 22, (n) => `Record site-validation-h${n}.example.com`),
            delete: [
                "Certificate site-certificate-h07.example.com",
                "Certificate site-certificate-h17.example.com",
                "CertificateValidation site-certificate-h07.example.com-validation",
                "CertificateValidation site-certificate-h17.example.com-validation",
                "AcmCertificate site-certificate-h07.example.com",
                "AcmCertificate site-certificate-h17.example.com",
                "Record site-validation-h07.example.com",
                "Record site-dns-h07.example.com-A",
                "ListenerCertificate site-lb-sni-h07.example.com",
                "ListenerCertificate site-lb-sni-h17.example.com",
            ],
            create: [
                "Certificate site-certificate-h08.example.com",
                "Certificate site-certificate-h18.example.com",
                "CertificateValidation site-certificate-h08.example.com-validation",
                "CertificateValidation site-certificate-h18.example.com-validation",
                "AcmCertificate site-certificate-h08.example.com",
                "AcmCertificate site-certificate-h18.example.com",
                "ListenerCertificate site-lb-sni-h08.example.com",
                "ListenerCertificate site-lb-sni-h18.example.com",
            ],
            update: [
                ...h(0, 6, (n) => `Record site-dns-h${n}.example.com-A`),
                ...h(8, 24, (n) => `Record site-dns-h${n}.example.com-A`),
            ],
        });
        // The validation records' names come from the new certificates: known only after deploy.
        expect(change("dropOneOf25", "site-validation-h08.example.com").unknown).toContain("name");
    });

    it("change the target port: the target group is replaced with a downtime warning, exit 4", () => {
        expect(runs.targetPort.code).toBe(4);
        expect(byAction("targetPort")).toEqual({
            replace: ["TargetGroup site-lb-targets"],
            delete: ["SecurityGroupEgressRule site-lb-sg-out-8080"],
            create: ["SecurityGroupEgressRule site-lb-sg-out-9000"],
            update: ["Listener site-lb-https"],
        });
        expect(change("targetPort", "site-lb-targets")).toMatchObject({ replacedBy: ["name", "port"] });
        expect(runs.text.stdout).toContain(
            "  +- aws:lb/targetGroup:TargetGroup  site-lb-targets (replaced: name, port cannot change in place)\n" +
                "       warning: the listener moves to a new, empty target group: 503s until targets register in it; targets registered outside this stack still point at the old one",
        );
        expect(runs.text.stdout).toContain("Exit 4: the change has a step known to cause downtime (see the warnings).");
    });

    it("switch the certificate source from ACM to ACME: ACM's resources go, ACME's come, the listener is updated", () => {
        expect(runs.acmToAcme.code).toBe(0);
        expect(byAction("acmToAcme")).toEqual({
            delete: [
                "Certificate site-certificate",
                "CertificateValidation site-certificate-validation",
                "AcmCertificate site-certificate",
                "Record site-validation-app.example.com",
            ],
            create: [
                "Certificate site-certificate-certificate",
                "Registration site-certificate-registration-zerossl",
                "Certificate site-certificate-import",
                "acme site-certificate-acme-zerossl",
                "PrivateKey site-certificate-account-key-zerossl",
                "AcmeCertificate site-certificate",
                // ACME certificates get an expiry alarm by default (README "Certificate lifecycle").
                "MetricAlarm site-expiry-alarm",
                "Topic site-expiry-topic",
            ],
            update: ["Listener site-lb-https"],
        });
    });

    it("turn HSTS off: one in-place update of the HTTPS listener, exit 0", () => {
        expect(runs.hstsOff.code).toBe(0);
        expect(comparison("hstsOff").changes).toEqual([
            {
                action: "update",
                urn: expect.stringMatching(/::site-lb-https$/),
                type: "aws:lb/listener:Listener",
                name: "site-lb-https",
                changed: ["routingHttpResponseStrictTransportSecurityHeaderValue"],
                replacedBy: [],
                unknown: [],
            },
        ]);
    });

    it("move to a shared load balancer: the owned one and its listeners are deleted, exit 3 for the CI gate", () => {
        expect(runs.toShared.code).toBe(3);
        expect(byAction("toShared").delete).toEqual([
            "HttpsLoadBalancer site-lb",
            "ManagedPrefixList site-lb-sg-vpc-ipv4",
            "SecurityGroup site-lb-sg",
            "Listener site-lb-http",
            "Listener site-lb-https",
            "LoadBalancer site-lb",
            "TargetGroup site-lb-targets",
            "SecurityGroupEgressRule site-lb-sg-out-8080",
            "SecurityGroupIngressRule site-lb-sg-in-tcp-443-0.0.0.0_0",
            "SecurityGroupIngressRule site-lb-sg-in-tcp-80-0.0.0.0_0",
        ]);
        // The shared load balancer and listener are read, not created.
        expect(byAction("toShared").create).not.toContain("LoadBalancer site-shared-lb");
    });

    it("every --compare --json document is valid against the published schema", () => {
        const validate = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
        const json = Object.entries(runs).filter(([name]) => !["text", "notAPlan"].includes(name));
        expect(json.map(([name, run]) => [name, validate(JSON.parse(run.stdout)) ? "valid" : validate.errors])).toEqual(
            json.map(([name]) => [name, "valid"]),
        );
    });

    it("refuses a saved plan of a failed preview (exit 2)", () => {
        expect(runs.notAPlan.code).toBe(2);
        expect(runs.notAPlan.stderr).toContain(
            "that plan's preview failed (exit code 1); compare with a plan that succeeded",
        );
    });
});

describe("preview --compare and aliases", () => {
    it("matches a renamed resource by its alias (a name, a URN, a child's, a renamed parent's) as the engine does", () => {
        expect(byAction("renamed")).toEqual({
            create: ["Parameter without-alias"],
            delete: ["Parameter before-rename"],
            update: ["Parameter by-urn-alias"],
        });
        expect(change("renamed", "by-urn-alias").changed).toEqual(["description"]);
        // by-name-alias, the renamed group "team", and both its children.
        expect(comparison("renamed")).toMatchObject({ unchanged: 4, exitCode: 0 });
        const plan = JSON.parse(runs.renamed.stdout) as { resources: { name: string; aliases?: string[] }[] };
        const aliasesOf = (name: string) => plan.resources.find((r) => r.name === name)?.aliases;
        const child = (n: string) =>
            `urn:pulumi:dev::fixture-renames::fixture:index:Group$aws:ssm/parameter:Parameter::${n}`;
        // Own alias, then inherited ones: under the group's alias, its name's "team" prefix becomes "group".
        expect(aliasesOf("team-child-renamed")).toEqual([
            child("team-child"),
            child("group-child-renamed"),
            child("group-child"),
        ]);
        expect(aliasesOf("team-plain")).toEqual([child("group-plain")]);
    });
});
