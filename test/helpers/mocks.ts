/**
 * Pulumi mocks for wiring tests. Import this module before creating resources:
 * mocks are installed once per test file, every `newResource` and `call` is
 * recorded, and `resetMocks()` (run before each test) clears the record.
 *
 * Outputs look like what AWS returns (ARNs, DNS names, ACM validation options)
 * so that downstream wiring can be asserted exactly. Tests may add outputs for
 * more types with `registerMockOutputs`, and slow any type down with
 * `setMockDelays` to study the dependency graph's critical path.
 *
 * Every registration first goes through the conformance layer
 * (./conformance.ts): a value the real provider would refuse makes the
 * registration fail with a `ConformanceError` naming type, logical name,
 * property, value, rule and citation. The offending test fails: the SDK turns
 * the refused registration into unhandled rejections, pending `valueOf`s reject
 * at once, and `settle()` (also run after each test) throws what was refused.
 * Tests that register refused resources on purpose wrap them in
 * `expectRefusals`.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
// `waitForRPCs` is internal to the SDK (untyped) but is what `pulumi.runtime.disconnect` waits on.
import * as sdkSettings from "@pulumi/pulumi/runtime/settings";
import {
    checkAgainst,
    checkAll,
    checkResource,
    ConformanceError,
    type RegisteredInputs,
    type Violation,
} from "./conformance";

const settings = sdkSettings as unknown as { waitForRPCs(): Promise<void> };

export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "us-east-1";
/** The hosted-zone id AWS uses for ALB alias targets in us-east-1. */
export const MOCK_ALB_ZONE_ID = "Z35SXDOTRQ7X7K";

/** One registered resource (component or custom) as the engine saw it. */
export interface RecordedResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
    custom: boolean;
    /** For a read (`Resource.get`): the id it was read by. */
    readId?: string;
    /**
     * Type part of the URN, split: the parent's type then this type, e.g.
     * `["aws-https-domain:index:HttpsLoadBalancer", "aws:lb/loadBalancer:LoadBalancer"]`
     * (the mock monitor keeps only the immediate parent), or just this type without a parent.
     */
    typeChain: string[];
    /** Milliseconds since `resetMocks()` when the engine asked the mock to create it. */
    startedAt: number;
    /** Milliseconds since `resetMocks()` when the mock finished creating it. */
    createdAt: number;
}

export interface RecordedCall {
    token: string;
    inputs: Record<string, any>;
}

type OutputFn = (args: pulumi.runtime.MockResourceArgs) => Record<string, any> | Promise<Record<string, any>>;

const recorded: { args: pulumi.runtime.MockResourceArgs; startedAt: number; createdAt: number }[] = [];
export const calls: RecordedCall[] = [];
const extraOutputs = new Map<string, OutputFn>();
let delays: Record<string, number> = {};
let start = Date.now();
let callResults: Record<string, (inputs: any) => Record<string, any>> = {};
/** What the conformance layer accepted since the last reset (the cross-resource rules compare against it). */
const accepted: RegisteredInputs[] = [];
/** Refusals not yet reported by `settle()` or taken by `expectRefusals`. */
const refused: ConformanceError[] = [];
/** `valueOf` calls still waiting: a refusal rejects them instead of leaving them hanging. */
const waiters = new Set<(err: Error) => void>();
let capturing = 0;

function hash(text: string): string {
    return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function arn(service: string, resource: string): string {
    return `arn:aws:${service}:${MOCK_REGION}:${MOCK_ACCOUNT}:${resource}`;
}

/** The validation record ACM would return for a domain: the same for `x` and `*.x`. */
export function mockValidationRecord(domain: string): {
    resourceRecordName: string;
    resourceRecordType: string;
    resourceRecordValue: string;
} {
    const base = domain.replace(/^\*\./, "");
    return {
        resourceRecordName: `_${hash(base)}.${base}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_${hash(`v-${base}`)}.acm-validations.aws.`,
    };
}

const BUILTIN_OUTPUTS: Record<string, OutputFn> = {
    "aws:acm/certificate:Certificate": (args) => {
        const domains: string[] = args.inputs.domainName
            ? [args.inputs.domainName, ...(args.inputs.subjectAlternativeNames ?? [])]
            : [];
        return {
            arn: arn("acm", `certificate/${hash(args.name)}`),
            status: args.inputs.certificateBody ? "ISSUED" : "PENDING_VALIDATION",
            notAfter: "2027-03-01T00:00:00Z",
            domainValidationOptions: domains.map((domainName) => ({ domainName, ...mockValidationRecord(domainName) })),
        };
    },
    "aws:acm/certificateValidation:CertificateValidation": (args) => ({ certificateArn: args.inputs.certificateArn }),
    "aws:lb/loadBalancer:LoadBalancer": (args) => ({
        arn: arn("elasticloadbalancing", `loadbalancer/app/${args.name}/${hash(args.name)}`),
        arnSuffix: `app/${args.name}/${hash(args.name)}`,
        dnsName: `${args.name}-${hash(args.name).slice(0, 8)}.${MOCK_REGION}.elb.amazonaws.com`,
        zoneId: MOCK_ALB_ZONE_ID,
    }),
    "aws:lb/targetGroup:TargetGroup": (args) => ({
        arn: arn("elasticloadbalancing", `targetgroup/${args.name}/${hash(args.name)}`),
    }),
    "aws:lb/listener:Listener": (args) => ({
        arn: arn("elasticloadbalancing", `listener/app/${hash(args.name)}`),
    }),
    "aws:lb/listenerRule:ListenerRule": (args) => ({
        arn: arn("elasticloadbalancing", `listener-rule/app/${hash(args.name)}`),
    }),
    "aws:ec2/securityGroup:SecurityGroup": (args) => ({ arn: arn("ec2", `security-group/sg-${hash(args.name)}`) }),
    "aws:route53/record:Record": (args) => ({ fqdn: String(args.inputs.name ?? "").replace(/\.$/, "") }),
    "aws:sns/topic:Topic": (args) => ({ arn: arn("sns", String(args.inputs.name ?? args.name)) }),
    "aws:sns/topicSubscription:TopicSubscription": (args) => ({
        arn: `${args.inputs.topic}:${hash(args.name)}`,
        pendingConfirmation: args.inputs.protocol === "email",
    }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (args) => ({
        arn: arn("cloudwatch", `alarm:${args.inputs.name ?? args.name}`),
    }),
    "aws:cloudwatch/eventRule:EventRule": (args) => ({
        arn: arn("events", `rule/${args.inputs.name ?? args.name}`),
        name: args.inputs.name ?? args.name,
    }),
};

function idFor(args: pulumi.runtime.MockResourceArgs): string {
    if (args.type === "aws:ec2/securityGroup:SecurityGroup") return `sg-${hash(args.name)}`;
    return `${args.name}-id`;
}

/**
 * Runs the per-resource and cross-resource conformance rules on one
 * registration; throws `ConformanceError` (or, inside `expectRefusals`, records
 * it) when the real provider would refuse it.
 */
function conform(args: pulumi.runtime.MockResourceArgs): void {
    const entry: RegisteredInputs = {
        type: args.type,
        name: args.name,
        inputs: args.inputs,
        readId: args.id || undefined,
    };
    const violations = [...checkResource(entry), ...checkAgainst(accepted, entry)];
    if (violations.length === 0) {
        accepted.push(entry);
        return;
    }
    const err = new ConformanceError(violations);
    refused.push(err);
    if (capturing > 0) return;
    for (const fail of [...waiters]) fail(err);
    throw err;
}

function typeChainOf(urn: string): string[] {
    return urn.split("::")[2].split("$");
}

/** The mocks' answers (also what test/helpers/engine.ts answers a plugin process with). */
export const MOCKS: pulumi.runtime.Mocks = {
    async newResource(args) {
        conform(args);
        const startedAt = Date.now() - start;
        const delay = delays[args.type];
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
        recorded.push({ args, startedAt, createdAt: Date.now() - start });
        const fn = extraOutputs.get(args.type) ?? BUILTIN_OUTPUTS[args.type];
        const state = { ...args.inputs, ...(fn ? await fn(args) : {}) };
        return { id: args.custom === false ? undefined : args.id || idFor(args), state };
    },
    call(args) {
        calls.push({ token: args.token, inputs: args.inputs });
        const custom = callResults[args.token];
        if (custom) return custom(args.inputs);
        switch (args.token) {
            case "aws:index/getRegion:getRegion":
                return { name: MOCK_REGION, region: MOCK_REGION, id: MOCK_REGION };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", id: "aws", dnsSuffix: "amazonaws.com" };
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/test`, userId: "AIDA" };
            case "aws:route53/getZone:getZone": {
                const name = String(args.inputs.name ?? "example.com").replace(/\.$/, "");
                return {
                    id: args.inputs.zoneId ?? `Z${hash(name).toUpperCase().slice(0, 12)}`,
                    zoneId: args.inputs.zoneId ?? `Z${hash(name).toUpperCase().slice(0, 12)}`,
                    name,
                };
            }
            case "aws:ec2/getVpc:getVpc":
                return { id: args.inputs.id, cidrBlock: "10.0.0.0/16", ipv6CidrBlock: "2600:1f18:1234:5600::/56" };
            default:
                return {};
        }
    },
};

pulumi.runtime.setMocks(MOCKS, "aws-https-domain", "test", false);

/**
 * Runs the program as `pulumi preview` does (`isDryRun()` true) or as `pulumi up` (the default). In a preview,
 * an output a mock returns as `UNKNOWN` reads as unknown, like a value AWS assigns at deploy.
 */
export function setPreviewMode(preview: boolean): void {
    pulumi.runtime.setMocks(MOCKS, "aws-https-domain", "test", preview);
}

/** The value a mock returns for an output that is unknown in a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Adds (or replaces) the mock outputs for a resource type. */
export function registerMockOutputs(type: string, fn: OutputFn): void {
    extraOutputs.set(type, fn);
}

/** Overrides what a provider function (`aws:route53/getZone:getZone`, …) returns. */
export function setCallResult(token: string, fn: (inputs: any) => Record<string, any>): void {
    callResults[token] = fn;
}

/** Milliseconds each resource type takes to create (to model AWS latency). */
export function setMockDelays(byType: Record<string, number>): void {
    delays = byType;
}

/**
 * Waits for every registration still in flight (so that none lands in the
 * next test), then clears what was recorded; delays and call results go back to none.
 */
export async function resetMocks(): Promise<void> {
    try {
        await settle();
    } finally {
        accepted.length = 0;
        refused.length = 0;
    }
    recorded.length = 0;
    calls.length = 0;
    delays = {};
    callResults = {};
    start = Date.now();
    const monitor = pulumi.runtime.getMonitor() as unknown as { resources?: Map<string, unknown> };
    monitor.resources?.clear();
}

/** Every resource registered since the last reset, with its URN's type chain (parents). */
export function resources(): RecordedResource[] {
    const monitor = pulumi.runtime.getMonitor() as unknown as { resources: Map<string, { urn: string }> };
    const urns = [...monitor.resources.keys()];
    return recorded.map(({ args, startedAt, createdAt }) => {
        const urn = urns.find((u) => u.endsWith(`::${args.name}`) && typeChainOf(u).pop() === args.type);
        return {
            type: args.type,
            name: args.name,
            inputs: args.inputs,
            custom: args.custom !== false,
            readId: args.id || undefined,
            typeChain: urn ? typeChainOf(urn) : [args.type],
            startedAt,
            createdAt,
        };
    });
}

/** Resources of one type. */
export function ofType(type: string): RecordedResource[] {
    return resources().filter((r) => r.type === type);
}

/** The one resource of a type with a name; throws listing what exists otherwise. */
export function named(type: string, name: string): RecordedResource {
    const all = ofType(type);
    const found = all.find((r) => r.name === name);
    if (!found) throw new Error(`no ${type} named '${name}'; have: ${all.map((r) => r.name).join(", ") || "none"}`);
    return found;
}

/** Resolves an Output in a test; rejects as soon as any registration is refused by the conformance layer. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve, reject) => {
        const fail = (err: Error) => {
            waiters.delete(fail);
            reject(err);
        };
        waiters.add(fail);
        output.apply((v) => {
            waiters.delete(fail);
            resolve(v);
        });
    });
}

/** The cross-resource rules over everything accepted since the last reset (each problem reported on the later resource). */
export function runCrossResourceChecks(): Violation[] {
    return checkAll(accepted);
}

/**
 * Waits until every resource registration and RPC in flight has finished, then
 * throws every conformance refusal not yet reported (and any cross-resource
 * problem among what was accepted).
 */
export async function settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await settings.waitForRPCs();
    const cross = runCrossResourceChecks();
    if (refused.length === 0 && cross.length === 0) return;
    const errors = [...refused.splice(0), ...(cross.length > 0 ? [new ConformanceError(cross)] : [])];
    throw new ConformanceError(errors.flatMap((e) => e.violations));
}

/**
 * Runs `register` (which registers resources the providers refuse, on
 * purpose), waits for the registrations, and returns each refusal's message
 * instead of failing the test. Refused resources are then created by the mock
 * as if accepted, so nothing else rejects.
 */
export async function expectRefusals(register: () => unknown): Promise<string[]> {
    await settle();
    capturing++;
    try {
        await register();
        await new Promise((resolve) => setImmediate(resolve));
        await settings.waitForRPCs();
    } finally {
        capturing--;
    }
    return refused.splice(0).map((e) => e.message);
}

// Report refusals in the test that caused them (a failing afterEach fails that test).
if (typeof afterEach === "function") {
    try {
        afterEach(() => settle());
    } catch {
        // imported inside a running test: the file's own hooks already apply
    }
}
