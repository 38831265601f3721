/** Rules over every resource registered in one test: what AWS refuses because another resource already holds it. */
import { networkOf } from "./ec2";
import { type CrossRule, known, num, problem, type RegisteredInputs, str } from "./types";

const RULE = "aws:lb/listenerRule:ListenerRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const RECORD = "aws:route53/record:Record";

/** Memoises a key function per registration: the cross rules compare each newcomer with everything before it. */
function memo(fn: (r: RegisteredInputs) => string | undefined): (r: RegisteredInputs) => string | undefined {
    const cache = new WeakMap<RegisteredInputs, string | undefined>();
    return (r) => {
        if (!cache.has(r)) cache.set(r, fn(r));
        return cache.get(r);
    };
}

/** The permission a security group rule grants, or undefined when part of it is not known. */
const permissionKey = memo(function permissionKey(r: RegisteredInputs): string | undefined {
    const i = r.inputs;
    const group = str(i.securityGroupId);
    const protocol = str(i.ipProtocol)?.toLowerCase();
    const cidr = str(i.cidrIpv4) ?? str(i.cidrIpv6);
    const source =
        cidr !== undefined ? (networkOf(cidr) ?? cidr) : (str(i.prefixListId) ?? str(i.referencedSecurityGroupId));
    if (group === undefined || protocol === undefined || source === undefined) return undefined;
    return [
        r.type === INGRESS ? "ingress" : "egress",
        group,
        protocol,
        num(i.fromPort) ?? "",
        num(i.toPort) ?? "",
        source,
    ].join("|");
});

/** record.go StateFunc on "name": trailing "." trimmed, lowercased. */
const recordName = (v: unknown) => str(v)?.replace(/\.$/, "").toLowerCase();

const recordKey = memo(function recordKey(r: RegisteredInputs): string | undefined {
    const zone = str(r.inputs.zoneId);
    const name = recordName(r.inputs.name);
    const type = str(r.inputs.type);
    return zone === undefined || name === undefined || type === undefined
        ? undefined
        : [zone, name, type, str(r.inputs.setIdentifier) ?? ""].join("|");
});

export const CROSS_RULES: CrossRule[] = [
    {
        id: "cross.listenerRule.priorityInUse",
        citation:
            "AWS ELB API CreateRule (PriorityInUse); hashicorp/terraform-provider-aws internal/service/elbv2/listener_rule.go retryListenerRuleCreate (a set priority is sent as given; PriorityInUseException is retried only when priority is unset)",
        check(existing, added) {
            if (added.type !== RULE) return [];
            const listener = str(added.inputs.listenerArn);
            const priority = num(added.inputs.priority);
            if (listener === undefined || priority === undefined) return [];
            const other = existing.find(
                (r) => r.type === RULE && str(r.inputs.listenerArn) === listener && num(r.inputs.priority) === priority,
            );
            return other
                ? [
                      problem(
                          "priority",
                          priority,
                          `PriorityInUse: listener ${listener} already has a rule at priority ${priority} ('${other.name}')`,
                      ),
                  ]
                : [];
        },
    },
    {
        id: "cross.securityGroupRule.duplicate",
        citation:
            "AWS EC2 API AuthorizeSecurityGroupIngress/AuthorizeSecurityGroupEgress error InvalidPermission.Duplicate; hashicorp/terraform-provider-aws internal/service/ec2/vpc_security_group_rule.go expandIPPermission (one permission per resource). The error code is AWS's, not read from provider source",
        check(existing, added) {
            if (added.type !== INGRESS && added.type !== EGRESS) return [];
            const key = permissionKey(added);
            const other =
                key === undefined
                    ? undefined
                    : existing.find((r) => (r.type === INGRESS || r.type === EGRESS) && permissionKey(r) === key);
            return other
                ? [
                      problem(
                          "securityGroupId|ipProtocol|fromPort|toPort|cidr",
                          key,
                          `InvalidPermission.Duplicate: '${other.name}' already grants this permission`,
                      ),
                  ]
                : [];
        },
    },
    {
        id: "cross.route53Record.duplicate",
        citation:
            "hashicorp/terraform-provider-aws internal/service/route53/record.go resourceRecordCreate (ChangeAction CREATE unless allow_overwrite, which fails when the record set exists; name normalized by the schema StateFunc)",
        check(existing, added) {
            if (added.type !== RECORD) return [];
            const key = recordKey(added);
            const other =
                key === undefined ? undefined : existing.find((r) => r.type === RECORD && recordKey(r) === key);
            if (!other || (known(added.inputs.allowOverwrite) === true && known(other.inputs.allowOverwrite) === true))
                return [];
            return [
                problem(
                    "zoneId|name|type",
                    key,
                    `'${other.name}' already manages this record set, and without allowOverwrite on both the second CREATE fails (record already exists)`,
                ),
            ];
        },
    },
];
