/**
 * Which Route 53 hosted zone each name goes to. One zone (`zoneId` and/or
 * `zoneName`, or the hostname's parent domain), or several (`zones`): each
 * name then goes to the most specific zone that contains it, so a delegated
 * `eu.example.com` wins over `example.com`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { defaultZoneName, hostnameProblems, isInZone, normalizeHostname, validationDomain } from "../rules/hostnames";
import { type Problems, quote } from "../rules/problems";

/** A hosted zone as given: a name, an id, or both. */
export interface ZoneSpec {
    name?: string;
    id?: pulumi.Input<string>;
}

/** Zone arguments of `CustomDomain`. */
export interface ZoneArgs {
    zoneId?: pulumi.Input<string>;
    zoneName?: string;
    zones?: ZoneSpec[];
}

/** The zones in play and the zone of each name; ids are resolved by `resolveZoneIds`. */
export interface ZonePlan {
    /** Zones by key (their name, or "id" for a single zone given only by id). */
    zones: Map<string, { name?: string; id?: pulumi.Input<string>; derived: boolean }>;
    /** Zone key of each hostname and validation domain. */
    zoneOf: Map<string, string>;
}

function outside(property: string, value: string, zones: string[], derived: boolean): string {
    if (zones.length === 1) {
        const how = derived ? " (derived from `hostname`)" : "";
        return `${quote(property, value)} is not in the hosted zone '${zones[0]}'${how}: use a name under '${zones[0]}', or set \`zoneName\`/\`zoneId\` to a zone that contains every name, or list several in \`zones\``;
    }
    return `${quote(property, value)} is in none of the hosted zones in \`zones\` (${zones.join(", ")}): add the zone that contains it`;
}

/** Plans zones for `hostnames` (normalised; `where` maps each to its property path), recording problems. */
export function planZones(
    args: ZoneArgs,
    hostnames: string[],
    where: Map<string, string>,
    problems: Problems,
): ZonePlan {
    const zones: ZonePlan["zones"] = new Map();
    if (args.zones !== undefined) {
        if (args.zoneId !== undefined || args.zoneName !== undefined) {
            problems.add(
                "zones",
                "`zones` is set together with `zoneId`/`zoneName`: use `zones` alone for several hosted zones, or `zoneId`/`zoneName` for one",
            );
        }
        if (args.zones.length === 0)
            problems.add(
                "zones",
                "`zones` is empty: list the hosted zones of your names, e.g. [{ name: 'example.com' }]",
            );
        args.zones.forEach((zone, i) => {
            const path = `zones[${i}].name`;
            const reasons =
                zone.name === undefined
                    ? [`\`${path}\` is missing: each zone in \`zones\` needs its name (the id is optional)`]
                    : hostnameProblems(zone.name, path);
            if (reasons.length > 0) return problems.addAll(path, reasons);
            const name = normalizeHostname(zone.name!);
            if (zones.has(name)) return problems.add(path, `${quote(path, zone.name)} is listed twice in \`zones\``);
            zones.set(name, { name, id: zone.id, derived: false });
        });
    } else {
        let name: string | undefined;
        if (args.zoneName !== undefined) {
            const reasons = hostnameProblems(args.zoneName, "zoneName");
            if (reasons.length > 0) problems.addAll("zoneName", reasons);
            else name = normalizeHostname(args.zoneName);
        }
        const derived = name === undefined && args.zoneId === undefined && hostnames.length > 0;
        if (derived) name = defaultZoneName(hostnames[0]);
        if (name !== undefined || args.zoneId !== undefined)
            zones.set(name ?? "id", { name, id: args.zoneId, derived });
    }

    // Most specific zone first, so that a delegated subdomain zone wins.
    const named = [...zones.values()]
        .filter((z) => z.name !== undefined)
        .sort((a, b) => b.name!.length - a.name!.length);
    const zoneOf = new Map<string, string>();
    const onlyId = zones.size === 1 && zones.has("id");
    for (const host of hostnames) {
        for (const name of new Set([host, validationDomain(host)])) {
            if (zoneOf.has(name)) continue;
            const zone = onlyId ? "id" : named.find((z) => isInZone(name, z.name!))?.name;
            if (zone !== undefined) zoneOf.set(name, zone);
            else if (named.length > 0 && name === host) {
                problems.add(
                    where.get(host)!,
                    outside(
                        where.get(host)!,
                        host,
                        named.map((z) => z.name!),
                        named[0].derived,
                    ),
                );
            }
        }
    }
    return { zones, zoneOf };
}

/**
 * Resolves every zone's id: given ids as they are; names without an id looked
 * up (public zones, or the private zones of `privateVpcId`). A zone given only by id is looked up once to check,
 * inside `apply`, that it contains every name.
 */
export function resolveZoneIds(
    plan: ZonePlan,
    hostnames: string[],
    parent: pulumi.Resource,
    privateVpcId?: pulumi.Input<string>,
): Map<string, pulumi.Output<string>> {
    const ids = new Map<string, pulumi.Output<string>>();
    for (const [key, zone] of plan.zones) {
        if (zone.id !== undefined && zone.name !== undefined) {
            ids.set(key, pulumi.output(zone.id));
        } else if (zone.id !== undefined) {
            const found = aws.route53.getZoneOutput({ zoneId: zone.id }, { parent });
            ids.set(
                key,
                found.apply((z) => requireContains(z.name, z.zoneId, hostnames)),
            );
        } else {
            // A private zone is looked up among those associated with the VPC (several VPCs may have one of that name).
            const lookup =
                privateVpcId === undefined
                    ? { name: zone.name, privateZone: false }
                    : { name: zone.name, privateZone: true, vpcId: privateVpcId };
            ids.set(key, aws.route53.getZoneOutput(lookup, { parent }).zoneId);
        }
    }
    return ids;
}

/** The apply-time check of a zone given only by id. */
export function requireContains(zoneName: string, zoneId: string, hostnames: string[]): string {
    const outsideNames = hostnames.filter((h) => !isInZone(h, zoneName));
    if (outsideNames.length > 0) {
        throw new Error(
            `CustomDomain: ${outsideNames.map((h) => `'${h}'`).join(", ")} ${outsideNames.length === 1 ? "is" : "are"} not in the hosted zone '${normalizeHostname(zoneName)}' (${zoneId}) given by \`zoneId\`: use names under it, or list several zones in \`zones\``,
        );
    }
    return zoneId;
}
