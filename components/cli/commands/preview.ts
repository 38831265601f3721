/**
 * `aws-https-domain preview`: runs a Pulumi TypeScript program offline, under
 * Pulumi's mock runtime in preview mode, and prints what `pulumi up` would
 * create, without AWS credentials, network or the Pulumi CLI.
 *
 * Exit codes: 0 the program evaluated; 1 the program failed (a component's
 * input check, a failing `apply`, a logged error), with its exact message;
 * 2 a usage or project-file error.
 */
import { runOffline } from "../preview/engine";
import { renderDiagram } from "../preview/diagram";
import { type Plan } from "../preview/plan";
import { loadProject, PreviewUsageError } from "../preview/project";
import { propertiesFor } from "../preview/properties";
import { header, renderText } from "../preview/render";
import { type CliIo } from "../io";
import { runPolicyPack } from "../policy/run";

/** Parsed command line of `preview`. */
export interface PreviewOptions {
    program: string;
    stack?: string;
    config: string[];
    format: "text" | "json" | "diagram";
    stackTraces: boolean;
    help: boolean;
    /** `--policy-pack DIR`: a Pulumi policy pack to evaluate over the plan. */
    policyPack?: string;
    /** `--policy-pack-config FILE`: its config, as `pulumi preview --policy-pack-config` takes it. */
    policyPackConfig?: string;
}

/** `preview --help`. */
export const USAGE = `Usage: aws-https-domain preview [options]

Runs a Pulumi TypeScript program offline (mock runtime, preview mode) and prints
what \`pulumi up\` would create. Contacts no cloud; needs no credentials.

Options:
  --program DIR         Pulumi project directory (its Pulumi.yaml 'main', else index.ts). Default: .
  --stack NAME, -s      Read config from Pulumi.NAME.yaml. Default: the only stack file, if there is one.
  --config KEY=VALUE    Override a config value (repeatable); KEY without a namespace belongs to the project.
  -c KEY=VALUE          Same as --config.
  --json                Print the plan as JSON (for pipelines).
  --diagram             Print a Mermaid flowchart of the request path.
  --stack-traces        Keep stack traces in program errors (slower).
  --policy-pack DIR     Evaluate the Pulumi policy pack in DIR over the plan; exit 1 on a mandatory violation.
  --policy-pack-config FILE  JSON config for that pack (as pulumi preview --policy-pack-config).
  --help, -h            Show this help.

Exit codes: 0 plan printed; 1 the program failed its checks (or a mandatory policy); 2 usage, project or pack error.`;

/** Parses `preview`'s arguments; throws {@link PreviewUsageError} on a bad command line. */
export function parseArgs(argv: string[]): PreviewOptions {
    const opts: PreviewOptions = { program: ".", config: [], format: "text", stackTraces: false, help: false };
    const formats = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const value = () => {
            if (eq > 0) return arg.slice(eq + 1);
            const next = argv[++i];
            if (next === undefined || next.startsWith("-")) throw new PreviewUsageError(`${flag} needs a value`);
            return next;
        };
        switch (flag) {
            case "--program":
                opts.program = value();
                break;
            case "--stack":
            case "-s":
                opts.stack = value();
                break;
            case "--config":
            case "-c":
                opts.config.push(value());
                break;
            case "--json":
            case "--diagram":
                formats.add(flag);
                opts.format = flag === "--json" ? "json" : "diagram";
                break;
            case "--policy-pack":
                opts.policyPack = value();
                break;
            case "--policy-pack-config":
                opts.policyPackConfig = value();
                break;
            case "--stack-traces":
                opts.stackTraces = true;
                break;
            case "--help":
            case "-h":
                opts.help = true;
                break;
            default:
                throw new PreviewUsageError(`unknown option '${arg}'`);
        }
    }
    if (formats.size > 1) throw new PreviewUsageError("choose one of --json and --diagram");
    if (opts.policyPackConfig && !opts.policyPack)
        throw new PreviewUsageError("--policy-pack-config needs --policy-pack");
    return opts;
}

/** The `--json` document: the plan, each resource's displayed properties, and the errors. */
export function planJson(plan: Plan, errors: string[]): string {
    const resources = plan.resources.map((r) => ({
        ...r,
        properties: propertiesFor(plan, r),
    }));
    return JSON.stringify({ ...plan, resources, errors }, null, 2);
}

/** Runs `preview` and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
    let opts: PreviewOptions;
    try {
        opts = parseArgs(argv);
    } catch (err) {
        io.err(`aws-https-domain preview: ${(err as Error).message}\n\n${USAGE}`);
        return 2;
    }
    if (opts.help) {
        io.out(USAGE);
        return 0;
    }
    let project;
    try {
        project = loadProject({ dir: opts.program, stack: opts.stack, overrides: opts.config });
    } catch (err) {
        if (!(err instanceof PreviewUsageError)) throw err;
        io.err(`aws-https-domain preview: ${err.message}`);
        return 2;
    }

    const { plan, errors } = await runOffline(project, { stackTraces: opts.stackTraces });
    if (opts.format === "json") io.out(planJson(plan, errors));
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
        return 1;
    }
    if (opts.format === "diagram") io.out(renderDiagram(plan));
    if (opts.format === "text") io.out(renderText(plan));
    if (opts.policyPack) return runPolicyPack(opts.policyPack, opts.policyPackConfig, plan, io, opts.format === "json");
    return 0;
}
