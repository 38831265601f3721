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

export interface SecurityGroupSpec {
    vpcId: pulumi.Input<string>;
    /** Listener ports to open (HTTP and HTTPS). */
    ports: { name: string; port: number }[];
    /** Sources allowed in; empty means anywhere (IPv4, plus IPv6 when `ipv6`). */
    allowedCidrs: string[];
    ipv6: boolean;
    /** Target ports to allow out to inside the VPC, keyed by a stable identity; none for Lambda or no target. */
    egressPorts: Record<string, pulumi.Input<number>>;
    /** The VPC's IPv4 CIDR (egress destination); `undefined` when there is no egress. */
    vpcCidr?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface LoadBalancerSecurityGroup {
    securityGroup: aws.ec2.SecurityGroup;
    ingressRules: aws.vpc.SecurityGroupIngressRule[];
    egressRules: aws.vpc.SecurityGroupEgressRule[];
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

    const ingressRules = ingressRuleSpecs(name, spec).map(
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
                    description: `${rule.portName.toUpperCase()} from ${rule.cidrIpv4 ?? rule.cidrIpv6}`,
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

    const egressRules =
        spec.vpcCidr === undefined
            ? []
            : Object.entries(spec.egressPorts).map(
                  ([key, port]) =>
                      new aws.vpc.SecurityGroupEgressRule(
                          `${name}-out-${key}`,
                          {
                              securityGroupId: securityGroup.id,
                              ipProtocol: "tcp",
                              fromPort: port,
                              toPort: port,
                              cidrIpv4: spec.vpcCidr,
                              description: "Targets inside the VPC",
                              tags: spec.tags,
                          },
                          { parent },
                      ),
              );

    return { securityGroup, ingressRules, egressRules };
}

/** One ingress rule: its resource name, 0.1.0 names to alias, and what it allows. */
export interface IngressRuleSpec {
    name: string;
    aliases: string[];
    portName: string;
    port: number;
    cidrIpv4?: string;
    cidrIpv6?: string;
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
    spec: Pick<SecurityGroupSpec, "ports" | "allowedCidrs" | "ipv6">,
): IngressRuleSpec[] {
    const explicit = spec.allowedCidrs.length > 0;
    const sources = explicit
        ? [...new Map(spec.allowedCidrs.map((given) => [normalizeCidr(given), given] as const)).entries()].map(
              ([cidr, given]) => ({ cidr, oldKeys: [...new Set([given, cidr])] }),
          )
        : [{ cidr: "0.0.0.0/0", oldKeys: ["ipv4"] }, ...(spec.ipv6 ? [{ cidr: "::/0", oldKeys: ["ipv6"] }] : [])];
    return spec.ports.flatMap(({ name: portName, port }) =>
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
