/**
 * The pure parts of `verify`, without a network: target and `--connect-to`
 * parsing, redirect judgement, HSTS parsing, fingerprints and serials, and the
 * certificate checks on certificates made at test time with a fixed clock.
 */
import { checkCipher, weakness } from "../components/cli/verify/checks/cipher";
import { X509Certificate } from "node:crypto";
import { checkExpiry, formatRemaining } from "../components/cli/verify/checks/expiry";
import { checkHsts } from "../components/cli/verify/checks/hsts";
import { checkTlsVersion } from "../components/cli/verify/checks/tlsVersion";
import { checkHostname, checkTrust } from "../components/cli/verify/checks/trust";
import {
    applyConnectTo,
    normalizeFingerprint,
    normalizeSerial,
    parseConnectTo,
    parseSts,
    parseTarget,
    patternToRegExp,
    redirectProblems,
} from "../components/cli/verify";
import { makeCert, makePki, type TestPki } from "./helpers/pki";

const DAY = 24 * 60 * 60 * 1000;
const HOST = "app.example.test";

describe("parseTarget", () => {
    it.each([
        ["app.example.test", { host: HOST, httpsPort: 443, httpPort: 80, path: "/" }],
        ["App.Example.Test.", { host: HOST, httpsPort: 443, httpPort: 80, path: "/" }],
        ["app.example.test:8443", { host: HOST, httpsPort: 8443, httpPort: 80, path: "/" }],
        [
            "https://app.example.test/health?full=1#top",
            { host: HOST, httpsPort: 443, httpPort: 80, path: "/health?full=1" },
        ],
        ["https://[::1]:8443/", { host: "::1", httpsPort: 8443, httpPort: 80, path: "/" }],
    ])("%s", (raw, expected) => {
        expect(parseTarget(raw)).toEqual(expected);
    });

    it.each([
        ["", "the target is empty: give a host name such as app.example.com or an https:// URL"],
        ["ftp://app.example.test", "'ftp://app.example.test' is not an https:// URL"],
        [
            "https://user:pw@app.example.test/",
            "'https://user:pw@app.example.test/' contains credentials: give only the host name or URL",
        ],
        ["app example", "'app example' is not a host name or an https:// URL"],
    ])("rejects %j", (raw, message) => {
        expect(() => parseTarget(raw)).toThrow(message);
    });
});

describe("--connect-to", () => {
    it("parses curl's four parts, with IPv6 in brackets and empty parts", () => {
        expect(parseConnectTo("App.Example.Test:443:[::1]:8443")).toEqual({
            fromHost: HOST,
            fromPort: 443,
            toHost: "::1",
            toPort: 8443,
            text: "App.Example.Test:443:[::1]:8443",
        });
        expect(parseConnectTo("::127.0.0.1:")).toMatchObject({
            fromHost: "",
            fromPort: undefined,
            toHost: "127.0.0.1",
            toPort: undefined,
        });
    });

    it("applies the first matching rule; empty parts match any host/port or keep the original", () => {
        const rules = [
            "other.example.test:443:127.0.0.2:1",
            `${HOST}:443:127.0.0.1:8443`,
            ":80::8080",
            `${HOST}::127.0.0.9:`,
        ].map(parseConnectTo);
        expect(applyConnectTo("APP.example.test", 443, rules)).toMatchObject({ host: "127.0.0.1", port: 8443 });
        expect(applyConnectTo(HOST, 80, rules)).toMatchObject({ host: HOST, port: 8080 });
        expect(applyConnectTo(HOST, 8443, rules)).toMatchObject({ host: "127.0.0.9", port: 8443 });
        expect(applyConnectTo("else.example.test", 443, rules)).toBeUndefined();
    });
});

describe("redirect judgement", () => {
    const req = { host: HOST, httpPort: 80, httpsPort: 443, pathAndQuery: "/a/b?q=1", statuses: [301, 308] };
    const reply = (status: number, location?: string) => ({
        status,
        headers: location === undefined ? {} : { location },
    });

    it("accepts 301 and 308 to the same host, path and query, with or without :443", () => {
        expect(redirectProblems(req, reply(308, `https://${HOST}/a/b?q=1`))).toEqual([]);
        expect(redirectProblems(req, reply(301, `https://${HOST.toUpperCase()}:443/a/b?q=1`))).toEqual([]);
    });

    it("names every problem of one response", () => {
        expect(redirectProblems(req, reply(307, `https://${HOST}:8443/a?q=2`))).toEqual([
            `http://${HOST}/a/b?q=1 answered 307 (temporary) where 301 or 308 is required: make the redirect permanent (HTTP_301), or accept 307 with --redirect-status 301,308,307`,
            `http://${HOST}/a/b?q=1 redirects to port 8443 instead of 443: redirect to the HTTPS listener's port`,
            `http://${HOST}/a/b?q=1 redirects to path /a instead of /a/b (the path is changed): keep the path in the redirect (/#{path})`,
            `http://${HOST}/a/b?q=1 redirects with query 'q=2' instead of 'q=1' (the query is changed): keep the query in the redirect (#{query})`,
        ]);
    });

    it("rejects a relative or plain-HTTP Location and a redirect without Location", () => {
        expect(redirectProblems(req, reply(301, "/a/b?q=1"))[0]).toMatch(
            /^http:\/\/app\.example\.test\/a\/b\?q=1 redirects to http:\/\/app\.example\.test\/a\/b\?q=1, which is not HTTPS: /,
        );
        expect(redirectProblems(req, reply(301))[0]).toMatch(
            /^http:\/\/app\.example\.test\/a\/b\?q=1 answered 301 without a Location header: /,
        );
    });

    it("turns ALB path patterns into anchored, case-sensitive expressions", () => {
        const api = patternToRegExp("/api/*");
        expect(["/api/", "/api/v1/users"].map((p) => api.test(p))).toEqual([true, true]);
        expect(["/apix", "/API/v1", "/x/api/"].map((p) => api.test(p))).toEqual([false, false, false]);
        expect(patternToRegExp("/img?.png").test("/img1.png")).toBe(true);
        expect(patternToRegExp("/a.b").test("/axb")).toBe(false);
    });
});

describe("cipher suites against Mozilla's intermediate profile", () => {
    it.each([
        ["AES128-SHA", "RSA key exchange, no forward secrecy"],
        ["AES256-GCM-SHA384", "RSA key exchange, no forward secrecy"],
        ["ECDHE-RSA-AES128-SHA", "CBC mode with a SHA-1 MAC"],
        ["DES-CBC3-SHA", "broken or no encryption"],
        ["ECDHE-ECDSA-NULL-SHA", "broken or no encryption"],
        ["ADH-AES128-GCM-SHA256", "broken or no encryption"],
        ["ECDHE-RSA-AES128-SHA256", undefined],
        ["ECDHE-ECDSA-AES256-CCM8", undefined],
    ])("%s: %s", (suite, why) => {
        expect(weakness(suite)).toBe(why);
    });

    it("passes profile suites, warns on a forward-secret suite outside it, fails a weak one", () => {
        const refused = { outcome: "inconclusive" as const, detail: "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE" };
        expect(checkCipher({ protocol: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256" }, refused).status).toBe("pass");
        const cbc = { outcome: "accepted" as const, detail: "TLSv1.2", cipher: "ECDHE-RSA-AES128-SHA256" };
        expect(checkCipher({ protocol: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256" }, cbc).status).toBe("warn");
        expect(checkCipher({ protocol: "TLSv1.2", cipher: "AES128-SHA" }, refused).status).toBe("fail");
    });
});

describe("HSTS", () => {
    it("parses max-age (quoted or not, any case) and flags; RFC 6797 §6.1 violations make the header invalid", () => {
        expect(parseSts('Max-Age="600"; includeSubDomains; PRELOAD')).toEqual({
            maxAge: 600,
            includeSubDomains: true,
            preload: true,
        });
        expect(parseSts(" max-age = 5 ;; ")).toEqual({ maxAge: 5, includeSubDomains: false, preload: false });
        expect(parseSts('max-age="10"; x-unknown="a;b"')).toEqual({
            maxAge: 10,
            includeSubDomains: false,
            preload: false,
        });
        const invalid = (problem: string) => ({ includeSubDomains: false, preload: false, problem });
        expect(parseSts("max-age=10, max-age=31536000")).toEqual(
            invalid(
                "'max-age=10, max-age=31536000' is not a valid directive: a comma is not allowed (two header values joined into one?)",
            ),
        );
        expect(parseSts("max-age=0; max-age=31536000")).toEqual(
            invalid("the max-age directive appears more than once"),
        );
        expect(parseSts("max-age=1; includeSubDomains; INCLUDESUBDOMAINS")).toEqual(
            invalid("the INCLUDESUBDOMAINS directive appears more than once"),
        );
        expect(parseSts("includeSubDomains; max-age=abc")).toEqual(invalid("max-age 'abc' is not a number of seconds"));
        expect(parseSts("max-age=1; a b")).toEqual(
            invalid(
                "'a b' is not a valid directive: a directive is a name with an optional =token or =\"quoted string\"",
            ),
        );
        expect(parseSts("includeSubDomains")).toEqual({
            includeSubDomains: true,
            preload: false,
            problem: "it has no max-age directive",
        });
    });

    it("fails a malformed max-age, max-age=0 and a failed request, each with its own message", () => {
        const url = `https://${HOST}/`;
        const res = (value: string) => ({ status: 200, headers: { "strict-transport-security": value } });
        expect(checkHsts(url, res("includeSubDomains"), 600).message).toBe(
            "Strict-Transport-Security 'includeSubDomains' is invalid (RFC 6797 §6.1: it has no max-age directive), so browsers ignore it: enable HSTS on the HTTPS listener (the `hsts` option, maxAgeSeconds) so that it sends max-age=600 or more",
        );
        expect(checkHsts(url, res("max-age=0"), 1).message).toBe(
            "Strict-Transport-Security max-age=0 tells browsers to forget HSTS: enable HSTS on the HTTPS listener (the `hsts` option, maxAgeSeconds) with max-age of at least 1",
        );
        expect(checkHsts(url, { failure: "socket hang up" }, 1)).toMatchObject({
            status: "fail",
            message: `the HTTPS request to ${url} failed (socket hang up), so HSTS could not be read`,
        });
    });
});

describe("fingerprints and serials", () => {
    const hex = "ab".repeat(32);
    it("accepts fingerprints with or without colons, in any case, with an optional sha256 prefix", () => {
        for (const text of [
            hex,
            hex.toUpperCase(),
            hex.match(/../g)!.join(":"),
            `SHA256=${hex.match(/../g)!.join(":").toUpperCase()}`,
        ]) {
            expect(normalizeFingerprint(text)).toBe(hex.toUpperCase());
        }
        expect(() => normalizeFingerprint(hex.slice(2))).toThrow("is not a SHA-256 fingerprint");
    });

    it("normalises serials: colons, case and leading zeros do not matter", () => {
        expect(normalizeSerial("00:0a:1B")).toBe("A1B");
        expect(normalizeSerial("0x00")).toBe("0");
        expect(() => normalizeSerial("")).toThrow("is not a hex serial number");
    });
});

describe("TLS version judgement", () => {
    const modern = { protocol: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256" };
    const refused = { outcome: "refused" as const, detail: "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION" };

    it("fails when both legacy versions are accepted, naming both", () => {
        const result = checkTlsVersion(modern, {
            TLSv1: { outcome: "accepted", detail: "TLSv1" },
            "TLSv1.1": { outcome: "accepted", detail: "TLSv1.1" },
        });
        expect(result.status).toBe("fail");
        expect(result.message).toMatch(
            /^the server accepts TLS 1\.0 and TLS 1\.1 handshakes \(negotiated TLSv1, TLSv1\.1\); /,
        );
    });

    it("warns, never passes, on an inconclusive probe; a failure outranks a warning", () => {
        const inconclusive = { outcome: "inconclusive" as const, detail: "ETIMEDOUT: no answer within 5s" };
        expect(checkTlsVersion(modern, { TLSv1: refused, "TLSv1.1": inconclusive })).toMatchObject({
            status: "warn",
            message:
                "the TLS 1.1 probe was inconclusive (ETIMEDOUT: no answer within 5s): whether the server accepts TLS 1.1 is unknown; run verify again",
        });
        expect(
            checkTlsVersion({ protocol: "TLSv1.1", cipher: "x" }, { TLSv1: refused, "TLSv1.1": inconclusive }).status,
        ).toBe("fail");
    });
});

describe("certificate checks with a fixed clock", () => {
    let pki: TestPki;
    beforeAll(async () => {
        pki = await makePki("Units");
    });

    it("expiry: expired, not yet valid, and the min-days boundary in whole days", async () => {
        const leaf = new X509Certificate(
            (await pki.leaf({ commonName: HOST, dnsNames: [HOST], notBeforeDays: 0, notAfterDays: 30 })).pem,
        );
        const end = new Date(leaf.validTo).getTime();
        expect(checkExpiry(leaf, 14, new Date(end + 1000)).message).toMatch(
            /^the certificate expired on \S+Z: renew it/,
        );
        expect(checkExpiry(leaf, 14, new Date(new Date(leaf.validFrom).getTime() - DAY)).message).toMatch(
            /^the certificate is not valid until \S+Z: /,
        );
        expect(checkExpiry(leaf, 14, new Date(end - 14 * DAY)).status).toBe("pass");
        expect(checkExpiry(leaf, 14, new Date(end - 14 * DAY + 1000)).status).toBe("fail");
        expect(formatRemaining(DAY + 3 * 3600 * 1000 + 59_000)).toBe("1 day 3 hours");
        expect(formatRemaining(3600 * 1000)).toBe("1 hour");
    });

    it("hostname: a wildcard covers one label only, and the common name is ignored", async () => {
        const wildcard = new X509Certificate(
            (await pki.leaf({ commonName: "*.example.test", dnsNames: ["*.example.test"] })).pem,
        );
        expect(checkHostname(wildcard, HOST)).toMatchObject({
            status: "pass",
            message: `the certificate covers ${HOST} (as *.example.test)`,
        });
        expect(checkHostname(wildcard, "a.app.example.test").status).toBe("fail");
        const cnOnly = new X509Certificate((await pki.leaf({ commonName: HOST })).pem);
        expect(checkHostname(cnOnly, HOST).message).toBe(
            `the certificate has no subjectAltName names and browsers ignore its common name (CN=${HOST}): issue a certificate whose names include ${HOST}`,
        );
    });

    it("trust: an expired certificate in the chain is named; unknown codes still fail", async () => {
        const old = await makeCert({
            commonName: "Old Intermediate",
            isCa: true,
            issuer: pki.root,
            notBeforeDays: -30,
            notAfterDays: -1,
        });
        const leaf = new X509Certificate((await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: old })).pem);
        const chain = [leaf, new X509Certificate(old.pem)];
        const expired = checkTrust(
            { protocol: "TLSv1.3", cipher: "x", chain, chainError: "CERT_HAS_EXPIRED" },
            "public roots",
            new Date(),
        );
        expect(expired.message).toMatch(
            /^a certificate in the chain has expired \(CN=Old Intermediate, valid \S+Z to \S+Z\): renew it and deploy the new certificate and chain$/,
        );
        const other = checkTrust(
            { protocol: "TLSv1.3", cipher: "x", chain, chainError: "CERT_SIGNATURE_FAILURE" },
            "public roots",
            new Date(),
        );
        expect(other).toMatchObject({
            status: "fail",
            message:
                "the chain does not validate (CERT_SIGNATURE_FAILURE) against public roots: check the certificate and chain attached to the listener",
        });
    });
});
