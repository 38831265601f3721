/**
 * The load balancer's own security group: ingress only on the listener ports,
 * egress only to the target port inside the VPC. Every rule is its own
 * resource, keyed by the permission it grants — (protocol, port, source) with
 * the source in the form EC2 stores — never by position or spelling, so adding
 * a CIDR adds a rule and touches no other, and the default "anywhere" and an
 * explicit `0.0.0.0/0` are the same resource (two URNs for one permission fail
 * with `InvalidPermission.Duplicate`).
 *
 * Rule names: `${name}-in-<protocol>-<port>-<source>`, where the source is the
 * normalised CIDR with '/' written as '_' and, for IPv6, ':' written as '-'
 * (`0.0.0.0/0` → `0.0.0.0_0`, `2001:db8::/32` → `2001-db8--_32`, `::/0` → `--_0`).
 * Neither '-' nor '_' occurs in a canonical CIDR, so the encoding is reversible,
 * and the name holds no ':' (the Pulumi CLI cannot address such a URN in
 * `pulumi state` commands). Each rule carries aliases to its 0.1.0 names
 * (`${name}-in-<http|https>-<ipv4|ipv6|CIDR as written>`) so upgrading replaces nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { isIpv6Cidr, normalizeCidr } from "../rules/listenerValues";
import { IpAddressType, type LoadBalancerOptions } from "../../loadBalancerArgs";
import { createEgressRules, createVpcPrefixLists } from "./egress";

export interface SecurityGroupSpec {
    vpcId: pulumi.Input<string>;
    /** Listener ports to open (HTTP and HTTPS). */
    ports: { name: string; port: number }[];
    /** Sources allowed in; with no source of any kind, anywhere (IPv4, plus IPv6 when `ipv6`). */
    allowedCidrs: string[];
    /** Managed prefix lists allowed in, on the HTTPS port only (see `rules/ingress.ts`). */
    allowedPrefixListIds?: string[];
    /** Security groups whose members are allowed in on every listener port. */
    allowedSecurityGroupIds?: string[];
    ipv6: boolean;
    /** An internal load balancer: with no source given, the VPC's own CIDR blocks are the default, not anywhere. */
    internal?: boolean;
    /** Whether "anywhere" includes IPv4 (false for a load balancer without public IPv4). Defaults to true. */
    ipv4?: boolean;
    /** Target ports to allow out to, keyed by a stable identity; none for Lambda or no target. */
    egressPorts: Record<string, pulumi.Input<number>>;
    /** The targets' security groups: egress goes to them instead of the VPC's CIDR blocks. */
    targetSecurityGroupIds?: string[];
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The spec of a load balancer's security group from its options and resolved ports. */
export function securityGroupSpecOf(
    args: LoadBalancerOptions & { vpcId: pulumi.Input<string> },
    resolved: { httpPort: number; httpsPort: number; internal: boolean; egressPorts: SecurityGroupSpec["egressPorts"] },
): SecurityGroupSpec {
    const ipAddressType = args.ipAddressType ?? IpAddressType.Ipv4;
    return {
        vpcId: args.vpcId,
        ports: [
            { name: "http", port: resolved.httpPort },
            { name: "https", port: resolved.httpsPort },
        ],
        allowedCidrs: args.allowedCidrs ?? [],
        allowedPrefixListIds: args.allowedPrefixListIds,
        allowedSecurityGroupIds: args.allowedSecurityGroupIds,
        // Both dual-stack types answer on IPv6; without public IPv4, clients reach it over IPv6 only.
        ipv6: ipAddressType !== IpAddressType.Ipv4,
        ipv4: ipAddressType !== IpAddressType.DualstackWithoutPublicIpv4,
        internal: resolved.internal,
        egressPorts: resolved.egressPorts,
        targetSecurityGroupIds: args.targetSecurityGroupIds,
        tags: args.tags,
    };
}

export interface LoadBalancerSecurityGroup {
    securityGroup: aws.ec2.SecurityGroup;
    ingressRules: aws.vpc.SecurityGroupIngressRule[];
    egressRules: aws.vpc.SecurityGroupEgressRule[];
    /** The prefix lists of the VPC's CIDR blocks that egress goes to (none with `targetSecurityGroupIds` or no egress). */
    vpcPrefixLists: aws.ec2.ManagedPrefixList[];
}

/** Creates the security group and its rules as children of `parent`. */
export function createLoadBalancerSecurityGroup(
    name: string,
    spec: SecurityGroupSpec,
    parent: pulumi.Resource,
): LoadBalancerSecurityGroup {
    // No inline rules: the provider then also removes AWS's default allow-all egress.
    const securityGroup = new aws.ec2.SecurityGroup(
        name,
        {
            vpcId: spec.vpcId,
            description: `Load balancer ${name}: HTTP/HTTPS in, target port out to the VPC`,
            tags: spec.tags,
        },
        { parent },
    );

    const explicit =
        spec.allowedCidrs.length +
            (spec.allowedPrefixListIds ?? []).length +
            (spec.allowedSecurityGroupIds ?? []).length >
        0;
    const vpcDefault = spec.internal === true && !explicit;
    const egressToVpc = Object.keys(spec.egressPorts).length > 0 && (spec.targetSecurityGroupIds ?? []).length === 0;
    const lists = vpcDefault || egressToVpc ? createVpcPrefixLists(name, spec, parent) : undefined;
    const specs: IngressRuleSpec[] = vpcDefault
        ? spec.ports.flatMap(({ name: portName, port }) =>
              (lists ?? []).map((l) => ({
                  name: `${name}-in-tcp-${port}-vpc-${l.family.toLowerCase()}`,
                  aliases: [],
                  portName,
                  port,
                  prefixListId: l.list.id,
              })),
          )
        : ingressRuleSpecs(name, spec);
    const ingressRules = specs.map(
        (rule) =>
            new aws.vpc.SecurityGroupIngressRule(
                rule.name,
                {
                    securityGroupId: securityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: rule.port,
                    toPort: rule.port,
                    cidrIpv4: rule.cidrIpv4,
                    cidrIpv6: rule.cidrIpv6,
                    prefixListId: rule.prefixListId,
                    referencedSecurityGroupId: rule.referencedSecurityGroupId,
                    description: `${rule.portName.toUpperCase()} from ${vpcDefault ? "inside the VPC" : (rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.prefixListId ?? rule.referencedSecurityGroupId)}`,
                    tags: spec.tags,
                },
                { parent, aliases: rule.aliases.map((alias) => ({ name: alias })) },
            ),
    );
    for (const [given, stored] of normalisedCidrs(spec.allowedCidrs)) {
        pulumi.log.warn(
            `allowedCidrs '${given}' is written as '${stored}' in the security group: EC2 stores IPv6 blocks in canonical form (RFC 5952), so any other spelling would show a diff after every refresh; write '${stored}' to silence this warning.`,
            parent,
        );
    }

    const egress = createEgressRules(name, spec, securityGroup.id, parent, lists);
    return {
        securityGroup,
        ingressRules,
        egressRules: egress.egressRules,
        vpcPrefixLists: lists?.map((l) => l.list) ?? [],
    };
}

/** One ingress rule: its resource name, 0.1.0 names to alias, and what it allows. */
export interface IngressRuleSpec {
    name: string;
    aliases: string[];
    portName: string;
    port: number;
    cidrIpv4?: string;
    cidrIpv6?: string;
    prefixListId?: pulumi.Input<string>;
    referencedSecurityGroupId?: string;
}

/** The rule-name form of a normalised CIDR: '/' → '_', ':' → '-' (see the module comment). */
export function cidrNameKey(cidr: string): string {
    return cidr.replace(/\//g, "_").replace(/:/g, "-");
}

/** Allowed CIDRs whose spelling differs from the form EC2 stores, as [given, stored] pairs. */
export function normalisedCidrs(cidrs: readonly string[]): [string, string][] {
    return cidrs
        .map((cidr) => [cidr, normalizeCidr(cidr)] as [string, string])
        .filter(([given, stored]) => given !== stored);
}

/**
 * The ingress rules for `spec`: one per listener port and source, the sources
 * being the allowed CIDRs (normalised) or, when none are given, anywhere over
 * IPv4 (plus IPv6 when `ipv6`). Duplicates after normalising are refused
 * earlier by `checkListenerSettings`; here they would collapse into one rule.
 */
export function ingressRuleSpecs(
    name: string,
    spec: Pick<
        SecurityGroupSpec,
        "ports" | "allowedCidrs" | "ipv6" | "ipv4" | "allowedPrefixListIds" | "allowedSecurityGroupIds"
    >,
): IngressRuleSpec[] {
    const lists = spec.allowedPrefixListIds ?? [];
    const groups = spec.allowedSecurityGroupIds ?? [];
    const explicit = spec.allowedCidrs.length + lists.length + groups.length > 0;
    const sources = explicit
        ? [...new Map(spec.allowedCidrs.map((given) => [normalizeCidr(given), given] as const)).entries()].map(
              ([cidr, given]) => ({ cidr, oldKeys: [...new Set([given, cidr])] }),
          )
        : [
              ...(spec.ipv4 === false ? [] : [{ cidr: "0.0.0.0/0", oldKeys: ["ipv4"] }]),
              ...(spec.ipv6 ? [{ cidr: "::/0", oldKeys: ["ipv6"] }] : []),
          ];
    // Ids hold neither '/' nor ':', and CIDR keys always hold '_': the names never collide.
    const byId = spec.ports.flatMap(({ name: portName, port }) => [
        ...(portName === "https" ? lists : []).map((id) => ({
            name: `${name}-in-tcp-${port}-${id}`,
            aliases: [],
            portName,
            port,
            prefixListId: id,
        })),
        ...groups.map((id) => ({
            name: `${name}-in-tcp-${port}-${id}`,
            aliases: [],
            portName,
            port,
            referencedSecurityGroupId: id,
        })),
    ]);
    return [...cidrRules(name, spec.ports, sources), ...byId];
}

function cidrRules(
    name: string,
    ports: SecurityGroupSpec["ports"],
    sources: { cidr: string; oldKeys: string[] }[],
): IngressRuleSpec[] {
    return ports.flatMap(({ name: portName, port }) =>
        sources.map(({ cidr, oldKeys }) => {
            const v6 = isIpv6Cidr(cidr);
            // 0.1.0 named the default "ipv4"/"ipv6" and an explicit block by its text; anywhere may have been either.
            const anywhere = cidr === "0.0.0.0/0" ? ["ipv4", cidr] : cidr === "::/0" ? ["ipv6", cidr] : [];
            const aliases = [...new Set([...oldKeys, ...anywhere])].map((key) => `${name}-in-${portName}-${key}`);
            return {
                name: `${name}-in-tcp-${port}-${cidrNameKey(cidr)}`,
                aliases,
                portName,
                port,
                ...(v6 ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
            };
        }),
    );
}
