/**
 * `verify --client-cert FILE --client-key FILE` (mutual TLS) against real
 * servers on 127.0.0.1 that ask for client certificates (`requestCert`) and,
 * like an ALB in verify mode, refuse a client without a valid one
 * (`rejectUnauthorized`), or, like passthrough, answer it. Client
 * certificates (EKU clientAuth) are made here. Every connection is routed to
 * loopback by `--connect-to`; no name is resolved.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryIo } from "../components/cli/io";
import { run } from "../components/cli/commands/verify";
import { type VerifyReport } from "../components/cli/verify";
import { EKU_CLIENT_AUTH, exportKey, makeKey, makePki, P256, type TestCert, type TestPki } from "./helpers/pki";
import { redirectHandler, ServerPool, noLookup } from "./helpers/tlsServers";
import { OPENSSL_BEFORE_3_2 } from "./helpers/openssl";

/**
 * OpenSSL's handshake_failure alert as Node reports it: OpenSSL 3.2 renamed the "sslv3 alert …" reasons
 * "ssl/tls alert …" (openssl/openssl ssl/ssl_err.c), so Node 20 (OpenSSL 3.0) and Node 22+ (3.5) differ.
 */
const HANDSHAKE_FAILURE = OPENSSL_BEFORE_3_2
    ? "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: sslv3 alert handshake failure"
    : "ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE: ssl/tls alert handshake failure";

const HOST = "mtls.example.test";
const pool = new ServerPool();
let dir: string;
let serverPki: TestPki;
let clients: TestPki;
let client: TestCert;
let stranger: TestCert;
let httpPort: number;
/** Requires a client certificate from `clients` (verify mode), TLS 1.2 and 1.3. */
let verifyPort: number;
/** Asks for one but answers without (passthrough). */
let passthroughPort: number;
/** No client certificate asked for. */
let plainPort: number;
/** Requires a client certificate and accepts TLS 1.0 too. */
let legacyPort: number;
/** Requires a client certificate, TLS 1.2 only: the certificate is judged inside the handshake. */
let tls12Port: number;

const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
};

async function verify(https: number, ...extra: string[]) {
    const io = memoryIo();
    const code = await run(
        [
            HOST,
            "--connect-to",
            `${HOST}:80:127.0.0.1:${httpPort}`,
            "--connect-to",
            `${HOST}:443:127.0.0.1:${https}`,
            "--ca",
            join(dir, "server-root.pem"),
            "--json",
            "--timeout",
            "5",
            ...extra,
        ],
        io,
        { lookup: noLookup },
    );
    const report = io.stdout ? (JSON.parse(io.stdout) as VerifyReport) : undefined;
    return { code, report, stderr: io.stderr, byId: new Map(report?.checks.map((c) => [c.id, c]) ?? []) };
}

const withClient = () => ["--client-cert", join(dir, "client.pem"), "--client-key", join(dir, "client.key")];

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "verify-mtls-"));
    serverPki = await makePki("Server");
    clients = await makePki("Clients");
    const leaf = await serverPki.leaf({ commonName: HOST, dnsNames: [HOST] });
    // Own keys: leaves share one test key by default, and the key-mismatch test needs another.
    client = await clients.leaf({
        commonName: "ci-runner",
        extendedKeyUsages: [EKU_CLIENT_AUTH],
        key: await makeKey(P256),
    });
    const others = await makePki("Other");
    stranger = await others.leaf({
        commonName: "stranger",
        extendedKeyUsages: [EKU_CLIENT_AUTH],
        key: await makeKey(P256),
    });
    file("server-root.pem", serverPki.root.pem);
    file("client.pem", client.pem + clients.intermediate.pem);
    file("client.key", client.key.pem);
    file("stranger.pem", stranger.pem + others.intermediate.pem);
    file("stranger.key", stranger.key.pem);
    const server = { cert: leaf.pem + serverPki.intermediate.pem, key: leaf.key.pem };
    httpPort = (await pool.http(redirectHandler())).port;
    verifyPort = await pool.https({ ...server, clientCa: clients.root.pem + clients.intermediate.pem });
    passthroughPort = await pool.https({ ...server, clientCa: clients.root.pem, requireClientCert: false });
    plainPort = await pool.https(server);
    tls12Port = await pool.https({
        ...server,
        maxVersion: "TLSv1.2",
        clientCa: clients.root.pem + clients.intermediate.pem,
    });
    legacyPort = await pool.https({
        ...server,
        minVersion: "TLSv1",
        clientCa: clients.root.pem + clients.intermediate.pem,
    });
});

afterAll(async () => {
    await pool.closeAll();
    rmSync(dir, { recursive: true, force: true });
});

describe("verify --client-cert against mutual TLS servers on loopback", () => {
    it("passes when the server requires a certificate and answers the one sent, and every other check passes too", async () => {
        const { code, byId, report } = await verify(verifyPort, ...withClient());
        expect(byId.get("client-certificate")).toEqual({
            id: "client-certificate",
            status: "pass",
            message: expect.stringMatching(
                new RegExp(
                    `^the server answered with the client certificate \\(--client-cert ${join(dir, "client.pem").replace(/[.]/g, "\\.")}, 'CN=ci-runner', HTTP 200\\) and refused a client without one \\(ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: .*\\)$`,
                ),
            ),
            evidence: {
                certificate: "CN=ci-runner",
                withCertificate: "HTTP 200",
                withoutCertificate: expect.stringMatching(/^refused \(ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: /),
            },
        });
        expect(report?.checks.map((c) => [c.id, c.status])).toEqual(report?.checks.map((c) => [c.id, "pass"]));
        expect(code).toBe(0);
    });

    it("fails when the server refuses a certificate from another CA, saying what it must be", async () => {
        const { code, byId } = await verify(
            verifyPort,
            "--client-cert",
            join(dir, "stranger.pem"),
            "--client-key",
            join(dir, "stranger.key"),
        );
        const found = byId.get("client-certificate");
        expect(found?.status).toBe("fail");
        expect(found?.message).toMatch(
            /^the server did not answer with the client certificate \(--client-cert .*stranger\.pem, 'CN=stranger'\): (ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: .*|ECONNRESET: socket hang up); it must be issued by a CA of the listener's trust store, valid \(or ignoreClientCertificateExpiry\) and not in a revocation list$/,
        );
        expect(code).toBe(1);
    });

    it("over TLS 1.2, passes the right certificate, and a refused one is a connection error naming it (exit 2)", async () => {
        const good = await verify(tls12Port, ...withClient());
        expect(good.byId.get("client-certificate")).toMatchObject({
            status: "pass",
            evidence: {
                withCertificate: "HTTP 200",
                withoutCertificate: `refused (${HANDSHAKE_FAILURE})`,
            },
        });
        expect(good.code).toBe(0);
        const refused = await verify(
            tls12Port,
            "--client-cert",
            join(dir, "stranger.pem"),
            "--client-key",
            join(dir, "stranger.key"),
        );
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(
            /^aws-https-domain verify: TLS connection to mtls\.example\.test \(.*\) failed: (ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: .*; the server refused|ECONNRESET: .*; if the server refused) the client certificate \(--client-cert .*stranger\.pem, 'CN=stranger'\)(:|,) it must be issued by a CA of the trust store, valid and not revoked\n$/,
        );
    });

    it("fails when the server answers a client without a certificate, naming the setting to change", async () => {
        for (const port of [plainPort, passthroughPort]) {
            const { code, byId } = await verify(port, ...withClient());
            expect(byId.get("client-certificate")).toMatchObject({
                status: "fail",
                message: expect.stringContaining(
                    "HTTP 200), but also a client without a certificate (HTTP 200): it does not require one; set mutualAuthentication.mode: verify with a trustStore on the listener (off and passthrough accept anonymous clients), or pass --mtls-passthrough if passthrough is intended",
                ),
            });
            expect(code).toBe(1);
        }
    });

    it("with --mtls-passthrough, passes a passthrough server and warns about one that verifies", async () => {
        const passthrough = await verify(passthroughPort, ...withClient(), "--mtls-passthrough");
        expect(passthrough.byId.get("client-certificate")).toMatchObject({
            status: "pass",
            message: expect.stringContaining(
                "and a client without one too, as a passthrough listener does (--mtls-passthrough): the load balancer checks neither, the targets must (X-Amzn-Mtls-Clientcert headers)",
            ),
        });
        expect(passthrough.code).toBe(0);
        const verifying = await verify(verifyPort, ...withClient(), "--mtls-passthrough");
        expect(verifying.byId.get("client-certificate")?.status).toBe("warn");
        expect(verifying.byId.get("client-certificate")?.message).toMatch(
            /: the listener verifies client certificates \(mode verify\), not passthrough; drop --mtls-passthrough$/,
        );
    });

    it("reports an mTLS server that accepts TLS 1.0 as accepting it, with the client certificate on the probe", async () => {
        const { byId } = await verify(legacyPort, ...withClient());
        const version = byId.get("tls-version");
        expect(version?.status).toBe("fail");
        expect(version?.evidence.TLSv1).toBe("accepted (TLSv1)");
        expect(version?.message).toMatch(/^the server accepts TLS 1\.0 and TLS 1\.1 handshakes/);
        expect(byId.get("client-certificate")?.status).toBe("pass");
    });

    it("without --client-cert, the same server's legacy probes are inconclusive (a warning), never refused", async () => {
        // The server agrees on TLS 1.0, then ends the handshake for want of a certificate: nothing shows whether
        // it would have completed, so the check cannot pass it as refused.
        const { byId } = await verify(legacyPort);
        expect(byId.has("client-certificate")).toBe(false);
        const version = byId.get("tls-version");
        expect(version?.status).toBe("warn");
        expect(version?.evidence).toMatchObject({
            TLSv1: `inconclusive (${HANDSHAKE_FAILURE})`,
            "TLSv1.1": `inconclusive (${HANDSHAKE_FAILURE})`,
        });
    });

    it("decrypts an encrypted key with the passphrase from the environment named", async () => {
        const encrypted = file("client-encrypted.key", exportKey(client.key, "pkcs8-encrypted", "s3cret-pass"));
        process.env.VERIFY_TEST_KEY_PASS = "s3cret-pass";
        try {
            const { code, byId, stderr } = await verify(
                verifyPort,
                "--client-cert",
                join(dir, "client.pem"),
                "--client-key",
                encrypted,
                "--client-key-passphrase-env",
                "VERIFY_TEST_KEY_PASS",
            );
            expect(byId.get("client-certificate")?.status).toBe("pass");
            expect(code).toBe(0);
            expect(stderr).not.toContain("s3cret-pass");
        } finally {
            delete process.env.VERIFY_TEST_KEY_PASS;
        }
    });
});

describe("verify --client-cert usage errors exit 2 before any connection", () => {
    const usage = (message: string) =>
        `aws-https-domain verify: ${message}\nRun 'aws-https-domain verify --help' for usage.\n`;

    it.each<[string, () => string[], string]>([
        [
            "--client-cert without --client-key",
            () => ["--client-cert", join(dir, "client.pem")],
            "--client-cert needs --client-key (the certificate's private key)",
        ],
        [
            "--client-key without --client-cert",
            () => ["--client-key", join(dir, "client.key")],
            "--client-key needs --client-cert (the certificate the key belongs to)",
        ],
        [
            "a key that is not the certificate's",
            () => ["--client-cert", join(dir, "client.pem"), "--client-key", join(dir, "stranger.key")],
            `--client-key '${"<dir>"}/stranger.key' is not the private key of --client-cert '${"<dir>"}/client.pem' ('CN=ci-runner'): give the key the certificate was issued for`,
        ],
        [
            "an encrypted key without a passphrase",
            () => [
                "--client-cert",
                join(dir, "client.pem"),
                "--client-key",
                file("enc.key", exportKey(client.key, "pkcs8-encrypted")),
            ],
            `--client-key '<dir>/enc.key' is encrypted: give its passphrase in an environment variable named by --client-key-passphrase-env`,
        ],
        [
            "a passphrase variable that is not set",
            () => [...withClient(), "--client-key-passphrase-env", "VERIFY_TEST_UNSET_VARIABLE"],
            "--client-key-passphrase-env: environment variable VERIFY_TEST_UNSET_VARIABLE is not set",
        ],
        [
            "a key file for the certificate",
            () => ["--client-cert", join(dir, "client.key"), "--client-key", join(dir, "client.key")],
            "--client-cert '<dir>/client.key' contains no PEM certificate (-----BEGIN CERTIFICATE-----)",
        ],
        [
            "a directory for the key",
            () => ["--client-cert", join(dir, "client.pem"), "--client-key", dir],
            "cannot read --client-key file '<dir>': it is a directory; give a regular file",
        ],
        [
            "--mtls-passthrough without a client certificate",
            () => ["--mtls-passthrough"],
            "--mtls-passthrough needs --client-cert and --client-key",
        ],
    ])("%s", async (_what, args, message) => {
        const io = memoryIo();
        const code = await run([HOST, "--connect-to", `${HOST}:443:127.0.0.1:1`, ...args()], io, { lookup: noLookup });
        expect([code, io.stdout, io.stderr.replaceAll(dir, "<dir>")]).toEqual([2, "", usage(message)]);
    });
});
