/**
 * Load balancer attribute and health-check timing rules
 * (terraform-provider-aws internal/service/elbv2 load_balancer.go, consts.go,
 * target_group.go; the ELB API reference where the provider has no validator).
 */
import { block, num, oneOf, problem, type ResourceRule, rule, str } from "./types";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const TF = "hashicorp/terraform-provider-aws internal/service/elbv2";

export const ELBV2_ATTRIBUTE_RULES: ResourceRule[] = [
    rule(
        "elbv2.loadBalancer.attributes",
        LB,
        `${TF}/load_balancer.go schema "desync_mitigation_mode" StringInSlice(httpDesyncMitigationMode_Values()), "xff_header_processing_mode" StringInSlice(httpXFFHeaderProcessingMode_Values()) (consts.go); "client_keep_alive" has no validator: ELB API reference LoadBalancerAttribute client_keep_alive.seconds 60-604800 (not verified from source)`,
        (i) => {
            const out = [
                ...oneOf("desyncMitigationMode", i.desyncMitigationMode, ["monitor", "defensive", "strictest"]),
                ...oneOf("xffHeaderProcessingMode", i.xffHeaderProcessingMode, ["append", "preserve", "remove"]),
            ];
            const keepAlive = num(i.clientKeepAlive);
            if (keepAlive !== undefined && (keepAlive < 60 || keepAlive > 604800))
                out.push(problem("clientKeepAlive", keepAlive, "must be between 60 and 604800"));
            return out;
        },
    ),
    rule(
        "elbv2.loadBalancer.dualstackWithoutPublicIpv4",
        LB,
        `@pulumi/aws 7.2.0 lb/loadBalancer.d.ts ipAddressType ("dualstack-without-public-ipv4 (type application only)"); AWS Networking blog "Introducing dual-stack without public IPv4 Application Load Balancer" (internet-facing load balancers only)`,
        (i) => {
            if (str(i.ipAddressType) !== "dualstack-without-public-ipv4") return [];
            const out = [];
            const type = str(i.loadBalancerType) ?? "application";
            if (type !== "application")
                out.push(
                    problem(
                        "ipAddressType",
                        "dualstack-without-public-ipv4",
                        `is for application load balancers, not ${type}`,
                    ),
                );
            if (i.internal === true)
                out.push(
                    problem("internal", true, "an internal load balancer cannot use dualstack-without-public-ipv4"),
                );
            return out;
        },
    ),
    rule(
        "elbv2.targetGroup.healthCheck.timeoutBelowInterval",
        TG,
        "AWS ELB API reference CreateTargetGroup HealthCheckTimeoutSeconds / HealthCheckIntervalSeconds (the timeout must be less than the interval; not verified from source)",
        (i) => {
            // Lambda target groups: elbv2.targetGroup.healthCheck.lambdaInterval says the same.
            if (str(i.targetType) === "lambda") return [];
            const hc = block(i.healthCheck);
            const interval = num(hc?.interval);
            const timeout = num(hc?.timeout);
            if (interval === undefined || timeout === undefined || timeout < interval) return [];
            return [problem("healthCheck.timeout", timeout, `must be less than healthCheck.interval (${interval})`)];
        },
    ),
];
