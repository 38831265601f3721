import { X509Certificate } from "node:crypto";
import { makePki, makeCert, makeKey, exportKey, EKU_CLIENT_AUTH } from "./helpers/pki";

describe("test PKI helper", () => {
    it("issues a leaf that chains to the intermediate and root", async () => {
        const pki = await makePki();
        const leaf = await pki.leaf({
            commonName: "app.example.com",
            dnsNames: ["app.example.com", "*.app.example.com"],
        });
        const l = new X509Certificate(leaf.pem);
        const i = new X509Certificate(pki.intermediate.pem);
        const r = new X509Certificate(pki.root.pem);
        expect(l.checkIssued(i)).toBe(true);
        expect(l.verify(i.publicKey)).toBe(true);
        expect(i.verify(r.publicKey)).toBe(true);
        expect(i.ca).toBe(true);
        expect(l.ca).toBe(false);
        expect(l.subjectAltName).toBe("DNS:app.example.com, DNS:*.app.example.com");
        expect(l.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
        expect(l.checkPrivateKey(leaf.key.object)).toBe(true);
    });

    it("controls validity and EKU", async () => {
        const c = await makeCert({
            commonName: "old",
            notBeforeDays: -30,
            notAfterDays: -1,
            extendedKeyUsages: [EKU_CLIENT_AUTH],
        });
        const x = new X509Certificate(c.pem);
        expect(new Date(x.validTo).getTime()).toBeLessThan(Date.now());
        expect(x.keyUsage).toEqual(["1.3.6.1.5.5.7.3.2"]);
    });

    it.each([
        [{ kind: "ec", curve: "P-384" } as const, "ec"],
        [{ kind: "ed25519" } as const, "ed25519"],
    ])("makes %j keys", async (spec, type) => {
        const key = await makeKey(spec);
        expect(key.object.asymmetricKeyType).toBe(type);
        const c = await makeCert({ commonName: "k", key });
        expect(new X509Certificate(c.pem).publicKey.asymmetricKeyType).toBe(type);
    });

    it("exports legacy and encrypted key encodings", async () => {
        const key = await makeKey({ kind: "rsa", bits: 2048 });
        expect(exportKey(key, "pkcs1")).toContain("BEGIN RSA PRIVATE KEY");
        expect(exportKey(key, "pkcs8-encrypted")).toContain("BEGIN ENCRYPTED PRIVATE KEY");
        expect(exportKey(key, "pkcs1-encrypted")).toContain("Proc-Type: 4,ENCRYPTED");
    });
});
