/**
 * The human-readable preview: a header that says plainly nothing touched a
 * cloud, the resource tree with each type's chosen properties, the offline
 * answers given to provider lookups, stack outputs and program messages.
 */
import { childrenOf, countByKind, nameOfUrn, type Plan, type PlanChecks, type PlannedResource } from "./plan";
import { propertiesFor } from "./properties";
import { formatValue, UNKNOWN_TEXT } from "./values";

/** `aws:lb/listener:Listener` → `aws:lb:Listener`, as the Pulumi CLI shows types. */
export function displayType(type: string): string {
    const m = /^([^:]+):([^/:]+)\/[^:]+:(.+)$/.exec(type);
    return m ? `${m[1]}:${m[2]}:${m[3]}` : type;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** What the preview did to the program's environment and whether it type-checked it. */
function checkLines(checks: PlanChecks): string[] {
    const { environment, typeCheck } = checks;
    const env = environment.kept
        ? "Environment: kept whole (--keep-env): the program saw your credentials and could have used them."
        : `Environment: credentials removed from the program's environment${environment.removed.length ? ` (${environment.removed.join(", ")})` : " (none were set)"}, AWS credential files and instance metadata turned off; --keep-env keeps them.`;
    const tc = typeCheck.ran
        ? `Type check: ${typeCheck.passed ? "passed" : "FAILED"} (TypeScript ${typeCheck.typescript ?? "?"}, ${typeCheck.reason}), as pulumi preview checks it.`
        : `Type check: ${typeCheck.reason}.`;
    return [env, tc];
}

/** The header lines (also used above error output, so a failure is never mistaken for a deploy). */
export function header(plan: Plan): string[] {
    const lines = [
        `Offline preview of ${plan.project}, stack '${plan.stack}': nothing was sent to AWS or any other cloud.`,
        `The program ran under Pulumi's mock runtime in preview mode; values AWS assigns at deploy (ARNs, ids, DNS names) read "${UNKNOWN_TEXT}".`,
        `Program: ${plan.program}${plan.stackFile ? `   Config: ${plan.stackFile}` : "   Config: Pulumi.yaml defaults only"}`,
    ];
    if (plan.checks) lines.push(...checkLines(plan.checks));
    for (const w of plan.warnings ?? []) lines.push(`Warning: ${w}.`);
    if (plan.unavailableConfig.length) {
        lines.push(
            `Secrets not available offline (secure: values only the Pulumi CLI can decrypt): ${plan.unavailableConfig.join(", ")}.`,
            "  The program sees them as unknown secrets; checks on their values run at deploy. Give a value with --config KEY=VALUE to check it now.",
        );
    }
    if (plan.unavailableEnvironments.length) {
        lines.push(
            `Pulumi ESC environments cannot be opened offline: ${plan.unavailableEnvironments.join(", ")}; config values they provide are missing (give them with --config KEY=VALUE).`,
        );
    }
    return lines;
}

function renderTree(
    plan: Plan,
    resource: PlannedResource,
    prefix: string,
    last: boolean,
    root: boolean,
    out: string[],
): void {
    const mark = resource.kind === "read" ? ">" : "+";
    const branch = root ? "" : last ? "└─ " : "├─ ";
    const kind = resource.kind === "read" ? "  (read, not created)" : "";
    out.push(`${prefix}${branch}${mark} ${displayType(resource.type)}  ${resource.name}${kind}`);
    const inner = root ? prefix : `${prefix}${last ? "   " : "│  "}`;
    const children = childrenOf(plan, resource.urn);
    const bar = children.length ? "│ " : "  ";
    for (const [label, text] of Object.entries(propertiesFor(plan, resource))) {
        out.push(`${inner}${bar}   ${label}: ${text}`);
    }
    children.forEach((child, i) => renderTree(plan, child, inner, i === children.length - 1, false, out));
}

/** Renders the whole plan as text. */
export function renderText(plan: Plan): string {
    const out = [...header(plan), ""];
    const counts = countByKind(plan);
    const reads = counts.read ? `, ${plural(counts.read, "existing resource")} read` : "";
    const providers = counts.provider ? `, ${plural(counts.provider, "provider")}` : "";
    out.push(
        `Plan: ${plural(counts.resource, "resource")} to create, in ${plural(counts.component, "component")}${providers}${reads}.`,
        "",
    );

    const roots = plan.resources.filter((r) => !r.parent || !plan.resources.some((p) => p.urn === r.parent));
    roots.forEach((r) => renderTree(plan, r, "", true, true, out));

    if (plan.lookups.length) {
        out.push("", "Lookups (answered offline, not by AWS):");
        for (const l of plan.lookups) {
            const args = Object.entries(l.args)
                .map(([k, v]) => `${k}=${formatValue(v)}`)
                .join(", ");
            out.push(`  ${displayType(l.token)}(${args}): ${l.note}`);
        }
    }
    if (plan.requiredDnsRecords?.length) {
        out.push(
            "",
            "DNS records to create at your DNS provider (manageDns: false; the component logs them with values at deploy):",
        );
        for (const r of plan.requiredDnsRecords)
            out.push(`  ${formatValue(r.name)}  ${r.type}  ${formatValue(r.value)}  ; ${r.purpose}`);
    }
    const outputs = Object.entries(plan.outputs);
    if (outputs.length) {
        out.push("", "Outputs:");
        for (const [k, v] of outputs) out.push(`  ${k}: ${formatValue(v, (urn) => nameOfUrn(plan, urn))}`);
    }
    if (plan.logs.length) {
        out.push("", "Program messages:");
        for (const l of plan.logs) out.push(`  ${l.level}: ${l.message}`);
    }
    out.push(
        "",
        "Not checked offline: what already exists in the account (hosted zone ids, VPC CIDRs, adopted target groups), service quotas, and IAM permissions.",
        "With AWS credentials and the Pulumi CLI, `pulumi preview` compares this plan with the real account.",
    );
    return out.join("\n");
}
