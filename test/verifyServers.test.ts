/**
 * `verify` against real servers on 127.0.0.1: one correct setup that passes
 * every check, and one server per failure, each detected with its own message.
 * Every connection goes through `--connect-to` rules to loopback ports, and the
 * injected lookup fails the test if any name would be resolved.
 */
import { X509Certificate } from "node:crypto";
import {
    type ConnectToRule,
    type LookupFn,
    parseConnectTo,
    VerifyError,
    verifyOnce,
    type VerifyOptions,
} from "../components/cli/verify";
import { makeCert, makePki, type TestCert, type TestPki } from "./helpers/pki";
import { INTERMEDIATE_CIPHERS, plainPage, redirectHandler, ServerPool, noLookup } from "./helpers/tlsServers";
import { OPENSSL_BEFORE_3_2 } from "./helpers/openssl";

const HOST = "app.example.test";
const ONE_YEAR = 31536000;
const HSTS = `max-age=${ONE_YEAR}; includeSubDomains`;

const pool = new ServerPool();
let pki: TestPki;
let good: TestCert;
let goodHttp: number;
let goodHttps: number;

function rules(httpPort: number, httpsPort: number): ConnectToRule[] {
    return [parseConnectTo(`${HOST}:80:127.0.0.1:${httpPort}`), parseConnectTo(`${HOST}:443:127.0.0.1:${httpsPort}`)];
}

/** One round against the given loopback ports, trusting only the test root, HSTS of a year required. */
function check(httpPort: number, httpsPort: number, extra: Partial<VerifyOptions> = {}) {
    return verifyOnce({
        target: { host: HOST, httpsPort: 443, httpPort: 80, path: "/" },
        connectTo: rules(httpPort, httpsPort),
        ca: [pki.root.pem],
        caLabel: "--ca root.pem",
        hstsMinMaxAge: ONE_YEAR,
        lookup: noLookup,
        timeoutMs: 5000,
        ...extra,
    });
}

async function resultOf(id: string, round: Promise<{ checks: { id: string; status: string; message: string }[] }>) {
    const { checks } = await round;
    const found = checks.find((c) => c.id === id);
    if (!found) throw new Error(`no ${id} check in ${checks.map((c) => c.id).join(", ")}`);
    return { found, others: checks.filter((c) => c.id !== id) };
}

/** Asserts that exactly check `id` failed, with `message`, and everything else passed. */
async function expectOnlyFailure(id: string, message: string, round: ReturnType<typeof check>) {
    const { found, others } = await resultOf(id, round);
    expect(found.message).toBe(message);
    expect(found.status).toBe("fail");
    expect(others.map((c) => [c.id, c.status])).toEqual(others.map((c) => [c.id, "pass"]));
}

function chain(leaf: TestCert): string {
    return leaf.pem + pki.intermediate.pem;
}

beforeAll(async () => {
    pki = await makePki("Verify");
    good = await pki.leaf({ commonName: HOST, dnsNames: [HOST] });
    goodHttp = (await pool.http(redirectHandler())).port;
    goodHttps = await pool.https({ cert: chain(good), key: good.key.pem, hsts: HSTS });
});

afterAll(() => pool.closeAll());

describe("a correct setup", () => {
    it("passes every check, with the evidence", async () => {
        const fingerprint = new X509Certificate(good.pem).fingerprint256.replace(/:/g, "").toLowerCase();
        const serial = new X509Certificate(good.pem).serialNumber.match(/../g)!.join(":").toLowerCase();
        const { checks } = await check(goodHttp, goodHttps, {
            expectFingerprint: fingerprint.toUpperCase(),
            expectSerial: serial.replace(/:/g, "").toUpperCase(),
        });
        expect(checks.map((c) => [c.id, c.status])).toEqual([
            ["redirect", "pass"],
            ["tls-version", "pass"],
            ["cipher", "pass"],
            ["trust", "pass"],
            ["chain", "pass"],
            ["hostname", "pass"],
            ["expiry", "pass"],
            ["hsts", "pass"],
            ["certificate", "pass"],
        ]);
        const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
        const request = pool.lastDeepRequest(goodHttp);
        expect(request).toMatch(/^\/aws-https-domain-verify\/[0-9a-f]{8}\/page\.html\?q=1&check=[0-9a-f]{8}$/);
        expect(byId.redirect.message).toBe(
            "HTTP redirects to HTTPS (301), keeping host, path and query, for / and a deep path with a query",
        );
        expect(byId.redirect.evidence.requests).toEqual([
            `http://${HOST}/ → 301 https://${HOST}/`,
            `http://${HOST}${request} → 301 https://${HOST}${request}`,
        ]);
        expect(byId.cipher.message).toMatch(
            /^negotiated TLS_\w+, in Mozilla's intermediate TLS profile; no suite outside it is accepted over TLS 1\.2$/,
        );
        expect(byId["tls-version"].message).toMatch(/^negotiated TLSv1\.3 \(TLS_\w+\); TLS 1\.0 and TLS 1\.1 refused$/);
        expect(byId.trust.message).toBe(
            `the chain validates to a trusted root (--ca root.pem): CN=${HOST} ← CN=Verify Intermediate CA ← CN=Verify Root CA`,
        );
        expect(byId.hostname.message).toBe(`the certificate covers ${HOST} (as ${HOST})`);
        expect(byId.expiry.message).toMatch(
            new RegExp(
                `^valid until \\S+Z \\((89|90) days left, at least 14 required\\); issued by CN=Verify Intermediate CA for ${HOST}$`,
            ),
        );
        expect(byId.expiry.evidence).toMatchObject({ issuer: "CN=Verify Intermediate CA", names: [HOST], minDays: 14 });
        expect(byId.hsts.message).toBe(`Strict-Transport-Security: ${HSTS} (max-age ${ONE_YEAR} ≥ ${ONE_YEAR})`);
        expect(byId.certificate.evidence.sha256).toBe(new X509Certificate(good.pem).fingerprint256);
    });

    it("accepts an explicit :443 in Location and, with --redirect-paths, checks listed and unlisted paths", async () => {
        const explicit = (await pool.http(redirectHandler({ port: 443 }))).port;
        const withPort = await check(explicit, goodHttps);
        expect(withPort.checks[0]).toMatchObject({
            id: "redirect",
            status: "pass",
            evidence: {
                requests: [
                    `http://${HOST}/ → 301 https://${HOST}:443/`,
                    expect.stringContaining(` → 301 https://${HOST}:443/`),
                ],
            },
        });
        const onlyApi = (await pool.http(redirectHandler({ onlyPrefixes: ["/api/", "/login"] }))).port;
        const { checks } = await check(onlyApi, goodHttps, { redirectPaths: ["/api/*", "/login"] });
        expect(checks.every((c) => c.status === "pass")).toBe(true);
        expect(checks[0].message).toBe(
            "the 2 listed path(s) redirect to HTTPS (301), keeping host, path and query; an unlisted path does not redirect",
        );
        expect(
            pool.requests
                .get(onlyApi)!
                .map((r) => r.replace(/[0-9a-f]{8}/g, "T"))
                .sort(),
        ).toEqual(["/api/vT?q=1&check=T", "/aws-https-domain-verify-T/not-listed?q=1&check=T", "/login?q=1&check=T"]);
    });
});

describe("each misconfiguration is detected with its own message", () => {
    const fix =
        "redirect to HTTPS keeping host, path and query (ALB: protocol HTTPS, port 443, host #{host}, path /#{path}, query #{query}, status HTTP_301)";

    it("no redirect", async () => {
        const port = (await pool.http(plainPage)).port;
        const round = check(port, goodHttps);
        await round;
        await expectOnlyFailure(
            "redirect",
            [`http://${HOST}/`, `http://${HOST}${pool.lastDeepRequest(port)}`]
                .map(
                    (url) =>
                        `${url} answered 200 instead of redirecting to HTTPS: add an HTTP listener on port 80 whose action is a ${fix}`,
                )
                .join("; "),
            round,
        );
    });

    it("redirect to another host", async () => {
        const port = (await pool.http(redirectHandler({ host: "www.example.test" }))).port;
        const round = check(port, goodHttps);
        await round;
        await expectOnlyFailure(
            "redirect",
            [`http://${HOST}/`, `http://${HOST}${pool.lastDeepRequest(port)}`]
                .map(
                    (url) =>
                        `${url} redirects to another host (www.example.test) instead of ${HOST}: keep the request's host in the redirect (#{host})`,
                )
                .join("; "),
            round,
        );
    });

    it("path dropped", async () => {
        const port = (await pool.http(redirectHandler({ keepPath: false }))).port;
        const round = check(port, goodHttps);
        await round;
        const request = pool.lastDeepRequest(port);
        const path = request.split("?")[0];
        await expectOnlyFailure(
            "redirect",
            `http://${HOST}${request} redirects to path / instead of ${path} (the path is dropped): keep the path in the redirect (/#{path})`,
            round,
        );
    });

    it("query dropped", async () => {
        const port = (await pool.http(redirectHandler({ keepQuery: false }))).port;
        const round = check(port, goodHttps);
        await round;
        const request = pool.lastDeepRequest(port);
        const query = request.split("?")[1];
        await expectOnlyFailure(
            "redirect",
            `http://${HOST}${request} redirects with query '' instead of '${query}' (the query is dropped): keep the query in the redirect (#{query})`,
            round,
        );
    });

    it("302 where 301 is required, and accepted when --redirect-status allows it", async () => {
        const port = (await pool.http(redirectHandler({ status: 302 }))).port;
        const round = check(port, goodHttps);
        await round;
        await expectOnlyFailure(
            "redirect",
            [`http://${HOST}/`, `http://${HOST}${pool.lastDeepRequest(port)}`]
                .map(
                    (url) =>
                        `${url} answered 302 (temporary) where 301 or 308 is required: make the redirect permanent (HTTP_301), or accept 302 with --redirect-status 301,308,302`,
                )
                .join("; "),
            round,
        );
        const allowed = await check(port, goodHttps, { redirectStatuses: [301, 302] });
        expect(allowed.checks[0]).toMatchObject({ id: "redirect", status: "pass" });
    });

    it("an unlisted path that also redirects, with --redirect-paths", async () => {
        const { checks } = await check(goodHttp, goodHttps, { redirectPaths: ["/api/*"] });
        const unlisted = pool.lastRequest(goodHttp);
        expect(unlisted).toMatch(/^\/aws-https-domain-verify-[0-9a-f]{8}\/not-listed\?/);
        expect(checks[0]).toMatchObject({
            status: "fail",
            message: `http://${HOST}${unlisted} is not in --redirect-paths but also redirects to HTTPS (301): only the listed paths should redirect; check the HTTP listener's rules, or drop --redirect-paths if every path should redirect`,
        });
    });

    it("TLS 1.1 accepted (and the SHA-1 CBC suite TLS 1.1 needs, also over TLS 1.2)", async () => {
        const port = await pool.https({
            cert: chain(good),
            key: good.key.pem,
            hsts: HSTS,
            minVersion: "TLSv1.1",
            ciphers: `${INTERMEDIATE_CIPHERS}:ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0`,
        });
        const { checks } = await check(goodHttp, port);
        expect(checks.filter((c) => c.status !== "pass").map((c) => [c.id, c.status, c.message])).toEqual([
            [
                "tls-version",
                "fail",
                "the server accepts TLS 1.1 handshakes (negotiated TLSv1.1); these versions are deprecated and insecure: use an ALB security policy that allows only TLS 1.2 and 1.3 (an ELBSecurityPolicy-TLS13-1-2-… policy, the components' default sslPolicy)",
            ],
            [
                "cipher",
                "fail",
                "the server accepts ECDHE-ECDSA-AES128-SHA (CBC mode with a SHA-1 MAC), which Mozilla's intermediate TLS profile excludes: use an ALB security policy that allows only forward-secret AEAD suites (the components' default ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, or another …-Res-… policy)",
            ],
        ]);
    });

    it("missing intermediate", async () => {
        const port = await pool.https({ cert: good.pem, key: good.key.pem, hsts: HSTS });
        await expectOnlyFailure(
            "trust",
            "the server sends only the leaf certificate, without the intermediate that issued it (CN=Verify Intermediate CA), and that issuer is not a trusted root (--ca root.pem); some browsers paper over this, many clients fail: configure the full chain (certificate + intermediates) on the listener / import the chain into ACM",
            check(goodHttp, port),
        );
    });

    it("links a served chain by issuance, whatever order it is sent in, and ends it at the --ca anchor", async () => {
        // OpenSSL links the served certificates by issuer, not by position (X509_verify_cert), and so does
        // the chain verify reads: an unrelated certificate and the root sent before the intermediate change
        // nothing, and the anchor comes from --ca, not from what the server sent.
        const stray = await makeCert({ commonName: "Stray CA", isCa: true });
        const port = await pool.https({
            cert: good.pem + stray.pem + pki.root.pem + pki.intermediate.pem,
            key: good.key.pem,
            hsts: HSTS,
        });
        const { found } = await resultOf("trust", check(goodHttp, port));
        expect([found.status, found.message]).toEqual([
            "pass",
            `the chain validates to a trusted root (--ca root.pem): CN=${HOST} ← CN=Verify Intermediate CA ← CN=Verify Root CA`,
        ]);
        const { checks } = await check(goodHttp, port);
        expect(checks.find((c) => c.id === "chain")?.evidence).toEqual({
            chain: [`CN=${HOST}`, "CN=Verify Intermediate CA", "CN=Verify Root CA"],
        });
    });

    it("wrong hostname", async () => {
        const other = await pki.leaf({
            commonName: "other.example.test",
            dnsNames: ["other.example.test", "*.other.example.test"],
        });
        const port = await pool.https({ cert: chain(other), key: other.key.pem, hsts: HSTS });
        await expectOnlyFailure(
            "hostname",
            `the certificate is for other.example.test, *.other.example.test, not ${HOST}: attach a certificate whose names include ${HOST} (add it to the certificate's names, e.g. alternativeNames, or as an extra SNI certificate on the listener)`,
            check(goodHttp, port),
        );
    });

    it("expiring in 3 days (whole days left: 2, since a little of the third has passed)", async () => {
        const expiring = await pki.leaf({ commonName: HOST, dnsNames: [HOST], notAfterDays: 3 });
        const port = await pool.https({ cert: chain(expiring), key: expiring.key.pem, hsts: HSTS });
        const notAfter = new Date(new X509Certificate(expiring.pem).validTo).toISOString().replace(/\.000Z$/, "Z");
        await expectOnlyFailure(
            "expiry",
            `the certificate expires on ${notAfter}, in 2 days 23 hours, less than the 14 days required (--min-days): renew it (ACME certificates renew when \`pulumi up\` runs; ACM renews DNS-validated certificates while their validation records exist; imported certificates must be re-imported)`,
            check(goodHttp, port),
        );
        const lenient = await check(goodHttp, port, { minDays: 2 });
        expect(lenient.checks.find((c) => c.id === "expiry")?.status).toBe("pass");
    });

    it("self-signed", async () => {
        const self = await makeCert({ commonName: HOST, dnsNames: [HOST] });
        const port = await pool.https({ cert: self.pem, key: self.key.pem, hsts: HSTS });
        await expectOnlyFailure(
            "trust",
            `the certificate is self-signed (CN=${HOST}), so browsers will not trust it: serve a certificate from a public CA (ACM or ACME), or pass --ca with the certificate if it is deliberately private`,
            check(goodHttp, port),
        );
    });

    it("a chain from an untrusted root (public roots only)", async () => {
        const { checks } = await check(goodHttp, goodHttps, { ca: undefined, caLabel: undefined });
        expect(checks.find((c) => c.id === "trust")).toMatchObject({
            status: "fail",
            message:
                "the chain ends at CN=Verify Intermediate CA, issued by CN=Verify Root CA, which is not a trusted root (public roots): use a certificate from a publicly trusted CA, or pass --ca FILE with the private root CA",
        });
    });

    it("no HSTS, and a max-age below the minimum", async () => {
        const port = await pool.https({ cert: chain(good), key: good.key.pem });
        await expectOnlyFailure(
            "hsts",
            `https://${HOST}/ has no Strict-Transport-Security header: enable HSTS on the HTTPS listener (the \`hsts\` option, maxAgeSeconds) with a max-age of at least ${ONE_YEAR} seconds`,
            check(goodHttp, port),
        );
        const short = await pool.https({ cert: chain(good), key: good.key.pem, hsts: "max-age=300" });
        await expectOnlyFailure(
            "hsts",
            `Strict-Transport-Security max-age is 300 seconds, less than the ${ONE_YEAR} required (--hsts): raise maxAgeSeconds`,
            check(goodHttp, short),
        );
    });

    it("unexpected fingerprint (an old certificate still served)", async () => {
        const renewed = await pki.leaf({ commonName: HOST, dnsNames: [HOST] });
        const expected = new X509Certificate(renewed.pem).fingerprint256;
        const served = new X509Certificate(good.pem);
        await expectOnlyFailure(
            "certificate",
            `the server presents a different certificate (SHA-256 fingerprint ${served.fingerprint256} instead of ${expected}; it expires ${new Date(served.validTo).toISOString().replace(/\.000Z$/, "Z")}): an old certificate is still being served — check that the new one was imported and attached to the listener (re-importing into ACM keeps the ARN), or allow time for the change with --wait`,
            check(goodHttp, goodHttps, { expectFingerprint: expected.replace(/:/g, "") }),
        );
    });
});

describe("probing limits and errors", () => {
    it("reports a legacy version this OpenSSL cannot offer as a warning, never a pass", async () => {
        // Only a TLS 1.2 cipher offered: OpenSSL refuses to send a TLS 1.0/1.1 ClientHello at all.
        const { checks } = await check(goodHttp, goodHttps, { legacyCiphers: "ECDHE-ECDSA-AES128-GCM-SHA256" });
        const tlsVersion = checks.find((c) => c.id === "tls-version")!;
        expect(tlsVersion.status).toBe("warn");
        // OpenSSL 3.0 (Node 20) says no ciphers, 3.5 (Node 22 and later) no protocols: both are local failures.
        const local = OPENSSL_BEFORE_3_2
            ? "ERR_SSL_NO_CIPHERS_AVAILABLE: no ciphers available"
            : "ERR_SSL_NO_PROTOCOLS_AVAILABLE: no protocols available";
        expect(tlsVersion.message).toBe(
            [
                `TLS 1.0 could not be tried: this machine's OpenSSL will not offer it (${local}), so whether the server accepts it is unknown; run verify where OpenSSL allows legacy protocols`,
                `TLS 1.1 could not be tried: this machine's OpenSSL will not offer it (${local}), so whether the server accepts it is unknown; run verify where OpenSSL allows legacy protocols`,
            ].join("; "),
        );
    });

    it("fails with a DNS error from the injected resolver (no real lookup)", async () => {
        const failing: LookupFn = async () => {
            throw Object.assign(new Error("getaddrinfo ENOTFOUND app.example.test"), { code: "ENOTFOUND" });
        };
        const round = check(goodHttp, goodHttps, { connectTo: [], lookup: failing });
        await expect(round).rejects.toThrow(VerifyError);
        await expect(round).rejects.toMatchObject({
            kind: "dns",
            code: "ENOTFOUND",
            message: `cannot resolve ${HOST} (ENOTFOUND): check the name and that its DNS records exist and have propagated`,
        });
    });

    it("resolves a --connect-to destination name through the injected resolver", async () => {
        const asked: string[] = [];
        const lookup: LookupFn = async (name) => {
            asked.push(name);
            return { address: "127.0.0.1", family: 4 };
        };
        const connectTo = [
            parseConnectTo(`${HOST}:80:lb.example.test:${goodHttp}`),
            parseConnectTo(`:443:lb.example.test:${goodHttps}`),
        ];
        const { checks, endpoints } = await check(goodHttp, goodHttps, { connectTo, lookup });
        expect(asked).toEqual(["lb.example.test"]); // one lookup per name, shared by HTTP and HTTPS
        expect(endpoints.https).toMatchObject({
            host: HOST,
            connectHost: "lb.example.test",
            address: "127.0.0.1",
            connectPort: goodHttps,
        });
        expect(checks.every((c) => c.status === "pass")).toBe(true);
    });

    it("is a network error when nothing listens on the HTTPS port, and a redirect failure when nothing listens on port 80", async () => {
        const closed = await pool.closedPort();
        await expect(check(goodHttp, closed)).rejects.toMatchObject({
            kind: "network",
            code: "ECONNREFUSED",
            message: expect.stringMatching(
                new RegExp(
                    `^TLS connection to ${HOST} \\(127\\.0\\.0\\.1:${closed}\\) failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${closed}$`,
                ),
            ),
        });
        const { checks } = await check(closed, goodHttps);
        expect(checks[0].status).toBe("fail");
        expect(checks[0].message).toMatch(
            new RegExp(
                `^nothing answers http://${HOST}/ \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${closed}\\): add an HTTP listener on port 80 and allow TCP 80 in the load balancer's security group; nothing answers http://${HOST}/\\S+ \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${closed}\\): add an HTTP listener on port 80 and allow TCP 80 in the load balancer's security group$`,
            ),
        );
    });
});
