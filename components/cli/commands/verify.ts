/**
 * `aws-https-domain verify <hostname or https URL> [options]`: proves that a
 * deployed hostname is served securely, for CI after `pulumi up`. This module
 * only parses arguments, prints the report and maps exit codes (0 all checks
 * passed, 1 a check failed, 2 usage, DNS or network error); the checks live in
 * `components/internal/verify`.
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
    formatTable,
    hostPort,
    type LookupFn,
    normalizeFingerprint,
    normalizeSerial,
    parseConnectTo,
    parseTarget,
    toReport,
    exitCode,
    validateRedirectPath,
    validateRedirectStatus,
    verify,
    VERIFY_DEFAULTS,
    type VerifyOptions,
    VerifyUsageError,
    type WaitOptions,
} from "../verify";
import { type CliIo } from "../io";

const HELP = `Usage: aws-https-domain verify <hostname or https URL> [options]

Checks that a deployed hostname is served securely: HTTP redirects to HTTPS,
TLS 1.2+ only, trusted chain with intermediates, hostname, expiry, and
optionally HSTS and the exact certificate.

Options:
  --connect-to HOST1:PORT1:HOST2:PORT2
                          connect to HOST2:PORT2 instead of HOST1:PORT1, keeping SNI and
                          Host as HOST1 (curl's meaning; repeatable; empty parts = any/same)
  --ca FILE               trust only the PEM CA certificates in FILE (default: the public
                          roots bundled with Node, i.e. Mozilla's list)
  --min-days N            fail when the certificate has fewer whole days left (default ${VERIFY_DEFAULTS.minDays})
  --hsts [MIN_MAX_AGE]    require Strict-Transport-Security with max-age >= MIN_MAX_AGE
                          seconds (default: any max-age above 0)
  --expect-fingerprint HEX  the served certificate's SHA-256 fingerprint (colons optional)
  --expect-serial HEX     the served certificate's serial number (hex, colons optional)
  --redirect-status LIST  redirect statuses accepted (default ${VERIFY_DEFAULTS.redirectStatuses.join(",")}; repeatable)
  --redirect-paths LIST   only these ALB path patterns (* and ? wildcards) must redirect,
                          and an unlisted path must not (comma list or repeatable)
  --wait SECONDS          retry until every check passes or SECONDS pass (default 0: once)
  --interval SECONDS      pause between retries with --wait (default ${VERIFY_DEFAULTS.intervalMs / 1000})
  --timeout SECONDS       timeout of each connection or request (default ${VERIFY_DEFAULTS.timeoutMs / 1000})
  --json                  print one JSON document instead of the table
  -h, --help              show this help

Exit codes: 0 every check passed (warnings allowed), 1 a check failed,
2 usage error, or the host could not be resolved or reached.`;

/** Test seam: everything else comes from the arguments. */
export interface VerifyDeps {
    /** Name resolution (defaults to the system resolver); tests inject one so that nothing leaves the machine. */
    lookup?: LookupFn;
}

/** `--hsts` takes an optional value: turn `--hsts 600` into `--hsts=600` and a bare `--hsts` into `--hsts=`. */
function normalizeOptionalHsts(argv: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--hsts") {
            const next = argv[i + 1];
            if (next !== undefined && /^\d+$/.test(next)) {
                out.push(`--hsts=${next}`);
                i++;
            } else out.push("--hsts=");
        } else out.push(argv[i]);
    }
    return out;
}

/** Parses a numeric option; `kind` says what is allowed, for the message. */
function numeric(
    option: string,
    text: string | undefined,
    fallback: number,
    kind: "whole" | "seconds" | "positive seconds",
    min = 0,
): number {
    if (text === undefined) return fallback;
    const value = Number(text);
    const ok =
        text.trim() !== "" &&
        Number.isFinite(value) &&
        (kind === "whole" ? Number.isInteger(value) && value >= min : kind === "seconds" ? value >= 0 : value > 0);
    if (!ok) {
        const want =
            kind === "whole"
                ? `a whole number of at least ${min}`
                : kind === "seconds"
                  ? "a number of seconds (0 or more)"
                  : "a number of seconds above 0";
        throw new VerifyUsageError(`${option} '${text}' must be ${want}`);
    }
    return value;
}

function commaList(values: string[] | undefined): string[] | undefined {
    return values
        ?.flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter((v) => v !== "");
}

function readCa(file: string): string[] {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (err) {
        throw new VerifyUsageError(
            `--ca '${file}' cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
        );
    }
    const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (pems.length === 0)
        throw new VerifyUsageError(`--ca '${file}' contains no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    for (const pem of pems) {
        try {
            new X509Certificate(pem);
        } catch {
            throw new VerifyUsageError(`--ca '${file}' contains a certificate that cannot be parsed`);
        }
    }
    return pems.map((pem) => `${pem}\n`);
}

interface Parsed {
    url: string;
    options: VerifyOptions;
    wait: Omit<WaitOptions, "onProgress">;
    json: boolean;
}

/** Turns the arguments into options; throws `VerifyUsageError` (or parseArgs' TypeError) on bad input. */
function parse(argv: string[]): Parsed | "help" {
    const { values, positionals } = parseArgs({
        args: normalizeOptionalHsts(argv),
        allowPositionals: true,
        strict: true,
        options: {
            "connect-to": { type: "string", multiple: true },
            ca: { type: "string" },
            "min-days": { type: "string" },
            hsts: { type: "string" },
            "expect-fingerprint": { type: "string" },
            "expect-serial": { type: "string" },
            "redirect-status": { type: "string", multiple: true },
            "redirect-paths": { type: "string", multiple: true },
            wait: { type: "string" },
            interval: { type: "string" },
            timeout: { type: "string" },
            json: { type: "boolean" },
            help: { type: "boolean", short: "h" },
        },
    });
    if (values.help) return "help";
    if (positionals.length !== 1) {
        throw new VerifyUsageError(
            positionals.length === 0
                ? "give the hostname or https:// URL to verify"
                : `give one hostname or URL, not ${positionals.length}: ${positionals.join(" ")}`,
        );
    }
    const target = parseTarget(positionals[0]);
    const statuses = commaList(values["redirect-status"])?.map(validateRedirectStatus);
    const options: VerifyOptions = {
        target,
        connectTo: (values["connect-to"] ?? []).map(parseConnectTo),
        ca: values.ca === undefined ? undefined : readCa(values.ca),
        caLabel: values.ca === undefined ? undefined : `--ca ${values.ca}`,
        minDays: numeric("--min-days", values["min-days"], VERIFY_DEFAULTS.minDays, "whole"),
        hstsMinMaxAge:
            values.hsts === undefined
                ? undefined
                : values.hsts === ""
                  ? 1
                  : numeric("--hsts", values.hsts, 1, "whole", 1),
        expectFingerprint:
            values["expect-fingerprint"] === undefined ? undefined : normalizeFingerprint(values["expect-fingerprint"]),
        expectSerial: values["expect-serial"] === undefined ? undefined : normalizeSerial(values["expect-serial"]),
        redirectStatuses: statuses,
        redirectPaths: commaList(values["redirect-paths"])?.map(validateRedirectPath),
        timeoutMs: numeric("--timeout", values.timeout, VERIFY_DEFAULTS.timeoutMs / 1000, "positive seconds") * 1000,
    };
    if (options.redirectPaths?.length === 0)
        throw new VerifyUsageError("--redirect-paths is empty: list at least one path pattern, such as /app/*");
    if (statuses?.length === 0)
        throw new VerifyUsageError("--redirect-status is empty: list the accepted statuses, such as 301,308");
    const wait = {
        waitMs: numeric("--wait", values.wait, 0, "seconds") * 1000,
        intervalMs:
            numeric("--interval", values.interval, VERIFY_DEFAULTS.intervalMs / 1000, "positive seconds") * 1000,
    };
    const url = `https://${hostPort(target.host, target.httpsPort, 443)}${target.path}`;
    return { url, options, wait, json: values.json ?? false };
}

/** Our own usage errors, and `parseArgs`' (recognised by code: they may come from another realm under jest). */
function isUsageError(err: unknown): err is Error {
    const code = (err as { code?: unknown }).code;
    return err instanceof VerifyUsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"));
}

/**
 * Runs `verify` with the arguments after the subcommand name and returns the
 * exit code. `deps` are test seams; the CLI passes none.
 */
export async function run(argv: string[], io: CliIo, deps: VerifyDeps = {}): Promise<number> {
    let parsed: Parsed | "help";
    try {
        parsed = parse(argv);
    } catch (err) {
        if (!isUsageError(err)) throw err;
        io.err(`aws-https-domain verify: ${err.message}\nRun 'aws-https-domain verify --help' for usage.`);
        return 2;
    }
    if (parsed === "help") {
        io.out(HELP);
        return 0;
    }
    const { url, options, wait, json } = parsed;
    const outcome = await verify({ ...options, lookup: deps.lookup }, { ...wait, onProgress: (line) => io.err(line) });
    if (json) {
        io.out(JSON.stringify(toReport(url, outcome), null, 2));
        if (outcome.error) io.err(`aws-https-domain verify: ${outcome.error.message}`);
    } else {
        io.out(formatTable(url, outcome));
    }
    return exitCode(outcome);
}
