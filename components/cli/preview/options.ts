/**
 * The command line of `preview`: its options table (parsing and `--help`
 * both come from it), its exit codes and its usage errors. Apart from the
 * command so that what loads before the program's process starts stays
 * small: the program loads the SDKs meanwhile (commands/preview.ts).
 */

/** A problem with the project files or arguments: the CLI exits 2 on it. */
export class PreviewUsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PreviewUsageError";
    }
}

/** Exit codes of `preview --compare` (README "Offline preview"). */
export const COMPARE_EXIT = {
    /** The change replaces and deletes no load balancer or listener, and has no known downtime. */
    ok: 0,
    /** The change replaces or deletes a load balancer or a listener. */
    gated: 3,
    /** Another change known to cause downtime (e.g. a target group replaced). */
    downtime: 4,
} as const;

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
