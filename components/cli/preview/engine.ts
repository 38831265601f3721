/**
 * Runs a Pulumi TypeScript (or JavaScript) program in this process under
 * Pulumi's mock runtime in preview mode, and returns the {@link Plan}.
 *
 * The program gets what the Pulumi CLI would give it (project and stack
 * names, config, the project directory as working directory, a root Stack
 * resource whose outputs are the module's exports) and nothing from a cloud.
 * Every way a program can fail is collected: a throw while loading, a
 * rejected export, a failing `apply` (unhandled rejection), `pulumi.log.error`.
 *
 * The Pulumi runtime is process-global: run one preview per process.
 */
import * as path from "node:path";
import { type LookupContext } from "./lookups";
import { type LoadedProject } from "./project";
import { installRecorder, type PulumiModule, type Recording } from "./recorder";
import { type LogLine, type PreviewResult } from "./plan";
import { captureConsole, errorText, SecretConfig, withoutSerializingPrefixes } from "./runtimeHooks";

/** Options for {@link runOffline}. */
export interface RunOptions {
    /** Keep full stack traces (slower: Pulumi records one per resource). Defaults to false. */
    stackTraces?: boolean;
    /** Loads the entry module and returns its exports; defaults to `require` (CommonJS). */
    load?: (main: string) => unknown;
    /** The program is an ES module (`"type": "module"`): Pulumi's export rules for ESM apply. Defaults to false. */
    esm?: boolean;
    /** Wait, after the program settled, until its event loop is empty (timers, late throws). Defaults to false. */
    drain?: boolean;
    /** Called once the program's entry module has loaded (its top level ran). */
    onLoaded?: () => void;
    /** Directory paths in the plan are relative to. Defaults to the current directory. */
    cwd?: string;
}

type FullPulumi = PulumiModule & {
    runtime: PulumiModule["runtime"] & {
        setAllConfig(config: Record<string, string>, secretKeys?: string[]): void;
        runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
        waitForRPCs?(): Promise<void>;
    };
    Config: { prototype: Record<string, unknown> };
    Output: unknown;
    log: { hasErrors?(): boolean };
};

/** Loads the program's own `@pulumi/pulumi` (so its resources and ours share one runtime). */
function programPulumi(dir: string): { pulumi: FullPulumi; root: string } {
    let entry: string;
    try {
        entry = require.resolve("@pulumi/pulumi", { paths: [dir] });
    } catch {
        entry = require.resolve("@pulumi/pulumi");
    }
    return { pulumi: require(entry) as FullPulumi, root: path.dirname(entry) };
}

/**
 * The invoke response class that can carry the "wholly unknown" flag, found by
 * what it can do rather than by name: the SDK moved invoke responses from
 * `provider_pb.InvokeResponse` to `resource_pb.ResourceInvokeResponse` and
 * added `setUnknown` in the same line of releases, so both names are tried and
 * a class without `setUnknown` does not count. Returns `undefined` when the
 * SDK has no such flag; the recorder then answers through the stock mock.
 */
export function unknownResponseFactory(root: string): (() => unknown) | undefined {
    const candidates: [file: string, name: string][] = [
        ["resource_pb", "ResourceInvokeResponse"],
        ["provider_pb", "InvokeResponse"],
    ];
    for (const [file, name] of candidates) {
        let mod: Record<string, unknown>;
        try {
            mod = require(path.join(root, "proto", file)) as Record<string, unknown>;
        } catch {
            continue;
        }
        const Ctor = mod[name] as (new () => { setUnknown(v: boolean): void }) | undefined;
        if (typeof Ctor !== "function" || typeof Ctor.prototype?.setUnknown !== "function") continue;
        return () => {
            const resp = new Ctor();
            resp.setUnknown(true);
            return resp;
        };
    }
    return undefined;
}

/**
 * Whether the SDK settles a resource whose registration failed (rejecting its
 * outputs). SDKs without it leave such a resource's outputs pending for ever,
 * so the program stalls after the failure it already reported.
 */
function failsPendingRegistrations(root: string): boolean {
    try {
        return (
            typeof (require(path.join(root, "runtime", "state")) as Record<string, unknown>).failPendingRegistration ===
            "function"
        );
    } catch {
        return false;
    }
}

/** `file` relative to `cwd` when it is inside it, else absolute. */
function shortPath(cwd: string, file: string): string {
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** The AWS region the provider would use: `aws:region` config, else the environment variables it reads. */
function regionFrom(project: LoadedProject, env: NodeJS.ProcessEnv): LookupContext {
    if (project.config["aws:region"])
        return { region: project.config["aws:region"], regionSource: "config aws:region" };
    for (const name of ["AWS_REGION", "AWS_DEFAULT_REGION"])
        if (env[name]) return { region: env[name], regionSource: name };
    return {};
}

/**
 * Loads the program inside a root Stack resource (its exports become stack
 * outputs, as under the Pulumi CLI) and waits for every registration. Returns
 * "stalled" when the event loop empties first: something the program waits
 * for can never settle, and without this the process would just exit.
 */
async function evaluate(
    pulumi: FullPulumi,
    load: () => unknown,
    esm: boolean,
    report: (err: unknown) => void,
): Promise<"done" | "stalled"> {
    let onIdle!: () => void;
    const stalled = new Promise<"stalled">((resolve) => (onIdle = () => resolve("stalled")));
    process.on("beforeExit", onIdle);
    const work = (async () => {
        await pulumi.runtime
            .runInPulumiStack(async () => {
                let exported: unknown = await load();
                const keys = exported && typeof exported === "object" ? Object.keys(exported) : [];
                // An ES module with both is refused as by the Pulumi runtime (cmd/run/run.ts).
                if (esm && keys.includes("default") && keys.length !== 1)
                    throw new Error(
                        "expected entrypoint module to have either a default export or named exports but not both",
                    );
                if (keys.length === 1 && keys[0] === "default") exported = (exported as { default: unknown }).default;
                return await (typeof exported === "function" ? (exported as () => unknown)() : exported);
            })
            .catch(report);
        await pulumi.runtime.waitForRPCs?.();
        // Rejections of outputs nobody awaited surface on the next turns of the event loop.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 0));
        return "done" as const;
    })();
    try {
        return await Promise.race([work, stalled]);
    } finally {
        process.off("beforeExit", onIdle);
    }
}

/**
 * One offline run of a program. {@link OfflineRun.run} evaluates it;
 * {@link OfflineRun.result} builds the plan from what was recorded so far, so
 * that a run cut short (the program calls `process.exit`, or is still waiting
 * when the preview's time is up) still reports what it saw.
 */
export class OfflineRun {
    readonly errors: string[] = [];
    readonly logs: LogLine[] = [];
    private recording: Recording = { resources: [], lookups: [] };
    private readonly cwd: string;
    private readonly seen = new Set<unknown>();
    /** Set once the program's module loaded and its exports (and every registration) settled. */
    evaluated = false;

    constructor(
        private readonly project: LoadedProject,
        private readonly options: RunOptions = {},
    ) {
        this.cwd = options.cwd ?? process.cwd();
    }

    /** Records one program error (each error object and each message once). */
    report = (err: unknown): void => {
        if (this.seen.has(err)) return;
        this.seen.add(err);
        const text = errorText(err);
        if (!this.errors.includes(text)) this.errors.push(text);
    };

    /** Runs the program; with `drain`, also waits until its event loop is empty, as the Pulumi runtime does. */
    async run(): Promise<void> {
        const { project, options } = this;
        const { pulumi, root } = programPulumi(project.dir);
        this.recording = await installRecorder(
            pulumi,
            project.name,
            project.stack,
            regionFrom(project, process.env),
            unknownResponseFactory(root),
        );
        pulumi.runtime.setAllConfig(project.config, project.secretKeys);
        const secrets = new SecretConfig(pulumi, project.unavailable);
        const restoreConsole = captureConsole(this.logs);
        // Pulumi records a stack trace per resource: that costs more than the whole program run.
        const stackLimit = Error.stackTraceLimit;
        if (!options.stackTraces) Error.stackTraceLimit = 0;
        const cwd = process.cwd();
        process.on("unhandledRejection", this.report);
        process.on("uncaughtException", this.report);
        try {
            process.chdir(project.dir);
            const load = options.load ?? defaultLoad;
            // On an SDK that leaves failed registrations pending, a stall after a reported
            // failure is that failure's consequence, not a second problem.
            const stalled =
                (await evaluate(
                    pulumi,
                    async () => {
                        const exported = await load(project.main);
                        options.onLoaded?.();
                        return exported;
                    },
                    Boolean(options.esm),
                    this.report,
                )) === "stalled";
            if (stalled && (this.errors.length === 0 || failsPendingRegistrations(root))) {
                this.errors.push(
                    `The program never finished: it waits for a Promise or Output that never settles (${this.recording.resources.length} resources were registered before it stopped).`,
                );
            }
            this.evaluated = !stalled;
            // The Pulumi runtime reports success only once the event loop is empty (cmd/run's
            // beforeExit handler): timers and late throws still count.
            if (options.drain && !stalled) await new Promise((resolve) => process.once("beforeExit", resolve));
        } finally {
            process.off("unhandledRejection", this.report);
            process.off("uncaughtException", this.report);
            process.chdir(cwd);
            Error.stackTraceLimit = stackLimit;
            restoreConsole();
            secrets.restore();
        }
        if (this.errors.length === 0 && pulumi.log.hasErrors?.()) this.errors.push("the program logged an error");
    }

    /** The plan and errors recorded so far (plus `extra` errors); logged errors are folded in. */
    result(extra: string[] = []): PreviewResult {
        const { project, cwd } = this;
        const errors = [...this.errors];
        for (const line of this.logs) {
            if (line.level !== "error") continue;
            const message = withoutSerializingPrefixes(line.message);
            if (!errors.some((e) => message.includes(e) || e.includes(message))) errors.push(message);
        }
        errors.push(...extra);
        const stack = this.recording.resources.find((r) => r.kind === "stack");
        return {
            plan: {
                offline: true,
                project: project.name,
                stack: project.stack,
                program: shortPath(cwd, project.main),
                stackFile: project.stackFile ? shortPath(cwd, project.stackFile) : undefined,
                unavailableConfig: project.unavailable,
                unavailableEnvironments: project.environments,
                resources: this.recording.resources,
                outputs: stack?.outputs ?? {},
                lookups: this.recording.lookups,
                logs: [...this.logs],
            },
            errors,
        };
    }
}

/** `require`s the program (CommonJS), as the Pulumi runtime does for a package without `"type": "module"`. */
function defaultLoad(main: string): unknown {
    return require(main);
}

/** Runs `project`'s program offline and returns what it would create, or why it failed. */
export async function runOffline(project: LoadedProject, options: RunOptions = {}): Promise<PreviewResult> {
    const run = new OfflineRun(project, options);
    await run.run();
    return run.result();
}
