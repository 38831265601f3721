/**
 * `aws-https-domain preview`: runs a Pulumi TypeScript program offline, under
 * Pulumi's mock runtime in preview mode, in a child process with the
 * credentials removed from its environment, type-checked as `pulumi preview`
 * does, and prints what `pulumi up` would create, without AWS credentials,
 * network or the Pulumi CLI.
 *
 * Exit codes (EXIT below): 0 the program evaluated; 1 the program failed
 * (type error, syntax error, a component's input check, a failing `apply`, a
 * logged error, a late throw, `process.exit`, still running at the time
 * limit), with its exact message; 2 a usage or project-file error. With
 * `--compare`: 3 a load balancer or listener is replaced or deleted, 4
 * another change known to cause downtime (COMPARE_EXIT).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliIo } from "../io";
import { COMPARE_EXIT, comparePlans, type PlanComparison, renderComparison } from "../preview/compare";
import { programEnvironment } from "../preview/environment";
import { type Plan } from "../preview/plan";
// A static import, so that tsc copies the schema into the build (the package exports it).
import planSchema from "../preview/plan.schema.json";
import { type LoadedProject, loadProject, PreviewUsageError } from "../preview/project";
import { propertiesFor } from "../preview/properties";
import { requiredDnsRecords } from "../preview/requiredRecords";
import { prestart, supervise } from "../preview/supervisor";
import { typeCheckDecision } from "../preview/typecheck";

/**
 * Modules needed only once the program's process has started, `require`d then: what this module loads before
 * `prestart` delays the program, and the program's process loads the SDKs meanwhile. (`require`, as main.ts says.)
 */
const later = {
    render: () => require("../preview/render") as typeof import("../preview/render"),
    diagram: () => require("../preview/diagram") as typeof import("../preview/diagram"),
    policy: () => require("../policy/run") as typeof import("../policy/run"),
};

/** The exit codes of `preview` (README "Offline preview"). */
export const EXIT = { ok: 0, programFailed: 1, usage: 2 } as const;

/** Seconds the preview waits for a program by default (`--timeout`). */
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** Parsed command line of `preview`. */
export interface PreviewOptions {
    program: string;
    stack?: string;
    config: string[];
    format: "text" | "json" | "diagram";
    stackTraces: boolean;
    help: boolean;
    /** `--no-type-check` sets false; unset leaves the decision to the Pulumi switches. */
    typeCheck?: boolean;
    timeoutSeconds: number;
    keepEnv: boolean;
    /** `--schema`: print the `--json` document's JSON Schema. */
    schema?: boolean;
    /** `--compare PLAN.json`: the earlier plan to compare with. */
    compare?: string;
    /** `--policy-pack DIR`: a Pulumi policy pack to evaluate over the plan. */
    policyPack?: string;
    /** `--policy-pack-config FILE`: its config, as `pulumi preview --policy-pack-config` takes it. */
    policyPackConfig?: string;
}

/** One option of `preview`: its spellings, its value's name (if it takes one), its help and its effect. */
export interface PreviewFlag {
    names: string[];
    value?: string;
    help: string;
    apply(opts: PreviewOptions, value: string): void;
}

function setFormat(opts: PreviewOptions, format: PreviewOptions["format"]): void {
    if (opts.format !== "text" && opts.format !== format)
        throw new PreviewUsageError("choose one of --json and --diagram");
    opts.format = format;
}

/** The options table: parsing and `--help` both come from it (add a flag here). */
export const FLAGS: PreviewFlag[] = [
    {
        names: ["--program"],
        value: "DIR",
        help: "Pulumi project directory (its Pulumi.yaml 'main', else index.ts). Default: .",
        apply: (o, v) => (o.program = v),
    },
    {
        names: ["--stack", "-s"],
        value: "NAME",
        help: "Read config from Pulumi.NAME.yaml. Default: the only stack file, if there is one.",
        apply: (o, v) => (o.stack = v),
    },
    {
        names: ["--config", "-c"],
        value: "KEY=VALUE",
        help: "Override a config value (repeatable); KEY without a namespace belongs to the project.",
        apply: (o, v) => o.config.push(v),
    },
    {
        names: ["--json"],
        help: "Print the plan as one JSON document (for pipelines).",
        apply: (o) => setFormat(o, "json"),
    },
    {
        names: ["--diagram"],
        help: "Print a Mermaid flowchart of the request path.",
        apply: (o) => setFormat(o, "diagram"),
    },
    {
        names: ["--no-type-check"],
        help: "Do not type-check a TypeScript program (as PULUMI_NODEJS_TRANSPILE_ONLY=true).",
        apply: (o) => (o.typeCheck = false),
    },
    {
        names: ["--timeout"],
        value: "SECONDS",
        help: `Stop a program still running after SECONDS and say what it waits for. Default: ${DEFAULT_TIMEOUT_SECONDS}.`,
        apply: (o, v) => {
            const n = Number(v);
            if (!(n > 0 && n <= 3600))
                throw new PreviewUsageError(`--timeout needs seconds between 1 and 3600, got '${v}'`);
            o.timeoutSeconds = n;
        },
    },
    {
        names: ["--keep-env"],
        help: "Run the program with your whole environment, credentials included (default: removed).",
        apply: (o) => (o.keepEnv = true),
    },
    {
        names: ["--stack-traces"],
        help: "Keep stack traces in program errors (slower).",
        apply: (o) => (o.stackTraces = true),
    },
    {
        names: ["--compare"],
        value: "PLAN.json",
        help: "Compare with a plan saved earlier with --json: what would be created, updated, replaced, deleted.",
        apply: (o, v) => (o.compare = v),
    },
    {
        names: ["--policy-pack"],
        value: "DIR",
        help: "Evaluate the Pulumi policy pack in DIR over the plan; exit 1 on a mandatory violation.",
        apply: (o, v) => (o.policyPack = v),
    },
    {
        names: ["--policy-pack-config"],
        value: "FILE",
        help: "JSON config for that pack (as pulumi preview --policy-pack-config).",
        apply: (o, v) => (o.policyPackConfig = v),
    },
    {
        names: ["--schema"],
        help: "Print the JSON Schema of the --json document and exit.",
        apply: (o) => (o.schema = true),
    },
    { names: ["--help", "-h"], help: "Show this help.", apply: (o) => (o.help = true) },
];

/** `preview --help`. */
export const USAGE = [
    "Usage: aws-https-domain preview [options]",
    "",
    "Runs a Pulumi TypeScript program offline (mock runtime, preview mode) and prints",
    "what `pulumi up` would create. Contacts no cloud; the program gets no credentials.",
    "",
    "Options:",
    ...FLAGS.map((f) => {
        const spelled = f.names.map((n) => (f.value ? `${n} ${f.value}` : n)).join(", ");
        return `  ${spelled.padEnd(28)} ${f.help}`;
    }),
    "",
    `Exit codes: ${EXIT.ok} plan printed; ${EXIT.programFailed} the program failed (type error, its checks, a crash, a time-out) or a mandatory policy is violated; ${EXIT.usage} usage, project file or policy pack error.`,
    `With --compare: ${COMPARE_EXIT.ok} no load balancer or listener replaced or deleted, no known downtime; ${COMPARE_EXIT.gated} a load balancer or listener is replaced or deleted; ${COMPARE_EXIT.downtime} another change known to cause downtime.`,
].join("\n");

/** Parses `preview`'s arguments; throws {@link PreviewUsageError} on a bad command line. */
export function parseArgs(argv: string[]): PreviewOptions {
    const opts: PreviewOptions = {
        program: ".",
        config: [],
        format: "text",
        stackTraces: false,
        help: false,
        timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
        keepEnv: false,
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
        const name = eq > 0 ? arg.slice(0, eq) : arg;
        const flag = FLAGS.find((f) => f.names.includes(name));
        if (!flag) throw new PreviewUsageError(`unknown option '${arg}'`);
        if (!flag.value) {
            if (eq > 0) throw new PreviewUsageError(`${name} takes no value`);
            flag.apply(opts, "");
            continue;
        }
        let value: string;
        if (eq > 0) value = arg.slice(eq + 1);
        else {
            const next = argv[++i];
            if (next === undefined || next.startsWith("-")) throw new PreviewUsageError(`${name} needs a value`);
            value = next;
        }
        flag.apply(opts, value);
    }
    if (opts.policyPackConfig && !opts.policyPack)
        throw new PreviewUsageError("--policy-pack-config needs --policy-pack");
    return opts;
}

/** The `--json` document: the plan, each resource's displayed properties, the errors and the exit code. */
export function planJson(
    plan: Plan | undefined,
    errors: string[],
    exitCode: number,
    comparison?: PlanComparison,
): string {
    const resources = plan?.resources.map((r) => ({ ...r, properties: propertiesFor(plan, r) }));
    return JSON.stringify({ offline: true, ...plan, resources, errors, exitCode, comparison }, null, 2);
}

/** Reads a plan saved with `--json`; a file that is not one (or is a failed run's) is a usage error. */
export function readSavedPlan(file: string): Plan {
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new PreviewUsageError(`--compare ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const d = doc as Partial<Plan> & { exitCode?: number };
    if (!d || typeof d !== "object" || d.offline !== true || !Array.isArray(d.resources))
        throw new PreviewUsageError(`--compare ${file}: not a plan saved with 'aws-https-domain preview --json'`);
    if (d.exitCode !== EXIT.ok)
        throw new PreviewUsageError(
            `--compare ${file}: that plan's preview failed (exit code ${d.exitCode}); compare with a plan that succeeded`,
        );
    return d as Plan;
}

/** The plan of a program that gave none (it crashed before recording anything). */
function emptyPlan(project: LoadedProject): Plan {
    return {
        offline: true,
        project: project.name,
        stack: project.stack,
        program: project.main,
        unavailableConfig: project.unavailable,
        unavailableEnvironments: project.environments,
        resources: [],
        outputs: {},
        lookups: [],
        logs: [],
    };
}

/** Runs `preview` and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
    const json = argv.includes("--json");
    const usageError = (message: string, help: boolean) => {
        if (json) io.out(planJson(undefined, [message], EXIT.usage));
        io.err(`aws-https-domain preview: ${message}${help ? `\n\n${USAGE}` : ""}`);
        return EXIT.usage;
    };
    let opts: PreviewOptions;
    try {
        opts = parseArgs(argv);
    } catch (err) {
        if (!(err instanceof PreviewUsageError)) throw err;
        return usageError(err.message, true);
    }
    if (opts.help) {
        io.out(USAGE);
        return EXIT.ok;
    }
    if (opts.schema) {
        io.out(JSON.stringify(planSchema, null, 2));
        return EXIT.ok;
    }
    const environment = programEnvironment(io.env, opts.keepEnv);
    // The program's process loads the SDKs while the project files are read.
    const dir = path.resolve(opts.program);
    const started = fs.existsSync(dir) ? prestart(dir, environment) : undefined;
    let project: LoadedProject;
    let before: Plan | undefined;
    try {
        if (opts.compare) before = readSavedPlan(opts.compare);
        project = loadProject({ dir: opts.program, stack: opts.stack, overrides: opts.config });
    } catch (err) {
        started?.kill();
        if (!(err instanceof PreviewUsageError)) throw err;
        return usageError(err.message, false);
    }

    const { header, renderText } = later.render();
    let decision: ReturnType<typeof typeCheckDecision>;
    let supervised: Awaited<ReturnType<typeof supervise>>;
    try {
        decision = typeCheckDecision(project.dir, project.main, project.typescript, io.env, opts.typeCheck);
        supervised = await supervise({
            project,
            stackTraces: opts.stackTraces,
            timeoutSeconds: opts.timeoutSeconds,
            environment,
            typeCheck: decision,
            programOutput: (line) => io.err(line),
            cwd: process.cwd(),
            started,
        });
    } catch (err) {
        // E.g. tsx missing (main.ts turns that into its install hint): the prestarted process must not outlive us.
        started?.kill();
        throw err;
    }
    const typeFailed = supervised.errors.some((e) => e.startsWith("Unable to compile TypeScript"));
    // As under the Pulumi CLI, a program that does not compile is not run: its own errors would be noise.
    const errors = typeFailed ? supervised.errors : [...supervised.errors, ...(supervised.result?.errors ?? [])];
    const plan: Plan = {
        ...(supervised.result?.plan ?? emptyPlan(project)),
        checks: {
            typeCheck: {
                ran: decision.check,
                passed: decision.check && !typeFailed,
                reason: decision.reason,
                typescript: supervised.typescriptVersion,
            },
            environment: { kept: environment.kept, removed: environment.removed },
            timeoutSeconds: opts.timeoutSeconds,
        },
        warnings: project.warnings,
    };
    plan.requiredDnsRecords = requiredDnsRecords(plan);
    const comparison = before && !errors.length ? comparePlans(before, plan) : undefined;
    let code: number = errors.length ? EXIT.programFailed : (comparison?.exitCode ?? EXIT.ok);
    // A policy pack's verdict (1 mandatory violation, 2 pack error) outranks the comparison's; its report goes to
    // stderr when stdout carries JSON or a diagram, and runs before the JSON so that the document's exit code is final.
    const policies = async () => {
        if (!opts.policyPack || errors.length) return;
        const verdict = await later
            .policy()
            .runPolicyPack(opts.policyPack, opts.policyPackConfig, plan, io, opts.format !== "text");
        if (verdict !== EXIT.ok) code = verdict;
    };
    if (opts.format === "json") {
        await policies();
        io.out(planJson(plan, errors, code, comparison));
    }
    if (errors.length) {
        const noun = errors.length === 1 ? "error" : "errors";
        const hint = opts.stackTraces
            ? []
            : ["", "(Run again with --stack-traces to see where in the program an error was thrown.)"];
        io.err(
            [
                ...header(plan),
                "",
                `Preview failed: the program reported ${errors.length} ${noun}.`,
                "",
                ...errors.map((e) => `error: ${e}`),
                ...hint,
            ].join("\n"),
        );
        return code;
    }
    if (opts.format === "diagram") io.out(later.diagram().renderDiagram(plan));
    if (opts.format === "text")
        io.out(
            comparison && opts.compare
                ? [...header(plan), "", renderComparison(comparison, opts.compare)].join("\n")
                : renderText(plan),
        );
    if (opts.format !== "json") await policies();
    return code;
}
