import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { TYPE_PREFIX } from "./defaults";
import { checkNameList, hostnameProblems, normalizeHostname } from "./internal/rules/hostnames";
import { checkTarget } from "./internal/rules/loadBalancerChecks";
import { hostHeaderProblem } from "./internal/rules/listenerValues";
import { Problems } from "./internal/rules/problems";
import { rulePriorityProblem, ruleCount } from "./internal/rules/rulePacking";
import { createHostRules, resolveTarget, warnWhenListenerGetsNewTargetGroup } from "./internal/build/targets";
import { type TargetArgs } from "./loadBalancerArgs";

/** Arguments of `ListenerAttachment`. */
export interface ListenerAttachmentArgs {
    /** ARN of the shared HTTPS listener. */
    listenerArn: pulumi.Input<string>;
    /** Certificates to serve by SNI on that listener, keyed by a stable identity (e.g. the names they cover). */
    certificateArns: Record<string, pulumi.Input<string>>;
    /** Hostnames forwarded to `target` (host-header rules, five names per rule). */
    hostnames: string[];
    /** Priority of the first rule; ceil(hostnames/5) consecutive priorities are used. Must be unique on the listener. */
    rulePriority: number;
    /** Where this tenant's requests go. */
    target: TargetArgs;
    /** VPC of the target group it creates (not needed for Lambda or an adopted target group). */
    vpcId?: pulumi.Input<string>;
    /** Tags for every taggable child. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * One tenant's share of a load balancer owned elsewhere: its certificates on
 * the shared HTTPS listener, its target group, and host-header rules that send
 * its hostnames there. Many stacks can each add one to the same listener.
 */
export class ListenerAttachment extends pulumi.ComponentResource {
    /** Certificates attached to the listener, one per key. */
    public readonly listenerCertificates: aws.lb.ListenerCertificate[];
    /** Host-header rules, named by priority. */
    public readonly rules: aws.lb.ListenerRule[];
    /** The target group it created, if any. */
    public readonly targetGroup?: aws.lb.TargetGroup;
    /** ARN of the target group in use. */
    public readonly targetGroupArn: pulumi.Output<string>;

    constructor(name: string, args: ListenerAttachmentArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const hostnames = checkNameList(args.hostnames, problems, "hostnames", "list the names this tenant serves");
        (Array.isArray(args.hostnames) ? args.hostnames : []).forEach((raw, i) => {
            if (typeof raw !== "string" || hostnameProblems(raw, "").length > 0) return; // reported by checkNameList
            const problem = hostHeaderProblem(normalizeHostname(raw), raw, `hostnames[${i}]`);
            if (problem) problems.add(`hostnames[${i}]`, problem);
        });
        const priorityProblem = rulePriorityProblem(
            args.rulePriority,
            ruleCount(hostnames.length),
            "rulePriority",
            "this tenant",
        );
        if (priorityProblem) problems.add("rulePriority", priorityProblem);
        if (!args.target)
            problems.add(
                "target",
                "`target` is missing: a shared listener needs to know where this tenant's requests go",
            );
        checkTarget(args.target, problems);
        if (Object.keys(args.certificateArns ?? {}).length === 0) {
            problems.add(
                "certificateArns",
                "`certificateArns` is empty: the shared listener needs this tenant's certificate to serve its names",
            );
        }
        problems.throwIfAny("ListenerAttachment", name);
        super(`${TYPE_PREFIX}:ListenerAttachment`, name, {}, opts);

        // Every certificate of this tenant is an SNI certificate: the listener's default belongs to its owner.
        this.listenerCertificates = Object.entries(args.certificateArns).map(
            ([key, certificateArn]) =>
                new aws.lb.ListenerCertificate(
                    `${name}-sni-${key}`,
                    { listenerArn: args.listenerArn, certificateArn },
                    // One suffix word per kind of child (as HttpsLoadBalancer's); 0.1.0 said `-certificate-`.
                    { parent: this, aliases: [{ name: `${name}-certificate-${key}` }] },
                ),
        );
        const target = resolveTarget(`${name}-targets`, args.target, args.vpcId, args.tags, this);
        this.targetGroup = target.targetGroup;
        // The certificates first: a rule for a name the listener cannot serve yet would fail TLS.
        this.rules = createHostRules(
            name,
            hostnames,
            args.rulePriority,
            target.targetGroupArn,
            args.listenerArn,
            args.tags,
            {
                parent: this,
                dependsOn: this.listenerCertificates,
            },
        );
        // The shared listener always exists: whether this tenant is already deployed shows in its first rule.
        if (target.targetGroup && this.rules.length > 0)
            warnWhenListenerGetsNewTargetGroup(this.rules[0].arn, target.targetGroup, this);
        this.targetGroupArn = pulumi.output(target.targetGroupArn);
        this.registerOutputs({
            listenerCertificates: this.listenerCertificates,
            rules: this.rules,
            targetGroup: this.targetGroup,
            targetGroupArn: this.targetGroupArn,
        });
    }
}
