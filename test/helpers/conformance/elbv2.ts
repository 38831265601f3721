/**
 * Load balancer and target group rules (terraform-provider-aws internal/service/elbv2,
 * pulumi-aws autonaming, the Pulumi Terraform bridge). Listener rules: ./elbv2Listeners.ts.
 */
import {
    block,
    intBetween,
    isSet,
    known,
    lengthBetween,
    num,
    oneOf,
    problem,
    type Problem,
    type ResourceRule,
    rule,
    str,
} from "./types";
import { LISTENER_RULES } from "./elbv2Listeners";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const TF = "hashicorp/terraform-provider-aws internal/service/elbv2";

/** aws-sdk-go-v2 service/elasticloadbalancingv2/types/enums.go ProtocolEnum / TargetTypeEnum / LoadBalancerTypeEnum / IpAddressType. */
export const PROTOCOLS = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"];
const TARGET_TYPES = ["instance", "ip", "lambda", "alb"];
const LB_TYPES = ["application", "network", "gateway"];
const LB_IP_TYPES = ["ipv4", "dualstack", "dualstack-without-public-ipv4"];

/** The 7 random characters the bridge appends (hex digits): any hex stands for them when checking characters. */
const RANDOM7 = "0000000";

/** validate.go validName: "" short-circuits; ≤ 32, [0-9A-Za-z-], no leading/trailing hyphen, not "internal-". */
export function validName(value: string): string[] {
    if (value.length === 0) return [];
    const errors: string[] = [];
    if (value.length > 32) errors.push(`cannot be longer than 32 characters`);
    if (!/^[0-9A-Za-z-]+$/.test(value)) errors.push(`only alphanumeric characters and hyphens allowed`);
    if (value.startsWith("-")) errors.push(`cannot begin with a hyphen`);
    if (value.endsWith("-")) errors.push(`cannot end with a hyphen`);
    if (value.startsWith("internal-")) errors.push(`cannot begin with "internal-"`);
    return errors;
}

/** validate.go validTargetGroupName: ≤ 32, [0-9A-Za-z-], no leading/trailing hyphen (no "" short-circuit). */
export function validTargetGroupName(value: string): string[] {
    const errors: string[] = [];
    if (value.length > 32) errors.push(`cannot be longer than 32 characters`);
    if (!/^[0-9A-Za-z-]+$/.test(value)) errors.push(`only alphanumeric characters and hyphens allowed`);
    if (value.startsWith("-")) errors.push(`cannot begin with a hyphen`);
    if (value.endsWith("-")) errors.push(`cannot end with a hyphen`);
    return errors;
}

/** validate.go validNamePrefix / validTargetGroupNamePrefix: ≤ 6 (32 − id.UniqueIDSuffixLength 26), [0-9A-Za-z-], no leading hyphen. */
function validPrefix(value: string, lb: boolean): string[] {
    const errors: string[] = [];
    if (value.length > 6) errors.push(`cannot be longer than 6 characters`);
    if (!/^[0-9A-Za-z-]+$/.test(value)) errors.push(`only alphanumeric characters and hyphens allowed`);
    if (value.startsWith("-")) errors.push(`cannot begin with a hyphen`);
    if (lb && value.startsWith("internal-")) errors.push(`cannot begin with "internal-"`);
    return errors;
}

const asProblems = (property: string, value: string, errors: string[]): Problem[] =>
    errors.map((e) => problem(property, value, e));

const LB_RULES: ResourceRule[] = [
    rule("elbv2.loadBalancer.name", LB, `${TF}/validate.go validName (load_balancer.go schema "name")`, (i) => {
        const name = str(i.name);
        return name === undefined ? [] : asProblems("name", name, validName(name));
    }),
    rule(
        "elbv2.loadBalancer.namePrefix",
        LB,
        `${TF}/validate.go validNamePrefix (load_balancer.go schema "name_prefix")`,
        (i) => {
            const prefix = str(i.namePrefix);
            return prefix === undefined ? [] : asProblems("namePrefix", prefix, validPrefix(prefix, true));
        },
    ),
    rule(
        "elbv2.loadBalancer.autoname",
        LB,
        `pulumi/pulumi-aws provider/autonaming.go setAutonaming (maxLength 255, "-", 7 random hex) + ${TF}/validate.go validName`,
        (i, r) => {
            if (isSet(i, "name") || isSet(i, "namePrefix")) return [];
            const generated = `${r.name}-${RANDOM7}`;
            return validName(generated).map((e) =>
                problem(
                    "name",
                    `${r.name}-<7 random>`,
                    `unset, so pulumi-aws autonames it from the logical name (${generated.length} characters), and validName refuses that: ${e}`,
                ),
            );
        },
    ),
    rule(
        "elbv2.loadBalancer.idleTimeout",
        LB,
        'AWS ELB API reference LoadBalancerAttribute idle_timeout.timeout_seconds, range 1-4000 (not in the TF schema: load_balancer.go "idle_timeout" has no ValidateFunc; not verified from source)',
        (i) => intBetween("idleTimeout", i.idleTimeout, 1, 4000),
    ),
    rule(
        "elbv2.loadBalancer.loadBalancerType",
        LB,
        `${TF}/load_balancer.go schema "load_balancer_type" enum.Validate[LoadBalancerTypeEnum]`,
        (i) => oneOf("loadBalancerType", i.loadBalancerType, LB_TYPES),
    ),
    rule(
        "elbv2.loadBalancer.ipAddressType",
        LB,
        `${TF}/load_balancer.go schema "ip_address_type" enum.Validate[IpAddressType]`,
        (i) => oneOf("ipAddressType", i.ipAddressType, LB_IP_TYPES),
    ),
];

const targetType = (i: Record<string, any>) => str(i.targetType) ?? "instance";

/** "200", "200,202", "200-299" → the codes it names, or undefined when it does not parse. */
function matcherCodes(m: string): number[] | undefined {
    const codes: number[] = [];
    for (const part of m.split(",")) {
        const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
        if (!range) return undefined;
        codes.push(Number(range[1]), Number(range[2] ?? range[1]));
    }
    return codes;
}

const TG_RULES: ResourceRule[] = [
    rule(
        "elbv2.targetGroup.name",
        TG,
        `${TF}/validate.go validTargetGroupName (target_group.go schema "name")`,
        (i) => {
            const name = str(i.name);
            return name === undefined ? [] : asProblems("name", name, validTargetGroupName(name));
        },
    ),
    rule("elbv2.targetGroup.namePrefix", TG, `${TF}/validate.go validTargetGroupNamePrefix`, (i) => {
        const prefix = str(i.namePrefix);
        return prefix === undefined ? [] : asProblems("namePrefix", prefix, validPrefix(prefix, false));
    }),
    rule(
        "elbv2.targetGroup.autoname",
        TG,
        `pulumi/pulumi-aws provider/aliases.go aws_lb_target_group tfbridge.AutoName("name", 32, "-") → pulumi/pulumi-terraform-bridge pkg/tfbridge/names.go ComputeAutoNameDefault → pulumi/pulumi sdk/go/common/resource/resource_id.go NewUniqueName; then ${TF}/validate.go validTargetGroupName`,
        (i, r) => {
            if (isSet(i, "name") || isSet(i, "namePrefix")) return [];
            if (r.name.length + 1 + 7 > 32) {
                return [
                    problem(
                        "name",
                        `${r.name}-<7 random>`,
                        `unset, and the bridge refuses to autoname it: could not make instance of '${TG}': name '${r.name}-' plus 7 random chars is longer than maximum length 32`,
                    ),
                ];
            }
            return validTargetGroupName(`${r.name}-${RANDOM7}`).map((e) =>
                problem(
                    "name",
                    `${r.name}-<7 random>`,
                    `unset, so it is autonamed from the logical name, and validTargetGroupName refuses that: ${e}`,
                ),
            );
        },
    ),
    rule("elbv2.targetGroup.port", TG, `${TF}/target_group.go schema "port" validation.IntBetween(1, 65535)`, (i) =>
        intBetween("port", i.port, 1, 65535),
    ),
    rule("elbv2.targetGroup.protocol", TG, `${TF}/target_group.go schema "protocol" enum.Validate[ProtocolEnum]`, (i) =>
        oneOf("protocol", i.protocol, PROTOCOLS),
    ),
    rule(
        "elbv2.targetGroup.targetType",
        TG,
        `${TF}/target_group.go schema "target_type" enum.Validate[TargetTypeEnum]`,
        (i) => oneOf("targetType", i.targetType, TARGET_TYPES),
    ),
    rule(
        "elbv2.targetGroup.requiredUnlessLambda",
        TG,
        `${TF}/target_group.go customizeDiffTargetGroupTargetTypeNotLambda (port, protocol, vpc_id required)`,
        (i) => {
            if (targetType(i) === "lambda") return [];
            return ["port", "protocol", "vpcId"]
                .filter((k) => !isSet(i, k))
                .map((k) => problem(k, undefined, `required when targetType is "${targetType(i)}"`));
        },
    ),
    rule(
        "elbv2.targetGroup.lambdaIgnores",
        TG,
        `${TF}/target_group.go resourceTargetGroupCreate (port, protocol, vpc_id sent only when target_type != lambda: silently dropped)`,
        (i) => {
            if (targetType(i) !== "lambda") return [];
            return ["port", "protocol", "vpcId"]
                .filter((k) => known(i[k]) !== undefined)
                .map((k) => problem(k, known(i[k]), `is never sent for a lambda target group (silently ignored)`));
        },
    ),
    rule(
        "elbv2.targetGroup.healthCheck.ranges",
        TG,
        `${TF}/target_group.go schema "health_check": interval IntBetween(5, 300), timeout IntBetween(2, 120), healthy/unhealthy_threshold IntBetween(2, 10), path StringLenBetween(1, 1024) + prefix "/"`,
        (i) => {
            const hc = block(i.healthCheck);
            if (!hc) return [];
            const out = [
                ...intBetween("healthCheck.interval", hc.interval, 5, 300),
                ...intBetween("healthCheck.timeout", hc.timeout, 2, 120),
                ...intBetween("healthCheck.healthyThreshold", hc.healthyThreshold, 2, 10),
                ...intBetween("healthCheck.unhealthyThreshold", hc.unhealthyThreshold, 2, 10),
                ...lengthBetween("healthCheck.path", hc.path, 1, 1024),
            ];
            const path = str(hc.path);
            if (path && !path.startsWith("/")) out.push(problem("healthCheck.path", path, `must start with "/"`));
            return out;
        },
    ),
    rule(
        "elbv2.targetGroup.healthCheck.port",
        TG,
        `${TF}/target_group.go validTargetGroupHealthCheckPort ("traffic-port" or 1-65536)`,
        (i) => {
            const port = known(block(i.healthCheck)?.port);
            if (port === undefined || port === "traffic-port") return [];
            const n = num(port);
            return n !== undefined && n >= 1 && n <= 65536
                ? []
                : [problem("healthCheck.port", port, `must be a valid port number (1-65536) or "traffic-port"`)];
        },
    ),
    rule(
        "elbv2.targetGroup.healthCheck.tcp",
        TG,
        `${TF}/target_group.go resourceTargetGroupCustomizeDiff / customizeDiffTargetGroupTargetTypeLambda`,
        (i) => {
            const hc = block(i.healthCheck);
            if (str(hc?.protocol)?.toUpperCase() !== "TCP") return [];
            const out: Problem[] = [];
            for (const k of ["matcher", "path"]) {
                if (str(hc![k]))
                    out.push(problem(`healthCheck.${k}`, str(hc![k]), `conflicts with healthCheck.protocol "TCP"`));
            }
            const protocol = str(i.protocol);
            if (protocol === "HTTP" || protocol === "HTTPS")
                out.push(problem("healthCheck.protocol", "TCP", `cannot be "TCP" when protocol is "${protocol}"`));
            if (targetType(i) === "lambda")
                out.push(problem("healthCheck.protocol", "TCP", `cannot be "TCP" when targetType is "lambda"`));
            return out;
        },
    ),
    rule(
        "elbv2.targetGroup.healthCheck.lambdaInterval",
        TG,
        "AWS ELB API reference CreateTargetGroup HealthCheckIntervalSeconds/HealthCheckTimeoutSeconds for lambda targets (interval must exceed timeout; not verified from source)",
        (i) => {
            const hc = block(i.healthCheck);
            const interval = num(hc?.interval);
            const timeout = num(hc?.timeout);
            if (targetType(i) !== "lambda" || interval === undefined || timeout === undefined || interval > timeout)
                return [];
            return [
                problem(
                    "healthCheck.interval",
                    interval,
                    `must be greater than healthCheck.timeout (${timeout}) for a lambda target group`,
                ),
            ];
        },
    ),
    rule(
        "elbv2.targetGroup.healthCheck.matcher",
        TG,
        "AWS ELB API reference Matcher.HttpCode (Application Load Balancers: values between 200 and 499)",
        (i) => {
            const matcher = str(block(i.healthCheck)?.matcher);
            const alb = targetType(i) === "lambda" || ["HTTP", "HTTPS"].includes(str(i.protocol) ?? "");
            if (!matcher || !alb || str(i.protocolVersion)?.toUpperCase() === "GRPC") return [];
            const codes = matcherCodes(matcher);
            if (codes && codes.every((c) => c >= 200 && c <= 499)) return [];
            return [
                problem(
                    "healthCheck.matcher",
                    matcher,
                    `must name HTTP codes between 200 and 499 ("200", "200,202" or "200-299")`,
                ),
            ];
        },
    ),
];

export const ELBV2_RULES: ResourceRule[] = [...LB_RULES, ...TG_RULES, ...LISTENER_RULES];
