/**
 * The `verify` command: argument parsing and usage errors (exit 2), the table
 * and `--json` reports, exit codes, `--wait` polling, the dispatcher, and the
 * real CLI as a subprocess. Servers are real, on 127.0.0.1; every connection
 * is routed there by `--connect-to`, and no test resolves a name.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { memoryIo } from "../components/cli/io";
import { main } from "../components/cli/main";
import { run } from "../components/cli/commands/verify";
import { type LookupFn, type VerifyReport } from "../components/cli/verify";
import { makePki } from "./helpers/pki";
import { plainPage, redirectHandler, ServerPool, noLookup } from "./helpers/tlsServers";

const HOST = "app.example.test";
const REPO = join(__dirname, "..");

const pool = new ServerPool();
let dir: string;
let caFile: string;
let httpPort: number;
let httpsPort: number;
let fingerprint: string;

/** The arguments that route both ports to the good servers and trust the test root. */
function routed(http = httpPort, https = httpsPort): string[] {
    return [
        HOST,
        "--connect-to",
        `${HOST}:80:127.0.0.1:${http}`,
        "--connect-to",
        `${HOST}:443:127.0.0.1:${https}`,
        "--ca",
        caFile,
    ];
}

async function verify(argv: string[]) {
    const io = memoryIo();
    const code = await run(argv, io, { lookup: noLookup });
    return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeAll(async () => {
    const pki = await makePki("Cli");
    const leaf = await pki.leaf({ commonName: HOST, dnsNames: [HOST] });
    httpPort = (await pool.http(redirectHandler())).port;
    httpsPort = await pool.https({
        cert: leaf.pem + pki.intermediate.pem,
        key: leaf.key.pem,
        hsts: "max-age=63072000; includeSubDomains; preload",
    });
    dir = mkdtempSync(join(tmpdir(), "verify-cli-"));
    caFile = join(dir, "root.pem");
    writeFileSync(caFile, pki.root.pem);
    writeFileSync(join(dir, "empty.pem"), "not a certificate\n");
    const { X509Certificate } = await import("node:crypto");
    fingerprint = new X509Certificate(leaf.pem).fingerprint256;
});

afterAll(async () => {
    await pool.closeAll();
    rmSync(dir, { recursive: true, force: true });
});

describe("usage errors exit 2 with a message and no network use", () => {
    const cases: [string, string[], string][] = [
        ["no target", [], "give the hostname or https:// URL to verify"],
        [
            "a --timeout that would overflow Node's timers",
            [HOST, "--timeout", "3000000"],
            "--timeout '3000000' must be a number of seconds from 0.1 to 300",
        ],
        [
            "an --interval that would hammer the target",
            [HOST, "--wait", "3", "--interval", "0.001"],
            "--interval '0.001' must be a number of seconds from 0.5 to 3600",
        ],
        ["a --wait beyond a day", [HOST, "--wait", "1e9"], "--wait '1e9' must be a number of seconds from 0 to 86400"],
        [
            "a --concurrency of 0",
            [HOST, "--concurrency", "0"],
            "--concurrency '0' must be a whole number from 1 to 256",
        ],
        ["a bad --header", [HOST, "--header", "bad name=x"], "--header 'bad name=x' is not NAME or NAME=VALUE"],
        [
            "a --no-header with a value",
            [HOST, "--no-header", "server=x"],
            "--no-header 'server=x' is not a header name",
        ],
        ["an unknown option", [HOST, "--insecure"], "Unknown option '--insecure'"],
        [
            "an http URL",
            ["http://app.example.test/"],
            "'http://app.example.test/' is not an https:// URL: give the https:// URL or the bare host name (the HTTP to HTTPS redirect is checked on port 80 by itself)",
        ],
        [
            "a short --connect-to",
            [HOST, "--connect-to", `${HOST}:443:127.0.0.1`],
            `--connect-to '${HOST}:443:127.0.0.1' must have four parts HOST1:PORT1:HOST2:PORT2 (for example app.example.com:443:127.0.0.1:8443; IPv6 in brackets)`,
        ],
        [
            "a bad port in --connect-to",
            [HOST, "--connect-to", `${HOST}:443:127.0.0.1:70000`],
            `--connect-to '${HOST}:443:127.0.0.1:70000': '70000' is not a port number (1-65535)`,
        ],
        [
            "a non-numeric --min-days",
            [HOST, "--min-days", "two"],
            "--min-days 'two' must be a whole number from 0 to 3650",
        ],
        ["--hsts 0", [HOST, "--hsts", "0"], "--hsts '0' must be a whole number from 1 to 1000000000"],
        ["a negative --wait", [HOST, "--wait=-1"], "--wait '-1' must be a number of seconds from 0 to 86400"],
        [
            "a non-redirect --redirect-status",
            [HOST, "--redirect-status", "301,200"],
            "--redirect-status '200' is not a redirect status: use 301, 302, 303, 307, 308",
        ],
        [
            "a --redirect-paths entry without a slash",
            [HOST, "--redirect-paths", "/app/*,api"],
            "--redirect-paths 'api' is not an ALB path pattern: start it with '/', at most 128 characters, no spaces (wildcards * and ? allowed)",
        ],
        [
            "a short fingerprint",
            [HOST, "--expect-fingerprint", "AB:CD"],
            "--expect-fingerprint 'AB:CD' is not a SHA-256 fingerprint: give 64 hex digits, with or without colons (openssl x509 -noout -fingerprint -sha256)",
        ],
        [
            "a non-hex serial",
            [HOST, "--expect-serial", "12xz"],
            "--expect-serial '12xz' is not a hex serial number: give it as openssl prints it (openssl x509 -noout -serial), colons optional",
        ],
    ];
    it.each(cases)("%s", async (_name, argv, message) => {
        const { code, stdout, stderr } = await verify(argv);
        expect(code).toBe(2);
        expect(stdout).toBe("");
        expect(stderr.split("\n")[0]).toContain(message);
        expect(stderr).toMatch(/^aws-https-domain verify: .*\nRun 'aws-https-domain verify --help' for usage\.\n$/s);
    });

    it("a --ca file that is missing or holds no certificate", async () => {
        expect((await verify([HOST, "--ca", join(dir, "missing.pem")])).stderr).toContain(
            `cannot read --ca file '${join(dir, "missing.pem")}': no such file`,
        );
        const device = await verify([HOST, "--ca", "/dev/zero"]);
        expect(device.code).toBe(2);
        expect(device.stderr).toContain(
            "cannot read --ca file '/dev/zero': it is a character device; give a regular file",
        );
        const empty = await verify([HOST, "--ca", join(dir, "empty.pem")]);
        expect(empty.code).toBe(2);
        expect(empty.stderr).toContain(
            `--ca '${join(dir, "empty.pem")}' contains no PEM certificate (-----BEGIN CERTIFICATE-----)`,
        );
    });

    it("--help prints every option and exits 0", async () => {
        const { code, stdout } = await verify(["--help"]);
        expect(code).toBe(0);
        for (const option of [
            "--connect-to",
            "--ca",
            "--min-days",
            "--hsts",
            "--expect-fingerprint",
            "--expect-serial",
            "--redirect-status",
            "--redirect-paths",
            "--wait",
            "--interval",
            "--timeout",
            "--json",
        ]) {
            expect(stdout).toContain(`  ${option} `);
        }
    });
});

describe("reports and exit codes", () => {
    it("prints a table and exits 0 when every check passes (bare --hsts, fingerprint in lower case without colons)", async () => {
        const { code, stdout, stderr } = await verify([
            ...routed(),
            "--hsts",
            "--expect-fingerprint",
            fingerprint.replace(/:/g, "").toLowerCase(),
        ]);
        expect(stderr).toBe("");
        expect(code).toBe(0);
        const lines = stdout.split("\n");
        expect(lines[0]).toBe(
            `Verifying https://${HOST}/ (HTTPS at 127.0.0.1:${httpsPort} by --connect-to, HTTP at 127.0.0.1:${httpPort} by --connect-to)`,
        );
        expect(lines[2]).toBe("STATUS  CHECK        RESULT");
        expect(lines.filter((l) => /^(PASS|WARN|FAIL) /.test(l)).map((l) => l.slice(0, 21).trimEnd())).toEqual([
            "PASS    redirect",
            "PASS    tls-version",
            "PASS    cipher",
            "PASS    trust",
            "PASS    chain",
            "PASS    hostname",
            "PASS    expiry",
            "PASS    hsts",
            "PASS    certificate",
        ]);
        expect(stdout).toContain(`                     header: max-age=63072000; includeSubDomains; preload\n`);
        expect(lines[lines.length - 2]).toBe("9 checks: 9 passed, 0 warned, 0 failed");
    });

    it("--json prints one document with every check's id, status, message and evidence, and exits 1 on a failure", async () => {
        const noRedirect = (await pool.http(plainPage)).port;
        const { code, stdout, stderr } = await verify([...routed(noRedirect), "--json", "--min-days", "365"]);
        expect(code).toBe(1);
        expect(stderr).toBe("");
        const report = JSON.parse(stdout) as VerifyReport;
        expect(Object.keys(report)).toEqual([
            "url",
            "result",
            "exitCode",
            "attempts",
            "elapsedMs",
            "connectedTo",
            "checks",
            "error",
        ]);
        expect(report).toMatchObject({
            url: `https://${HOST}/`,
            result: "failed",
            exitCode: 1,
            attempts: 1,
            connectedTo: { https: `127.0.0.1:${httpsPort}`, http: `127.0.0.1:${noRedirect}` },
            error: null,
        });
        expect(report.checks.map((c) => [c.id, c.status])).toEqual([
            ["redirect", "fail"],
            ["tls-version", "pass"],
            ["cipher", "pass"],
            ["trust", "pass"],
            ["chain", "pass"],
            ["hostname", "pass"],
            ["expiry", "fail"],
        ]);
        for (const check of report.checks) expect(Object.keys(check)).toEqual(["id", "status", "message", "evidence"]);
        expect(report.checks.find((c) => c.id === "expiry")?.message).toMatch(
            /^the certificate expires on \S+Z, in 8\d days \d+ hours?, less than the 365 days required \(--min-days\)/,
        );
        expect(report.checks[0].evidence.requests).toEqual([
            `http://${HOST}/ → 200`,
            expect.stringMatching(
                new RegExp(`^http://${HOST}/aws-https-domain-verify/\\w+/page\\.html\\?q=1&check=\\w+ → 200$`),
            ),
        ]);
    });

    it("exits 2 on a DNS error, in the table and in --json", async () => {
        const failing: LookupFn = async (name) => {
            throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
        };
        const message = `cannot resolve ${HOST} (ENOTFOUND): check the name and that its DNS records exist and have propagated`;
        const table = memoryIo();
        expect(await run([HOST], table, { lookup: failing })).toBe(2);
        expect(table.stdout).toBe(`Verifying https://${HOST}/\n\nERROR ${message}\n`);
        const json = memoryIo();
        expect(await run([HOST, "--json"], json, { lookup: failing })).toBe(2);
        expect(JSON.parse(json.stdout)).toMatchObject({
            result: "error",
            exitCode: 2,
            checks: [],
            connectedTo: null,
            error: { kind: "dns", code: "ENOTFOUND", message },
        });
        expect(json.stderr).toBe(`aws-https-domain verify: ${message}\n`);
    });

    it("exits 2 when the HTTPS port refuses connections", async () => {
        const closed = await pool.closedPort();
        const { code, stdout } = await verify(routed(httpPort, closed));
        expect(code).toBe(2);
        expect(stdout).toContain(
            `ERROR TLS connection to ${HOST} (127.0.0.1:${closed}) failed: connect ECONNREFUSED 127.0.0.1:${closed}`,
        );
    });
});

describe("--wait", () => {
    it("keeps polling with progress on stderr and succeeds once the server is fixed", async () => {
        const server = await pool.http(plainPage);
        setTimeout(() => server.setHandler(redirectHandler()), 350);
        const started = Date.now();
        const { code, stdout, stderr } = await verify([...routed(server.port), "--wait", "5", "--interval", "0.5"]);
        expect(code).toBe(0);
        expect(Date.now() - started).toBeLessThan(3000);
        const progress = stderr.trim().split("\n");
        expect(progress.length).toBeGreaterThanOrEqual(1);
        expect(progress[0]).toMatch(
            /^verify: attempt 1 after \d\.\ds: not passing yet: redirect; retrying in 0\.5s \(\d\.\ds left\)$/,
        );
        expect(stdout).toMatch(
            new RegExp(`\\n7 checks: 7 passed, 0 warned, 0 failed after ${progress.length + 1} attempts\\n$`),
        );
    });

    it("gives up when the time runs out and reports the last round", async () => {
        const server = await pool.http(plainPage);
        const { code, stdout, stderr } = await verify([
            ...routed(server.port),
            "--wait",
            "0.6",
            "--interval",
            "0.5",
            "--json",
        ]);
        expect(code).toBe(1);
        const report = JSON.parse(stdout) as VerifyReport;
        expect(report.attempts).toBeGreaterThanOrEqual(2);
        expect(report.checks[0]).toMatchObject({ id: "redirect", status: "fail" });
        expect(stderr.trim().split("\n")).toHaveLength(report.attempts - 1);
    });
});

describe("the command as users run it", () => {
    const args = () => ["verify", ...routed(), "--json"];

    it("is dispatched by main()", async () => {
        const io = memoryIo();
        expect(await main(args(), io)).toBe(0);
        expect(JSON.parse(io.stdout)).toMatchObject({ result: "passed", exitCode: 0 });
        const help = memoryIo();
        expect(await main(["--help"], help)).toBe(0);
        expect(help.stdout).toContain("  verify       check that a deployed hostname is served securely over HTTPS");
    });

    it("runs as a subprocess through the aws-https-domain entry point, with its exit code", async () => {
        const exec = promisify(execFile);
        const node = (extra: string[]) =>
            exec(process.execPath, ["--import", "tsx", "components/cli/main.ts", ...args(), ...extra], {
                cwd: REPO,
            }).then(
                (r) => ({ code: 0, ...r }),
                (err: { code: number; stdout: string; stderr: string }) => err,
            );
        const passed = await node([]);
        expect(passed.code).toBe(0);
        expect(JSON.parse(passed.stdout)).toMatchObject({
            result: "passed",
            exitCode: 0,
            connectedTo: { https: `127.0.0.1:${httpsPort}` },
        });
        const failed = await node(["--min-days", "1000"]);
        expect(failed.code).toBe(1);
        expect(JSON.parse(failed.stdout).checks.find((c: { id: string }) => c.id === "expiry").status).toBe("fail");
        const usage = await node(["--timeout", "0"]);
        expect(usage.code).toBe(2);
        expect(usage.stderr).toContain("--timeout '0' must be a number of seconds from 0.1 to 300");
    });
});
