/**
 * Targets behind a listener: the target group created for a `TargetArgs` (or
 * the one adopted by ARN), the port the security group must let out to, and
 * host-header rules that forward to it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as d from "../../defaults";
import { type AuthenticateArgs, type HostRouteArgs, type TargetArgs, TargetType } from "../../loadBalancerArgs";
import { withAuthentication } from "./authenticate";
import { normalizeHostname } from "../rules/hostnames";
import { LAMBDA_HEALTH_CHECK_INTERVAL_SECONDS, LAMBDA_HEALTH_CHECK_TIMEOUT_SECONDS } from "../rules/listenerValues";
import { packRuleValues } from "../rules/rulePacking";
import { physicalName } from "../rules/physicalNames";

/** A target ready for a forward action. */
export interface ResolvedTarget {
    /** The target group this created, if it created one. */
    targetGroup?: aws.lb.TargetGroup;
    targetGroupArn: pulumi.Input<string>;
    /** Port to allow out to inside the VPC; `undefined` for Lambda. */
    egressPort?: pulumi.Input<number>;
}

/** Creates (or adopts) the target group for `target` as a child of `parent`. */
export function resolveTarget(
    name: string,
    target: TargetArgs,
    vpcId: pulumi.Input<string> | undefined,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): ResolvedTarget {
    const targetType = target.targetType ?? d.DEFAULT_TARGET_TYPE;
    const lambda = targetType === TargetType.Lambda;
    if (target.targetGroupArn !== undefined) {
        const port =
            target.port ??
            (lambda ? undefined : aws.lb.getTargetGroupOutput({ arn: target.targetGroupArn }, { parent }).port);
        return { targetGroupArn: target.targetGroupArn, egressPort: port };
    }
    const protocol = lambda ? undefined : (target.protocol ?? d.DEFAULT_TARGET_PROTOCOL);
    const port = lambda ? undefined : (target.port ?? d.DEFAULT_TARGET_PORT);
    const targetGroup = new aws.lb.TargetGroup(
        name,
        {
            // Explicit: pulumi-aws autonames target groups with max 32 and errors on longer logical names. The hash covers
            // every input that replaces the group (target_group.go: port, protocol, target_type, vpc_id are ForceNew), so a
            // replacement gets a new name and create-before-delete never collides.
            name: pulumi
                .output(lambda ? undefined : vpcId)
                .apply((vpc) =>
                    physicalName("aws:lb/targetGroup:TargetGroup", name, [{ targetType, port, protocol, vpcId: vpc }]),
                ),
            vpcId: lambda ? undefined : vpcId,
            targetType,
            port,
            protocol,
            // Lambda: off unless asked (AWS's own default; each check invokes the function), and when on,
            // AWS's Lambda interval/timeout (35/30 s): the provider's 30/30 is refused (interval must exceed timeout).
            // AWS's own defaults, stated (d.DEFAULT_HEALTH_*): the provider's thresholds default to 3, not AWS's 5 and 2.
            healthCheck: !lambda
                ? {
                      enabled: true,
                      path: target.healthCheckPath ?? d.DEFAULT_HEALTH_CHECK_PATH,
                      matcher: target.healthCheckMatcher ?? d.DEFAULT_HEALTH_CHECK_MATCHER,
                      protocol,
                      interval: target.healthCheckIntervalSeconds ?? d.DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
                      timeout: target.healthCheckTimeoutSeconds ?? d.DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS,
                      healthyThreshold: target.healthyThreshold ?? d.DEFAULT_HEALTHY_THRESHOLD,
                      unhealthyThreshold: target.unhealthyThreshold ?? d.DEFAULT_UNHEALTHY_THRESHOLD,
                  }
                : target.healthCheckEnabled === true
                  ? {
                        enabled: true,
                        path: target.healthCheckPath ?? d.DEFAULT_HEALTH_CHECK_PATH,
                        matcher: target.healthCheckMatcher ?? d.DEFAULT_HEALTH_CHECK_MATCHER,
                        interval: target.healthCheckIntervalSeconds ?? LAMBDA_HEALTH_CHECK_INTERVAL_SECONDS,
                        timeout: target.healthCheckTimeoutSeconds ?? LAMBDA_HEALTH_CHECK_TIMEOUT_SECONDS,
                        healthyThreshold: target.healthyThreshold ?? d.DEFAULT_HEALTHY_THRESHOLD,
                        unhealthyThreshold: target.unhealthyThreshold ?? d.LAMBDA_UNHEALTHY_THRESHOLD,
                    }
                  : { enabled: false },
            tags,
        },
        { parent },
    );
    return { targetGroup, targetGroupArn: targetGroup.arn, egressPort: port };
}

/** Creates (or adopts) each route's target group, keyed by the route's name. */
export function resolveRouteTargets(
    name: string,
    routes: HostRouteArgs[],
    vpcId: pulumi.Input<string> | undefined,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): ResolvedTarget[] {
    return routes.map((route) => resolveTarget(`${name}-route-${route.name}`, route.target, vpcId, tags, parent));
}

/**
 * Host-header rules that forward `hostnames` (five per rule) to one target
 * group, at priorities `firstPriority`, `firstPriority + 1`, … and named
 * `${prefix}-${priority}`. A rule is keyed by its priority alone, the one
 * thing AWS keeps unique per listener: swapping two routes' priorities then
 * updates both rules in place instead of creating a rule at a priority still
 * in use (`PriorityInUse`). `legacyPrefix` names the rule's 0.1.0 URN
 * (`${legacyPrefix}-${priority}`) as an alias. Names are sent normalised (`API.Example.com.` →
 * `api.example.com`), the form they were checked in (every caller checks
 * them with `hostHeaderProblem` before registering anything).
 */
export function createHostRules(
    prefix: string,
    hostnames: readonly string[],
    firstPriority: number,
    targetGroupArn: pulumi.Input<string>,
    listenerArn: pulumi.Input<string>,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    opts: pulumi.CustomResourceOptions,
    legacyPrefix?: string,
    authenticate?: AuthenticateArgs,
): aws.lb.ListenerRule[] {
    const normalised = hostnames.map(normalizeHostname);
    return packRuleValues(normalised, firstPriority).map(
        ({ priority, values }) =>
            new aws.lb.ListenerRule(
                `${prefix}-${priority}`,
                {
                    listenerArn,
                    priority,
                    conditions: [{ hostHeader: { values } }],
                    // Sign-in first when the load balancer authenticates (internal/build/authenticate.ts).
                    actions: withAuthentication(authenticate, [{ type: "forward", targetGroupArn }]),
                    tags,
                },
                legacyPrefix === undefined ? opts : { ...opts, aliases: [{ name: `${legacyPrefix}-${priority}` }] },
            ),
    );
}

/** Whether an Output's value is known (the SDK's `isKnown`, present on every Output though not in its typings). */
function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
    return (output as unknown as { isKnown: Promise<boolean> }).isKnown;
}

/**
 * In `pulumi preview`, warns when a target group is new while the HTTPS
 * listener (or listener rule) that forwards to it already exists: its ARN is known
 * (it is in the stack) and the group's is not (it is being created, or
 * replaced: its port, protocol, target type and VPC are ForceNew in
 * terraform-provider-aws target_group.go). The listener then forwards to a
 * new, empty group until targets register there. A program cannot read the
 * previous state, but these two facts say exactly this.
 */
export function warnWhenListenerGetsNewTargetGroup(
    forwarderArn: pulumi.Output<string>,
    targetGroup: aws.lb.TargetGroup,
    parent: pulumi.Resource,
): void {
    if (!pulumi.runtime.isDryRun()) return;
    Promise.all([isKnown(forwarderArn), isKnown(targetGroup.arn), isKnown(targetGroup.urn)])
        .then(([listenerKnown, groupKnown, urnKnown]) => {
            if (!listenerKnown || groupKnown || !urnKnown) return;
            targetGroup.urn.apply((urn) =>
                pulumi.log.warn(
                    `Target group '${urn.split("::").pop()}' is created or replaced in this update while the HTTPS listener already exists: ` +
                        "the listener will forward to a new, empty target group and answer 503 until targets register there " +
                        "(targets registered outside this stack still point at the old group). A change to the target's port, protocol, type or VPC does this. " +
                        "If that is not intended, revert it; for a switch without downtime see the README, 'What changes on update'.",
                    parent,
                ),
            );
        })
        .catch(() => undefined); // a failed registration is reported by the engine itself
}
