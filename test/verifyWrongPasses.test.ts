/**
 * The wrong passes of issue #12, each against a real hostile server on
 * loopback: every one of these setups passed `verify` before and must fail
 * now, with the check and message that say why. Plus the checks added with
 * them (response headers, dual-stack addresses) and the same verdict as
 * `check-cert` on the same chain.
 */
import * as net from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run as checkCert } from "../components/cli/commands/checkCert";
import { memoryIo } from "../components/cli/io";
import {
    type CheckResult,
    type LookupFn,
    parseConnectTo,
    verifyOnce,
    type VerifyOptions,
} from "../components/cli/verify";
import { KEY_USAGE, makeCert, makePki, RSA2048, sharedKey, type TestCert, type TestPki } from "./helpers/pki";
import { INTERMEDIATE_CIPHERS, redirectHandler, ServerPool, noLookup } from "./helpers/tlsServers";

const HOST = "app.example.test";
const HSTS = "max-age=31536000";

const pool = new ServerPool();
let pki: TestPki;
let good: TestCert;
let goodHttp: number;
let goodHttps: number;
let dir: string;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "verify-wrong-"));
    pki = await makePki("Hostile");
    good = await pki.leaf({ commonName: HOST, dnsNames: [HOST] });
    goodHttp = (await pool.http(redirectHandler())).port;
    goodHttps = await pool.https({ cert: good.pem + pki.intermediate.pem, key: good.key.pem, hsts: HSTS });
});
afterAll(async () => {
    await pool.closeAll();
    rmSync(dir, { recursive: true, force: true });
});

function check(httpPort: number, httpsPort: number, extra: Partial<VerifyOptions> = {}) {
    return verifyOnce({
        target: { host: HOST, httpsPort: 443, httpPort: 80, path: "/" },
        connectTo: [
            parseConnectTo(`${HOST}:80:127.0.0.1:${httpPort}`),
            parseConnectTo(`${HOST}:443:127.0.0.1:${httpsPort}`),
        ],
        ca: [pki.root.pem],
        caLabel: "--ca root.pem",
        lookup: noLookup,
        timeoutMs: 5000,
        ...extra,
    });
}

/** The checks that did not pass, as [id, status, message]. */
async function problems(round: ReturnType<typeof check>): Promise<[string, string, string][]> {
    const { checks } = await round;
    return checks.filter((c: CheckResult) => c.status !== "pass").map((c) => [c.id, c.status, c.message]);
}

const FIX =
    "redirect to HTTPS keeping host, path and query (ALB: protocol HTTPS, port 443, host #{host}, path /#{path}, query #{query}, status HTTP_301)";

it("a home page served over plain HTTP while every other path redirects", async () => {
    const redirect = redirectHandler();
    const { port } = await pool.http((req, res) => {
        if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end("home over http");
        else redirect(req, res);
    });
    expect(await problems(check(port, goodHttps))).toEqual([
        [
            "redirect",
            "fail",
            `http://${HOST}/ answered 200 instead of redirecting to HTTPS: add an HTTP listener on port 80 whose action is a ${FIX}`,
        ],
    ]);
});

it("an intermediate expiring in 3 days with --min-days 30", async () => {
    const shortLived = await makeCert({ commonName: "Short CA", isCa: true, issuer: pki.root, notAfterDays: 3 });
    const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: shortLived, notAfterDays: 2 + 60 });
    const port = await pool.https({ cert: leaf.pem + shortLived.pem, key: leaf.key.pem, hsts: HSTS });
    const found = await problems(check(goodHttp, port, { minDays: 30 }));
    expect(found).toEqual([
        [
            "expiry",
            "fail",
            expect.stringMatching(
                /^the chain certificate CN=Short CA expires on \S+Z, in 2 days 23 hours, less than the 30 days required \(--min-days\): deploy a chain that outlives it \(your CA's current intermediates\)$/,
            ),
        ],
    ]);
});

describe("HSTS that RFC 6797 §6.1 makes invalid", () => {
    it.each([
        [
            "a repeated directive",
            [["strict-transport-security", "max-age=0; max-age=31536000"]],
            "Strict-Transport-Security 'max-age=0; max-age=31536000' is invalid (RFC 6797 §6.1: the max-age directive appears more than once), so browsers ignore it: enable HSTS on the HTTPS listener (the `hsts` option, maxAgeSeconds) so that it sends max-age=31536000 or more",
        ],
        [
            "a comma-joined value",
            [["strict-transport-security", "max-age=31536000, max-age=0"]],
            "Strict-Transport-Security 'max-age=31536000, max-age=0' is invalid (RFC 6797 §6.1: 'max-age=31536000, max-age=0' is not a valid directive: a comma is not allowed (two header values joined into one?)), so browsers ignore it: enable HSTS on the HTTPS listener (the `hsts` option, maxAgeSeconds) so that it sends max-age=31536000 or more",
        ],
        [
            "two header fields",
            [
                ["strict-transport-security", "max-age=31536000"],
                ["strict-transport-security", "max-age=0"],
            ],
            `https://${HOST}/ sends 2 Strict-Transport-Security headers: browsers use only the first (RFC 6797 §8.1) and a proxy that joins them makes the value invalid: send exactly one`,
        ],
    ] as [string, [string, string][], string][])("%s", async (_name, headers, message) => {
        const port = await pool.https({ cert: good.pem + pki.intermediate.pem, key: good.key.pem, headers });
        expect(await problems(check(goodHttp, port, { hstsMinMaxAge: 31536000 }))).toEqual([["hsts", "fail", message]]);
    });
});

it("TLS 1.0 accepted only with a cipher outside OpenSSL's default list is reported as accepted", async () => {
    const port = await pool.https({
        cert: good.pem + pki.intermediate.pem,
        key: good.key.pem,
        minVersion: "TLSv1",
        ciphers: `${INTERMEDIATE_CIPHERS}:ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0`,
    });
    const found = await problems(check(goodHttp, port));
    expect(found.map(([id, status]) => [id, status])).toEqual([
        ["tls-version", "fail"],
        ["cipher", "fail"],
    ]);
    expect(found[0][2]).toBe(
        "the server accepts TLS 1.0 and TLS 1.1 handshakes (negotiated TLSv1, TLSv1.1); these versions are deprecated and insecure: use an ALB security policy that allows only TLS 1.2 and 1.3 (an ELBSecurityPolicy-TLS13-1-2-… policy, the components' default sslPolicy)",
    );
    expect(found[1][2]).toContain("the server accepts ECDHE-ECDSA-NULL-SHA (broken or no encryption)");
});

it("a TLS 1.2 server offering only AES128-SHA (RSA key exchange, CBC, no forward secrecy)", async () => {
    const key = await sharedKey(RSA2048);
    const rsaLeaf = await pki.leaf({ commonName: HOST, dnsNames: [HOST], key });
    const port = await pool.https({
        cert: rsaLeaf.pem + pki.intermediate.pem,
        key: key.pem,
        maxVersion: "TLSv1.2",
        ciphers: "AES128-SHA",
    });
    expect(await problems(check(goodHttp, port))).toEqual([
        [
            "cipher",
            "fail",
            "the server negotiates AES128-SHA (RSA key exchange, no forward secrecy), which Mozilla's intermediate TLS profile excludes: use an ALB security policy that allows only forward-secret AEAD suites (the components' default ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, or another …-Res-… policy)",
        ],
    ]);
});

it("two Location headers, the right one first", async () => {
    const { port } = await pool.http((req, res) => {
        res.writeHead(301, [
            "location",
            `https://${HOST}${req.url}`,
            "location",
            `https://evil.example.test${req.url}`,
        ]);
        res.end();
    });
    const found = await problems(check(port, goodHttps));
    expect(found).toEqual([
        [
            "redirect",
            "fail",
            expect.stringMatching(
                new RegExp(
                    `^http://${HOST}/ answered 301 with 2 Location headers \\(https://${HOST}/, https://evil\\.example\\.test/\\): browsers refuse such a response \\(RFC 9110 §10\\.2\\.2 allows one\\); send exactly one; `,
                ),
            ),
        ],
    ]);
});

it("a 10 MB response header is reported as such, not as 'nothing answers'", async () => {
    const server = net.createServer((socket) => {
        socket.on("error", () => undefined);
        socket.write(`HTTP/1.1 301 Moved\r\nLocation: https://${HOST}/\r\nX-Big: `);
        const chunk = "a".repeat(64 * 1024);
        let sent = 0;
        const more = (): void => {
            while (sent < 10 * 1024 * 1024 && !socket.destroyed) {
                sent += chunk.length;
                if (!socket.write(chunk)) {
                    socket.once("drain", more);
                    return;
                }
            }
            socket.end("\r\n\r\n");
        };
        more();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
        const { checks } = await check(port, goodHttps);
        expect(checks[0].status).toBe("fail");
        expect(checks[0].message).toMatch(
            new RegExp(
                `^http://${HOST}/ answered with response headers over 16 KiB \\(HPE_HEADER_OVERFLOW: the response headers are larger than 16 KiB`,
            ),
        );
        expect(checks[0].message).not.toContain("nothing answers");
    } finally {
        await new Promise((resolve) => server.close(resolve));
    }
});

describe("response headers (--header / --no-header)", () => {
    it("passes when present with the value and absent as asked, and fails each way otherwise", async () => {
        const port = await pool.https({
            cert: good.pem + pki.intermediate.pem,
            key: good.key.pem,
            headers: [
                ["x-content-type-options", "nosniff"],
                ["server", "awselb/2.0"],
            ],
        });
        const ok = await check(goodHttp, port, {
            headers: [{ name: "x-content-type-options", value: "nosniff" }],
            absentHeaders: ["x-powered-by"],
        });
        expect(ok.checks.find((c) => c.id === "headers")).toMatchObject({
            status: "pass",
            message: `https://${HOST}/: 1 required header present, 1 removed header absent`,
        });
        const bad = await problems(
            check(goodHttp, port, {
                headers: [{ name: "x-content-type-options", value: "other" }, { name: "content-security-policy" }],
                absentHeaders: ["server"],
            }),
        );
        expect(bad).toEqual([
            [
                "headers",
                "fail",
                `https://${HOST}/: x-content-type-options is 'nosniff' instead of 'other'; content-security-policy is missing; server is present ('awselb/2.0') but must be absent: set the response headers on the listener or the application (HttpsLoadBalancer responseHeaders)`,
            ],
        ]);
    });
});

describe("a dual-stack name: both the IPv4 and the IPv6 address are checked", () => {
    const dualLookup: LookupFn = async (name) => {
        if (name !== "dual.example.test") throw new Error(`unexpected DNS lookup of ${name}`);
        return [
            { address: "127.0.0.1", family: 4 },
            { address: "::1", family: 6 },
        ];
    };
    const via = (httpPort: number, httpsPort: number) => ({
        connectTo: [
            parseConnectTo(`${HOST}:80:dual.example.test:${httpPort}`),
            parseConnectTo(`${HOST}:443:dual.example.test:${httpsPort}`),
        ],
        lookup: dualLookup,
    });

    it("passes when both serve the same, and fails when the IPv6 address serves another certificate and no redirect", async () => {
        const http4 = (await pool.http(redirectHandler())).port;
        await pool.http(redirectHandler(), { host: "::1", port: http4 });
        const https4 = await pool.https({ cert: good.pem + pki.intermediate.pem, key: good.key.pem });
        await pool.https({ cert: good.pem + pki.intermediate.pem, key: good.key.pem }, { host: "::1", port: https4 });
        const same = await check(http4, https4, via(http4, https4));
        expect(same.checks.find((c) => c.id === "addresses")).toMatchObject({
            status: "pass",
            message: "127.0.0.1 and ::1 serve the same certificate and redirect alike",
        });

        const http6 = (await pool.http(redirectHandler())).port;
        await pool.http((_req, res) => res.writeHead(200).end("old server"), { host: "::1", port: http6 });
        const other = await pki.leaf({ commonName: HOST, dnsNames: [HOST] });
        const https6 = await pool.https({ cert: good.pem + pki.intermediate.pem, key: good.key.pem });
        await pool.https({ cert: other.pem + pki.intermediate.pem, key: other.key.pem }, { host: "::1", port: https6 });
        const found = await problems(check(http6, https6, via(http6, https6)));
        expect(found).toEqual([
            [
                "addresses",
                "fail",
                `the name resolves to 127.0.0.1 and ::1, and they differ: ::1 serves another certificate than 127.0.0.1; at ::1: http://${HOST}/ answered 200 instead of redirecting to HTTPS: add an HTTP listener on port 80 whose action is a ${FIX}: every address (A and AAAA records) must point at the same load balancer`,
            ],
        ]);
    });
});

describe("verify and check-cert give the same verdict on the same chain", () => {
    async function both(leaf: TestCert, chain: TestCert[]) {
        const port = await pool.https({ cert: leaf.pem + chain.map((c) => c.pem).join(""), key: leaf.key.pem });
        const verified = await check(goodHttp, port);
        writeFileSync(join(dir, "c.pem"), leaf.pem);
        writeFileSync(join(dir, "k.pem"), leaf.key.pem);
        writeFileSync(join(dir, "chain.pem"), chain.map((c) => c.pem).join(""));
        writeFileSync(join(dir, "root.pem"), pki.root.pem);
        const io = memoryIo();
        const args = ["--cert", join(dir, "c.pem"), "--key", join(dir, "k.pem"), "--chain", join(dir, "chain.pem")];
        const code = await checkCert([...args, "--ca", join(dir, "root.pem"), "--json"], io);
        return {
            verified,
            code,
            doc: JSON.parse(io.stdout) as { results: { id: string; status: string; message: string }[] },
        };
    }

    it("a name-constraint violation fails both, with the same message", async () => {
        const constrained = await makeCert({
            commonName: "Same CA",
            isCa: true,
            issuer: pki.root,
            nameConstraints: { permitted: ["elsewhere.test"] },
        });
        const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: constrained });
        const { verified, code, doc } = await both(leaf, [constrained]);
        const message = `'CN=${HOST}' names ${HOST}, which is outside the names 'CN=Same CA' may certify (elsewhere.test): clients reject the certificate.`;
        expect(verified.checks.find((c) => c.id === "chain")).toMatchObject({ status: "fail", message });
        expect(verified.checks.find((c) => c.id === "trust")?.status).toBe("fail");
        expect(code).toBe(1);
        expect(doc.results.find((r) => r.id === "path.name-constraints")?.message).toBe(message);
    });

    it("a leaf without digitalSignature fails both (OpenSSL alone would let it through)", async () => {
        const leaf = await pki.leaf({ commonName: HOST, dnsNames: [HOST], keyUsages: KEY_USAGE.keyEncipherment });
        const { verified, code } = await both(leaf, [pki.intermediate]);
        expect(verified.checks.find((c) => c.id === "trust")?.status).toBe("pass");
        expect(verified.checks.find((c) => c.id === "chain")).toMatchObject({
            status: "fail",
            message: `the certificate 'CN=${HOST}' has a key usage without digitalSignature, so its key may not sign TLS handshakes (TLS 1.3 and every ECDHE suite need it; browsers reject it). Reissue it with digitalSignature.`,
        });
        expect(code).toBe(1);
    });
});
