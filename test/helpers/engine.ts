/**
 * A stand-in for the Pulumi engine, for running the package as a plugin without the CLI.
 *
 * The CLI starts a source-based Node.js plugin through the language host, which runs
 * `node @pulumi/pulumi/cmd/run-plugin <plugin directory> <engine address>` with the consumer's
 * project as working directory (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go,
 * `RunPlugin`); the plugin prints the port of its provider gRPC server on stdout
 * (sdk/nodejs/provider/server.ts, `main`). The engine then calls `GetSchema`, `Configure` and, for
 * each component a program declares, `Construct` with the resource monitor's address; the plugin
 * registers the component and its children with that monitor.
 *
 * `FakeEngine` serves the two gRPC services the plugin calls back (the resource monitor and the
 * engine's log), on loopback, and records every registration. It answers registrations and
 * provider functions with the given `MonitorAnswers` (the jest mocks' answers, so that the
 * conformance layer checks every child): in an update with their ids and outputs, in a preview as
 * the engine previews a create, with the inputs echoed and every output the provider would add
 * unknown. `PluginProcess` starts the plugin the way the language host does and is the engine's
 * provider client.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as errorsproto from "@pulumi/pulumi/proto/errors_pb";
import type * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type * as pulumi from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";

export const PROJECT = "consumer";
export const STACK = "dev";
/** The stack resource every top-level resource of a program is parented to. */
export const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
const STACK_TYPE = "pulumi:pulumi:Stack";

/** Resource monitor features this engine has (what `pulumi` 3.x engines answer; not transforms or hooks). */
const FEATURES: Record<string, resproto.ResourceMonitorFeature> = {
    secrets: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS,
    resourceReferences: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
    outputValues: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_OUTPUT_VALUES,
    aliasSpecs: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
    deletedWith: resproto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
};

/** How the monitor answers: the shape of `pulumi.runtime.Mocks`. */
export type MonitorAnswers = pulumi.runtime.Mocks;

/** One resource the plugin registered (or read), with its inputs as they came over the wire. */
export interface Registration {
    type: string;
    name: string;
    urn: string;
    /** The parent's URN ("" for none). */
    parent: string;
    custom: boolean;
    /** Inputs in wire form: secrets, unknowns and resource references keep their signatures. */
    inputs: Record<string, any>;
    /** For a read (`Resource.get`): the id it was read by. */
    readId?: string;
}

export interface LogEntry {
    severity: number;
    message: string;
    urn: string;
}

/** Wire value: a secret, either as a secret signature or as an output value marked secret. */
export function isSecretValue(value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    const v = value as Record<string, unknown>;
    return (
        v[rpc.specialSigKey] === rpc.specialSecretSig ||
        (v[rpc.specialSigKey] === rpc.specialOutputValueSig && v.secret === true)
    );
}

/** Wire value: the plaintext inside a secret (either form). */
export function secretValue(value: unknown): unknown {
    return isSecretValue(value) ? (value as { value: unknown }).value : undefined;
}

/** Wire value: a resource reference's URN, or undefined. */
export function referencedUrn(value: unknown): string | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    const v = value as Record<string, unknown>;
    return v[rpc.specialSigKey] === rpc.specialResourceSig ? (v.urn as string) : undefined;
}

/** A wire value with every secret replaced by `"[secret]"`: what may be read in the clear. */
export function withoutSecrets(value: unknown): unknown {
    if (isSecretValue(value)) return "[secret]";
    if (Array.isArray(value)) return value.map(withoutSecrets);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)]));
}

/** Wire form of a secret, as a Python or YAML program sends `Output.secret(...)` to a remote component. */
export function secret(value: unknown): Record<string, unknown> {
    return { [rpc.specialSigKey]: rpc.specialOutputValueSig, value, secret: true, dependencies: [] };
}

/** The older wire form of a secret: a secret signature around the value. */
export function legacySecret(value: unknown): Record<string, unknown> {
    return { [rpc.specialSigKey]: rpc.specialSecretSig, value };
}

/** Wire form of a value unknown during a preview (another resource's output not yet created). */
export function unknown(dependsOn: string[] = []): Record<string, unknown> {
    return { [rpc.specialSigKey]: rpc.specialOutputValueSig, dependencies: dependsOn };
}

function deadline(ms: number): grpc.CallOptions {
    return { deadline: Date.now() + ms };
}

/** The gRPC error's `InputPropertiesError` details, as the engine decodes them for the user. */
export function inputPropertiesErrors(err: grpc.ServiceError): { propertyPath: string; reason: string }[] {
    const bin = err.metadata?.get("grpc-status-details-bin")[0];
    if (!bin) return [];
    const status = statusproto.Status.deserializeBinary(new Uint8Array(bin as Buffer));
    return status
        .getDetailsList()
        .filter((any) => any.getTypeName() === "pulumirpc.InputPropertiesError")
        .flatMap((any) =>
            errorsproto.InputPropertiesError.deserializeBinary(any.getValue_asU8())
                .getErrorsList()
                .map((e) => ({ propertyPath: e.getPropertyPath(), reason: e.getReason() })),
        );
}

/**
 * A wire value as the jest mocks see inputs (and the conformance layer reads them): unknowns stay the
 * engine's unknown placeholder, secrets keep their signature, a resource reference becomes its id (or URN).
 */
export function mockView(value: unknown): any {
    if (Array.isArray(value)) return value.map(mockView);
    if (typeof value !== "object" || value === null) return value;
    const v = value as Record<string, unknown>;
    switch (v[rpc.specialSigKey]) {
        case rpc.specialResourceSig:
            return v.id ?? v.urn;
        case rpc.specialSecretSig:
            return { [rpc.specialSigKey]: rpc.specialSecretSig, value: mockView(v.value) };
        case rpc.specialOutputValueSig: {
            const inner = "value" in v ? mockView(v.value) : rpc.unknownValue;
            return v.secret === true ? { [rpc.specialSigKey]: rpc.specialSecretSig, value: inner } : inner;
        }
        default:
            return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, mockView(e)]));
    }
}

/** Qualified type of a URN (`parent$child` chain). */
function qualifiedType(urn: string): string {
    return urn.split("::")[2];
}

export class FakeEngine {
    readonly registrations: Registration[] = [];
    readonly logs: LogEntry[] = [];
    /** What each component registered as its outputs (wire form), by URN. */
    readonly registeredOutputs = new Map<string, Record<string, any>>();
    preview = false;

    private constructor(
        private readonly server: grpc.Server,
        readonly address: string,
        private readonly answers: MonitorAnswers,
    ) {}

    /** Serves the resource monitor and the engine services on 127.0.0.1. */
    static async start(answers: MonitorAnswers): Promise<FakeEngine> {
        const server = new grpc.Server();
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
                err ? reject(err) : resolve(p),
            ),
        );
        const engine = new FakeEngine(server, `127.0.0.1:${port}`, answers);
        server.addService(resrpc.ResourceMonitorService, engine.monitorService());
        server.addService(engrpc.EngineService, engine.engineService());
        return engine;
    }

    /** Forgets what was recorded; the next pass is a preview or an update. */
    reset(preview: boolean): void {
        this.registrations.length = 0;
        this.logs.length = 0;
        this.registeredOutputs.clear();
        this.preview = preview;
    }

    close(): Promise<void> {
        return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
    }

    /** The registration with this URN; throws listing what exists otherwise. */
    byUrn(urn: string): Registration {
        const found = this.registrations.find((r) => r.urn === urn);
        if (!found) throw new Error(`no registration ${urn}; have: ${this.registrations.map((r) => r.urn).join(", ")}`);
        return found;
    }

    /** URN the engine gives a resource: its parent's qualified type chain (not the stack's), then its own. */
    private urnOf(parent: string, type: string, name: string): string {
        const chain = parent && !parent.includes(`::${STACK_TYPE}::`) ? `${qualifiedType(parent)}$${type}` : type;
        return `urn:pulumi:${STACK}::${PROJECT}::${chain}::${name}`;
    }

    /** Records a registration (or a read, with its id) and returns the URN the engine gives it. */
    private record(
        req: { getType(): string; getName(): string; getParent(): string },
        custom: boolean,
        inputs: Record<string, any>,
        readId?: string,
    ): string {
        const urn = this.urnOf(req.getParent(), req.getType(), req.getName());
        this.registrations.push({
            type: req.getType(),
            name: req.getName(),
            urn,
            parent: req.getParent(),
            custom,
            inputs,
            ...(readId === undefined ? {} : { readId }),
        });
        return urn;
    }

    /** The mock's outputs for a registration, in wire form; unknown (with no id) in a preview. */
    private async answer(
        type: string,
        name: string,
        wire: Record<string, any>,
        custom: boolean,
        id: string,
        provider: string,
    ): Promise<{ id: string; state: Record<string, any> }> {
        const inputs = mockView(wire) as Record<string, any>;
        const result = await this.answers.newResource({ type, name, inputs, provider, custom, id });
        const state: Record<string, any> = { ...wire };
        for (const [key, value] of Object.entries(result.state ?? {})) {
            if (value === undefined || JSON.stringify(value) === JSON.stringify(inputs[key])) continue;
            // A read returns real values even in a preview; a create in a preview knows no provider-set output.
            state[key] = this.preview && !id ? rpc.unknownValue : JSON.parse(JSON.stringify(value));
        }
        return { id: this.preview && !id ? "" : (result.id ?? ""), state };
    }

    private monitorService(): grpc.UntypedServiceImplementation {
        const handle =
            <Req, Res>(fn: (req: Req) => Promise<Res> | Res) =>
            (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => {
                Promise.resolve()
                    .then(() => fn(call.request))
                    .then(
                        (res) => callback(null, res),
                        (err: Error) => callback({ code: grpc.status.UNKNOWN, details: err.message }),
                    );
            };
        return {
            getDeploymentInfo: handle(() => {
                const info = new resproto.DeploymentInfo();
                info.setProject(PROJECT);
                info.setStack(STACK);
                info.setSupportedfeaturesList(Object.values(FEATURES));
                return info;
            }),
            supportsFeature: handle((req: resproto.SupportsFeatureRequest) =>
                new resproto.SupportsFeatureResponse().setHassupport(req.getId() in FEATURES),
            ),
            invoke: handle(async (req: resproto.ResourceInvokeRequest) => {
                const inputs = mockView(req.getArgs()?.toJavaScript() ?? {});
                const result = await this.answers.call({ token: req.getTok(), inputs, provider: req.getProvider() });
                return new resproto.ResourceInvokeResponse().setReturn(
                    structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(result))),
                );
            }),
            registerResource: handle(async (req: resproto.RegisterResourceRequest) => {
                const wire = (req.getObject()?.toJavaScript() ?? {}) as Record<string, any>;
                const urn = this.record(req, req.getCustom(), wire);
                const { id, state } = await this.answer(
                    req.getType(),
                    req.getName(),
                    wire,
                    req.getCustom(),
                    req.getImportid(),
                    req.getProvider(),
                );
                return new resproto.RegisterResourceResponse()
                    .setUrn(urn)
                    .setId(id)
                    .setObject(structproto.Struct.fromJavaScript(req.getCustom() ? state : {}));
            }),
            readResource: handle(async (req: resproto.ReadResourceRequest) => {
                const wire = (req.getProperties()?.toJavaScript() ?? {}) as Record<string, any>;
                const urn = this.record(req, true, wire, req.getId());
                const { state } = await this.answer(req.getType(), req.getName(), wire, true, req.getId(), "");
                return new resproto.ReadResourceResponse()
                    .setUrn(urn)
                    .setProperties(structproto.Struct.fromJavaScript(state));
            }),
            registerResourceOutputs: handle((req: resproto.RegisterResourceOutputsRequest) => {
                this.byUrn(req.getUrn());
                this.registeredOutputs.set(
                    req.getUrn(),
                    (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, any>,
                );
                return new emptyproto.Empty();
            }),
        };
    }

    private engineService(): grpc.UntypedServiceImplementation {
        return {
            log: (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
                const req = call.request;
                this.logs.push({ severity: req.getSeverity(), message: req.getMessage(), urn: req.getUrn() });
                callback(null, new emptyproto.Empty());
            },
            getRootResource: (_call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) =>
                callback(null, new engproto.GetRootResourceResponse().setUrn(STACK_URN)),
            setRootResource: (_call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) =>
                callback(null, new engproto.SetRootResourceResponse()),
        };
    }
}

export interface ConstructResult {
    urn: string;
    /** Outputs in wire form. */
    state: Record<string, any>;
    /** URNs each output depends on. */
    stateDependencies: Record<string, string[]>;
}

/** The plugin, started as the Node.js language host starts it, and the engine's client of it. */
export class PluginProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: provrpc.ResourceProviderClient,
        private readonly output: { stderr: string },
    ) {}

    /**
     * Runs `node <@pulumi/pulumi>/cmd/run-plugin <pluginDir> <engine>` in `cwd` (the consumer's project) and
     * waits (at most `timeoutMs`) for the port it prints.
     */
    static async start(
        pluginDir: string,
        cwd: string,
        engineAddress: string,
        timeoutMs: number,
    ): Promise<PluginProcess> {
        const runPlugin = path.dirname(require.resolve("@pulumi/pulumi/cmd/run-plugin"));
        const child = spawn(process.execPath, [runPlugin, pluginDir, engineAddress], {
            cwd,
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" },
        });
        const output = { stderr: "" };
        child.stderr.on("data", (d: Buffer) => (output.stderr += d.toString()));
        const port = await new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => {
                child.kill();
                reject(new Error(`the plugin printed no port within ${timeoutMs} ms; stderr:\n${output.stderr}`));
            }, timeoutMs);
            let out = "";
            child.stdout.on("data", (d: Buffer) => {
                out += d.toString();
                const line = /^(\d+)\s*\n/.exec(out);
                if (line) {
                    clearTimeout(timer);
                    resolve(Number(line[1]));
                }
            });
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`the plugin exited with ${code} before printing its port; stderr:\n${output.stderr}`));
            });
        });
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new PluginProcess(child, client, output);
    }

    /** What the plugin wrote on stderr so far. */
    get errorOutput(): string {
        return this.output.stderr;
    }

    private unary<Req, Res>(method: string, req: Req, timeoutMs: number): Promise<Res> {
        return new Promise((resolve, reject) => {
            const fn = (this.client as any)[method].bind(this.client);
            fn(req, deadline(timeoutMs), (err: grpc.ServiceError | null, res: Res) =>
                err ? reject(err) : resolve(res),
            );
        });
    }

    async getPluginInfo(timeoutMs = 10000): Promise<string> {
        const info = await this.unary<emptyproto.Empty, plugproto.PluginInfo>(
            "getPluginInfo",
            new emptyproto.Empty(),
            timeoutMs,
        );
        return info.getVersion();
    }

    async getSchema(timeoutMs = 60000): Promise<Record<string, any>> {
        const res = await this.unary<provproto.GetSchemaRequest, provproto.GetSchemaResponse>(
            "getSchema",
            new provproto.GetSchemaRequest(),
            timeoutMs,
        );
        return JSON.parse(res.getSchema());
    }

    async configure(timeoutMs = 10000): Promise<provproto.ConfigureResponse> {
        const req = new provproto.ConfigureRequest().setAcceptsecrets(true).setAcceptresources(true);
        return this.unary("configure", req, timeoutMs);
    }

    /** `Construct`, as the engine sends it for a program's remote component (inputs in wire form). */
    async construct(
        monitor: string,
        args: {
            type: string;
            name: string;
            inputs: Record<string, any>;
            dryRun: boolean;
            config?: Record<string, string>;
        },
        timeoutMs = 30000,
    ): Promise<ConstructResult> {
        const req = new provproto.ConstructRequest()
            .setProject(PROJECT)
            .setStack(STACK)
            .setOrganization("organization")
            .setDryrun(args.dryRun)
            .setParallel(16)
            .setMonitorendpoint(monitor)
            .setType(args.type)
            .setName(args.name)
            .setParent(STACK_URN)
            .setInputs(structproto.Struct.fromJavaScript(args.inputs))
            .setAcceptsOutputValues(true);
        for (const [key, value] of Object.entries(args.config ?? {})) req.getConfigMap().set(key, value);
        const res = await this.unary<provproto.ConstructRequest, provproto.ConstructResponse>(
            "construct",
            req,
            timeoutMs,
        );
        const stateDependencies: Record<string, string[]> = {};
        res.getStatedependenciesMap().forEach((deps, key) => (stateDependencies[key] = deps.getUrnsList()));
        return {
            urn: res.getUrn(),
            state: (res.getState()?.toJavaScript() ?? {}) as Record<string, any>,
            stateDependencies,
        };
    }

    /** Stops the process this helper started, and waits (bounded) for it to exit. */
    async stop(timeoutMs = 5000): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null) return;
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGTERM");
        const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
        await exited;
        clearTimeout(timer);
    }
}
