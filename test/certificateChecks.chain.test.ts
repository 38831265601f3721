/**
 * Chain normalisation (split, reorder, drop leaf copies and roots, refuse
 * unrelated certificates) and PFX bundles, on real certificates and on
 * bundles made with the openssl CLI at test time.
 */
import { checkCertificate } from "../components/internal/certificates/checks";
import { readPfx, PfxError } from "../components/internal/certificates/pfx";
import { bundle, type DeepPki, makeDeepPki, resultOf, statuses, subjectsOf } from "./helpers/certChain";
import { makePfx } from "./helpers/pfx";
import { makeKey, makePki, type TestCert } from "./helpers/pki";

let pki: DeepPki;
let leaf: TestCert;

beforeAll(async () => {
    pki = await makeDeepPki("Deep");
    leaf = await pki.leaf({ commonName: "app.example.com", dnsNames: ["app.example.com"] });
});

const IN_ORDER = ["CN=Deep Intermediate 2", "CN=Deep Intermediate 1"];

function check(certificatePem: string, chainPem?: string) {
    return checkCertificate({
        certificatePem,
        chainPem,
        privateKeyPem: leaf.key.pem,
        requireKey: true,
        hostnames: ["app.example.com"],
    });
}

describe("chain normalisation", () => {
    it("keeps a correct chain as it is, without warnings", () => {
        const report = check(leaf.pem, bundle(pki.int2, pki.int1));
        expect(report.warnings).toEqual([]);
        expect(subjectsOf(report.normalized!.chainPem)).toEqual(IN_ORDER);
        expect(resultOf(report, "chain.links").message).toBe(
            "leaf → 'CN=Deep Intermediate 2' → 'CN=Deep Intermediate 1'.",
        );
    });

    it("reorders a chain given out of order", () => {
        const report = check(leaf.pem, bundle(pki.int1, pki.int2));
        expect(report.ok).toBe(true);
        expect(report.warnings).toEqual([
            "reordered the chain to leaf → 'CN=Deep Intermediate 2' → 'CN=Deep Intermediate 1': each certificate must certify the one before it.",
        ]);
        expect(subjectsOf(report.normalized!.chainPem)).toEqual(IN_ORDER);
    });

    it("removes the leaf from the chain", () => {
        const report = check(leaf.pem, bundle(leaf, pki.int2, pki.int1));
        expect(report.warnings).toEqual([
            "removed the certificate itself ('CN=app.example.com') from the chain: the chain holds only the certificates above it.",
        ]);
        expect(subjectsOf(report.normalized!.chainPem)).toEqual(IN_ORDER);
    });

    it("removes the root from the chain", () => {
        const report = check(leaf.pem, bundle(pki.int2, pki.int1, pki.root));
        expect(report.warnings).toEqual([
            "removed the self-signed root 'CN=Deep Root' from the chain: clients already have their roots, and ACM wants only the intermediates.",
        ]);
        expect(subjectsOf(report.normalized!.chainPem)).toEqual(IN_ORDER);
    });

    it("removes duplicates", () => {
        const report = check(leaf.pem, bundle(pki.int2, pki.int2, pki.int1));
        expect(report.warnings).toEqual(["removed 1 duplicate certificate from the chain."]);
    });

    it("splits a full chain pasted into the certificate field, in any order", () => {
        const report = check(bundle(pki.root, pki.int1, leaf, pki.int2));
        expect(report.ok).toBe(true);
        expect(subjectsOf(report.normalized!.leafPem)).toEqual(["CN=app.example.com"]);
        expect(subjectsOf(report.normalized!.chainPem)).toEqual(IN_ORDER);
        expect(report.warnings).toEqual([
            "the certificate field held 4 certificates: used 'CN=app.example.com' as the certificate and moved the other 3 to the chain.",
            "removed the self-signed root 'CN=Deep Root' from the chain: clients already have their roots, and ACM wants only the intermediates.",
            "reordered the chain to leaf → 'CN=Deep Intermediate 2' → 'CN=Deep Intermediate 1': each certificate must certify the one before it.",
        ]);
    });

    it("fails when the chain does not link to the certificate (missing intermediate or another CA's)", async () => {
        const other = await makePki("Other");
        const report = check(leaf.pem, bundle(pki.int1, other.intermediate));
        expect(resultOf(report, "chain.links")).toEqual({
            id: "chain.links",
            status: "fail",
            property: "chain",
            message:
                "the chain does not link to the certificate: 'CN=Deep Intermediate 1', 'CN=Other Intermediate CA' certify neither 'CN=app.example.com' nor any intermediate above it. The chain must hold the intermediates that issued the certificate, each certifying the one before; get the right chain from your CA.",
        });
        expect(report.ok).toBe(false);
    });

    it("refuses a chain that is not PEM, naming the chain", () => {
        const report = check(leaf.pem, "garbage");
        expect(resultOf(report, "chain.format")).toEqual({
            id: "chain.format",
            status: "fail",
            property: "chain",
            message: "the chain is not PEM text: it holds no `-----BEGIN …-----` block.",
        });
    });
});

describe("PFX bundles", () => {
    const chain = () => bundle(pki.int1, pki.root, pki.int2); // as an exporter might order them

    it.each([
        ["with a password", "s3cret", false],
        ["without a password", "", false],
        ["with a password, -legacy encryption", "s3cret", true],
    ])("reads a bundle %s", (_name, password, legacy) => {
        const pfx = makePfx({
            certificatePem: leaf.pem,
            keyPem: leaf.key.pem,
            chainPem: chain(),
            password,
            legacy,
        }).toString("base64");
        const report = checkCertificate({
            pfx,
            pfxPassword: password || undefined,
            requireKey: true,
            hostnames: ["app.example.com"],
        });
        expect(statuses(report)).toEqual([
            "pfx=pass",
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
            "chain.root-removed=warn",
            "chain.links=pass",
            "path=pass",
        ]);
        expect(subjectsOf(report.normalized!.leafPem)).toEqual(["CN=app.example.com"]);
        expect(subjectsOf(report.normalized!.chainPem)).toEqual(IN_ORDER);
        expect(report.normalized!.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    });

    it("reads an RSA bundle (keys node-forge models itself)", async () => {
        const key = await makeKey({ kind: "rsa", bits: 2048 });
        const rsaLeaf = await pki.leaf({ commonName: "rsa.example.com", dnsNames: ["rsa.example.com"], key });
        const contents = readPfx(makePfx({ certificatePem: rsaLeaf.pem, keyPem: key.pem, password: "pw" }), "pw");
        expect(contents.privateKeyPem).toBe(key.pem.replace(/\r/g, ""));
        expect(subjectsOf(contents.certificatePem)).toEqual(["CN=rsa.example.com"]);
        expect(contents.chainPem).toBe("");
    });

    it.each([
        [
            "a wrong password",
            "wrong",
            "pfxPassword",
            "the PFX bundle could not be opened: the password is wrong. Pass the export password as `pfxPassword` (a secret), or check it with `openssl pkcs12 -info -noout -in bundle.pfx`.",
        ],
        [
            "no password",
            undefined,
            "pfxPassword",
            "the PFX bundle could not be opened: the bundle is password-protected and no password was given. Pass the export password as `pfxPassword` (a secret), or check it with `openssl pkcs12 -info -noout -in bundle.pfx`.",
        ],
    ])("names the password when given %s", (_name, password, property, message) => {
        const pfx = makePfx({ certificatePem: leaf.pem, keyPem: leaf.key.pem, password: "s3cret" }).toString("base64");
        const report = checkCertificate({ pfx, pfxPassword: password });
        expect(report.results).toEqual([{ id: "pfx", status: "fail", property, message }]);
    });

    it.each([
        [
            "not base64",
            "not base64!",
            "the PFX bundle must be base64 text (for example `base64 -w0 bundle.pfx`), and this is not.",
        ],
        [
            "PEM text",
            "PEM",
            "the PFX field holds PEM text; pass PEM files as `certificate`, `privateKey` and `chain` instead.",
        ],
        [
            "not PKCS#12",
            Buffer.from("hello world, not a bundle").toString("base64"),
            "the PFX bundle could not be read as PKCS#12 (damaged, truncated, or not a .pfx/.p12 file). Check it with `openssl pkcs12 -info -noout -in bundle.pfx`.",
        ],
    ])("refuses a pfx that is %s", (_name, value, message) => {
        const pfx = value === "PEM" ? leaf.pem : value;
        expect(() => readPfx(pfx)).toThrow(new PfxError("pfx", message));
        expect(checkCertificate({ pfx }).results).toEqual([{ id: "pfx", status: "fail", property: "pfx", message }]);
    });

    it("refuses a pfx together with PEM inputs", () => {
        expect(checkCertificate({ pfx: "AAAA", certificatePem: leaf.pem }).results).toEqual([
            {
                id: "pfx",
                status: "fail",
                property: "pfx",
                message: "give either a PFX bundle or a PEM certificate and private key, not both.",
            },
        ]);
    });
});
