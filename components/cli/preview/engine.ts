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
import { installRecorder, type PulumiModule } from "./recorder";
import { type LogLine, type PreviewResult } from "./plan";
import { captureConsole, errorText, SecretConfig, withoutSerializingPrefixes } from "./runtimeHooks";

/** Options for {@link runOffline}. */
export interface RunOptions {
    /** Keep full stack traces (slower: Pulumi records one per resource). Defaults to false. */
    stackTraces?: boolean;
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

let tsRegistered = false;

/**
 * Registers the CommonJS TypeScript hook once per process, unless a `.ts`
 * handler is already installed (`node --import tsx`, ts-node, a test hook).
 *
 * The hook is `tsx` (esbuild): transpile-only like Pulumi's own default
 * (`ts-node` with `transpileOnly`), an optional peer with a prebuilt binary
 * and nothing beside it to install (`@swc-node/register`
 * needs `@swc/core` beside it), and it honours the program's `tsconfig.json`
 * paths. Type errors are `tsc`'s job, not the preview's.
 */
export function loadTypeScript(): void {
    if (tsRegistered || require.extensions[".ts"]) return;
    (require("tsx/cjs/api") as { register(): () => void }).register();
    tsRegistered = true;
}

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
async function evaluate(pulumi: FullPulumi, main: string, report: (err: unknown) => void): Promise<"done" | "stalled"> {
    let onIdle!: () => void;
    const stalled = new Promise<"stalled">((resolve) => (onIdle = () => resolve("stalled")));
    process.on("beforeExit", onIdle);
    const work = (async () => {
        await pulumi.runtime
            .runInPulumiStack(async () => {
                let exported = require(main);
                const keys = exported && typeof exported === "object" ? Object.keys(exported) : [];
                if (keys.length === 1 && keys[0] === "default") exported = exported.default;
                return await (typeof exported === "function" ? exported() : exported);
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

/** Runs `project`'s program offline and returns what it would create, or why it failed. */
export async function runOffline(project: LoadedProject, options: RunOptions = {}): Promise<PreviewResult> {
    const { pulumi, root } = programPulumi(project.dir);
    const recording = await installRecorder(
        pulumi,
        project.name,
        project.stack,
        regionFrom(project, process.env),
        unknownResponseFactory(root),
    );
    pulumi.runtime.setAllConfig(project.config, project.secretKeys);
    const secrets = new SecretConfig(pulumi, project.unavailable);

    const errors: string[] = [];
    const seen = new Set<unknown>();
    const report = (err: unknown) => {
        if (seen.has(err)) return;
        seen.add(err);
        const text = errorText(err);
        if (!errors.includes(text)) errors.push(text);
    };
    const logs: LogLine[] = [];
    const restoreConsole = captureConsole(logs);
    // Pulumi records a stack trace per resource, and the TypeScript hook maps every
    // loaded module's source map: both cost more than the whole program run.
    const stackLimit = Error.stackTraceLimit;
    const sourceMaps = process.sourceMapsEnabled ?? false;
    if (!options.stackTraces) {
        Error.stackTraceLimit = 0;
        process.setSourceMapsEnabled(false);
    }
    const cwd = process.cwd();
    process.on("unhandledRejection", report);
    process.on("uncaughtException", report);
    try {
        process.chdir(project.dir);
        if (/\.[cm]?tsx?$/.test(project.main)) loadTypeScript();
        // On an SDK that leaves failed registrations pending, a stall after a reported
        // failure is that failure's consequence, not a second problem.
        const stalled = (await evaluate(pulumi, project.main, report)) === "stalled";
        if (stalled && (errors.length === 0 || failsPendingRegistrations(root))) {
            errors.push(
                `The program never finished: it waits for a Promise or Output that never settles (${recording.resources.length} resources were registered before it stopped).`,
            );
        }
    } finally {
        process.off("unhandledRejection", report);
        process.off("uncaughtException", report);
        process.chdir(cwd);
        Error.stackTraceLimit = stackLimit;
        process.setSourceMapsEnabled(sourceMaps);
        restoreConsole();
        secrets.restore();
    }
    for (const line of logs) {
        if (line.level !== "error") continue;
        const message = withoutSerializingPrefixes(line.message);
        if (!errors.some((e) => message.includes(e) || e.includes(message))) errors.push(message);
    }
    if (errors.length === 0 && pulumi.log.hasErrors?.()) errors.push("the program logged an error");

    const stack = recording.resources.find((r) => r.kind === "stack");
    return {
        plan: {
            offline: true,
            project: project.name,
            stack: project.stack,
            program: shortPath(cwd, project.main),
            stackFile: project.stackFile ? shortPath(cwd, project.stackFile) : undefined,
            unavailableConfig: project.unavailable,
            unavailableEnvironments: project.environments,
            resources: recording.resources,
            outputs: stack?.outputs ?? {},
            lookups: recording.lookups,
            logs,
        },
        errors,
    };
}
