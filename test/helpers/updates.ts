/**
 * What `pulumi up` would do between two configurations, judged from the
 * resources each registers under the mocks: which URNs are kept, created
 * and deleted, and whether the update would hit AWS's uniqueness rules.
 *
 * The engine creates new URNs first and deletes the URNs that left at the end
 * of the update (Pulumi docs, "How Pulumi works": deletes of removed resources
 * come last). So an update fails when a created resource holds the same
 * physical identity as one still alive (AWS: "already exists",
 * `PriorityInUse`, `InvalidPermission.Duplicate`), and it silently breaks
 * things when a deleted URN held a physical thing the new configuration
 * still needs (a Route 53 record written with `allowOverwrite` by its
 * successor is removed by the old URN's delete).
 */
import { type RecordedResource, resources } from "./mocks";

/** A resource's URN as the engine keys it: the parent's type chain and its name. */
export type Urn = string;

/** The physical identity AWS keeps unique, per resource type, or `undefined` for types that have none we rely on. */
export function physicalKey(r: RecordedResource): string | undefined {
    const i = r.inputs;
    const lower = (v: unknown) =>
        String(v ?? "")
            .toLowerCase()
            .replace(/\.$/, "");
    switch (r.type) {
        case "aws:route53/record:Record":
            return `record ${i.zoneId} ${lower(i.name)} ${i.type}`;
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
        case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
            return `permission ${r.type.includes("Ingress") ? "in" : "out"} ${i.securityGroupId} ${i.ipProtocol} ${i.fromPort}-${i.toPort} ${i.cidrIpv4 ?? i.cidrIpv6}`;
        case "aws:lb/listenerRule:ListenerRule":
            return `priority ${i.listenerArn} ${i.priority}`;
        case "aws:lb/targetGroup:TargetGroup":
            return `target group ${i.name}`;
        case "aws:lb/loadBalancer:LoadBalancer":
            return `load balancer ${i.name}`;
        default:
            return undefined;
    }
}

export interface Snapshot {
    byUrn: Map<Urn, RecordedResource>;
}

/** Everything registered since the last reset, keyed by URN. Reads (`.get`) are left out: they own nothing. */
export function snapshot(): Snapshot {
    const byUrn = new Map<Urn, RecordedResource>();
    for (const r of resources()) if (!r.readId) byUrn.set(`${r.typeChain.join("$")}::${r.name}`, r);
    return { byUrn };
}

export interface UpdatePlan {
    kept: Urn[];
    created: Urn[];
    deleted: Urn[];
    /** Kept URNs whose inputs changed. */
    changed: Urn[];
    /** Created URNs whose physical identity is still held by a URN alive until the end of the update. */
    collisions: string[];
    /** Deleted URNs whose physical identity the new configuration still needs. */
    deletesStillNeeded: string[];
}

/** The update from `before` to `after`. */
export function plan(before: Snapshot, after: Snapshot): UpdatePlan {
    const kept = [...after.byUrn.keys()].filter((u) => before.byUrn.has(u));
    const created = [...after.byUrn.keys()].filter((u) => !before.byUrn.has(u));
    const deleted = [...before.byUrn.keys()].filter((u) => !after.byUrn.has(u));
    const changed = kept.filter(
        (u) => JSON.stringify(before.byUrn.get(u)!.inputs) !== JSON.stringify(after.byUrn.get(u)!.inputs),
    );
    const alive = new Map<string, Urn>();
    for (const [urn, r] of before.byUrn) {
        const key = physicalKey(r);
        if (key) alive.set(key, urn);
    }
    const needed = new Set([...after.byUrn.values()].map(physicalKey).filter((k): k is string => k !== undefined));
    const collisions = created.flatMap((urn) => {
        const key = physicalKey(after.byUrn.get(urn)!);
        const holder = key === undefined ? undefined : alive.get(key);
        // Held by a URN deleted at the end, or by a kept one that moves off it only in the same update (a race).
        return holder !== undefined ? [`${urn} creates ${key}, still held by ${holder}`] : [];
    });
    const deletesStillNeeded = deleted.flatMap((urn) => {
        const key = physicalKey(before.byUrn.get(urn)!);
        return key !== undefined && needed.has(key) ? [`${urn} deletes ${key}, still needed`] : [];
    });
    return { kept, created, deleted, changed, collisions, deletesStillNeeded };
}
