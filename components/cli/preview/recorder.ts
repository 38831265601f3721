/**
 * Installs Pulumi's mock runtime in preview mode and records what a program
 * asks of it. Mocks on their own see neither a resource's parent nor the
 * outputs a component registers, so the mock monitor's RPC entry points are
 * wrapped: each request still goes to the stock mock monitor, after its
 * parent URN, inputs, dependencies and outputs have been written down.
 *
 * Mock behaviour mirrors a real preview of a create: a resource's state is
 * its inputs, ids and computed outputs stay unknown.
 */
import { answerLookup, type LookupContext, LOOKUPS } from "./lookups";
import { type PlannedLookup, type PlannedResource, type ResourceKind } from "./plan";
import { fromWire, type PlanValue, UNKNOWN_WIRE } from "./values";

/** The parts of `@pulumi/pulumi` the recorder uses (the program's own copy is passed in). */
export interface PulumiModule {
    runtime: {
        setMocks(mocks: unknown, project?: string, stack?: string, preview?: boolean): Promise<void> | void;
        getMonitor(): unknown;
    };
    /** The `Output` class, to build a wholly unknown lookup result on SDKs without the invoke-unknown flag. */
    Output?: unknown;
}

/** The parts of an `Output` the unknown stand-in reads. */
interface OutputLike {
    promise(withUnknowns?: boolean): Promise<unknown>;
    isSecret: Promise<boolean>;
    resources?(): Set<unknown>;
    allResources?(): Promise<Set<unknown>>;
}

type InvokeFn = (tok: string, ...rest: unknown[]) => OutputLike;

/**
 * For SDKs whose invoke response has no "wholly unknown" flag (before 3.256):
 * an unanswered lookup still goes through the monitor (so it is recorded), and
 * its `…Output` form is then replaced by an Output that is unknown as a whole.
 * Without this the stock mock's answer is an object whose fields are known
 * `undefined`, and `getAvailabilityZonesOutput().names` would read as absent.
 * Provider SDKs call `pulumi.runtime.invokeOutput` at call time, so replacing
 * the runtime's export is enough.
 */
function unknownUnansweredOutputs(pulumi: PulumiModule): void {
    const runtime = pulumi.runtime as unknown as Record<string, unknown>;
    const OutputCtor = pulumi.Output as new (...args: unknown[]) => unknown;
    if (typeof OutputCtor !== "function") return;
    for (const name of ["invokeOutput", "invokeSingleOutput"]) {
        const original = runtime[name] as InvokeFn | undefined;
        if (typeof original !== "function") continue;
        runtime[name] = function (this: unknown, tok: string, ...rest: unknown[]) {
            const out = original.call(this, tok, ...rest);
            if (LOOKUPS[tok] || tok.startsWith("pulumi:pulumi:")) return out;
            const settled = out.promise(true).then(() => undefined);
            return new OutputCtor(
                [...(out.resources?.() ?? [])],
                settled,
                settled.then(() => false),
                out.isSecret,
                out.allResources?.() ?? Promise.resolve(new Set()),
            );
        };
    }
}

/** A protobuf message as the stock monitor receives it. */
interface Message {
    [getter: string]: any;
}
type Callback = (err: unknown, resp?: unknown) => void;
type Method = (req: Message, cb: Callback) => void;

/** What the recorder collected while the program ran. */
export interface Recording {
    resources: PlannedResource[];
    lookups: PlannedLookup[];
}

function wire(struct: Message | undefined): Record<string, PlanValue> {
    const value = struct ? fromWire(struct.toJavaScript()) : {};
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, PlanValue>) : {};
}

function propertyDependencies(req: Message): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const map = req.getPropertydependenciesMap?.();
    map?.forEach((deps: Message, key: string) => {
        const urns: string[] = deps.getUrnsList();
        if (urns.length) out[key] = urns;
    });
    return out;
}

/**
 * The URNs a registration's `aliases` name, in the mock monitor's URN scheme (`urnFor`): a URN as given, or a
 * spec's name, type, stack, project and parent, each defaulting to the resource's own
 * (pulumi/pulumi sdk/nodejs/runtime/resource.ts `mapAliasesForRequest`; proto/pulumi/alias.proto). SDKs without
 * alias specs send URNs only (`aliasURNs`).
 */
function aliasUrns(req: Message, stack: string, project: string): string[] {
    const out: string[] = [...(req.getAliasurnsList?.() ?? [])];
    for (const alias of (req.getAliasesList?.() ?? []) as Message[]) {
        if (alias.hasUrn?.()) {
            out.push(alias.getUrn());
            continue;
        }
        const spec = alias.getSpec?.();
        if (!spec) continue;
        const parent = spec.getNoparent() ? undefined : spec.getParenturn() || req.getParent() || undefined;
        out.push(
            urnFor(
                spec.getStack() || stack,
                spec.getProject() || project,
                parent,
                spec.getType() || req.getType(),
                spec.getName() || req.getName(),
            ),
        );
    }
    return [...new Set(out)];
}

/**
 * The aliases a child inherits from its renamed parent, as the engine derives them (pulumi/pulumi
 * sdk/nodejs/resource.ts `allAliases`/`inheritedChildAlias`): for each parent alias, the child under it, its name's
 * prefix (the parent's name, by the `{parent}-{child}` convention) replaced by the parent alias's name; and the same
 * for each of the child's own aliases.
 */
function inheritedAliases(
    parent: { name: string; aliases?: string[] },
    name: string,
    type: string,
    own: readonly string[],
    stack: string,
    project: string,
): string[] {
    const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
    const typeOf = (urn: string) => urn.split("::")[2]?.split("$").pop() ?? type;
    const under = (parentAlias: string, childName: string, childType: string) =>
        urnFor(
            stack,
            project,
            parentAlias,
            childType,
            childName.startsWith(parent.name) ? nameOf(parentAlias) + childName.slice(parent.name.length) : childName,
        );
    return (parent.aliases ?? []).flatMap((p) => [
        under(p, name, type),
        ...own.map((a) => under(p, nameOf(a), typeOf(a))),
    ]);
}

function kindOf(type: string, custom: boolean): ResourceKind {
    if (type === "pulumi:pulumi:Stack") return "stack";
    if (type.startsWith("pulumi:providers:")) return "provider";
    return custom ? "resource" : "component";
}

/** Builds a URN the way the mock monitor does: the parent's type chain, then this type. */
export function urnFor(stack: string, project: string, parent: string | undefined, type: string, name: string): string {
    const qualified = parent ? `${parent.split("::")[2].split("$").pop()}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * Installs the mocks (preview mode) for `project`/`stack` and wraps the monitor.
 * `makeUnknownResponse` builds an invoke response flagged wholly unknown; it is
 * `undefined` when the SDK has no such flag, and an unanswered lookup then
 * gets `{ id: <unknown> }` from the stock mock (every provider function result
 * has an `id`; a plain `await` invoke sees the other fields absent, as on an
 * SDK with the flag) while its `…Output` form is made wholly unknown.
 */
export async function installRecorder(
    pulumi: PulumiModule,
    project: string,
    stack: string,
    ctx: LookupContext,
    makeUnknownResponse: (() => unknown) | undefined,
): Promise<Recording> {
    const recording: Recording = { resources: [], lookups: [] };
    const mocks = {
        newResource(args: { custom?: boolean; id?: string; inputs: Record<string, unknown> }) {
            if (args.custom === false) return { id: undefined, state: {} };
            // A read (`Resource.get`) or import keeps its given id; a create gets its id from the cloud.
            return { id: args.id || undefined, state: args.id ? {} : args.inputs };
        },
        call(args: { token: string; inputs: Record<string, unknown> }) {
            const answer = answerLookup(args.token, args.inputs, ctx);
            if (answer) return answer.result;
            return args.token.startsWith("pulumi:pulumi:") ? {} : { id: UNKNOWN_WIRE };
        },
    };
    await pulumi.runtime.setMocks(mocks, project, stack, true);
    if (!makeUnknownResponse) unknownUnansweredOutputs(pulumi);
    const monitor = pulumi.runtime.getMonitor() as Record<string, Method>;

    const record = (req: Message, custom: boolean, read: boolean) => {
        const type: string = req.getType();
        const name: string = req.getName();
        const parent: string | undefined = req.getParent() || undefined;
        const kind = read ? "read" : kindOf(type, custom);
        // A provider reference is "URN::ID"; default providers are left out (their package says which).
        const providerRef: string = req.getProvider?.() ?? "";
        const providerUrn = providerRef.split("::").slice(0, -1).join("::");
        const provider = providerUrn && !providerUrn.split("::").pop()?.startsWith("default") ? providerUrn : undefined;
        const urn = urnFor(stack, project, parent, type, name);
        const own = read ? [] : aliasUrns(req, stack, project);
        const parentRecord = parent ? recording.resources.find((r) => r.urn === parent) : undefined;
        const inherited = parentRecord ? inheritedAliases(parentRecord, name, type, own, stack, project) : [];
        const aliases = [...new Set([...own, ...inherited])].filter((a) => a !== urn);
        recording.resources.push({
            urn,
            type,
            name,
            kind,
            parent,
            inputs: wire(read ? req.getProperties() : req.getObject()),
            dependsOn: read ? [] : [...(req.getDependenciesList?.() ?? [])],
            ...(provider ? { provider } : {}),
            ...(aliases.length ? { aliases } : {}),
            ...(read && req.getId?.() ? { id: String(req.getId()) } : {}),
            propertyDependencies: read ? {} : propertyDependencies(req),
        });
    };
    const wrap = (method: string, before: (req: Message, cb: Callback) => boolean) => {
        const original = monitor[method].bind(monitor);
        monitor[method] = (req, cb) => {
            if (before(req, cb)) original(req, cb);
        };
    };

    wrap("registerResource", (req) => {
        record(req, Boolean(req.getCustom()), false);
        return true;
    });
    wrap("readResource", (req) => {
        record(req, true, true);
        return true;
    });
    wrap("registerResourceOutputs", (req) => {
        const found = recording.resources.find((r) => r.urn === req.getUrn());
        if (found) found.outputs = wire(req.getOutputs());
        return true;
    });
    wrap("invoke", (req, cb) => {
        const token: string = req.getTok();
        if (token.startsWith("pulumi:pulumi:")) return true;
        const raw = (req.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const answer = answerLookup(token, raw, ctx);
        recording.lookups.push({
            token,
            args: wire(req.getArgs()),
            answered: Boolean(answer),
            note: answer?.note ?? "no offline answer: result unknown",
        });
        if (answer || !makeUnknownResponse) return true;
        cb(null, makeUnknownResponse());
        return false;
    });
    return recording;
}
