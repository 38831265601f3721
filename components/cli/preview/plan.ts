/**
 * The plan an offline preview produces: every resource the program
 * registered, the provider lookups it made and how they were answered, its
 * stack outputs and what it logged. This is also the `--json` document.
 */
import { type PlanValue } from "./values";

/** How a resource entered the plan. */
export type ResourceKind = "stack" | "component" | "resource" | "provider" | "read";

/** One resource as the program registered it. */
export interface PlannedResource {
    urn: string;
    /** Pulumi type token, e.g. `aws:lb/listener:Listener`. */
    type: string;
    /** Logical name given in the program. */
    name: string;
    kind: ResourceKind;
    /** URN of the parent (the stack for top-level resources). */
    parent?: string;
    /** Inputs as sent to the engine; cloud-computed parts are `{"$unknown": true}`, secrets `{"$secret": true}`. */
    inputs: Record<string, PlanValue>;
    /** Outputs a component (or the stack) registered, same conventions. */
    outputs?: Record<string, PlanValue>;
    /** URNs this resource depends on. */
    dependsOn: string[];
    /** The id a read (`Resource.get`) names, e.g. the ARN of a shared load balancer; absent for creates. */
    id?: string;
    /** URN of the explicit provider the resource uses (absent: the default provider of its package). */
    provider?: string;
    /** URNs of earlier names this resource answers to (its `aliases` option), as the engine matches them. */
    aliases?: string[];
    /** Per top-level input: the URNs its value comes from (how an unknown value is traced to its source). */
    propertyDependencies: Record<string, string[]>;
}

/** One provider function call and the offline answer it got. */
export interface PlannedLookup {
    token: string;
    args: Record<string, PlanValue>;
    /** False when no offline answer exists: the whole result was unknown. */
    answered: boolean;
    note: string;
}

/** A line the program (or the Pulumi runtime) logged while it ran. */
export interface LogLine {
    level: "info" | "warning" | "error";
    message: string;
}

/** A DNS record to create at another DNS provider (manageDns: false); unknown parts are `{"$unknown": true}`. */
export interface PlannedDnsRecord {
    /** Name of the CustomDomain that needs it. */
    component: string;
    name: PlanValue;
    type: string;
    value: PlanValue;
    purpose: string;
}

/** How the preview ran the program: what it checked and what it kept from the program. */
export interface PlanChecks {
    /** Whether the program was type-checked, and what decided it ("tsconfig.json", "skipped: --no-type-check"). */
    typeCheck: { ran: boolean; passed: boolean; reason: string; typescript?: string };
    /** The program's environment: credential variables removed (names only), or the caller's kept whole. */
    environment: { kept: boolean; removed: string[] };
    /** The bounded wait for the program, in seconds. */
    timeoutSeconds: number;
}

/** The full result of an offline preview. */
export interface Plan {
    /** Always true: a marker for pipelines that this plan was made without any cloud access. */
    offline: true;
    project: string;
    stack: string;
    /** Program entry, relative to the current directory. */
    program: string;
    stackFile?: string;
    /** Config keys whose `secure:` values could not be decrypted offline. */
    unavailableConfig: string[];
    /** Pulumi ESC environments the stack imports, not opened offline (their config values are missing). */
    unavailableEnvironments: string[];
    resources: PlannedResource[];
    outputs: Record<string, PlanValue>;
    lookups: PlannedLookup[];
    logs: LogLine[];
    /** Set by the CLI: what it checked and how it ran the program. */
    checks?: PlanChecks;
    /** Things accepted but likely mistakes (an undeclared config key). */
    warnings?: string[];
    /** Records to create at another DNS provider (CustomDomain with manageDns: false), by name. */
    requiredDnsRecords?: PlannedDnsRecord[];
}

/** Result of running a program: the plan, plus the errors that make the preview fail. */
export interface PreviewResult {
    plan: Plan;
    /** Empty when the program evaluated cleanly; each entry is one reported error message. */
    errors: string[];
}

/** The resources directly under `parentUrn`, in registration order. */
export function childrenOf(plan: Plan, parentUrn: string | undefined): PlannedResource[] {
    return plan.resources.filter((r) => r.parent === parentUrn);
}

/** Counts resources by kind, excluding the stack itself. */
export function countByKind(plan: Plan): Record<Exclude<ResourceKind, "stack">, number> {
    const counts = { component: 0, resource: 0, provider: 0, read: 0 };
    for (const r of plan.resources) if (r.kind !== "stack") counts[r.kind]++;
    return counts;
}

/** Display name for a URN: the name of the resource it points at, else the URN's last segment. */
export function nameOfUrn(plan: Plan, urn: string): string {
    const found = plan.resources.find((r) => r.urn === urn);
    return found ? found.name : (urn.split("::").pop() ?? urn);
}
