/**
 * Security group rule rules (terraform-provider-aws internal/service/ec2
 * vpc_security_group_rule.go, shared by aws_vpc_security_group_ingress_rule and
 * _egress_rule; internal/verify/validate.go for the CIDR checks).
 */
import { intBetween, isSet, problem, type Problem, type ResourceRule, rule, str } from "./types";

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const TF = "hashicorp/terraform-provider-aws";

/** An IPv4 CIDR as Go's net.ParseCIDR reads it: address bytes and prefix length, or undefined. */
export function parseIpv4Cidr(cidr: string): { bytes: number[]; bits: number } | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!m) return undefined;
    const parts = m.slice(1, 5);
    if (parts.some((p) => (p.length > 1 && p.startsWith("0")) || Number(p) > 255)) return undefined;
    const bits = Number(m[5]);
    return bits > 32 ? undefined : { bytes: parts.map(Number), bits };
}

/** An IPv6 CIDR as 8 hextets and prefix length, or undefined (embedded IPv4 tail accepted). */
export function parseIpv6Cidr(cidr: string): { hextets: number[]; bits: number } | undefined {
    const m = /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/.exec(cidr);
    if (!m || Number(m[2]) > 128 || (m[2].length > 1 && m[2].startsWith("0"))) return undefined;
    let text = m[1];
    const v4 = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text);
    if (v4) {
        const b = parseIpv4Cidr(`${v4[1]}/32`)?.bytes;
        if (!b) return undefined;
        text =
            text.slice(0, -v4[1].length) + `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
    }
    const halves = text.split("::");
    if (halves.length > 2) return undefined;
    const head = halves[0] ? halves[0].split(":") : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    if ([...head, ...tail].some((h) => !/^[0-9A-Fa-f]{1,4}$/.test(h))) return undefined;
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
    const hextets = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail].map((h) =>
        parseInt(h, 16),
    );
    return { hextets, bits: Number(m[2]) };
}

/** RFC 5952 text (what Go's net.IP.String() prints): lowercase, no leading zeros, longest zero run (≥ 2) as "::". */
export function canonicalIpv6(hextets: number[]): string {
    let best = { at: -1, len: 0 };
    for (let i = 0; i < 8;) {
        if (hextets[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && hextets[j] === 0) j++;
        if (j - i > best.len && j - i >= 2) best = { at: i, len: j - i };
        i = j;
    }
    const hex = hextets.map((h) => h.toString(16));
    if (best.at < 0) return hex.join(":");
    return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

/** Host bits cleared: the network address of the block. */
function maskBits<T extends number>(values: T[], width: number, bits: number): number[] {
    return values.map((v, i) => {
        const keep = Math.max(0, Math.min(width, bits - i * width));
        return keep === 0 ? 0 : v & ~((1 << (width - keep)) - 1) & ((1 << width) - 1);
    });
}

/** The network form of a CIDR (host bits cleared, canonical text), or undefined when it does not parse. */
export function networkOf(cidr: string): string | undefined {
    const v4 = parseIpv4Cidr(cidr);
    if (v4) return `${maskBits(v4.bytes, 8, v4.bits).join(".")}/${v4.bits}`;
    const v6 = parseIpv6Cidr(cidr);
    return v6 ? `${canonicalIpv6(maskBits(v6.hextets, 16, v6.bits))}/${v6.bits}` : undefined;
}

/** verify.ValidateIPv4CIDRBlock: parses, is IPv4, and equals its own network (CIDRBlocksEqual). */
function ipv4Problems(property: string, cidr: string): Problem[] {
    const v4 = parseIpv4Cidr(cidr);
    if (!v4) return [problem(property, cidr, `${JSON.stringify(cidr)} is not a valid IPv4 CIDR block`)];
    const network = networkOf(cidr)!;
    return network === `${v4.bytes.join(".")}/${v4.bits}`
        ? []
        : [
              problem(
                  property,
                  cidr,
                  `${JSON.stringify(cidr)} is not a valid IPv4 CIDR block; did you mean ${JSON.stringify(network)}?`,
              ),
          ];
}

/** verify.ValidateIPv6CIDRBlock: parses, is not IPv4 (To4() == nil), and equals its own network. */
function ipv6Problems(property: string, cidr: string): Problem[] {
    const v6 = parseIpv6Cidr(cidr);
    const v4mapped = v6 && v6.hextets.slice(0, 5).every((h) => h === 0) && v6.hextets[5] === 0xffff;
    if (!v6 || v4mapped) return [problem(property, cidr, `${JSON.stringify(cidr)} is not a valid IPv6 CIDR block`)];
    const network = networkOf(cidr)!;
    return network === `${canonicalIpv6(v6.hextets)}/${v6.bits}`
        ? []
        : [
              problem(
                  property,
                  cidr,
                  `${JSON.stringify(cidr)} is not a valid IPv6 CIDR block; did you mean ${JSON.stringify(network)}?`,
              ),
          ];
}

const SOURCES = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"];

function rulesFor(type: string, kind: string): ResourceRule[] {
    const base = `${TF} internal/service/ec2/vpc_security_group_rule.go securityGroupRuleResource`;
    return [
        rule(
            `ec2.${kind}.cidrIpv4`,
            type,
            `${base} Schema "cidr_ipv4" fwvalidators.IPv4CIDRNetworkAddress → internal/verify/validate.go ValidateIPv4CIDRBlock`,
            (i) => {
                const cidr = str(i.cidrIpv4);
                return cidr === undefined ? [] : ipv4Problems("cidrIpv4", cidr);
            },
        ),
        rule(
            `ec2.${kind}.cidrIpv6`,
            type,
            `${base} Schema "cidr_ipv6" fwvalidators.IPv6CIDRNetworkAddress → internal/verify/validate.go ValidateIPv6CIDRBlock`,
            (i) => {
                const cidr = str(i.cidrIpv6);
                return cidr === undefined ? [] : ipv6Problems("cidrIpv6", cidr);
            },
        ),
        rule(
            `ec2.${kind}.cidrIpv6Canonical`,
            type,
            `${base} Read (cidr_ipv6 = output.CidrIpv6, a plain string with no semantic equality; CIDRBlocksEqual accepts any spelling). That EC2 returns the RFC 5952 canonical form is not verified from source`,
            (i) => {
                const cidr = str(i.cidrIpv6);
                const v6 = cidr === undefined ? undefined : parseIpv6Cidr(cidr);
                if (!cidr || !v6) return [];
                const canonical = `${canonicalIpv6(v6.hextets)}/${v6.bits}`;
                return canonical === cidr
                    ? []
                    : [
                          problem(
                              "cidrIpv6",
                              cidr,
                              `not in canonical form: state is refreshed with EC2's ${JSON.stringify(canonical)}, a diff on every run`,
                          ),
                      ];
            },
        ),
        rule(
            `ec2.${kind}.ports`,
            type,
            `${base} Schema "from_port"/"to_port" int64validator.Between(-1, 65535)`,
            (i) => [...intBetween("fromPort", i.fromPort, -1, 65535), ...intBetween("toPort", i.toPort, -1, 65535)],
        ),
        rule(
            `ec2.${kind}.source`,
            type,
            `${base} ConfigValidators resourcevalidator.ExactlyOneOf(cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_security_group_id)`,
            (i) => {
                const set = SOURCES.filter((k) => isSet(i, k));
                if (set.length === 1) return [];
                return [
                    problem(
                        SOURCES.join("|"),
                        set,
                        set.length === 0
                            ? `exactly one of ${SOURCES.join(", ")} must be set, got none`
                            : `exactly one of ${SOURCES.join(", ")} must be set, got ${set.join(", ")}`,
                    ),
                ];
            },
        ),
    ];
}

export const EC2_RULES: ResourceRule[] = [...rulesFor(INGRESS, "ingressRule"), ...rulesFor(EGRESS, "egressRule")];
