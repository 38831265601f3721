/**
 * `aws-https-domain check-cert` through its `run(argv, io)` with real files
 * made at test time: table output, --json, exit codes 0/1/2, PFX with
 * --password-env, and the dispatcher entry.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../components/cli/commands/checkCert";
import { memoryIo } from "../components/cli/io";
import { main } from "../components/cli/main";
import { bundle, type DeepPki, makeDeepPki } from "./helpers/certChain";
import { makePfx } from "./helpers/pfx";
import { exportKey, makeCert, type TestCert } from "./helpers/pki";

let dir: string;
let pki: DeepPki;
let leaf: TestCert;
const file = (name: string) => join(dir, name);
const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
/** A fixed "now": 20 days (and an hour) before the leaf expires. */
let now: Date;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "check-cert-"));
    pki = await makeDeepPki("Cli");
    leaf = await pki.leaf({
        commonName: "app.example.com",
        dnsNames: ["app.example.com", "*.app.example.com"],
        notAfterDays: 60,
    });
    now = new Date(leaf.cert.notAfter.getTime() - (20 * 24 + 1) * 3600 * 1000);
    const self = await makeCert({ commonName: "self.example.com", dnsNames: ["self.example.com"] });
    writeFileSync(file("cert.pem"), leaf.pem);
    writeFileSync(file("key.pem"), leaf.key.pem);
    writeFileSync(file("chain.pem"), bundle(pki.int1, pki.int2)); // out of order
    writeFileSync(file("encrypted.pem"), exportKey(leaf.key, "pkcs8-encrypted"));
    writeFileSync(file("self.pem"), self.pem);
    writeFileSync(file("self-key.pem"), self.key.pem);
    writeFileSync(
        file("bundle.pfx"),
        makePfx({
            certificatePem: leaf.pem,
            keyPem: leaf.key.pem,
            chainPem: bundle(pki.int2, pki.int1),
            password: "pfx-pass",
        }),
    );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string> = {}) {
    const io = memoryIo(env);
    const code = await run(args, io, { now });
    return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("check-cert", () => {
    it("prints the certificate and a table of every check; exit 0 with warnings", async () => {
        const { code, stdout, stderr } = await cli([
            "--cert",
            file("cert.pem"),
            "--key",
            file("key.pem"),
            "--chain",
            file("chain.pem"),
            "--hostname",
            "app.example.com",
            "--hostname",
            "x.app.example.com",
        ]);
        expect(stderr).toBe("");
        expect(code).toBe(0);
        const lines = stdout.trimEnd().split("\n");
        expect(lines.slice(0, 6)).toEqual([
            "Subject  CN=app.example.com",
            "Names    app.example.com, *.app.example.com",
            "Issuer   CN=Cli Intermediate 2",
            "Key      ECDSA P-256",
            `Valid    ${iso(leaf.cert.notBefore)} → ${iso(leaf.cert.notAfter)} (20 days left)`,
            `Serial   ${leaf.cert.serialNumber.toUpperCase()}`,
        ]);
        expect(lines[6]).toMatch(/^SHA-256 {2}([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
        expect(lines.slice(8)).toEqual([
            "STATUS  CHECK               INPUT       MESSAGE",
            "PASS    certificate.format  --cert      read certificate 'CN=app.example.com'.",
            "PASS    key.format          --key       ECDSA P-256 private key.",
            `PASS    key.size            --key       ${Buffer.byteLength(leaf.key.pem)} bytes (ACM limit 5120).`,
            "PASS    key.match           --key       the private key matches the certificate.",
            "PASS    key.algorithm       --cert      ECDSA P-256 key (ACM: EC_prime256v1).",
            `PASS    validity.start      --cert      valid since ${iso(leaf.cert.notBefore)}.`,
            `WARN    validity.end        --cert      the certificate expires on ${iso(leaf.cert.notAfter)}, in 20 days (warning threshold: 30 days); renew it with your CA soon.`,
            "PASS    hostnames           --hostname  covers app.example.com, x.app.example.com.",
            "PASS    eku                 --cert      extended key usage includes serverAuth.",
            "PASS    certificate.leaf    --cert      server certificate 'CN=app.example.com'.",
            "PASS    self-signed         --cert      issued by 'CN=Cli Intermediate 2'.",
            "WARN    chain.reordered     --chain     reordered the chain to leaf → 'CN=Cli Intermediate 2' → 'CN=Cli Intermediate 1': each certificate must certify the one before it.",
            "PASS    chain.links         --chain     leaf → 'CN=Cli Intermediate 2' → 'CN=Cli Intermediate 1'.",
            "PASS    path                --chain     every certificate in the path is valid (dates, signatures of SHA-256 or better, CA constraints, key usage, name constraints); the path ends at 'CN=Cli Intermediate 1', whose issuer 'CN=Cli Root' was not given and is not one of the public roots (its root could not be checked).",
            "WARN    openssl             --chain     OpenSSL could not validate the whole path: it does not end at a root given in --chain or --ca, nor at a public root. Pass the root with --ca ROOT.pem for a complete check.",
            "",
            "OK: 0 failed, 3 warnings, 12 passed.",
        ]);
    });

    it("exits 1 when a check fails, naming the fix, and never prints key material", async () => {
        const { code, stdout } = await cli([
            "--cert",
            file("cert.pem"),
            "--key",
            file("encrypted.pem"),
            "--hostname",
            "api.example.com",
            "--min-days",
            "5",
        ]);
        expect(code).toBe(1);
        expect(stdout).toContain(
            "FAIL    key.format          --key       the private key is encrypted (PKCS#8 'ENCRYPTED PRIVATE KEY'); ACM needs it unencrypted. Decrypt it with `openssl pkey -in key.pem -out key-decrypted.pem`",
        );
        expect(stdout).toContain(
            "FAIL    hostnames           --hostname  the certificate does not cover api.example.com:",
        );
        expect(stdout).toContain(
            `PASS    validity.end        --cert      valid until ${iso(leaf.cert.notAfter)} (20 days left).`,
        );
        expect(stdout).toContain(
            "FAIL    chain.links         --chain     no intermediate certificates given, and the issuer 'CN=Cli Intermediate 2' is not one of the public roots: TLS clients (and `verify`) will fail to validate the certificate.",
        );
        expect(stdout.trimEnd().split("\n").pop()).toBe("FAILED: 3 failed, 0 warnings, 8 passed.");
        for (const pem of [leaf.key.pem, exportKey(leaf.key, "pkcs8-encrypted")])
            expect(stdout).not.toContain(pem.split("\n")[1]);
    });

    it("--json: one document with summary and results, no PEM", async () => {
        const { code, stdout } = await cli([
            "--cert",
            file("self.pem"),
            "--key",
            file("self-key.pem"),
            "--allow-self-signed",
            "--json",
        ]);
        expect(code).toBe(0);
        const doc = JSON.parse(stdout);
        expect(doc).toMatchObject({
            ok: true,
            exitCode: 0,
            keyAlgorithm: "EC_prime256v1",
            summary: {
                subject: "CN=self.example.com",
                names: ["self.example.com"],
                selfSigned: true,
                key: "ECDSA P-256",
            },
            warnings: [
                "the certificate is self-signed: browsers will not trust it (allowed for this test environment).",
            ],
        });
        expect(doc.results.find((r: { id: string }) => r.id === "self-signed")).toEqual({
            id: "self-signed",
            status: "warn",
            property: "certificate",
            input: "--cert",
            message: "the certificate is self-signed: browsers will not trust it (allowed for this test environment).",
        });
        expect(stdout).not.toContain("BEGIN");
        const refused = await cli(["--cert", file("self.pem"), "--json"]);
        expect(refused.code).toBe(1);
        expect(JSON.parse(refused.stdout).ok).toBe(false);
    });

    it("reads a PFX bundle with --pfx and --password-env", async () => {
        const ok = await cli(
            ["--pfx", file("bundle.pfx"), "--password-env", "PFX_PASS", "--hostname", "app.example.com", "--json"],
            { PFX_PASS: "pfx-pass" },
        );
        expect(ok.code).toBe(0);
        const doc = JSON.parse(ok.stdout);
        expect(doc.results.map((r: { input: string }) => r.input)).toEqual([
            "--pfx",
            "--pfx",
            "--pfx",
            "--pfx",
            "--pfx",
            "--pfx",
            "--pfx",
            "--pfx",
            "--hostname",
            "--pfx",
            "--pfx",
            "--pfx",
            "--pfx",
            "--pfx",
            "--pfx",
        ]);
        expect(doc.results.map((r: { id: string; status: string }) => `${r.id}=${r.status}`)).toEqual([
            "pfx=pass",
            "certificate.format=pass",
            "key.format=pass",
            "key.size=pass",
            "key.match=pass",
            "key.algorithm=pass",
            "validity.start=pass",
            "validity.end=warn",
            "hostnames=pass",
            "eku=pass",
            "certificate.leaf=pass",
            "self-signed=pass",
            "chain.links=pass",
            "path=pass",
            "openssl=warn",
        ]);
        const wrong = await cli(["--pfx", file("bundle.pfx"), "--password-env", "PFX_PASS"], { PFX_PASS: "nope" });
        expect(wrong.code).toBe(1);
        expect(wrong.stdout).toContain(
            "FAIL    pfx    --password-env  the PFX bundle could not be opened: the password is wrong.",
        );
        expect(wrong.stdout).not.toContain("nope");
    });

    it.each([
        [["--cert"], "Option '--cert <value>' argument missing"],
        [["--cert", "a.pem", "--bogus"], "Unknown option '--bogus'"],
        [[], "give --cert FILE (with --key FILE) or --pfx FILE."],
        [["--pfx", "b.pfx", "--cert", "a.pem"], "give either --pfx or --cert/--key, not both."],
        [["--cert", "a.pem", "--password-env", "X"], "--password-env goes with --pfx."],
        [
            ["--cert", "a.pem", "--min-days", "soon"],
            "--min-days takes a whole number of days from 0 to 3650 (got 'soon').",
        ],
        [
            ["--pfx", "b.pfx", "--password-env", "UNSET_VAR"],
            "environment variable UNSET_VAR (from --password-env) is not set.",
        ],
        [["--cert", "/nonexistent/cert.pem"], "cannot read --cert file '/nonexistent/cert.pem': no such file."],
    ])("exits 2 on bad usage or an unreadable file: %j", async (args, message) => {
        const { code, stdout, stderr } = await cli(args);
        expect(code).toBe(2);
        expect(stdout).toBe("");
        expect(stderr).toContain(message);
        expect(stderr).toContain("Run 'aws-https-domain check-cert --help' for the options.");
    });

    it("reports usage errors as JSON with --json", async () => {
        const { code, stdout } = await cli(["--cert", join(dir, "missing.pem"), "--json"]);
        expect(code).toBe(2);
        expect(JSON.parse(stdout)).toEqual({
            ok: false,
            exitCode: 2,
            error: `cannot read --cert file '${join(dir, "missing.pem")}': no such file.`,
        });
    });

    it("is reachable through the dispatcher, with help", async () => {
        const io = memoryIo();
        expect(await main(["check-cert", "--help"], io)).toBe(0);
        expect(io.stdout).toMatch(/^Usage: aws-https-domain check-cert --cert FILE --key FILE/);
        const top = memoryIo();
        await main(["--help"], top);
        expect(top.stdout).toContain(
            "  check-cert   check a PEM/PFX certificate, chain and key the way ImportedCertificate will, before deploying",
        );
    });
});
