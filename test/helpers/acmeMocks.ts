/**
 * Mock outputs for the ACME provider's resources: a real certificate (made at
 * test time) as the provider would return it. Call once per test file, in `beforeAll`.
 */
import { registerMockOutputs } from "./mocks";
import { makePki, type TestCert, type TestPki } from "./pki";

export async function mockAcmeIssuance(
    dnsNames = ["app.example.com", "www.example.com"],
): Promise<{ pki: TestPki; leaf: TestCert }> {
    const pki = await makePki("ACME");
    const leaf = await pki.leaf({ commonName: dnsNames[0], dnsNames });
    registerMockOutputs("tls:index/privateKey:PrivateKey", () => ({ privateKeyPem: "ACCOUNT KEY" }));
    registerMockOutputs("acme:index/certificate:Certificate", () => ({
        certificatePem: leaf.pem,
        issuerPem: pki.intermediate.pem,
        privateKeyPem: leaf.key.pem,
        certificateNotAfter: leaf.cert.notAfter.toISOString(),
    }));
    return { pki, leaf };
}
