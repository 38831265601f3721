/**
 * `aws-https-domain check-cert`: runs the same certificate checks as
 * `ImportedCertificate` on local files, before anything is deployed. This
 * module parses arguments, reads files, prints the report and maps exit codes
 * (0 every check passed, warnings allowed; 1 a check failed; 2 usage error or
 * unreadable file). The checks live in `components/internal/certificates`.
 */
import { parseArgs } from "node:util";
import { readCertificates } from "../../internal/certificates/chain";
import {
    type CertificateCheckReport,
    type CertificateProperty,
    checkCertificate,
    DEFAULT_EXPIRY_WARNING_DAYS,
} from "../../internal/certificates/checks";
import { opensslVerdict } from "../../internal/certificates/openssl";
import { type TrustAnchors } from "../../internal/certificates/path";
import { InputFileError, readInputFile } from "../verify/files";
import { type CliIo } from "../io";

const HELP = `Usage: aws-https-domain check-cert --cert FILE --key FILE [--chain FILE] [options]
       aws-https-domain check-cert --pfx FILE [--password-env VAR] [options]

Checks a certificate, its chain and private key the way ImportedCertificate
does before importing them into ACM: PEM format, key unencrypted and matching,
key type and size ACM and the ALB accept, validity, host names covered,
serverAuth usage, chain order, self-signed; then validates the whole path
(every certificate's dates, signature algorithm, CA and key usage, path
length, name constraints, cycles) and asks OpenSSL for a TLS client's verdict
in an in-memory handshake trusting only the root the path ends at.

Options:
  --cert FILE             the server certificate (PEM; may hold the full chain)
  --key FILE              its private key (PEM, unencrypted)
  --chain FILE            the intermediate certificates (PEM)
  --pfx FILE              a PKCS#12 bundle (.pfx/.p12) instead of --cert/--key
  --ca FILE               the roots the path may end at (PEM; default: the public roots
                          bundled with Node, i.e. Mozilla's list, or a root in --chain)
  --password-env VAR      read the PFX password from environment variable VAR
  --hostname NAME         a host name the certificate must cover (repeatable)
  --min-days N            warn when fewer than N days are left (default ${DEFAULT_EXPIRY_WARNING_DAYS})
  --allow-self-signed     a self-signed certificate is a warning, not a failure
  --json                  print one JSON document instead of the table
  -h, --help              show this help

Files must be regular files of at most 1 MiB.

Exit codes: 0 every check passed (warnings allowed), 1 a check failed,
2 usage error or unreadable file.`;

/** The command-line flag for each checked input, for the report. */
const FLAG: Record<CertificateProperty, string> = {
    certificate: "--cert",
    privateKey: "--key",
    chain: "--chain",
    pfx: "--pfx",
    pfxPassword: "--password-env",
    hostnames: "--hostname",
};

/** Test seam: the time to check validity against (defaults to now). */
export interface CheckCertDeps {
    now?: Date;
}

class UsageError extends Error {}

function readInput(flag: string, file: string): Buffer {
    try {
        return readInputFile(flag, file);
    } catch (err) {
        if (err instanceof InputFileError) throw new UsageError(err.message);
        throw err;
    }
}

function readText(flag: string, file: string): string {
    return readInput(flag, file).toString("utf8");
}

/** The `--ca` roots; a usage error when the file holds no readable certificate. */
function readAnchors(file: string): TrustAnchors {
    const read = readCertificates(readText("--ca", file));
    if (read.problem || read.certificates.length === 0)
        throw new UsageError(`--ca file '${file}' ${read.problem ?? "holds no certificate"}`);
    return { certificates: read.certificates, label: `the roots in --ca ${file}` };
}

/**
 * Adds OpenSSL's verdict (`openssl`): a TLS handshake in memory, the client trusting only the anchor the
 * path ends at. Skipped (a warning) when no anchor is known or there is no usable key.
 */
async function addOpensslVerdict(report: CertificateCheckReport): Promise<void> {
    const n = report.normalized;
    const keyOk = report.results.some((r) => r.id === "key.match" && r.status === "pass");
    if (!n?.keyPem || !keyOk || report.summary?.selfSigned) return;
    const add = (status: "pass" | "warn" | "fail", message: string) =>
        report.results.push({ id: "openssl", status, property: "chain", message });
    if (!report.anchorPem) {
        add(
            "warn",
            "OpenSSL could not validate the whole path: it does not end at a root given in --chain or --ca, nor at a public root. Pass the root with --ca ROOT.pem for a complete check.",
        );
    } else {
        const verdict = await opensslVerdict(n.leafPem, n.chainPem, n.keyPem, [report.anchorPem]);
        const reason = verdict.code ?? verdict.error;
        if (reason === undefined)
            add("pass", "OpenSSL, as a TLS client trusting only the root the path ends at, accepts the chain.");
        else
            add(
                "fail",
                `OpenSSL, as a TLS client trusting only the root the path ends at, rejects the chain (${reason.replace(/^error:[0-9A-F]+:[^:]*::/, "")}).`,
            );
    }
    report.ok = !report.results.some((r) => r.status === "fail");
    report.warnings = report.results.filter((r) => r.status === "warn").map((r) => r.message);
}

/** The report as aligned text: the certificate at a glance, then one row per check. */
export function formatReport(
    report: CertificateCheckReport,
    flagOf: (p: CertificateProperty) => string = (p) => FLAG[p],
): string {
    const lines: string[] = [];
    const s = report.summary;
    if (s) {
        const left = s.daysLeft >= 0 ? `${s.daysLeft} days left` : `expired ${-s.daysLeft} days ago`;
        const facts: [string, string][] = [
            ["Subject", s.subject],
            ["Names", s.names.join(", ") || "(none)"],
            ["Issuer", s.selfSigned ? `${s.issuer} (self-signed)` : s.issuer],
            ["Key", s.key],
            ["Valid", `${s.notBefore} → ${s.notAfter} (${left})`],
            ["Serial", s.serialNumber],
            ["SHA-256", s.fingerprint256],
        ];
        for (const [k, v] of facts) lines.push(`${k.padEnd(9)}${v}`);
        lines.push("");
    }
    const rows = report.results.map((r) => [r.status.toUpperCase(), r.id, flagOf(r.property), r.message]);
    const widths = [0, 1, 2].map((i) =>
        Math.max(...[["STATUS", "CHECK", "INPUT"][i].length, ...rows.map((row) => row[i].length)]),
    );
    const pad = (row: string[]) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join("  ");
    lines.push(pad(["STATUS", "CHECK", "INPUT", "MESSAGE"]));
    for (const row of rows) lines.push(pad(row));
    const count = (status: string) => report.results.filter((r) => r.status === status).length;
    const warnings = count("warn") === 1 ? "1 warning" : `${count("warn")} warnings`;
    lines.push("", `${report.ok ? "OK" : "FAILED"}: ${count("fail")} failed, ${warnings}, ${count("pass")} passed.`);
    return lines.join("\n");
}

/** Runs `check-cert` and returns the exit code. */
export async function run(argv: string[], io: CliIo, deps: CheckCertDeps = {}): Promise<number> {
    let report: CertificateCheckReport;
    let json = false;
    let fromPfx = false;
    let extraChain = false;
    try {
        const { values } = (() => {
            try {
                return parseArgs({
                    args: argv,
                    options: {
                        cert: { type: "string" },
                        key: { type: "string" },
                        chain: { type: "string" },
                        pfx: { type: "string" },
                        ca: { type: "string" },
                        "password-env": { type: "string" },
                        hostname: { type: "string", multiple: true },
                        "min-days": { type: "string" },
                        "allow-self-signed": { type: "boolean" },
                        json: { type: "boolean" },
                        help: { type: "boolean", short: "h" },
                    },
                    allowPositionals: false,
                    strict: true,
                });
            } catch (err) {
                throw new UsageError((err as Error).message);
            }
        })();
        if (values.help) {
            io.out(HELP);
            return 0;
        }
        json = values.json ?? false;
        fromPfx = values.pfx !== undefined;
        extraChain = values.chain !== undefined;
        if (values.pfx !== undefined && (values.cert !== undefined || values.key !== undefined)) {
            throw new UsageError("give either --pfx or --cert/--key, not both.");
        }
        if (values.pfx === undefined && values.cert === undefined)
            throw new UsageError("give --cert FILE (with --key FILE) or --pfx FILE.");
        if (values["password-env"] !== undefined && values.pfx === undefined)
            throw new UsageError("--password-env goes with --pfx.");
        let minDays = DEFAULT_EXPIRY_WARNING_DAYS;
        if (values["min-days"] !== undefined) {
            if (!/^\d{1,4}$/.test(values["min-days"]) || Number(values["min-days"]) > 3650)
                throw new UsageError(
                    `--min-days takes a whole number of days from 0 to 3650 (got '${values["min-days"]}').`,
                );
            minDays = Number(values["min-days"]);
        }
        let pfxPassword: string | undefined;
        const passwordVar = values["password-env"];
        if (passwordVar !== undefined) {
            pfxPassword = io.env[passwordVar];
            if (pfxPassword === undefined)
                throw new UsageError(`environment variable ${passwordVar} (from --password-env) is not set.`);
        }
        report = checkCertificate({
            certificatePem: values.cert !== undefined ? readText("--cert", values.cert) : undefined,
            privateKeyPem: values.key !== undefined ? readText("--key", values.key) : undefined,
            chainPem: values.chain !== undefined ? readText("--chain", values.chain) : undefined,
            pfx: values.pfx !== undefined ? readInput("--pfx", values.pfx) : undefined,
            anchors: values.ca !== undefined ? readAnchors(values.ca) : undefined,
            requireKey: true,
            pfxPassword,
            hostnames: (values.hostname ?? [])
                .flatMap((h) => h.split(","))
                .map((h) => h.trim())
                .filter(Boolean),
            minDays,
            allowSelfSigned: values["allow-self-signed"] ?? false,
            now: deps.now,
        });
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        if (json) io.out(JSON.stringify({ ok: false, exitCode: 2, error: err.message }, null, 2));
        else
            io.err(
                `aws-https-domain check-cert: ${err.message}\n\nRun 'aws-https-domain check-cert --help' for the options.`,
            );
        return 2;
    }
    await addOpensslVerdict(report);
    const exitCode = report.ok ? 0 : 1;
    // With --pfx, the certificate and key (and the chain, unless --chain adds to it) come from the bundle.
    const flagOf = (p: CertificateProperty) =>
        fromPfx && (p === "certificate" || p === "privateKey" || (p === "chain" && !extraChain)) ? "--pfx" : FLAG[p];
    if (json) {
        // Never the PEM text: the report may be archived by a pipeline.
        const results = report.results.map((r) => ({ ...r, input: flagOf(r.property) }));
        io.out(
            JSON.stringify(
                {
                    ok: report.ok,
                    exitCode,
                    summary: report.summary ?? null,
                    keyAlgorithm: report.keyAlgorithm ?? null,
                    results,
                    warnings: report.warnings,
                },
                null,
                2,
            ),
        );
    } else {
        io.out(formatReport(report, flagOf));
    }
    return exitCode;
}
