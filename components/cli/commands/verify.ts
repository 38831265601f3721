/**
 * `aws-https-domain verify <hostname or https URL> [options]`: proves that a
 * deployed hostname is served securely, for CI after `pulumi up`. This module
 * only parses arguments, prints the report and maps exit codes (0 all checks
 * passed, 1 a check failed, 2 usage, DNS or network error); the checks live in
 * `components/internal/verify`.
 */
import { X509Certificate } from "node:crypto";
import { parseArgs } from "node:util";
import { InputFileError, readInputFile } from "../verify/files";
import { readClientCertificate } from "../verify/clientCredentials";
import { formatFleet, fleetReport, runFleet, targetsFromOutputs, targetsFromText } from "../verify/fleet";
import { parseHeaderOption } from "../verify/checks/headers";
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

/** Bounds of the numeric options: beyond them a run would overflow Node's timers or hammer the target. */
const BOUNDS = {
    minDays: { min: 0, max: 3650 },
    hsts: { min: 1, max: 1_000_000_000 },
    wait: { min: 0, max: 86_400 },
    interval: { min: 0.5, max: 3600 },
    timeout: { min: 0.1, max: 300 },
    concurrency: { min: 1, max: 256 },
} as const;
const FLEET_DEFAULT_CONCURRENCY = 100;
const FLEET_MAX_CONCURRENCY = BOUNDS.concurrency.max;

const HELP = `Usage: aws-https-domain verify <hostname or https URL>... [options]
       aws-https-domain verify --hosts-file FILE | --from-outputs FILE [options]

Checks that deployed hostnames are served securely: HTTP redirects to HTTPS
(for /, a deep path with a query, and --redirect-paths), TLS 1.2+ only, cipher
suites within Mozilla's intermediate profile, a trusted chain whose every
certificate is valid and outlives --min-days, hostname, every address of a
dual-stack name, and optionally HSTS, response headers, the exact
certificate and mutual TLS (--client-cert). Several hostnames are checked
concurrently (fleet mode).

Options:
  --hosts-file FILE       also verify the hostnames or URLs in FILE (one per line, # comments)
  --from-outputs FILE     also verify the hostnames in FILE, the JSON of \`pulumi stack output --json\`
                          (every "hostnames" list and "url" value; wildcards are skipped)
  --concurrency N         hosts checked at once in fleet mode (default ${FLEET_DEFAULT_CONCURRENCY}, 1-${FLEET_MAX_CONCURRENCY})
  --connect-to HOST1:PORT1:HOST2:PORT2
                          connect to HOST2:PORT2 instead of HOST1:PORT1, keeping SNI and
                          Host as HOST1 (curl's meaning; repeatable; empty parts = any/same)
  --ca FILE               trust only the PEM CA certificates in FILE (default: the public
                          roots bundled with Node, i.e. Mozilla's list)
  --min-days N            fail when the certificate has fewer whole days left (default ${VERIFY_DEFAULTS.minDays})
  --hsts [MIN_MAX_AGE]    require Strict-Transport-Security with max-age >= MIN_MAX_AGE
                          seconds (default: any max-age above 0)
  --header NAME[=VALUE]   the HTTPS response must carry header NAME (with exactly VALUE; repeatable)
  --no-header NAME        the HTTPS response must not carry header NAME (repeatable)
  --expect-fingerprint HEX  the served certificate's SHA-256 fingerprint (colons optional)
  --expect-serial HEX     the served certificate's serial number (hex, colons optional)
  --client-cert FILE      mutual TLS: send this PEM client certificate (then any intermediates) on
                          every handshake, and check that the server answers with it and refuses
                          a client without one; needs --client-key
  --client-key FILE       the PEM private key of --client-cert (must match it)
  --client-key-passphrase-env NAME
                          decrypt an encrypted --client-key with the passphrase in environment
                          variable NAME (the passphrase is never an argument)
  --mtls-passthrough      the listener is in mTLS passthrough mode: a client without a certificate
                          is answered by design (the client-certificate check passes on that)
  --redirect-status LIST  redirect statuses accepted (default ${VERIFY_DEFAULTS.redirectStatuses.join(",")}; repeatable)
  --redirect-paths LIST   only these ALB path patterns (* and ? wildcards) must redirect,
                          and an unlisted path must not (comma list or repeatable)
  --wait SECONDS          retry until every check passes or SECONDS pass (default 0: once; at most ${BOUNDS.wait.max})
  --interval SECONDS      pause between retries with --wait (default ${VERIFY_DEFAULTS.intervalMs / 1000}; ${BOUNDS.interval.min}-${BOUNDS.interval.max})
  --timeout SECONDS       timeout of each connection or request (default ${VERIFY_DEFAULTS.timeoutMs / 1000}; at most ${BOUNDS.timeout.max})
  --json                  print one JSON document instead of the table (fleet mode: one record per host)
  -h, --help              show this help

Exit codes: 0 every check passed (warnings allowed), 1 a check failed,
2 usage error, or a host could not be resolved or reached (fleet mode: the
highest code of any host).`;

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

/** Parses a numeric option within `bounds`; `whole` asks for an integer. */
function numeric(
    option: string,
    text: string | undefined,
    fallback: number,
    bounds: { min: number; max: number },
    whole: boolean,
): number {
    if (text === undefined) return fallback;
    const value = Number(text);
    const ok =
        text.trim() !== "" &&
        Number.isFinite(value) &&
        (!whole || Number.isInteger(value)) &&
        value >= bounds.min &&
        value <= bounds.max;
    if (!ok) {
        const what = whole ? "a whole number" : "a number of seconds";
        throw new VerifyUsageError(`${option} '${text}' must be ${what} from ${bounds.min} to ${bounds.max}`);
    }
    return value;
}

function readFile(flag: string, file: string): string {
    try {
        return readInputFile(flag, file).toString("utf8");
    } catch (err) {
        if (err instanceof InputFileError) throw new VerifyUsageError(err.message.replace(/\.$/, ""));
        throw err;
    }
}

function commaList(values: string[] | undefined): string[] | undefined {
    return values
        ?.flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter((v) => v !== "");
}

function readCa(file: string): string[] {
    const text = readFile("--ca", file);
    const pems = text.match(/-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g) ?? [];
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
    /** One entry per host: its URL and options. */
    targets: { url: string; options: VerifyOptions }[];
    wait: Omit<WaitOptions, "onProgress">;
    json: boolean;
    concurrency: number;
    /** More than one host, or hosts from a file: the fleet summary instead of the single-host table. */
    fleet: boolean;
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
            header: { type: "string", multiple: true },
            "no-header": { type: "string", multiple: true },
            "expect-fingerprint": { type: "string" },
            "expect-serial": { type: "string" },
            "client-cert": { type: "string" },
            "client-key": { type: "string" },
            "client-key-passphrase-env": { type: "string" },
            "mtls-passthrough": { type: "boolean" },
            "redirect-status": { type: "string", multiple: true },
            "redirect-paths": { type: "string", multiple: true },
            "hosts-file": { type: "string" },
            "from-outputs": { type: "string" },
            concurrency: { type: "string" },
            wait: { type: "string" },
            interval: { type: "string" },
            timeout: { type: "string" },
            json: { type: "boolean" },
            help: { type: "boolean", short: "h" },
        },
    });
    if (values.help) return "help";
    const raw = [...positionals];
    if (values["hosts-file"] !== undefined)
        raw.push(...targetsFromText(readFile("--hosts-file", values["hosts-file"])));
    if (values["from-outputs"] !== undefined)
        raw.push(...targetsFromOutputs(readFile("--from-outputs", values["from-outputs"]), values["from-outputs"]));
    if (raw.length === 0)
        throw new VerifyUsageError(
            values["hosts-file"] !== undefined || values["from-outputs"] !== undefined
                ? "the files given hold no hostname to verify"
                : "give the hostname or https:// URL to verify",
        );
    const statuses = commaList(values["redirect-status"])?.map(validateRedirectStatus);
    const base: Omit<VerifyOptions, "target"> = {
        connectTo: (values["connect-to"] ?? []).map(parseConnectTo),
        ca: values.ca === undefined ? undefined : readCa(values.ca),
        caLabel: values.ca === undefined ? undefined : `--ca ${values.ca}`,
        minDays: numeric("--min-days", values["min-days"], VERIFY_DEFAULTS.minDays, BOUNDS.minDays, true),
        hstsMinMaxAge:
            values.hsts === undefined
                ? undefined
                : values.hsts === ""
                  ? 1
                  : numeric("--hsts", values.hsts, 1, BOUNDS.hsts, true),
        headers: (values.header ?? []).map((h) => parseHeaderOption("--header", h, true)),
        absentHeaders: (values["no-header"] ?? []).map((h) => parseHeaderOption("--no-header", h, false).name),
        expectFingerprint:
            values["expect-fingerprint"] === undefined ? undefined : normalizeFingerprint(values["expect-fingerprint"]),
        expectSerial: values["expect-serial"] === undefined ? undefined : normalizeSerial(values["expect-serial"]),
        redirectStatuses: statuses,
        redirectPaths: commaList(values["redirect-paths"])?.map(validateRedirectPath),
        clientCertificate: readClientCertificate(
            {
                certFile: values["client-cert"],
                keyFile: values["client-key"],
                passphraseEnv: values["client-key-passphrase-env"],
                passthrough: values["mtls-passthrough"] ?? false,
            },
            readFile,
        ),
        mtlsPassthrough: values["mtls-passthrough"] ?? false,
        timeoutMs: numeric("--timeout", values.timeout, VERIFY_DEFAULTS.timeoutMs / 1000, BOUNDS.timeout, false) * 1000,
    };
    if (base.redirectPaths?.length === 0)
        throw new VerifyUsageError("--redirect-paths is empty: list at least one path pattern, such as /app/*");
    if (statuses?.length === 0)
        throw new VerifyUsageError("--redirect-status is empty: list the accepted statuses, such as 301,308");
    const wait = {
        waitMs: numeric("--wait", values.wait, 0, BOUNDS.wait, false) * 1000,
        intervalMs:
            numeric("--interval", values.interval, VERIFY_DEFAULTS.intervalMs / 1000, BOUNDS.interval, false) * 1000,
    };
    const seen = new Set<string>();
    const targets: Parsed["targets"] = [];
    for (const text of raw) {
        const target = parseTarget(text);
        const url = `https://${hostPort(target.host, target.httpsPort, 443)}${target.path}`;
        if (seen.has(url)) continue;
        seen.add(url);
        targets.push({ url, options: { ...base, target } });
    }
    const concurrency = numeric(
        "--concurrency",
        values.concurrency,
        FLEET_DEFAULT_CONCURRENCY,
        BOUNDS.concurrency,
        true,
    );
    const fleet = targets.length > 1 || values["hosts-file"] !== undefined || values["from-outputs"] !== undefined;
    return { targets, wait, json: values.json ?? false, concurrency, fleet };
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
    const { targets, wait, json, concurrency, fleet } = parsed;
    if (fleet) {
        const results = await runFleet(
            targets.map((t) => ({ url: t.url, options: { ...t.options, lookup: deps.lookup } })),
            { ...wait, onProgress: (line) => io.err(line) },
            concurrency,
        );
        const report = fleetReport(results);
        io.out(json ? JSON.stringify(report, null, 2) : formatFleet(results));
        return report.exitCode;
    }
    const [{ url, options }] = targets;
    const outcome = await verify({ ...options, lookup: deps.lookup }, { ...wait, onProgress: (line) => io.err(line) });
    if (json) {
        io.out(JSON.stringify(toReport(url, outcome), null, 2));
        if (outcome.error) io.err(`aws-https-domain verify: ${outcome.error.message}`);
    } else {
        io.out(formatTable(url, outcome));
    }
    return exitCode(outcome);
}
