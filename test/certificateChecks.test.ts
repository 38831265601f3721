/**
 * The pure certificate checks on real keys and certificates made at test time:
 * key algorithms and sizes, validity, key/certificate pairing, encrypted keys,
 * extended key usage, self-signed, CA-as-leaf, not-PEM input, host names.
 * Chains and PFX bundles: certificateChecks.chain.test.ts.
 */
import { checkCertificate, inputErrors } from "../components/internal/certificates/checks";
import { generateKeyPairSync } from "node:crypto";
import { describeKey, keyAlgorithmProblem } from "../components/internal/certificates/keys";
import { covers, splitSubjectAltName } from "../components/internal/certificates/names";
import { readPem, unwrapText } from "../components/internal/certificates/pem";
import { around, resultOf, statuses } from "./helpers/certChain";
import {
    EKU_CLIENT_AUTH,
    type KeySpec,
    fixtureKey,
    makeCert,
    makeKey,
    makePki,
    sharedKey,
    exportKey,
    type TestPki,
    type TestCert,
} from "./helpers/pki";

// RSA 8192 takes ~15 s to generate: a committed key (test/fixtures/keys/rsa-8192.pem).
const rsa8192 = fixtureKey({ kind: "rsa", bits: 8192 });
rsa8192.catch(() => undefined);

let pki: TestPki;
let leaf: TestCert;
const NAMES = ["app.example.com", "*.example.com"];

beforeAll(async () => {
    pki = await makePki("Checks");
    leaf = await pki.leaf({ commonName: "app.example.com", dnsNames: NAMES });
});

/** Checks a leaf with its key and the intermediate as chain, at a time inside its validity. */
function check(cert: TestCert, extra: Partial<Parameters<typeof checkCertificate>[0]> = {}) {
    return checkCertificate({
        certificatePem: cert.pem,
        privateKeyPem: cert.key.pem,
        chainPem: pki.intermediate.pem,
        requireKey: true,
        ...extra,
    });
}

describe("a good certificate", () => {
    it("passes every check and returns canonical PEM", () => {
        const report = check(leaf, { hostnames: ["app.example.com", "api.example.com"] });
        expect(statuses(report)).toEqual([
            "certificate.format=pass",
            "key.format=pass",
            "key.size=pass",
            "key.match=pass",
            "key.algorithm=pass",
            "validity.start=pass",
            "validity.end=pass",
            "hostnames=pass",
            "eku=pass",
            "certificate.leaf=pass",
            "self-signed=pass",
            "chain.links=pass",
            "path=pass",
        ]);
        expect(report.ok).toBe(true);
        expect(report.warnings).toEqual([]);
        expect(report.keyAlgorithm).toBe("EC_prime256v1");
        expect(resultOf(report, "chain.links").message).toBe("leaf → 'CN=Checks Intermediate CA'.");
        expect(resultOf(report, "hostnames").message).toBe("covers app.example.com, api.example.com.");
        expect(report.normalized?.leafPem).toMatch(
            /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/,
        );
        expect(report.summary).toMatchObject({
            subject: "CN=app.example.com",
            issuer: "CN=Checks Intermediate CA",
            names: NAMES,
            key: "ECDSA P-256",
            selfSigned: false,
        });
    });

    it("accepts CRLF line endings, a BOM, literal \\n and a base64-wrapped PEM", () => {
        const crlf = "\uFEFF" + leaf.pem.replace(/\n/g, "\r\n");
        const escaped = leaf.pem.replace(/\n/g, "\\n");
        const wrapped = Buffer.from(leaf.pem).toString("base64");
        for (const text of [crlf, escaped, wrapped]) {
            expect(unwrapText(text)).toContain("-----BEGIN CERTIFICATE-----\n");
            const report = check(leaf, { certificatePem: text });
            expect(report.ok).toBe(true);
            expect(report.normalized?.leafPem).toBe(check(leaf).normalized?.leafPem);
        }
    });

    it("strips text around the blocks (openssl 'Bag Attributes')", () => {
        const noisy = `Bag Attributes\n    localKeyID: 01 02\nsubject=CN=app.example.com\n${leaf.pem}\ntrailing words\n`;
        expect(check(leaf, { certificatePem: noisy }).normalized?.leafPem).toBe(check(leaf).normalized?.leafPem);
    });
});

describe("key algorithm and size (ACM import / ALB)", () => {
    const table: [string, KeySpec, "pass" | "fail", string][] = [
        [
            "RSA 1024",
            { kind: "rsa", bits: 1024 },
            "fail",
            "the certificate's key is RSA 1024: RSA keys under 2048 bits are too weak (public CAs stopped issuing them in 2013) and are refused here; reissue the certificate with an ECDSA P-256 or RSA 2048 key.",
        ],
        ["RSA 2048", { kind: "rsa", bits: 2048 }, "pass", "RSA 2048 key (ACM: RSA_2048)."],
        ["RSA 3072", { kind: "rsa", bits: 3072 }, "pass", "RSA 3072 key (ACM: RSA_3072)."],
        ["RSA 4096", { kind: "rsa", bits: 4096 }, "pass", "RSA 4096 key (ACM: RSA_4096)."],
        ["ECDSA P-256", { kind: "ec", curve: "P-256" }, "pass", "ECDSA P-256 key (ACM: EC_prime256v1)."],
        ["ECDSA P-384", { kind: "ec", curve: "P-384" }, "pass", "ECDSA P-384 key (ACM: EC_secp384r1)."],
        ["ECDSA P-521", { kind: "ec", curve: "P-521" }, "pass", "ECDSA P-521 key (ACM: EC_secp521r1)."],
        [
            "Ed25519",
            { kind: "ed25519" },
            "fail",
            "the certificate's key is Ed25519: ACM import and the ALB do not support EdDSA keys; reissue the certificate with an ECDSA P-256 or RSA 2048 key.",
        ],
    ];
    it.each(table)("%s → %s", async (_name, spec, status, message) => {
        const key = await sharedKey(spec);
        const cert = await pki.leaf({ commonName: "app.example.com", dnsNames: ["app.example.com"], key });
        const report = check(cert);
        expect(resultOf(report, "key.algorithm")).toEqual({
            id: "key.algorithm",
            status,
            property: "certificate",
            message,
        });
        expect(resultOf(report, "key.match").status).toBe("pass");
        expect(report.ok).toBe(status === "pass");
        expect(report.keyAlgorithm).toBe(status === "pass" ? message.match(/ACM: (\w+)/)?.[1] : undefined);
    });

    it("RSA 8192: refused for the algorithm and for the 5 KB key limit", async () => {
        const key = await rsa8192;
        const cert = await pki.leaf({ commonName: "app.example.com", dnsNames: ["app.example.com"], key });
        const report = check(cert);
        expect(resultOf(report, "key.algorithm").message).toBe(
            "the certificate's key is RSA 8192: ACM import rejects RSA keys larger than 4096 bits; reissue the certificate with an RSA 4096 (or smaller) or ECDSA P-256/P-384 key.",
        );
        const bytes = Buffer.byteLength(report.normalized!.keyPem!);
        expect(bytes).toBeGreaterThan(5120);
        expect(resultOf(report, "key.size")).toMatchObject({
            status: "fail",
            message: `the private key is ${bytes} bytes of PEM; ACM import accepts at most 5120 bytes (5 KB). Use an RSA 4096 (or smaller) or ECDSA key.`,
        });
    }, 120_000);
});

describe("key kinds the test PKI cannot certify", () => {
    it.each([
        [
            "secp256k1",
            () => generateKeyPairSync("ec", { namedCurve: "secp256k1" }).publicKey,
            "the certificate's key is ECDSA on curve secp256k1: ACM import and the ALB accept ECDSA on P-256, P-384 and P-521 only; reissue the certificate with an ECDSA P-256 or RSA 2048 key.",
        ],
        [
            "RSA 2560",
            () => generateKeyPairSync("rsa", { modulusLength: 2560 }).publicKey,
            "the certificate's key is RSA 2560: ACM import accepts RSA keys of 2048, 3072 or 4096 bits only; reissue the certificate with an ECDSA P-256 or RSA 2048 key.",
        ],
        [
            "RSA-PSS",
            () => generateKeyPairSync("rsa-pss", { modulusLength: 2048 }).publicKey,
            "the certificate's key is RSA-PSS 2048: ACM import and the ALB accept RSA and ECDSA keys only; reissue the certificate with an ECDSA P-256 or RSA 2048 key.",
        ],
    ])("%s is refused", (_name, make, message) => {
        expect(keyAlgorithmProblem(describeKey(make()))).toBe(message);
    });
});

describe("the private key", () => {
    it("fails when it belongs to another certificate", async () => {
        const other = await makeKey({ kind: "ec", curve: "P-256" });
        const report = check(leaf, { privateKeyPem: other.pem });
        expect(resultOf(report, "key.match")).toEqual({
            id: "key.match",
            status: "fail",
            property: "privateKey",
            message:
                "the private key does not match the certificate: its public key (ECDSA P-256) is not the certificate's (ECDSA P-256). Pass the key the certificate's CSR was made with.",
        });
        expect(report.ok).toBe(false);
    });

    it("reads PKCS#1 and SEC1 keys and keeps their format", async () => {
        const rsa = await sharedKey({ kind: "rsa", bits: 2048 });
        const rsaCert = await pki.leaf({ commonName: "rsa.example.com", dnsNames: ["rsa.example.com"], key: rsa });
        const pkcs1 = exportKey(rsa, "pkcs1");
        expect(check(rsaCert, { privateKeyPem: pkcs1 }).normalized?.keyPem).toBe(pkcs1);
        const sec1 = exportKey(leaf.key, "sec1");
        const withParams = `-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n${sec1}`;
        const report = check(leaf, { privateKeyPem: withParams });
        expect(report.ok).toBe(true);
        expect(report.normalized?.keyPem).toBe(sec1);
    });

    const encrypted: [string, (k: TestCert) => string, string][] = [
        [
            "PKCS#8",
            (c) => exportKey(c.key, "pkcs8-encrypted"),
            "the private key is encrypted (PKCS#8 'ENCRYPTED PRIVATE KEY'); ACM needs it unencrypted. Decrypt it with `openssl pkey -in key.pem -out key-decrypted.pem` (it asks for the passphrase) and use the decrypted key, kept secret (`pulumi config set --secret`).",
        ],
        [
            "legacy RSA",
            (c) => exportKey(c.key, "pkcs1-encrypted"),
            "the private key is encrypted (legacy PEM 'RSA PRIVATE KEY' with 'Proc-Type: 4,ENCRYPTED'); ACM needs it unencrypted. Decrypt it with `openssl rsa -in key.pem -out key-decrypted.pem` (it asks for the passphrase) and use the decrypted key, kept secret (`pulumi config set --secret`).",
        ],
        [
            "legacy EC",
            (c) =>
                c.key.object.export({ type: "sec1", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }) as string,
            "the private key is encrypted (legacy PEM 'EC PRIVATE KEY' with 'Proc-Type: 4,ENCRYPTED'); ACM needs it unencrypted. Decrypt it with `openssl ec -in key.pem -out key-decrypted.pem` (it asks for the passphrase) and use the decrypted key, kept secret (`pulumi config set --secret`).",
        ],
    ];
    it.each(encrypted)(
        "refuses an encrypted %s key with the command that decrypts it",
        async (_name, encode, message) => {
            const cert =
                _name === "legacy RSA"
                    ? await pki.leaf({
                          commonName: "rsa.example.com",
                          key: await sharedKey({ kind: "rsa", bits: 2048 }),
                      })
                    : leaf;
            const keyPem = encode(cert);
            const report = check(cert, { privateKeyPem: keyPem });
            expect(resultOf(report, "key.format")).toEqual({
                id: "key.format",
                status: "fail",
                property: "privateKey",
                message,
            });
            expect(report.results.map((r) => r.id)).not.toContain("key.match");
            const body = keyPem.split("\n").find((l) => /^[A-Za-z0-9+/]{40,}/.test(l))!;
            expect(JSON.stringify(report)).not.toContain(body);
        },
    );

    it.each([
        [
            "missing",
            undefined,
            "no private key given: ACM import needs the certificate's unencrypted private key; pass it as a secret.",
        ],
        [
            "a certificate",
            "CERT",
            "the private key field holds a certificate (CERTIFICATE), not a private key; pass the key file your CSR was made with (often `*.key`).",
        ],
        [
            "two keys",
            "TWO",
            "the private key field holds 2 private keys; pass exactly one, the key that belongs to the certificate.",
        ],
        ["not PEM", "just words", "the private key is not PEM text: it holds no `-----BEGIN …-----` block."],
    ])("refuses a key field that is %s", (_name, value, message) => {
        const text = value === "CERT" ? leaf.pem : value === "TWO" ? leaf.key.pem + leaf.key.pem : value;
        expect(resultOf(check(leaf, { privateKeyPem: text }), "key.format").message).toBe(message);
    });
});

describe("validity", () => {
    it("fails a certificate that has expired", async () => {
        const cert = await pki.leaf({ commonName: "old.example.com", notBeforeDays: -100, notAfterDays: -3 });
        const report = check(cert, { now: around(cert, "notAfter", 3) });
        expect(resultOf(report, "validity.end")).toEqual({
            id: "validity.end",
            status: "fail",
            property: "certificate",
            message: `the certificate expired on ${cert.cert.notAfter.toISOString().replace(".000Z", "Z")} (3 days ago); ACM import rejects expired certificates. Renew it with your CA and pass the new files.`,
        });
    });

    it("fails a certificate that is not valid yet", async () => {
        const cert = await pki.leaf({ commonName: "new.example.com", notBeforeDays: 3, notAfterDays: 90 });
        const report = check(cert, { now: around(cert, "notBefore", -3, 1) });
        expect(resultOf(report, "validity.start").message).toBe(
            `the certificate is not valid yet: it starts on ${cert.cert.notBefore.toISOString().replace(".000Z", "Z")} (in 3 days); ACM import rejects certificates before their start date. Import it after that date, or ask your CA why it is post-dated.`,
        );
        expect(report.ok).toBe(false);
    });

    it.each([
        [30, 10, "warn"],
        [5, 10, "pass"],
    ])("warns within the threshold (threshold %i days, %i days left → %s)", (minDays, left, status) => {
        const report = check(leaf, { now: around(leaf, "notAfter", -left), minDays });
        const notAfter = leaf.cert.notAfter.toISOString().replace(".000Z", "Z");
        expect(resultOf(report, "validity.end")).toMatchObject({
            status,
            message:
                status === "warn"
                    ? `the certificate expires on ${notAfter}, in 10 days (warning threshold: 30 days); renew it with your CA soon.`
                    : `valid until ${notAfter} (10 days left).`,
        });
        expect(report.ok).toBe(true);
        expect(report.warnings.length).toBe(status === "warn" ? 1 : 0);
    });
});

describe("host names (wildcards cover exactly one label)", () => {
    it.each([
        ["*.example.com", "a.example.com", true],
        ["*.example.com", "example.com", false],
        ["*.example.com", "a.b.example.com", false],
        ["*.example.com", "A.Example.COM.", true],
        ["*.example.com", "*.example.com", true],
        ["a.example.com", "*.example.com", false],
        ["*.b.example.com", "a.b.example.com", true],
        ["a*.example.com", "ab.example.com", false],
        ["example.com", "example.com", true],
    ])("%s covers %s: %s", (name, host, expected) => {
        expect(covers(name, host)).toBe(expected);
    });

    it("names the uncovered host names and what the certificate covers", async () => {
        const wildcard = await pki.leaf({ commonName: "*.example.com", dnsNames: ["*.example.com"] });
        const report = check(wildcard, { hostnames: ["a.example.com", "example.com", "a.b.example.com"] });
        expect(resultOf(report, "hostnames")).toEqual({
            id: "hostnames",
            status: "fail",
            property: "hostnames",
            message:
                "the certificate does not cover example.com, a.b.example.com: it covers *.example.com, and a wildcard covers exactly one label. Reissue the certificate with these names, or remove them from the host names.",
        });
    });

    it("ignores the common name (browsers do)", async () => {
        const cnOnly = await pki.leaf({ commonName: "app.example.com" });
        expect(resultOf(check(cnOnly, { hostnames: ["app.example.com"] }), "hostnames").message).toBe(
            "the certificate does not cover app.example.com: it has no DNS names in subjectAltName (browsers ignore the common name), and a wildcard covers exactly one label. Reissue the certificate with these names, or remove them from the host names.",
        );
    });

    it("splits Node's quoted subjectAltName form", () => {
        expect(splitSubjectAltName('DNS:a.example.com, DNS:"b, c", IP Address:10.0.0.1')).toEqual([
            "DNS:a.example.com",
            "DNS:b, c",
            "IP Address:10.0.0.1",
        ]);
    });
});

describe("what kind of certificate", () => {
    it("fails without serverAuth in the extended key usage, passes without the extension", async () => {
        const client = await pki.leaf({ commonName: "app.example.com", extendedKeyUsages: [EKU_CLIENT_AUTH] });
        expect(resultOf(check(client), "eku")).toEqual({
            id: "eku",
            status: "fail",
            property: "certificate",
            message:
                "the certificate's extended key usage (1.3.6.1.5.5.7.3.2) does not include serverAuth (1.3.6.1.5.5.7.3.1), so TLS clients will refuse it for HTTPS. Reissue it as a TLS server certificate.",
        });
        const none = await pki.leaf({ commonName: "app.example.com", extendedKeyUsages: [] });
        expect(resultOf(check(none), "eku")).toMatchObject({
            status: "pass",
            message: "no extended key usage restriction.",
        });
    });

    it("fails a self-signed certificate unless allowed", async () => {
        const self = await makeCert({ commonName: "self.example.com", dnsNames: ["self.example.com"] });
        const refused = checkCertificate({ certificatePem: self.pem, privateKeyPem: self.key.pem });
        expect(resultOf(refused, "self-signed")).toMatchObject({
            status: "fail",
            message:
                "the certificate is self-signed, so browsers will not trust it. Use a certificate from a CA, or allow self-signed certificates for test environments (`allowSelfSigned: true`; CLI `--allow-self-signed`).",
        });
        const allowed = checkCertificate({
            certificatePem: self.pem,
            privateKeyPem: self.key.pem,
            allowSelfSigned: true,
        });
        expect(allowed.ok).toBe(true);
        expect(allowed.warnings).toEqual([
            "the certificate is self-signed: browsers will not trust it (allowed for this test environment).",
        ]);
        expect(resultOf(allowed, "chain.links").message).toBe("no chain needed for a self-signed certificate.");
    });

    it("fails a CA certificate given as the certificate", () => {
        const report = checkCertificate({ certificatePem: pki.intermediate.pem });
        expect(resultOf(report, "certificate.leaf")).toMatchObject({
            status: "fail",
            message:
                "'CN=Checks Intermediate CA' is a CA certificate, not a server certificate; pass the certificate issued for your host names (the chain goes in `chain`).",
        });
    });

    it("fails when no chain is given for a certificate whose issuer is not a root (as verify does)", () => {
        const report = checkCertificate({ certificatePem: leaf.pem, privateKeyPem: leaf.key.pem });
        expect(resultOf(report, "chain.links")).toMatchObject({
            status: "fail",
            message:
                "no intermediate certificates given, and the issuer 'CN=Checks Intermediate CA' is not one of the public roots: TLS clients (and `verify`) will fail to validate the certificate. Pass the chain your CA sent (often `chain.pem` or `ca-bundle.crt`).",
        });
        expect(report.ok).toBe(false);
    });
});

describe("input that is not a PEM certificate", () => {
    it.each([
        ["empty", "", "no certificate given: pass the PEM certificate your CA issued (or a PFX bundle)."],
        ["words", "hello", "the certificate is not PEM text: it holds no `-----BEGIN …-----` block."],
        ["a private key", "KEY", "the certificate holds a private key (PRIVATE KEY), not a certificate."],
        [
            "a CSR",
            "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
            "the certificate holds a certificate signing request (CERTIFICATE REQUEST), not a certificate; send the CSR to your CA and use the certificate it returns.",
        ],
        [
            "damaged",
            "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n",
            "the certificate has a block that is not a valid X.509 certificate (block 1 of 1: damaged or truncated base64?).",
        ],
        [
            "DER bytes",
            "DER",
            "the certificate is not PEM text: it looks like binary (DER or PKCS#12) data; convert DER with `openssl x509 -inform der -in cert.der -out cert.pem`, or pass a PKCS#12 bundle as `pfx`.",
        ],
        [
            "base64 DER",
            "B64",
            "the certificate is not PEM text: it looks like base64 DER without the PEM header and footer lines; if it is a PKCS#12 (.pfx/.p12) bundle pass it as `pfx`, otherwise add the `-----BEGIN …-----` / `-----END …-----` lines your CA sent.",
        ],
    ])("%s", (_name, value, message) => {
        const der = leaf.cert.rawData;
        const text =
            value === "KEY"
                ? leaf.key.pem
                : value === "DER"
                  ? Buffer.from(der).toString("latin1")
                  : value === "B64"
                    ? Buffer.from(der).toString("base64")
                    : value;
        const report = checkCertificate({ certificatePem: text });
        expect(report.results).toEqual([
            { id: "certificate.format", status: "fail", property: "certificate", message },
        ]);
        expect(report.ok).toBe(false);
        expect(report.normalized).toBeUndefined();
    });

    it("reads block headers of legacy keys", () => {
        const pem = exportKey(leaf.key, "pkcs8");
        expect(readPem(pem).blocks[0].headers).toEqual({});
    });
});

describe("inputErrors (for the component's InputPropertiesError)", () => {
    it("lists each failure with the property at fault, and nothing when all pass", async () => {
        const other = await makeKey({ kind: "ec", curve: "P-256" });
        const report = check(leaf, { privateKeyPem: other.pem, hostnames: ["example.org"] });
        const errors = inputErrors(report, "ImportedCertificate 'web'", (p) => `pem.${p}`);
        expect(errors?.errors.map((e) => e.propertyPath)).toEqual(["pem.privateKey", "pem.hostnames"]);
        expect(errors?.message).toBe(
            [
                "ImportedCertificate 'web': 2 problems with the certificate inputs:",
                `  - pem.privateKey: ${resultOf(report, "key.match").message}`,
                `  - pem.hostnames: ${resultOf(report, "hostnames").message}`,
            ].join("\n"),
        );
        expect(inputErrors(check(leaf), "x")).toBeUndefined();
    });

    it("reports format problems of certificate, chain and key together", () => {
        const report = checkCertificate({
            certificatePem: "junk",
            chainPem: "junk",
            privateKeyPem: exportKey(leaf.key, "pkcs8-encrypted"),
            requireKey: true,
        });
        expect(report.results.map((r) => `${r.property}:${r.id}=${r.status}`)).toEqual([
            "certificate:certificate.format=fail",
            "chain:chain.format=fail",
            "privateKey:key.format=fail",
        ]);
    });
});
