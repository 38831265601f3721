/**
 * ImportedCertificate wiring under Pulumi mocks, with real certificates made at
 * test time: exact ACM import inputs, normalisation warnings, secrets, PFX
 * input, and the same failure message whether the PEMs are plain (thrown before
 * any resource) or secret Outputs (thrown inside apply).
 */
import { named, ofType, resetMocks, resources, valueOf } from "./helpers/mocks";
import { inputError, TOKENS } from "./helpers/components";
import * as pulumi from "@pulumi/pulumi";
import { ImportedCertificate } from "../components/importedCertificate";
import { bundle, type DeepPki, makeDeepPki, subjectsOf } from "./helpers/certChain";
import { makePfx } from "./helpers/pfx";
import { exportKey, makeKey, type TestCert } from "./helpers/pki";
import { rejectionOf, withUnhandled } from "./helpers/rejections";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

let pki: DeepPki;
let leaf: TestCert;

beforeAll(async () => {
    pki = await makeDeepPki("Imp");
    leaf = await pki.leaf({ commonName: "app.example.com", dnsNames: ["app.example.com", "www.example.com"] });
});
let warn: jest.SpyInstance;
beforeEach(async () => {
    await resetMocks();
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
});
afterEach(() => warn.mockRestore());

/** The value of a recorded input, and whether it was a secret. */
function unwrap(value: any): { secret: boolean; value: any } {
    if (value && typeof value === "object" && Object.values(value).includes(SECRET_SIG))
        return { secret: true, value: value.value };
    return { secret: false, value };
}

const canonical = (c: TestCert) => c.pem.replace(/\r/g, "");

describe("ImportedCertificate", () => {
    it("imports exactly the leaf, the chain and the key (secret) into ACM", async () => {
        const seen: pulumi.ResourceTransformationArgs[] = [];
        const cert = new ImportedCertificate(
            "web",
            {
                certificate: leaf.pem,
                privateKey: leaf.key.pem,
                chain: bundle(pki.int2, pki.int1),
                hostnames: ["app.example.com"],
                tags: { team: "web" },
            },
            { transformations: [(a) => (seen.push(a), undefined)] },
        );
        expect(await valueOf(cert.certificateArn)).toMatch(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
        const acm = named(TOKENS.acmCert, "web-import");
        expect(acm.typeChain).toEqual([TOKENS.importedCertificate, TOKENS.acmCert]);
        expect(unwrap(acm.inputs.certificateBody)).toEqual({ secret: false, value: canonical(leaf) });
        expect(unwrap(acm.inputs.certificateChain)).toEqual({
            secret: false,
            value: canonical(pki.int2) + canonical(pki.int1),
        });
        expect(unwrap(acm.inputs.privateKey)).toEqual({ secret: true, value: leaf.key.pem });
        expect(acm.inputs.tags).toEqual({ team: "web" });
        expect(Object.keys(acm.inputs).sort()).toEqual(["certificateBody", "certificateChain", "privateKey", "tags"]);
        expect(await valueOf(cert.notAfter)).toBe(leaf.cert.notAfter.toISOString().replace(".000Z", "Z"));
        expect(await valueOf(cert.keyAlgorithm)).toBe("EC_prime256v1");
        expect(await valueOf(cert.warnings)).toEqual([]);
        // A key-type change must replace the ACM certificate (re-import cannot change it).
        const opts = seen.find((a) => a.name === "web-import")!.opts as pulumi.CustomResourceOptions;
        expect(await valueOf(pulumi.output(opts.replacementTrigger))).toBe("EC_prime256v1");
        expect(opts.additionalSecretOutputs).toEqual(["privateKey", "privateKeyWo"]);
    });

    it("splits a pasted full chain, drops the root, reorders — and says so", async () => {
        {
            const cert = new ImportedCertificate("full", {
                certificate: bundle(pki.int1, leaf, pki.root, pki.int2),
                privateKey: exportKey(leaf.key, "sec1"),
            });
            const warnings = [
                "the certificate field held 4 certificates: used 'CN=app.example.com' as the certificate and moved the other 3 to the chain.",
                "removed the self-signed root 'CN=Imp Root' from the chain: clients already have their roots, and ACM wants only the intermediates.",
                "reordered the chain to leaf → 'CN=Imp Intermediate 2' → 'CN=Imp Intermediate 1': each certificate must certify the one before it.",
            ];
            expect(await valueOf(cert.warnings)).toEqual(warnings);
            expect(warn.mock.calls.map((c) => c[0])).toEqual(warnings.map((w) => `ImportedCertificate 'full': ${w}`));
            await valueOf(cert.certificateArn);
            const acm = named(TOKENS.acmCert, "full-import");
            expect(subjectsOf(acm.inputs.certificateBody)).toEqual(["CN=app.example.com"]);
            expect(subjectsOf(acm.inputs.certificateChain)).toEqual(["CN=Imp Intermediate 2", "CN=Imp Intermediate 1"]);
            expect(unwrap(acm.inputs.privateKey).value).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
        }
    });

    it("checks secret Outputs inside apply and imports the same values, only the key secret", async () => {
        const cert = new ImportedCertificate("sec", {
            certificate: pulumi.secret(leaf.pem),
            privateKey: pulumi.secret(leaf.key.pem),
            chain: pulumi.secret(bundle(pki.int1, pki.int2)),
        });
        const reordered =
            "reordered the chain to leaf → 'CN=Imp Intermediate 2' → 'CN=Imp Intermediate 1': each certificate must certify the one before it.";
        expect(await valueOf(cert.warnings)).toEqual([reordered]);
        expect(warn.mock.calls.map((c) => c[0])).toEqual([`ImportedCertificate 'sec': ${reordered}`]);
        await valueOf(cert.certificateArn);
        const acm = named(TOKENS.acmCert, "sec-import");
        expect(unwrap(acm.inputs.certificateBody)).toEqual({ secret: false, value: canonical(leaf) });
        expect(unwrap(acm.inputs.certificateChain)).toEqual({
            secret: false,
            value: canonical(pki.int2) + canonical(pki.int1),
        });
        expect(unwrap(acm.inputs.privateKey)).toEqual({ secret: true, value: leaf.key.pem });
        expect(await pulumi.isSecret(cert.notAfter)).toBe(false);
    });

    it("takes a PFX bundle with its password (both secrets)", async () => {
        const pfx = makePfx({
            certificatePem: leaf.pem,
            keyPem: leaf.key.pem,
            chainPem: bundle(pki.root, pki.int1, pki.int2),
            password: "pw",
        });
        const cert = new ImportedCertificate("pfx", {
            pfx: pulumi.secret(pfx.toString("base64")),
            pfxPassword: pulumi.secret("pw"),
            hostnames: ["www.example.com"],
        });
        expect(await valueOf(cert.warnings)).toEqual([
            "removed the self-signed root 'CN=Imp Root' from the chain: clients already have their roots, and ACM wants only the intermediates.",
        ]);
        await valueOf(cert.certificateArn);
        const acm = named(TOKENS.acmCert, "pfx-import");
        expect(unwrap(acm.inputs.certificateBody).value).toBe(canonical(leaf));
        expect(subjectsOf(acm.inputs.certificateChain)).toEqual(["CN=Imp Intermediate 2", "CN=Imp Intermediate 1"]);
        expect(unwrap(acm.inputs.privateKey)).toEqual({ secret: true, value: leaf.key.pem });
    });

    it("throws one InputPropertiesError naming every bad property before creating anything", async () => {
        const other = await makeKey({ kind: "ec", curve: "P-256" });
        const expired = await pki.leaf({
            commonName: "app.example.com",
            dnsNames: ["app.example.com"],
            key: other,
            notBeforeDays: -90,
            notAfterDays: -1,
        });
        const e = inputError(
            () =>
                new ImportedCertificate("bad", {
                    certificate: expired.pem,
                    privateKey: exportKey(leaf.key, "pkcs8-encrypted"),
                    chain: "junk",
                    hostnames: ["api.example.com"],
                }),
        );
        expect(e.errors.map((x) => x.propertyPath)).toEqual(["chain", "privateKey", "certificate", "hostnames"]);
        expect(e.message.split("\n")[0]).toBe("ImportedCertificate 'bad' has 4 input problems:");
        expect(e.message).toContain(
            "  - `privateKey`: the private key is encrypted (PKCS#8 'ENCRYPTED PRIVATE KEY'); ACM needs it unencrypted. Decrypt it with `openssl pkey -in key.pem -out key-decrypted.pem`",
        );
        expect(e.message).toContain("  - `chain`: the chain is not PEM text: it holds no `-----BEGIN …-----` block.");
        expect(e.message).toMatch(
            / {2}- `certificate`: the certificate expired on \S+ \(1 day ago\); ACM import rejects expired certificates\./,
        );
        expect(e.message).toContain("  - `hostnames`: the certificate does not cover api.example.com");
        expect(resources()).toEqual([]);
    });

    it("fails with the same message inside apply when the PEMs are secret Outputs, without key material", async () => {
        const wrongKey = (await makeKey({ kind: "ec", curve: "P-256" })).pem;
        const args = {
            certificate: leaf.pem,
            privateKey: wrongKey,
            chain: bundle(pki.int2, pki.int1),
            hostnames: ["nope.example.org"],
        };
        let syncMessage = "";
        let syncErrors: unknown[] = [];
        try {
            new ImportedCertificate("same", args);
        } catch (err) {
            syncMessage = (err as Error).message;
            syncErrors = (err as pulumi.InputPropertiesError).errors;
        }
        expect(syncMessage).toContain("ImportedCertificate 'same' has 2 input problems:");
        await withUnhandled(async (unhandled) => {
            const cert = new ImportedCertificate("same", { ...args, privateKey: pulumi.secret(wrongKey) });
            const error = await rejectionOf(cert.notAfter);
            expect(pulumi.InputPropertiesError.isInstance(error)).toBe(true);
            // Pulumi prefixes the (shared) error with the input it was serializing, e.g.
            // `error serializing property "certificateBody": ImportedCertificate 'same': …`.
            expect(error.message.endsWith(syncMessage)).toBe(true);
            expect((error as pulumi.InputPropertiesError).errors).toEqual(syncErrors);
            expect(
                JSON.stringify({ message: error.message, errors: (error as pulumi.InputPropertiesError).errors }),
            ).not.toContain(wrongKey.split("\n")[1]);
            await new Promise((r) => setTimeout(r, 50));
            expect(unhandled.length).toBeGreaterThan(0);
            expect(unhandled.every((u) => String((u as Error).message).endsWith(syncMessage))).toBe(true);
        });
        expect(ofType(TOKENS.acmCert)).toEqual([]);
    });
});
