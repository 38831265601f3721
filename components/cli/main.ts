#!/usr/bin/env node
/**
 * `aws-https-domain` command-line entry: dispatches to one module per
 * subcommand. Each subcommand module exports `run(argv, io)` and returns the
 * process exit code; none of them calls `process.exit` itself.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliIo, processIo } from "./io";

interface Subcommand {
    summary: string;
    load: () => Promise<{ run(argv: string[], io: CliIo): Promise<number> }>;
}

/**
 * Subcommands, loaded lazily so that `verify` does not pay for Pulumi's start-up. `require`, not `import()`: the
 * same in the build (tsc turns `import()` into it), and under tsx's CommonJS hook alone (`npm start`), which leaves
 * `import()` to Node's ES module loader, which does not resolve `.ts` files.
 */
const SUBCOMMANDS: Record<string, Subcommand> = {
    preview: {
        summary: "show offline what `pulumi up` would create (no cloud, no credentials)",
        load: async () => require("./commands/preview") as typeof import("./commands/preview"),
    },
    verify: {
        summary: "check that a deployed hostname is served securely over HTTPS (for CI after pulumi up)",
        load: async () => require("./commands/verify") as typeof import("./commands/verify"),
    },
    "check-cert": {
        summary: "check a PEM/PFX certificate, chain and key the way ImportedCertificate will, before deploying",
        load: async () => require("./commands/checkCert") as typeof import("./commands/checkCert"),
    },
};

function usage(): string {
    const lines = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(12)} ${s.summary}`);
    return [
        "Usage: aws-https-domain <command> [options]",
        "",
        "Commands:",
        ...lines,
        "",
        "Options:",
        `  ${"--version".padEnd(12)} print the version of aws-https-domain`,
        "",
        "Run 'aws-https-domain <command> --help' for a command's options.",
    ].join("\n");
}

/** The version in our package.json: the nearest one above this file (dist/components/cli or components/cli). */
export function packageVersion(from = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "aws-https-domain" && pkg.version) return pkg.version;
        }
        if (path.dirname(dir) === dir) throw new Error(`no package.json of aws-https-domain above ${from}`);
    }
}

/**
 * Packages only the tools use (`preview` reads `Pulumi.*.yaml` with yaml and loads a TypeScript program
 * with tsx). They are optional peers, so that a library consumer never installs them (tsx brings esbuild,
 * about 23 MB); a command that needs one names it and the install command instead of failing with a trace.
 */
const TOOL_ONLY_PACKAGES = ["tsx", "yaml"];

/** The compiled package's `components/` directory: requires from below it are ours, not the user's program's. */
const OWN_CODE = path.resolve(__dirname, "..");

/** The message for a tool-only package that `command` needs and cannot find, else undefined. */
export function missingPackageMessage(command: string, err: unknown): string | undefined {
    const e = err as (NodeJS.ErrnoException & { requireStack?: string[] }) | undefined;
    if (e?.code !== "MODULE_NOT_FOUND" || typeof e.message !== "string") return undefined;
    const wanted = /^Cannot find module '([^']+)'/.exec(e.message)?.[1] ?? "";
    const pkg = TOOL_ONLY_PACKAGES.find((p) => wanted === p || wanted.startsWith(`${p}/`));
    const from = e.requireStack?.[0];
    if (!pkg || (from !== undefined && !from.startsWith(OWN_CODE + path.sep))) return undefined;
    return `aws-https-domain ${command} needs the '${pkg}' package: npm install --save-dev ${pkg}`;
}

/** Runs the CLI and returns the exit code (0 ok, 1 a check failed, 2 usage or environment error). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
    const [command, ...rest] = argv;
    if (!command || command === "--help" || command === "-h" || command === "help") {
        io.out(usage());
        return command ? 0 : 2;
    }
    if (command === "--version") {
        io.out(packageVersion());
        return 0;
    }
    const sub = SUBCOMMANDS[command];
    if (!sub) {
        io.err(`aws-https-domain: unknown command '${command}'.\n\n${usage()}`);
        return 2;
    }
    try {
        return await (await sub.load()).run(rest, io);
    } catch (err) {
        const missing = missingPackageMessage(command, err);
        if (missing === undefined) throw err;
        io.err(missing);
        return 2;
    }
}

if (require.main === module) {
    // A reader that stops early (`| head`) is not an error.
    for (const stream of [process.stdout, process.stderr]) {
        stream.on("error", (err: NodeJS.ErrnoException) => {
            if (err.code !== "EPIPE") throw err;
            process.exit(process.exitCode ?? 0);
        });
    }
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            process.stderr.write(`aws-https-domain: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exitCode = 2;
        },
    );
}
