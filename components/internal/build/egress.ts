/**
 * The load balancer's egress: only the target ports, and only to the targets.
 *
 * - With `targetSecurityGroupIds`: one rule per target port and group
 *   (`${name}-out-<key>-<sg id>`), referencing the group.
 * - Otherwise: to every CIDR block of the VPC. How many blocks a VPC has is
 *   known only at deployment, and resources are never created inside
 *   `apply`, so the blocks go into a managed prefix list (`${name}-vpc-ipv4`,
 *   and `${name}-vpc-ipv6` when dual-stack) whose entries follow the VPC, and
 *   one rule per port references it (`${name}-out-<key>`, the name the rule
 *   to the primary IPv4 block had before, so upgrading updates it in place;
 *   `${name}-out-<key>-ipv6`). Only associated blocks are listed.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { physicalName } from "../rules/physicalNames";

export interface EgressSpec {
    vpcId: pulumi.Input<string>;
    ipv6: boolean;
    /** Target ports, keyed by a stable identity. */
    egressPorts: Record<string, pulumi.Input<number>>;
    targetSecurityGroupIds?: string[];
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface EgressRules {
    egressRules: aws.vpc.SecurityGroupEgressRule[];
    vpcPrefixLists: aws.ec2.ManagedPrefixList[];
}

/** The VPC's associated IPv4 and IPv6 blocks as getVpc reports them (IPv6 associations only in newer providers). */
export function vpcCidrBlocks(vpc: aws.ec2.GetVpcResult): { ipv4: string[]; ipv6: string[] } {
    const ipv4 = (vpc.cidrBlockAssociations ?? []).filter((a) => a.state === "associated").map((a) => a.cidrBlock);
    // `ipv6CidrBlockAssociations` exists from pulumi-aws 7.x releases after 7.2; before that only the primary block.
    const associations = (vpc as { ipv6CidrBlockAssociations?: { ipv6CidrBlock: string; state: string }[] })
        .ipv6CidrBlockAssociations;
    const ipv6 = associations
        ? associations.filter((a) => a.state === "associated").map((a) => a.ipv6CidrBlock)
        : vpc.ipv6CidrBlock
          ? [vpc.ipv6CidrBlock]
          : [];
    return {
        ipv4: [...new Set(ipv4.length > 0 ? ipv4 : vpc.cidrBlock ? [vpc.cidrBlock] : [])],
        ipv6: [...new Set(ipv6)],
    };
}

/** Creates the egress rules (and the VPC prefix lists they need) of security group `groupId`, children of `parent`. */
export function createEgressRules(
    name: string,
    spec: EgressSpec,
    groupId: pulumi.Output<string>,
    parent: pulumi.Resource,
    vpcPrefixLists?: VpcPrefixList[],
): EgressRules {
    const ports = Object.entries(spec.egressPorts);
    if (ports.length === 0) return { egressRules: [], vpcPrefixLists: [] };
    const rule = (
        ruleName: string,
        port: pulumi.Input<number>,
        to: { prefixListId?: pulumi.Input<string>; referencedSecurityGroupId?: string },
        description: string,
    ) =>
        new aws.vpc.SecurityGroupEgressRule(
            ruleName,
            {
                securityGroupId: groupId,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                ...to,
                description,
                tags: spec.tags,
            },
            { parent },
        );

    const groups = spec.targetSecurityGroupIds ?? [];
    if (groups.length > 0) {
        const egressRules = ports.flatMap(([key, port]) =>
            groups.map((sg) =>
                rule(`${name}-out-${key}-${sg}`, port, { referencedSecurityGroupId: sg }, `Targets in ${sg}`),
            ),
        );
        return { egressRules, vpcPrefixLists: [] };
    }

    const lists = vpcPrefixLists ?? createVpcPrefixLists(name, spec, parent);
    const egressRules = lists.flatMap((list) =>
        ports.map(([portKey, port]) =>
            rule(
                `${name}-out-${portKey}${list.family === "IPv4" ? "" : "-ipv6"}`,
                port,
                { prefixListId: list.list.id },
                list.family === "IPv4" ? "Targets inside the VPC" : "Targets inside the VPC (IPv6)",
            ),
        ),
    );
    return { egressRules, vpcPrefixLists: lists.map((l) => l.list) };
}

/** A managed prefix list of the VPC's blocks of one family. */
export interface VpcPrefixList {
    family: "IPv4" | "IPv6";
    list: aws.ec2.ManagedPrefixList;
}

/**
 * The VPC's CIDR blocks as managed prefix lists (`${name}-vpc-ipv4`, and
 * `${name}-vpc-ipv6` when `ipv6`), entries following the VPC: the
 * destination of egress, and the default source of an internal load balancer.
 */
export function createVpcPrefixLists(
    name: string,
    spec: Pick<EgressSpec, "vpcId" | "ipv6" | "tags">,
    parent: pulumi.Resource,
): VpcPrefixList[] {
    const blocks = aws.ec2.getVpcOutput({ id: spec.vpcId }, { parent }).apply(vpcCidrBlocks);
    const families = [
        { family: "IPv4" as const, key: "ipv4" as const },
        ...(spec.ipv6 ? [{ family: "IPv6" as const, key: "ipv6" as const }] : []),
    ];
    return families.map(({ family, key }) => {
        const listName = `${name}-vpc-${key}`;
        const cidrs = blocks.apply((b) => b[key]);
        const list = new aws.ec2.ManagedPrefixList(
            listName,
            {
                name: physicalName("aws:ec2/managedPrefixList:ManagedPrefixList", listName),
                addressFamily: family,
                entries: cidrs.apply((all) => all.map((cidr) => ({ cidr, description: "VPC CIDR block" }))),
                // At least 1 (max_entries IntAtLeast(1)); grows and shrinks in place with the VPC.
                maxEntries: cidrs.apply((all) => Math.max(1, all.length)),
                tags: spec.tags,
            },
            { parent },
        );
        return { family, list };
    });
}

/**
 * Egress ports keyed by port number when known (so two targets on one port
 * share a rule), else by the target's identity (an adopted group's looked-up port).
 */
export function egressPortsOf(
    targets: { key: string; port?: pulumi.Input<number> }[],
): Record<string, pulumi.Input<number>> {
    const ports: Record<string, pulumi.Input<number>> = {};
    for (const { key, port } of targets) {
        if (port === undefined) continue;
        ports[typeof port === "number" ? String(port) : key] = port;
    }
    return ports;
}
