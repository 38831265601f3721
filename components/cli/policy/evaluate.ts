/**
 * Evaluates a policy pack's resource and stack validations over the
 * resources an offline preview recorded, the way `@pulumi/policy`'s analyzer
 * server does under the Pulumi CLI (sdk/nodejs/policy/server.ts,
 * `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`):
 *
 * - config: each policy's schema defaults, then the pack's initial config,
 *   then the given config file, where `all` sets every policy's level
 *   (pulumi/pulumi pkg/resource/analyzer/config.go, `ReconcilePolicyPackConfig`);
 * - level: the configured level, else the policy's, else the pack's, else
 *   advisory; `disabled` skips the policy, `remediate` reports as mandatory;
 * - props are wrapped in the pack's `unknownCheckingProxy`: reading a value
 *   known only after deployment throws `UnknownValueError`, reported as an
 *   advisory "can't run policy … during preview", as the engine does;
 * - stack resources get `parent`, `dependencies` and `propertyDependencies`
 *   as resource objects.
 *
 * Offline differences: props are the recorded inputs (secrets are not
 * decrypted, so a secret reads as unknown); `opts` carries only `parent`;
 * there are no stack tags and no provider resource; remediations do not run.
 */
import {
    type Policy,
    type PolicyResource,
    type ReportViolation,
    type ResourceValidation,
    type ResourceValidationArgs,
    type StackValidationPolicy,
} from "@pulumi/policy";
import { type PlannedResource } from "../preview/plan";
import { isRef, isSecret, isUnknown, type PlanValue, UNKNOWN_WIRE } from "../preview/values";
import { type LoadedPack, PolicyPackError } from "./loadPack";

/** One reported violation. */
export interface PolicyViolation {
    policyName: string;
    enforcementLevel: "advisory" | "mandatory";
    description: string;
    message: string;
    /** The resource it concerns (a stack policy may name none). */
    resource?: { urn: string; type: string; name: string };
}

/** A policy that threw while validating (the pack is broken, not the stack). */
export interface PolicyFailure {
    policyName: string;
    urn?: string;
    message: string;
}

/** Config as `pulumi preview --policy-pack-config` takes it: per policy a level or `{ enforcementLevel, …props }`. */
export type PolicyConfigFile = Record<string, unknown>;

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

class NotApplicable extends Error {}

/** A recorded input value as the analyzer deserialises it: unknowns become the engine's unknown sentinel. */
export function toProps(value: PlanValue): unknown {
    if (isUnknown(value) || isSecret(value)) return UNKNOWN_WIRE;
    if (isRef(value)) return value.$resource;
    if (Array.isArray(value)) return value.map(toProps);
    if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toProps(v)]));
    return value;
}

/** Splits one config entry into its level and properties; throws on a level the engine does not know. */
function entry(name: string, value: unknown): { level?: string; props: Record<string, unknown> } {
    if (value === undefined) return { props: {} };
    if (typeof value === "string") value = { enforcementLevel: value };
    if (!value || typeof value !== "object" || Array.isArray(value))
        throw new PolicyPackError(`policy config '${name}' must be an enforcement level or an object`);
    const { enforcementLevel: level, ...props } = value as Record<string, unknown>;
    if (level !== undefined && !LEVELS.includes(String(level)))
        throw new PolicyPackError(
            `policy config '${name}': enforcementLevel '${String(level)}' is not one of ${LEVELS.join(", ")}`,
        );
    return { level: level === undefined ? undefined : String(level), props };
}

/** Every policy's effective level and config properties. */
export function reconcileConfig(
    pack: LoadedPack,
    given: PolicyConfigFile = {},
): Map<string, { level: string; props: Record<string, unknown> }> {
    const result = new Map<string, { level: string; props: Record<string, unknown> }>();
    const all = entry("all", given.all).level;
    for (const p of pack.args.policies) {
        const defaults = Object.fromEntries(
            Object.entries(p.configSchema?.properties ?? {})
                .filter(([, s]) => typeof s === "object" && s.default !== undefined)
                .map(([k, s]) => [k, (s as { default: unknown }).default]),
        );
        const initial = entry(p.name, pack.initialConfig?.[p.name]);
        const file = entry(p.name, given[p.name]);
        const level = file.level ?? all ?? initial.level ?? p.enforcementLevel ?? pack.enforcementLevel ?? "advisory";
        result.set(p.name, { level, props: { ...defaults, ...initial.props, ...file.props } });
    }
    return result;
}

function buildResources(pack: LoadedPack, planned: PlannedResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const built = planned.map((r) => {
        const resource: PolicyResource = {
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: pack.sdk.unknownCheckingProxy(toProps(r.inputs) as Record<string, any>),
            opts: {
                protect: false,
                ignoreChanges: [],
                aliases: [],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                additionalSecretOutputs: [],
                ...(r.parent ? { parent: r.parent } : {}),
            },
            dependencies: [],
            propertyDependencies: {},
            isType: (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === r.type,
            asType: (cls: unknown) =>
                (cls as { __pulumiType?: string }).__pulumiType === r.type ? resource.props : undefined,
        } as PolicyResource;
        byUrn.set(r.urn, resource);
        return resource;
    });
    planned.forEach((r, i) => {
        const resolve = (urns: string[]) => urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
        if (r.parent && byUrn.has(r.parent)) built[i].parent = byUrn.get(r.parent);
        built[i].dependencies = resolve(r.dependsOn);
        for (const [k, urns] of Object.entries(r.propertyDependencies))
            built[i].propertyDependencies[k] = resolve(urns);
    });
    return built;
}

/** Runs every enabled policy of `pack` over `planned`; returns the violations and the policies that failed. */
export async function evaluatePack(
    pack: LoadedPack,
    planned: PlannedResource[],
    given: PolicyConfigFile = {},
): Promise<{ violations: PolicyViolation[]; failures: PolicyFailure[] }> {
    const config = reconcileConfig(pack, given);
    const resources = buildResources(pack, planned);
    const violations: PolicyViolation[] = [];
    const failures: PolicyFailure[] = [];
    const notApplicable = (reason?: string) => {
        throw new NotApplicable(reason);
    };
    for (const policy of pack.args.policies as Policy[]) {
        const { level: configured, props } = config.get(policy.name) ?? { level: "advisory", props: {} };
        if (configured === "disabled") continue;
        const level = configured === "advisory" ? "advisory" : "mandatory";
        const run = async (about: PolicyResource | undefined, validate: (report: ReportViolation) => unknown) => {
            const report: ReportViolation = (message, urn) => {
                const target = resources.find((r) => r.urn === (urn ?? about?.urn));
                violations.push({
                    policyName: policy.name,
                    enforcementLevel: level,
                    description: policy.description,
                    message:
                        typeof message === "string" ? message : String((message as { message?: string }).message ?? ""),
                    resource: target ? { urn: target.urn, type: target.type, name: target.name } : undefined,
                });
            };
            try {
                await validate(report);
            } catch (err) {
                if (err instanceof NotApplicable) return;
                const where = about ? { urn: about.urn, type: about.type, name: about.name } : undefined;
                if (err instanceof pack.sdk.UnknownValueError) {
                    violations.push({
                        policyName: policy.name,
                        enforcementLevel: "advisory",
                        description: policy.description,
                        message: `can't run policy '${policy.name}' from policy pack '${pack.name}@v${pack.version}' during preview: ${(err as Error).message}`,
                        resource: where,
                    });
                    return;
                }
                failures.push({
                    policyName: policy.name,
                    urn: about?.urn,
                    message: (err as Error).message ?? String(err),
                });
            }
        };
        const common = { getConfig: <T>() => props as T, stackTags: new Map<string, string>(), notApplicable };
        const validateResource = (policy as { validateResource?: ResourceValidation | ResourceValidation[] })
            .validateResource;
        if (validateResource) {
            const validations = Array.isArray(validateResource) ? validateResource : [validateResource];
            for (const resource of resources) {
                if (planned.find((p) => p.urn === resource.urn)?.kind === "stack") continue;
                for (const validation of validations) {
                    const only = (validation as { __pulumiType?: string }).__pulumiType;
                    if (only && only !== resource.type) continue;
                    const args = { ...resource, ...common };
                    await run(resource, (report) => validation(args as ResourceValidationArgs, report));
                }
            }
        }
        const validateStack = (policy as Partial<StackValidationPolicy>).validateStack;
        if (validateStack) {
            const only = (validateStack as { __pulumiType?: string }).__pulumiType;
            if (only && !resources.some((r) => r.type === only)) continue;
            await run(undefined, (report) => validateStack({ resources, ...common }, report));
        }
    }
    return { violations, failures };
}
