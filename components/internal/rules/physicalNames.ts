/**
 * The one naming rule for every physical name this package makes AWS hold
 * (load balancers, target groups). A physical name is
 *
 *     <readable prefix from the logical name>-<8 hex characters>
 *
 * where the hex characters hash the resource's identity: project, stack,
 * resource type, logical name, and the inputs whose change replaces the
 * resource. So the name is
 * - valid for any component or stack name Pulumi accepts (long ones, `_`,
 *   `.`, leading digits, `internal-…`): the prefix is cleaned and truncated;
 * - stable between runs (no diff on every preview): it depends on nothing random;
 * - unique across stacks and projects in one account and region;
 * - different after a replacement, so create-before-delete never meets
 *   "already exists" (terraform-provider-aws refuses a target group whose
 *   name exists: `resourceTargetGroupCreate`, "ELBv2 Target Group (%s) already exists").
 *
 * The rules mirror hashicorp/terraform-provider-aws
 * internal/service/elbv2/validate.go `validName` (load balancers) and
 * `validTargetGroupName`: at most 32 characters, only `[0-9A-Za-z-]`, no
 * leading or trailing hyphen, and (load balancers) not starting with `internal-`.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { quote } from "./problems";

/** The longest load balancer or target group name AWS accepts (validate.go `validName`, `validTargetGroupName`). */
export const MAX_ELB_NAME_LENGTH = 32;
/** Hex characters of the identity hash in a generated name: 32 bits, so 9 of the 32 characters go to `-` + hash. */
export const NAME_HASH_LENGTH = 8;

/** What kind of ELB resource a name is for (load balancer names have one more rule). */
export enum ElbNameKind {
    LoadBalancer = "load balancer",
    TargetGroup = "target group",
}

/** The readable part of a generated name: the logical name cleaned to `[0-9A-Za-z-]`, at most `max` characters. */
export function readablePrefix(logicalName: string, max: number): string {
    let prefix = logicalName
        .replace(/[^0-9A-Za-z-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^-+/, "");
    // An ALB name must not begin with "internal-" (validName); AWS reserves it for internal load balancers' DNS names.
    prefix = prefix.replace(/^internal-/i, "int-");
    return prefix.slice(0, max).replace(/-+$/, "");
}

/** The hash part: the first `NAME_HASH_LENGTH` hex characters of SHA-256 over the identity parts. */
export function identityHash(parts: readonly string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, NAME_HASH_LENGTH);
}

/**
 * The physical name for a resource of `type` with `logicalName` in this
 * project and stack; `replacing` lists the inputs whose change replaces it.
 */
export function physicalName(type: string, logicalName: string, replacing: readonly unknown[] = []): string {
    const hash = identityHash([
        pulumi.getProject(),
        pulumi.getStack(),
        type,
        logicalName,
        ...replacing.map((v) => JSON.stringify(v ?? null)),
    ]);
    const prefix = readablePrefix(logicalName, MAX_ELB_NAME_LENGTH - NAME_HASH_LENGTH - 1);
    return prefix === "" ? hash : `${prefix}-${hash}`;
}

/** Why a name given by the user is not a valid load balancer or target group name, or `undefined`. */
export function elbNameProblem(value: unknown, property: string, kind: ElbNameKind): string | undefined {
    const shown = quote(property, value);
    if (typeof value !== "string")
        return `${shown} is not a ${kind} name: give a string, or leave it out for a generated name`;
    const reasons: string[] = [];
    if (value.length === 0 || value.length > MAX_ELB_NAME_LENGTH)
        reasons.push(`1 to ${MAX_ELB_NAME_LENGTH} characters (it has ${value.length})`);
    if (!/^[0-9A-Za-z-]*$/.test(value)) reasons.push("only letters, digits and hyphens");
    if (value.startsWith("-") || value.endsWith("-")) reasons.push("no hyphen at the start or end");
    if (kind === ElbNameKind.LoadBalancer && value.startsWith("internal-"))
        reasons.push("not starting with 'internal-'");
    if (reasons.length === 0) return undefined;
    return `${shown} is not a valid ${kind} name: AWS needs ${reasons.join(", ")}; fix it, or leave it out for a generated name`;
}

/** Records a problem when the user's `loadBalancerName` is not a valid load balancer name. */
export function checkLoadBalancerName(
    value: unknown,
    problems: { add(path: string, reason: string): void },
    at = "loadBalancerName",
): void {
    if (value === undefined) return;
    const problem = elbNameProblem(value, at, ElbNameKind.LoadBalancer);
    if (problem) problems.add(at, problem);
}
