/**
 * Path validation in `check-cert` (and the shared checks ImportedCertificate
 * runs): each chain OpenSSL or a browser rejects fails, with the certificate
 * it concerns, and the OpenSSL verdict row agrees. Real certificates made at
 * test time; the CLI reads real files.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../components/cli/commands/checkCert";
import { memoryIo } from "../components/cli/io";
import { checkCertificate } from "../components/internal/certificates/checks";
import { bundle } from "./helpers/certChain";
import { KEY_USAGE, makeCert, makeKey, makePki, type TestCert, type TestPki } from "./helpers/pki";
import { OPENSSL_BEFORE_3_2 } from "./helpers/openssl";

const HOST = "app.example.test";
let dir: string;
let pki: TestPki;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "check-path-"));
    pki = await makePki("Path");
    writeFileSync(file("root.pem"), pki.root.pem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
    id: string;
    status: string;
    message: string;
}

/** Runs check-cert --json on a leaf, its key and a chain, trusting the test root (--ca). */
async function cli(name: string, leaf: TestCert, chain: TestCert[], extra: string[] = []) {
    writeFileSync(file(`${name}.pem`), leaf.pem);
    writeFileSync(file(`${name}-key.pem`), leaf.key.pem);
    writeFileSync(file(`${name}-chain.pem`), bundle(...chain));
    const io = memoryIo();
    const args = ["--cert", file(`${name}.pem`), "--key", file(`${name}-key.pem`), "--ca", file("root.pem")];
    if (chain.length > 0) args.push("--chain", file(`${name}-chain.pem`));
    const code = await run([...args, ...extra, "--json"], io);
    const doc = JSON.parse(io.stdout) as { ok: boolean; results: Row[] };
    return { code, doc, failed: doc.results.filter((r) => r.status === "fail") };
}

describe("a good chain", () => {
    it("passes the path and OpenSSL's verdict, trusting only the --ca root", async () => {
        const leaf = await pki.leaf({ commonName: HOST, dnsNames: [HOST] });
        const { code, doc } = await cli("good", leaf, [pki.intermediate], ["--hostname", HOST]);
        expect(code).toBe(0);
        const byId = Object.fromEntries(doc.results.map((r) => [r.id, r]));
        expect(byId.path.message).toBe(
            "every certificate in the path is valid (dates, signatures of SHA-256 or better, CA constraints, key usage, name constraints); the path ends at the root 'CN=Path Root CA'.",
        );
        expect(byId.openssl).toMatchObject({
            status: "pass",
            message: "OpenSSL, as a TLS client trusting only the root the path ends at, accepts the chain.",
        });
    });
});

describe("each chain a TLS client rejects fails, naming the certificate", () => {
    it("a name-constraint violation", async () => {
        const constrained = await makeCert({
            commonName: "Constrained CA",
            isCa: true,
            issuer: pki.root,
            nameConstraints: { permitted: ["other.test"] },
        });
        const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: constrained });
        const { code, failed } = await cli("nc", leaf, [constrained]);
        expect(code).toBe(1);
        expect(failed.map((r) => r.id)).toEqual(["path.name-constraints", "openssl"]);
        expect(failed[0].message).toBe(
            `'CN=${HOST}' names ${HOST}, which is outside the names 'CN=Constrained CA' may certify (other.test): clients reject the certificate.`,
        );
        expect(failed[1].message).toMatch(/^OpenSSL, as a TLS client trusting only the root the path ends at, rejects/);
    });

    it("an excluded name", async () => {
        const constrained = await makeCert({
            commonName: "Excluding CA",
            isCa: true,
            issuer: pki.root,
            nameConstraints: { excluded: ["example.test"] },
        });
        const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: constrained });
        const { failed } = await cli("nc-ex", leaf, [constrained]);
        expect(failed.map((r) => r.id)).toEqual(["path.name-constraints", "openssl"]);
        expect(failed[0].message).toBe(
            `'CN=${HOST}' names ${HOST}, which the name constraints of 'CN=Excluding CA' exclude (example.test): clients reject the certificate.`,
        );
    });

    it("an expired intermediate", async () => {
        const expired = await makeCert({
            commonName: "Expired CA",
            isCa: true,
            issuer: pki.root,
            notBeforeDays: -30,
            notAfterDays: -1,
        });
        const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: expired });
        const { failed } = await cli("expired", leaf, [expired]);
        expect(failed.map((r) => r.id)).toEqual(["path.validity", "openssl"]);
        expect(failed[0].message).toMatch(
            /^'CN=Expired CA' in the path expired on \S+Z: clients reject the whole chain\. Get the current chain from your CA\.$/,
        );
        expect(failed[1].message).toContain("(CERT_HAS_EXPIRED)");
    });

    it("a SHA-1 signature", async () => {
        const leaf = await pki.leaf({ commonName: HOST, dnsNames: [HOST], signatureHash: "SHA-1" });
        const { failed } = await cli("sha1", leaf, [pki.intermediate]);
        expect(failed.map((r) => r.id)).toEqual(["path.signature", "openssl"]);
        expect(failed[0].message).toBe(
            `the certificate 'CN=${HOST}' is signed with ECDSA with SHA-1, which OpenSSL 3 (security level 1) and browsers reject: get a certificate signed with SHA-256 or better.`,
        );
        // OpenSSL 3.0 (Node 20) names the reason; 3.5 (Node 22 and later) refuses the SHA-1 signature before that
        // check and reports X509_V_ERR_UNSPECIFIED: a rejection either way.
        const reason = OPENSSL_BEFORE_3_2 ? "ca md too weak" : "UNSPECIFIED";
        expect(failed[1].message).toBe(
            `OpenSSL, as a TLS client trusting only the root the path ends at, rejects the chain (${reason}).`,
        );
    });

    it("a leaf whose key usage lacks digitalSignature (OpenSSL's handshake allows it; browsers do not)", async () => {
        const leaf = await pki.leaf({ commonName: HOST, dnsNames: [HOST], keyUsages: KEY_USAGE.keyEncipherment });
        const { code, failed } = await cli("ku", leaf, [pki.intermediate]);
        expect(code).toBe(1);
        expect(failed.map((r) => r.id)).toEqual(["path.key-usage"]);
        expect(failed[0].message).toBe(
            `the certificate 'CN=${HOST}' has a key usage without digitalSignature, so its key may not sign TLS handshakes (TLS 1.3 and every ECDHE suite need it; browsers reject it). Reissue it with digitalSignature.`,
        );
    });

    it("an intermediate whose pathLenConstraint is exceeded", async () => {
        const top = await makeCert({ commonName: "Top CA", isCa: true, issuer: pki.root, pathLength: 0 });
        const below = await makeCert({ commonName: "Below CA", isCa: true, issuer: top });
        const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: below });
        const { failed } = await cli("pathlen", leaf, [below, top]);
        expect(failed.map((r) => r.id)).toEqual(["path.length", "openssl"]);
        expect(failed[0].message).toBe(
            "'CN=Top CA' allows at most 0 intermediates below it (pathLenConstraint), and the path has 1.",
        );
        expect(failed[1].message).toContain("(PATH_LENGTH_EXCEEDED)");
    });

    it("a cyclic chain", async () => {
        const keyA = await makeKey({ kind: "ec", curve: "P-256" });
        const keyB = await makeKey({ kind: "ec", curve: "P-256" });
        const selfA = await makeCert({ commonName: "Loop A", isCa: true, key: keyA });
        const selfB = await makeCert({ commonName: "Loop B", isCa: true, key: keyB });
        const a = await makeCert({ commonName: "Loop A", isCa: true, key: keyA, issuer: selfB });
        const b = await makeCert({ commonName: "Loop B", isCa: true, key: keyB, issuer: selfA });
        const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: a });
        const { code, failed } = await cli("loop", leaf, [b, a]);
        expect(code).toBe(1);
        expect(failed.map((r) => r.id)).toEqual(["path.cycle"]);
        expect(failed[0].message).toBe(
            "the chain is a loop: 'CN=Loop B' is issued by a certificate already below it in the path, so it never reaches a root. Get the chain from your CA again.",
        );
    });

    it.each([
        ["a wildcard over a top-level domain", "*.test", "example.test", "is a wildcard over a top-level domain"],
        ["a trailing-dot name", `${HOST}.`, HOST, "ends with a dot"],
    ])("%s covers nothing (as in verify)", async (_name, san, host, why) => {
        const leaf = await pki.leaf({ commonName: host, dnsNames: [san] });
        const { failed } = await cli(`san-${why.length}`, leaf, [pki.intermediate], ["--hostname", host]);
        expect(failed.map((r) => r.id)).toEqual(["hostnames"]);
        expect(failed[0].message).toBe(
            `the certificate does not cover ${host}: it has no usable DNS names in subjectAltName (browsers ignore the common name); it also names ${san} (${why}, so TLS clients match nothing with it), and a wildcard covers exactly one label. Reissue the certificate with these names, or remove them from the host names.`,
        );
    });

    it("an intermediate expiring within --min-days is a warning naming it (verify fails it against its own --min-days)", async () => {
        const soon = await makeCert({ commonName: "Soon CA", isCa: true, issuer: pki.root, notAfterDays: 10 });
        const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: soon, notAfterDays: 9 + 60 });
        const { code, doc } = await cli("soon", leaf, [soon], ["--min-days", "30"]);
        expect(code).toBe(0);
        expect(doc.results.filter((r) => r.id === "path.validity")).toEqual([
            expect.objectContaining({
                status: "warn",
                message: expect.stringMatching(
                    /^'CN=Soon CA' in the path expires on \S+Z, within 30 days: the whole chain stops working then\. Get the current chain from your CA\.$/,
                ),
            }),
        ]);
    });

    it("--cert without --key fails the key check instead of skipping it", async () => {
        const leaf = await pki.leaf({ commonName: HOST, dnsNames: [HOST] });
        writeFileSync(file("nokey.pem"), leaf.pem + pki.intermediate.pem);
        const io = memoryIo();
        const code = await run(["--cert", file("nokey.pem"), "--json"], io);
        expect(code).toBe(1);
        const doc = JSON.parse(io.stdout) as { results: Row[] };
        expect(doc.results.filter((r) => r.status === "fail")).toEqual([
            expect.objectContaining({
                id: "key.format",
                message:
                    "no private key given: ACM import needs the certificate's unencrypted private key; pass it as a secret.",
            }),
        ]);
    });

    it("a chain given with its root validates to that root without --ca; the shared checks agree", async () => {
        const expired = await makeCert({
            commonName: "Old CA",
            isCa: true,
            issuer: pki.root,
            notBeforeDays: -30,
            notAfterDays: -2,
        });
        const leaf = await makeCert({ commonName: HOST, dnsNames: [HOST], issuer: expired });
        const report = checkCertificate({
            certificatePem: leaf.pem,
            privateKeyPem: leaf.key.pem,
            chainPem: bundle(expired, pki.root),
            requireKey: true,
        });
        expect(report.ok).toBe(false);
        expect(report.results.filter((r) => r.status === "fail").map((r) => r.id)).toEqual(["path.validity"]);
        expect(report.anchorPem).toBe(pki.root.pem);
    });
});
