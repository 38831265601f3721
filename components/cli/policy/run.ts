/**
 * `preview --policy-pack DIR [--policy-pack-config FILE]`: loads the pack,
 * evaluates it over the recorded plan and prints each violation with the
 * resource it concerns. Exit code 1 when a mandatory policy is violated (or a
 * policy throws), 2 when the pack or its config cannot be loaded, else 0.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliIo } from "../io";
import { type Plan } from "../preview/plan";
import { evaluatePack, type PolicyConfigFile, type PolicyFailure, type PolicyViolation } from "./evaluate";
import { type LoadedPack, loadPolicyPack, PolicyPackError } from "./loadPack";

/** The report text: a summary line, then each violation (mandatory first) with its resource. */
export function formatPolicyReport(pack: LoadedPack, violations: PolicyViolation[], failures: PolicyFailure[]): string {
    const id = `${pack.name}@v${pack.version}`;
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = violations.length - mandatory;
    const failed = failures.length ? `; ${failures.length} policy run${failures.length === 1 ? "" : "s"} failed` : "";
    const summary =
        violations.length === 0 && failures.length === 0
            ? `Policy pack ${id}: no violations.`
            : `Policy pack ${id}: ${violations.length} violation${violations.length === 1 ? "" : "s"} (${mandatory} mandatory, ${advisory} advisory)${failed}.`;
    const lines = [summary];
    const ordered = [...violations].sort((a, b) =>
        a.enforcementLevel === b.enforcementLevel ? 0 : a.enforcementLevel === "mandatory" ? -1 : 1,
    );
    for (const v of ordered) {
        const about = v.resource ? `${v.resource.type}  ${v.resource.name}` : "(the stack)";
        lines.push("", `[${v.enforcementLevel}] ${v.policyName}  ${about}`, `    ${v.description}`, `    ${v.message}`);
    }
    for (const f of failures)
        lines.push("", `error: policy '${f.policyName}' failed${f.urn ? ` on ${f.urn}` : ""}: ${f.message}`);
    return lines.join("\n");
}

function readConfig(file: string | undefined): PolicyConfigFile {
    if (file === undefined) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(path.resolve(file), "utf8"));
    } catch (err) {
        throw new PolicyPackError(`cannot read policy config ${file}: ${(err as Error).message}`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
        throw new PolicyPackError(`policy config ${file} must be a JSON object keyed by policy name`);
    return parsed as PolicyConfigFile;
}

/** Runs the pack in `dir` over `plan`, prints the report (stderr when stdout carries JSON) and returns the exit code. */
export async function runPolicyPack(
    dir: string,
    configFile: string | undefined,
    plan: Plan,
    io: CliIo,
    toStderr: boolean,
): Promise<number> {
    let pack: LoadedPack;
    let result: Awaited<ReturnType<typeof evaluatePack>>;
    try {
        pack = loadPolicyPack(dir);
        result = await evaluatePack(pack, plan.resources, readConfig(configFile));
    } catch (err) {
        if (!(err instanceof PolicyPackError)) throw err;
        io.err(`aws-https-domain preview: ${err.message}`);
        return 2;
    }
    const text = formatPolicyReport(pack, result.violations, result.failures);
    if (toStderr) io.err(text);
    else io.out(`\n${text}`);
    const failed = result.failures.length > 0 || result.violations.some((v) => v.enforcementLevel === "mandatory");
    return failed ? 1 : 0;
}
