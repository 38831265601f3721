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
import { type PlanComparison } from "../preview/compare";
import { programEnvironment } from "../preview/environment";
import { type Plan } from "../preview/plan";
// A static import, so that tsc copies the schema into the build (the package exports it).
import planSchema from "../preview/plan.schema.json";
import { EXIT, parseArgs, type PreviewOptions, PreviewUsageError, USAGE } from "../preview/options";
import { type LoadedProject } from "../preview/project";
import { prestart, supervise } from "../preview/supervisor";

export {
    DEFAULT_TIMEOUT_SECONDS,
    EXIT,
    FLAGS,
    parseArgs,
    type PreviewFlag,
    type PreviewOptions,
    USAGE,
} from "../preview/options";

/**
 * Modules needed only once the program's process has started, `require`d then: what this module loads before
 * `prestart` delays the program, and the program's process loads the SDKs meanwhile. (`require`, as main.ts says.)
 */
const later = {
    compare: () => require("../preview/compare") as typeof import("../preview/compare"),
    project: () => require("../preview/project") as typeof import("../preview/project"),
    properties: () => require("../preview/properties") as typeof import("../preview/properties"),
    records: () => require("../preview/requiredRecords") as typeof import("../preview/requiredRecords"),
    typecheck: () => require("../preview/typecheck") as typeof import("../preview/typecheck"),
    render: () => require("../preview/render") as typeof import("../preview/render"),
    diagram: () => require("../preview/diagram") as typeof import("../preview/diagram"),
    policy: () => require("../policy/run") as typeof import("../policy/run"),
};

/** The `--json` document: the plan, each resource's displayed properties, the errors and the exit code. */
export function planJson(
    plan: Plan | undefined,
    errors: string[],
    exitCode: number,
    comparison?: PlanComparison,
): string {
    const resources = plan?.resources.map((r) => ({ ...r, properties: later.properties().propertiesFor(plan, r) }));
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
    const { loadProject } = later.project();
    const { comparePlans, renderComparison } = later.compare();
    const { header, renderText } = later.render();
    const { typeCheckDecision } = later.typecheck();
    const { requiredDnsRecords } = later.records();
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
