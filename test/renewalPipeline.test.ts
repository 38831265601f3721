/**
 * The scheduled renewal pipeline in the README ("Renewal: only when `pulumi up` runs") is a workflow users
 * copy: it must parse as YAML, run daily and on demand, never overlap with another deployment, run
 * `pulumi up` for a stack and then `verify` the URL of that same stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

/** The ```yaml block whose first line names the workflow file. */
function workflow(): any {
    const blocks = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    const found = blocks.filter((b) => b.startsWith("# .github/workflows/renew-certificates.yml"));
    expect(found).toHaveLength(1);
    return parse(found[0]);
}

describe("the README's renewal pipeline", () => {
    const wf = workflow();
    const steps: any[] = Object.values<any>(wf.jobs).flatMap((job) => job.steps);
    const runs = steps.map((s) => s.run).filter((r): r is string => typeof r === "string");

    it("runs daily on a schedule and by hand", () => {
        expect(wf.on.schedule).toHaveLength(1);
        // minute hour * * *: once a day.
        expect(wf.on.schedule[0].cron).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
        expect(wf.on).toHaveProperty("workflow_dispatch");
    });

    it("never runs two deployments of the stack at once, and never cancels one", () => {
        expect(wf.concurrency).toEqual({ group: expect.any(String), "cancel-in-progress": false });
    });

    it("runs `pulumi up` for a stack, then verifies that stack's URL", () => {
        const up = runs.findIndex((r) => /^pulumi up --yes --stack \S+$/.test(r.trim()));
        expect(up).toBeGreaterThanOrEqual(0);
        const stack = /--stack (\S+)/.exec(runs[up])![1];
        const verify = runs.findIndex((r) => r.includes("aws-https-domain verify"));
        expect(verify).toBeGreaterThan(up);
        expect(runs[verify]).toContain(`pulumi stack output url --stack ${stack}`);
        expect(runs[verify]).toMatch(/--min-days \d+/);
    });

    it("gets AWS credentials before `pulumi up` (the DNS-01 solver uses them too) and installs dependencies", () => {
        const index = (pred: (s: any) => boolean) => steps.findIndex(pred);
        const creds = index((s) => String(s.uses ?? "").startsWith("aws-actions/configure-aws-credentials@"));
        const up = index((s) => String(s.run ?? "").startsWith("pulumi up"));
        expect(creds).toBeGreaterThanOrEqual(0);
        expect(creds).toBeLessThan(up);
        expect(index((s) => s.run === "npm ci")).toBeLessThan(up);
        expect(wf.permissions).toEqual({ "id-token": "write", contents: "read" });
    });
});
