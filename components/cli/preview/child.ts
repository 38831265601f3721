/**
 * Entry of the preview's program process (started by the supervisor through
 * the bootstrap): runs the program under the mock runtime, waits as the
 * Pulumi runtime does until its event loop is empty, and writes the result
 * file. A run cut short still writes one: when the program calls
 * `process.exit`, and when the supervisor's time is up (it then says which of
 * the program's timers are still pending and what else holds the loop).
 */
import * as fs from "node:fs";
import * as url from "node:url";
import { currentJob, type JobBase, resolveFrom } from "./bootstrap";
import { OfflineRun } from "./engine";
import { type PreviewResult } from "./plan";
import { type LoadedProject } from "./project";
import { recordComponentInputs } from "./componentInputs";
import { trackTimers } from "./timers";

/** The run job the supervisor writes. */
export interface RunJob extends JobBase {
    project: LoadedProject;
    stackTraces: boolean;
    esm: boolean;
    resultFile: string;
    /** Directory the plan's paths are relative to (the caller's working directory). */
    cwd: string;
}

/** What the result file holds. */
export interface RunResult extends PreviewResult {
    /** What still held the event loop when the result was written early; empty when the run ended by itself. */
    pending: string[];
}

/** A message to the supervisor: the program's entry module has loaded. */
export interface ChildMessage {
    type: "loaded";
}

/** A message from the supervisor. */
export interface SupervisorMessage {
    type: "timeout";
    seconds: number;
}

// `import()` kept as it is: a compiler targeting CommonJS would turn it into `require` (as in Pulumi's cmd/run).
const dynamicImport = (0, eval)("u => import(u)") as (u: string) => Promise<unknown>;

function main(): void {
    const job = currentJob<RunJob>();
    const timers = trackTimers(job.project.dir);
    // The same copy the engine uses: the program's, else this package's.
    const pulumiEntry = resolveFrom(job.project.dir, "@pulumi/pulumi");
    const inputs = recordComponentInputs(
        (require(pulumiEntry) as { ComponentResource?: unknown }).ComponentResource,
        job.project.main,
    );
    const run = new OfflineRun(job.project, {
        stackTraces: job.stackTraces,
        drain: true,
        cwd: job.cwd,
        esm: job.esm,
        load: job.esm ? (file) => dynamicImport(url.pathToFileURL(file).href) : undefined,
        onLoaded: () => {
            const message: ChildMessage = { type: "loaded" };
            process.send?.(message, () => undefined);
        },
    });
    let written = false;
    const write = (extra: string[], pending: string[] = []) => {
        if (written) return;
        written = true;
        const result: RunResult = { ...run.result(extra), pending };
        for (const r of result.plan.resources) {
            const given = r.kind === "component" ? inputs.byKey.get(`${r.type}::${r.name}`) : undefined;
            if (given) r.inputs = given;
        }
        fs.writeFileSync(job.resultFile, JSON.stringify(result));
    };
    process.on("exit", (code) => {
        const sofar = run.result();
        // An exit after the program already failed is the failure's consequence (older SDKs, e.g. 3.212, exit on
        // an error thrown in an apply): the error is the message, not the exit.
        write(
            sofar.errors.length
                ? []
                : [
                      `The program called process.exit(${code}) before it finished (${sofar.plan.resources.length} resources registered by then); pulumi preview counts on the program ending by itself: remove the call.`,
                  ],
        );
    });
    process.on("message", (message: SupervisorMessage) => {
        if (message?.type !== "timeout") return;
        const pending = timers.pending();
        if (!run.evaluated) pending.unshift("the program's exports (or a registration) have not settled");
        write(
            [
                `The program was still running after ${message.seconds} s (the preview's --timeout): ${pending.length ? `pending: ${pending.join("; ")}` : "nothing it started is pending; something else holds the event loop"}. pulumi preview would wait for it too.`,
            ],
            pending,
        );
        process.exit(0);
    });
    // The supervisor's channel must not keep the program's event loop alive.
    process.channel?.unref();
    // Component arguments resolve with the program's Outputs; one that never settles does not hold the result.
    const argumentsSettled = () =>
        Promise.race([inputs.settled(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    run.run()
        .then(argumentsSettled)
        .then(
            () => {
                const exitCode = Number(process.exitCode ?? 0);
                write(
                    exitCode
                        ? [`The program set process.exitCode to ${exitCode}: pulumi preview fails on a non-zero exit.`]
                        : [],
                );
                process.exit(0);
            },
            (err: unknown) => {
                run.report(err);
                write([]);
                process.exit(0);
            },
        );
}

main();
