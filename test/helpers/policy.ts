/**
 * Policy tests: resources written the way an offline preview records them
 * (inputs with `{ $unknown: true }` for values known only after deployment,
 * property dependencies by URN), evaluated by the same runner the CLI uses.
 */
import * as policySdk from "@pulumi/policy";
import { type Policy } from "@pulumi/policy";
import { evaluatePack, type PolicyConfigFile, type PolicyViolation } from "../../components/cli/policy/evaluate";
import { type LoadedPack } from "../../components/cli/policy/loadPack";
import { type PlannedResource } from "../../components/cli/preview/plan";
import { urnFor } from "../../components/cli/preview/recorder";
import { type PlanValue } from "../../components/cli/preview/values";

/** A value known only after deployment, as the plan records it. */
export const UNKNOWN_INPUT: PlanValue = { $unknown: true };

/** A top-level resource of stack `stack` (default `dev`) with `inputs`; `from` maps a property to the resources it comes from. */
export function planned(
    type: string,
    name: string,
    inputs: Record<string, PlanValue>,
    from: Record<string, PlannedResource[]> = {},
    stack = "dev",
): PlannedResource {
    return {
        urn: urnFor(stack, "proj", undefined, type, name),
        type,
        name,
        kind: type.startsWith("pulumi:providers:") ? "provider" : "resource",
        inputs,
        dependsOn: Object.values(from).flatMap((rs) => rs.map((r) => r.urn)),
        propertyDependencies: Object.fromEntries(Object.entries(from).map(([k, rs]) => [k, rs.map((r) => r.urn)])),
    };
}

/** A pack holding `policies`, evaluated with this repository's `@pulumi/policy`. */
export function packOf(policies: Policy[], name = "test-pack"): LoadedPack {
    return {
        dir: ".",
        name,
        version: "0.0.1",
        enforcementLevel: "advisory",
        args: { policies: policies as never },
        sdk: policySdk as never,
    };
}

/** The violations `policy` reports over `resources`. */
export async function violations(
    policy: Policy,
    resources: PlannedResource[],
    config: PolicyConfigFile = {},
): Promise<PolicyViolation[]> {
    const { violations, failures } = await evaluatePack(packOf([policy]), resources, config);
    if (failures.length > 0) throw new Error(failures.map((f) => f.message).join("\n"));
    return violations;
}

/** Just the messages of {@link violations}. */
export async function messages(
    policy: Policy,
    resources: PlannedResource[],
    config: PolicyConfigFile = {},
): Promise<string[]> {
    return (await violations(policy, resources, config)).map((v) => v.message);
}
