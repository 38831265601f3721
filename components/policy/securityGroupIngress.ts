/**
 * Policy: a load balancer's security groups open only its listener ports to
 * anywhere (0.0.0.0/0 or ::/0).
 *
 * A stack policy over the graph: the load balancer's `securityGroups`, a
 * rule's `securityGroupId` and a listener's `loadBalancerArn` are unknown
 * during a preview, so they are followed through property dependencies.
 * Ingress comes from three places: the group's inline `ingress` blocks,
 * `aws.vpc.SecurityGroupIngressRule` (`ipProtocol`, `cidrIpv4`/`cidrIpv6`) and
 * `aws.ec2.SecurityGroupRule` of type `ingress` (`protocol`,
 * `cidrBlocks`/`ipv6CidrBlocks`). Protocol `-1` (or `all`) means every port
 * and protocol (EC2 IpPermission `IpProtocol`).
 */
import { type PolicyResource, type StackValidationPolicy } from "@pulumi/policy";
import {
    INGRESS_RULE_TYPE,
    LISTENER_TYPES,
    LOAD_BALANCER_TYPES,
    peek,
    SECURITY_GROUP_RULE_TYPE,
    SECURITY_GROUP_TYPE,
    sourceOfType,
    sourcesOf,
    strings,
    UNKNOWN,
} from "./common";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

/** One ingress permission, as far as it is known during the preview. */
interface Ingress {
    where: string;
    protocol: string;
    fromPort?: number;
    toPort?: number;
    cidrs: string[];
}

function known<T>(get: () => T): T | undefined {
    const v = peek(get);
    return v === UNKNOWN ? undefined : v;
}

function inlineIngress(group: PolicyResource): Ingress[] {
    const blocks = known(() => group.props.ingress) as Record<string, unknown>[] | undefined;
    return (Array.isArray(blocks) ? blocks : []).map((b, i) => ({
        where: `inline ingress block ${i + 1}`,
        protocol: String(known(() => b.protocol) ?? ""),
        fromPort: known(() => b.fromPort) as number | undefined,
        toPort: known(() => b.toPort) as number | undefined,
        cidrs: [...strings(known(() => b.cidrBlocks)), ...strings(known(() => b.ipv6CidrBlocks))],
    }));
}

function ruleIngress(rule: PolicyResource): Ingress {
    const p = rule.props;
    const vpcRule = rule.type === INGRESS_RULE_TYPE;
    return {
        where: `ingress rule '${rule.name}'`,
        protocol: String(known(() => (vpcRule ? p.ipProtocol : p.protocol)) ?? ""),
        fromPort: known(() => p.fromPort) as number | undefined,
        toPort: known(() => p.toPort) as number | undefined,
        cidrs: vpcRule
            ? [known(() => p.cidrIpv4), known(() => p.cidrIpv6)].filter((c): c is string => typeof c === "string")
            : [...strings(known(() => p.cidrBlocks)), ...strings(known(() => p.ipv6CidrBlocks))],
    };
}

/** Every ingress permission of `group` the stack declares. */
function ingressOf(group: PolicyResource, all: PolicyResource[]): Ingress[] {
    const rules = all.filter(
        (r) =>
            (r.type === INGRESS_RULE_TYPE ||
                (r.type === SECURITY_GROUP_RULE_TYPE && known(() => r.props.type) === "ingress")) &&
            sourceOfType(r, "securityGroupId", [SECURITY_GROUP_TYPE])?.urn === group.urn,
    );
    return [...inlineIngress(group), ...rules.map(ruleIngress)];
}

/** What `ingress` opens beyond `ports` to anywhere, as text, or `undefined`. */
function excess(ingress: Ingress, ports: number[]): string | undefined {
    const open = ingress.cidrs.filter((c) => ANYWHERE.includes(c));
    if (open.length === 0) return undefined;
    const protocol = ingress.protocol.toLowerCase();
    const from = open.join(" and ");
    if (protocol === "-1" || protocol === "all") return `${from} reach every port and protocol`;
    if (protocol !== "tcp" && protocol !== "6") return `${from} reach ${protocol} traffic`;
    const { fromPort, toPort } = ingress;
    if (fromPort === undefined || toPort === undefined) return undefined;
    const range = fromPort === toPort ? `${fromPort}` : `${fromPort}-${toPort}`;
    for (let port = fromPort; port <= toPort; port++) {
        if (!ports.includes(port)) return `${from} reach tcp ${range}`;
    }
    return undefined;
}

/** Load-balancer security groups open only the listener ports to anywhere. */
export const securityGroupIngressPolicy: StackValidationPolicy = {
    name: "load-balancer-security-group-ingress",
    description: "Load-balancer security groups open only the listener ports to anywhere (0.0.0.0/0, ::/0).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const listeners = args.resources.filter((r) => LISTENER_TYPES.includes(r.type));
        for (const lb of args.resources) {
            if (!LOAD_BALANCER_TYPES.includes(lb.type)) continue;
            const own = listeners.filter(
                (l) => sourceOfType(l, "loadBalancerArn", LOAD_BALANCER_TYPES)?.urn === lb.urn,
            );
            const ports = own.map((l) => known(() => l.props.port));
            if (ports.some((p) => typeof p !== "number")) continue; // a port known only at deployment: cannot tell
            const listenerPorts = [...new Set(ports as number[])].sort((a, b) => a - b);
            const allowed =
                listenerPorts.length > 0 ? `tcp ${listenerPorts.join(", ")}` : "no port (it has no listener)";
            for (const group of sourcesOf(lb, "securityGroups").filter((r) => r.type === SECURITY_GROUP_TYPE)) {
                for (const ingress of ingressOf(group, args.resources)) {
                    // A range scan is bounded: EC2 ports are 0-65535.
                    const what = excess(ingress, listenerPorts);
                    if (!what) continue;
                    report(
                        `Security group '${group.name}' of load balancer '${lb.name}' lets ${what} (${ingress.where}): open only the listener ports (${allowed}) to anywhere, and anything else to known networks.`,
                        group.urn,
                    );
                }
            }
        }
    },
};
