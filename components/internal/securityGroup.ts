/**
 * The load balancer's own security group: ingress only on the listener ports,
 * egress only to the target port inside the VPC. Every rule is its own
 * resource, keyed by what it allows (port, address family or CIDR), never by
 * position, so adding a CIDR adds a rule and touches no other.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { isIpv6Cidr } from "./listenerRules";

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
export function createLoadBalancerSecurityGroup(name: string, spec: SecurityGroupSpec, parent: pulumi.Resource): LoadBalancerSecurityGroup {
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

    const sources: { key: string; cidrIpv4?: string; cidrIpv6?: string }[] =
        spec.allowedCidrs.length > 0
            ? spec.allowedCidrs.map((cidr) => (isIpv6Cidr(cidr) ? { key: cidr, cidrIpv6: cidr } : { key: cidr, cidrIpv4: cidr }))
            : [{ key: "ipv4", cidrIpv4: "0.0.0.0/0" }, ...(spec.ipv6 ? [{ key: "ipv6", cidrIpv6: "::/0" }] : [])];

    const ingressRules = spec.ports.flatMap(({ name: portName, port }) =>
        sources.map(
            ({ key, cidrIpv4, cidrIpv6 }) =>
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-in-${portName}-${key}`,
                    {
                        securityGroupId: securityGroup.id,
                        ipProtocol: "tcp",
                        fromPort: port,
                        toPort: port,
                        cidrIpv4,
                        cidrIpv6,
                        description: `${portName.toUpperCase()} from ${cidrIpv4 ?? cidrIpv6}`,
                        tags: spec.tags,
                    },
                    { parent },
                ),
        ),
    );

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
