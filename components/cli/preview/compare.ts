/**
 * `preview --compare PLAN.json`: what a change would do, offline. The plan
 * saved earlier (e.g. from the main branch) and the new one are matched
 * resource by resource on their URN (type chain and name, as Pulumi matches
 * them); each resource is created, deleted, replaced, updated or unchanged,
 * with the inputs that changed.
 *
 * A value only the cloud knows (`$unknown`) compares equal to itself unless a
 * resource it comes from is created or replaced in this change: then it will
 * differ (a new ARN), and the change cascades (a listener whose certificate is
 * replaced gets the new ARN: an update). Replacement comes from the
 * provider's replace-on-change properties ({@link REPLACE_ON_CHANGE}).
 */
import { COMPARE_EXIT } from "./options";
import { type Plan, type PlannedResource } from "./plan";
import { downtimeOf, GATED_TYPES, REPLACE_ON_CHANGE } from "./replacements";
import { isSecret, isUnknown, type PlanValue } from "./values";

/** What happens to one resource. */
export type ChangeAction = "create" | "delete" | "replace" | "update";

/** One resource's change. */
export interface ResourceChange {
    action: ChangeAction;
    urn: string;
    type: string;
    name: string;
    /** Top-level inputs that differ (sorted); for a replacement, those that force it come first. */
    changed: string[];
    /** The inputs that force the replacement. */
    replacedBy: string[];
    /**
     * Changed inputs whose new value is known only after deploy because a
     * resource it comes from is created or replaced: `pulumi preview` shows
     * them as changing too, though the value may turn out the same.
     */
    unknown: string[];
    /** Known downtime of this change, when there is one. */
    downtime?: string;
}

/** The result of comparing two plans. */
export interface PlanComparison {
    changes: ResourceChange[];
    /** Resources kept as they are. */
    unchanged: number;
    /** Exit code for CI (see {@link COMPARE_EXIT}). */
    exitCode: number;
}

function same(a: PlanValue | undefined, b: PlanValue | undefined): boolean {
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Whether input `key` changed: "known" when the values differ, "unknown"
 * when the new one is unknown and comes from a resource created or replaced
 * in this change, else false.
 */
function inputChanged(
    before: PlannedResource,
    after: PlannedResource,
    key: string,
    renewed: Set<string>,
): "known" | "unknown" | false {
    const a = before.inputs[key];
    const b = after.inputs[key];
    const unknownIn = (v: PlanValue | undefined) =>
        isUnknown(v) || JSON.stringify(v ?? null).includes('"$unknown":true');
    if (unknownIn(b) && (after.propertyDependencies[key] ?? []).some((urn) => renewed.has(urn))) return "unknown";
    // A secret is never printed; its wire marker is all either plan holds, so it compares as unchanged.
    if (isSecret(a) && isSecret(b)) return false;
    return same(a, b) ? false : "known";
}

/** A change of the whole resource (created or deleted): no input list. */
function whole(action: "create" | "delete", r: PlannedResource): ResourceChange {
    return { action, urn: r.urn, type: r.type, name: r.name, changed: [], replacedBy: [], unknown: [] };
}

/** Compares `before` with `after` (both from `preview --json`). */
export function comparePlans(before: Plan, after: Plan): PlanComparison {
    const earlier = new Map(before.resources.map((r) => [r.urn, r]));
    // A resource registered with an alias naming an earlier URN is that resource, renamed (the engine's rule):
    // compared with it, not created beside its deletion.
    const old = new Map<string, PlannedResource>();
    const renamed = new Set<string>();
    for (const r of after.resources) {
        const prior = earlier.get(r.urn) ?? r.aliases?.map((a) => earlier.get(a)).find((p) => p !== undefined);
        if (!prior) continue;
        old.set(r.urn, prior);
        if (prior.urn !== r.urn) renamed.add(prior.urn);
    }
    const now = new Map(after.resources.map((r) => [r.urn, r]));
    const changes = new Map<string, ResourceChange>();
    const renewed = new Set<string>(); // created or replaced: their cloud-assigned values change
    for (const r of after.resources) {
        // A resource read by id (a shared load balancer) is not created: its appearance changes nothing.
        if (r.kind === "stack" || r.kind === "read" || old.has(r.urn)) continue;
        changes.set(r.urn, whole("create", r));
        renewed.add(r.urn);
    }
    // Registration order puts dependencies first; repeat until no replacement cascades further.
    for (let pass = 0, grew = true; grew && pass < after.resources.length + 1; pass++) {
        grew = false;
        for (const r of after.resources) {
            const prior = old.get(r.urn);
            if (!prior || r.kind === "stack" || r.kind === "component" || r.kind === "read") continue;
            const keys = [...new Set([...Object.keys(prior.inputs), ...Object.keys(r.inputs)])].sort();
            const how = new Map(keys.map((k) => [k, inputChanged(prior, r, k, renewed)] as const));
            const changed = keys.filter((k) => how.get(k));
            if (!changed.length) continue;
            const forcing = REPLACE_ON_CHANGE[r.type] ?? [];
            const replacedBy = changed.filter((k) => forcing.includes(k));
            const action: ChangeAction = replacedBy.length ? "replace" : "update";
            const previous = changes.get(r.urn);
            if (previous && previous.action === action && previous.changed.length === changed.length) continue;
            changes.set(r.urn, {
                action,
                urn: r.urn,
                type: r.type,
                name: r.name,
                changed: [...replacedBy, ...changed.filter((k) => !replacedBy.includes(k))],
                replacedBy,
                unknown: changed.filter((k) => how.get(k) === "unknown"),
                downtime: action === "replace" ? downtimeOf(r.type, "replace") : undefined,
            });
            if (action === "replace" && !renewed.has(r.urn)) {
                renewed.add(r.urn);
                grew = true;
            }
        }
    }
    for (const r of before.resources) {
        if (r.kind === "stack" || r.kind === "read" || now.has(r.urn) || renamed.has(r.urn)) continue;
        changes.set(r.urn, { ...whole("delete", r), downtime: downtimeOf(r.type, "delete") });
    }
    const order: ChangeAction[] = ["replace", "delete", "create", "update"];
    const list = [...changes.values()].sort(
        (a, b) => order.indexOf(a.action) - order.indexOf(b.action) || a.urn.localeCompare(b.urn),
    );
    const gated = list.some((c) => (c.action === "replace" || c.action === "delete") && GATED_TYPES.test(c.type));
    const exitCode = gated
        ? COMPARE_EXIT.gated
        : list.some((c) => c.downtime)
          ? COMPARE_EXIT.downtime
          : COMPARE_EXIT.ok;
    const unchanged = after.resources.filter(
        (r) => r.kind !== "stack" && r.kind !== "read" && !changes.has(r.urn),
    ).length;
    return { changes: list, unchanged, exitCode };
}

const MARK: Record<ChangeAction, string> = { create: "+", delete: "-", replace: "+-", update: "~" };

/** The text report of a comparison. */
export function renderComparison(cmp: PlanComparison, beforeFile: string): string {
    const count = (a: ChangeAction) => cmp.changes.filter((c) => c.action === a).length;
    const lines = [
        `Compared with ${beforeFile}: ${count("create")} to create, ${count("update")} to update, ${count("replace")} to replace, ${count("delete")} to delete, ${cmp.unchanged} unchanged.`,
        "",
    ];
    for (const c of cmp.changes) {
        const name = (k: string) => (c.unknown.includes(k) ? `${k} (known after deploy)` : k);
        const also = c.changed.slice(c.replacedBy.length).map(name);
        const what = c.replacedBy.length
            ? ` (replaced: ${c.replacedBy.map(name).join(", ")} cannot change in place${also.length ? `; also ${also.join(", ")}` : ""})`
            : c.changed.length
              ? ` (${c.changed.map(name).join(", ")})`
              : "";
        lines.push(`  ${MARK[c.action].padEnd(2)} ${c.type}  ${c.name}${what}`);
        if (c.downtime) lines.push(`       warning: ${c.downtime}`);
    }
    if (cmp.changes.length) lines.push("");
    lines.push(
        cmp.exitCode === COMPARE_EXIT.gated
            ? `Exit ${COMPARE_EXIT.gated}: the change replaces or deletes a load balancer or listener.`
            : cmp.exitCode === COMPARE_EXIT.downtime
              ? `Exit ${COMPARE_EXIT.downtime}: the change has a step known to cause downtime (see the warnings).`
              : `Exit ${COMPARE_EXIT.ok}: no load balancer or listener is replaced or deleted, and no known downtime.`,
        "Replacements are judged from the providers' replace-on-change properties; the account's real state is not read.",
    );
    return lines.join("\n");
}

export { COMPARE_EXIT };
