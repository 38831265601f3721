/**
 * Runs a program's offline preview in a child process, and its type check in
 * another beside it, so that nothing the program does can break the
 * preview's own output or hang it:
 *
 * - the program's stdout and stderr reach the caller's stderr, each line
 *   prefixed `[program] `; the plan alone goes to stdout;
 * - it runs with the environment {@link programEnvironment} gives it
 *   (credentials removed unless `keepEnv`);
 * - after `timeoutSeconds` it is asked what it still waits for and stopped;
 *   a program that does not answer within {@link ANSWER_GRACE_MS} (a loop
 *   that never yields) is killed and reported as such;
 * - an exit without a result (a crash of the runtime itself) is reported
 *   with its exit code, never as success.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BOOTSTRAP, entryFile, hookFor, JOB_VARIABLE, PRELOAD_VARIABLE, resolveFrom } from "./bootstrap";
import { type ChildMessage, type RunJob, type RunResult, type SupervisorMessage } from "./child";
import { type ProgramEnvironment } from "./environment";
import { type LoadedProject } from "./project";
import { type TypeCheckDecision, type TypeCheckJob } from "./typecheck";

/** How long a program has to answer the time-out question before it is killed. */
export const ANSWER_GRACE_MS = 2000;
/**
 * The type check's own bound, in seconds (or the program's, when longer): it
 * reads every declaration file the program imports (@pulumi/aws alone is large),
 * several seconds of CPU that a loaded machine can stretch well past 30 s.
 */
export const TYPE_CHECK_MIN_SECONDS = 120;
/** Prefix of the program's own output lines on stderr. */
export const PROGRAM_PREFIX = "[program] ";

/** Options for {@link supervise}. */
export interface SuperviseOptions {
    project: LoadedProject;
    stackTraces: boolean;
    timeoutSeconds: number;
    environment: ProgramEnvironment;
    typeCheck: TypeCheckDecision;
    /** Where the program's output lines go (the caller's stderr). */
    programOutput(line: string): void;
    /** The caller's working directory (plan paths are relative to it). */
    cwd: string;
    /** The program process {@link prestart} started, if any: it gets its job over IPC. */
    started?: ChildProcess;
}

/**
 * Starts the program's process before the project files are read: it loads
 * `@pulumi/pulumi` and `@pulumi/aws` from `dir` meanwhile, and waits for its
 * job ({@link supervise}). Kill it if the preview stops before that.
 */
export function prestart(dir: string, environment: ProgramEnvironment): ChildProcess {
    return spawn(process.execPath, ["-e", BOOTSTRAP], {
        cwd: dir,
        env: { ...environment.env, [PRELOAD_VARIABLE]: dir },
        stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
}

/** What a supervised run gives back. */
export interface SupervisedRun {
    /** The program's result; absent when the process gave none (errors then say why). */
    result?: RunResult;
    /** Errors of the run itself (killed, crashed) and of the type check, before the program's own. */
    errors: string[];
    /** The TypeScript version that checked the program, when it ran. */
    typescriptVersion?: string;
}

interface Finished {
    code: number | null;
    signal: NodeJS.Signals | null;
    /** Set when the process did not answer the time-out question and was killed. */
    unresponsive: boolean;
    timedOut: boolean;
    /** Whether the program's entry module had loaded. */
    loaded: boolean;
}

/** Whether the project is an ES module package (`"type": "module"` in its package.json), as Pulumi decides. */
export function isEsmProject(dir: string): boolean {
    for (let d = dir; ; d = path.dirname(d)) {
        const file = path.join(d, "package.json");
        if (fs.existsSync(file)) {
            try {
                return (JSON.parse(fs.readFileSync(file, "utf8")) as { type?: string }).type === "module";
            } catch {
                return false;
            }
        }
        if (path.dirname(d) === d) return false;
    }
}

/** Starts one bootstrap child with `job` and waits for it, within the time limit. */
function runChild(
    job: object,
    dir: string,
    tmp: string,
    name: string,
    options: SuperviseOptions,
    forward: boolean,
    seconds: number,
    started?: ChildProcess,
): Promise<Finished> {
    let child: ChildProcess;
    if (started) {
        child = started;
        child.send({ job }, () => undefined);
    } else {
        const jobFile = path.join(tmp, `${name}.job.json`);
        fs.writeFileSync(jobFile, JSON.stringify(job));
        child = spawn(process.execPath, ["-e", BOOTSTRAP], {
            cwd: dir,
            env: { ...options.environment.env, [JOB_VARIABLE]: jobFile },
            stdio: ["ignore", "pipe", "pipe", "ipc"],
        });
    }
    const lines = (stream: NodeJS.ReadableStream) => {
        let partial = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => {
            const parts = (partial + chunk).split("\n");
            partial = parts.pop() ?? "";
            for (const line of parts) if (forward) options.programOutput(PROGRAM_PREFIX + line);
        });
        stream.on("end", () => {
            if (partial && forward) options.programOutput(PROGRAM_PREFIX + partial);
        });
    };
    // stdio is [ignore, pipe, pipe, ipc]: both streams exist.
    for (const stream of [child.stdout, child.stderr]) if (stream) lines(stream);
    let timedOut = false;
    let unresponsive = false;
    let loaded = false;
    child.on("message", (m: ChildMessage) => {
        if (m?.type === "loaded") loaded = true;
    });
    let kill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
        timedOut = true;
        const message: SupervisorMessage = { type: "timeout", seconds };
        if (child.connected) child.send(message, () => undefined);
        kill = setTimeout(() => {
            unresponsive = true;
            child.kill("SIGKILL");
        }, ANSWER_GRACE_MS);
    }, seconds * 1000);
    return new Promise((resolve) => {
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            if (kill) clearTimeout(kill);
            resolve({ code, signal, unresponsive, timedOut, loaded });
        });
    });
}

function readJson<T>(file: string): T | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    } catch {
        return undefined;
    }
}

/** Runs the program (and, when decided, its type check) and collects what they reported. */
export async function supervise(options: SuperviseOptions): Promise<SupervisedRun> {
    const { project } = options;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aws-https-domain-preview-"));
    try {
        const esm = isEsmProject(project.dir);
        const tsconfig = options.typeCheck.tsconfig ?? path.join(project.dir, "tsconfig.json");
        const hook = hookFor(project.dir, project.main, esm, tsconfig);
        const runJob: RunJob = {
            entry: entryFile("child"),
            hook,
            project,
            stackTraces: options.stackTraces,
            esm,
            resultFile: path.join(tmp, "run.result.json"),
            cwd: options.cwd,
        };
        const checking = options.typeCheck.check
            ? (() => {
                  const job: TypeCheckJob = {
                      entry: entryFile("typecheck"),
                      // Our own entry only: TypeScript reads the program's files itself.
                      hook: hookFor(project.dir, entryFile("typecheck"), false, ""),
                      typescript: resolveFrom(project.dir, "typescript"),
                      main: project.main,
                      projectDir: project.dir,
                      tsconfig: options.typeCheck.tsconfig,
                      resultFile: path.join(tmp, "typecheck.result.json"),
                      cwd: options.cwd,
                  };
                  const seconds = Math.max(options.timeoutSeconds, TYPE_CHECK_MIN_SECONDS);
                  return runChild(job, project.dir, tmp, "typecheck", options, false, seconds).then((f) => ({
                      finished: f,
                      result: readJson<{ version: string; diagnostics: string[] }>(job.resultFile),
                  }));
              })()
            : undefined;
        const running = runChild(
            runJob,
            project.dir,
            tmp,
            "run",
            options,
            true,
            options.timeoutSeconds,
            options.started,
        );
        const [ran, checked] = await Promise.all([running, checking]);

        const errors: string[] = [];
        let typescriptVersion: string | undefined;
        if (checked) {
            typescriptVersion = checked.result?.version;
            if (checked.result?.diagnostics.length) {
                errors.push(
                    [
                        "Unable to compile TypeScript (pulumi preview type-checks the program before running it; skip the check with --no-type-check or PULUMI_NODEJS_TRANSPILE_ONLY=true):",
                        ...checked.result.diagnostics,
                    ].join("\n"),
                );
            } else if (!checked.result) {
                errors.push(
                    checked.finished.timedOut
                        ? `The type check did not finish within ${Math.max(options.timeoutSeconds, TYPE_CHECK_MIN_SECONDS)} s.`
                        : `The type check stopped without a result (exit code ${checked.finished.code ?? checked.finished.signal}).`,
                );
            }
        }
        const result = readJson<RunResult>(runJob.resultFile);
        if (!result) {
            errors.push(
                ran.unresponsive
                    ? `The program was still running JavaScript after ${options.timeoutSeconds} s (the preview's --timeout) and did not answer within ${ANSWER_GRACE_MS / 1000} s: ${ran.loaded ? "a loop that never yields to the event loop?" : "still loading its modules (a slow machine: raise --timeout), or in a loop that never yields?"} It was stopped.`
                    : `The program's process ended without a result (exit code ${ran.code ?? "none"}${ran.signal ? `, signal ${ran.signal}` : ""}); its output above (prefixed '${PROGRAM_PREFIX.trim()}') says why.`,
            );
        }
        return { result, errors, typescriptVersion };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
