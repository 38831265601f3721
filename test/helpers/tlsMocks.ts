/**
 * Mock outputs for the `@pulumi/tls` resources a CsrCertificate registers, made with real cryptography from the
 * exact inputs the component sends: a real key of the asked type (one per logical name, so a second run of the
 * same program gets the same key, as the state would keep it), a real PKCS#10 request signed by that key with the
 * given subject and DNS names, and a real self-signed certificate. Call once per test file, in `beforeAll`.
 */
import { type KeySpec, makeKey, type TestKey } from "./pki"; // first: it loads reflect-metadata for @peculiar/x509
import { createPrivateKey, createPublicKey, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { registerMockOutputs } from "./mocks";

type CryptoKeyPair = webcrypto.CryptoKeyPair;

const keys = new Map<string, TestKey>();

function specOf(inputs: Record<string, any>): KeySpec {
    if (inputs.algorithm === "RSA") return { kind: "rsa", bits: Number(inputs.rsaBits ?? 2048) };
    const curve = { P256: "P-256", P384: "P-384", P521: "P-521" }[String(inputs.ecdsaCurve ?? "P224")];
    if (!curve) throw new Error(`no test key for ECDSA curve ${inputs.ecdsaCurve}`);
    return { kind: "ec", curve: curve as "P-256" | "P-384" | "P-521" };
}

/** The web-crypto algorithms of a key PEM (what the tls provider returned). */
async function importPair(pem: string): Promise<{ keys: CryptoKeyPair; sign: any }> {
    const object = createPrivateKey(pem);
    const rsa = object.asymmetricKeyType === "rsa";
    const curve = object.asymmetricKeyDetails?.namedCurve === "secp384r1" ? "P-384" : "P-256";
    const algorithm = rsa ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } : { name: "ECDSA", namedCurve: curve };
    const privateKey = await webcrypto.subtle.importKey(
        "pkcs8",
        object.export({ type: "pkcs8", format: "der" }),
        algorithm,
        true,
        ["sign"],
    );
    const publicKey = await webcrypto.subtle.importKey(
        "spki",
        createPublicKey(object).export({ type: "spki", format: "der" }),
        algorithm,
        true,
        ["verify"],
    );
    const sign = rsa ? algorithm : { name: "ECDSA", hash: curve === "P-384" ? "SHA-384" : "SHA-256" };
    return { keys: { privateKey, publicKey } as CryptoKeyPair, sign };
}

/** `tls` subject inputs as an X.500 name string. */
function nameOf(subject: Record<string, any> | undefined): string {
    const parts: [string, unknown][] = [
        ["CN", subject?.commonName],
        ["O", subject?.organization],
        ["OU", subject?.organizationalUnit],
        ["C", subject?.country],
        ["ST", subject?.province],
        ["L", subject?.locality],
        ["postalCode", subject?.postalCode],
        ["serialNumber", subject?.serialNumber],
        ...((subject?.streetAddresses ?? []) as string[]).map((line): [string, unknown] => ["street", line]),
    ];
    return parts
        .filter(([, v]) => typeof v === "string")
        .map(([k, v]) => `${k}=${String(v).replace(/([,+"\\<>;=])/g, "\\$1")}`)
        .join(", ");
}

const secretValue = (v: any) => (v && typeof v === "object" && "value" in v ? v.value : v);

/** The key registered under `name` (after the program ran). */
export function mockKeyOf(name: string): TestKey | undefined {
    return keys.get(name);
}

export function mockTlsProvider(): void {
    registerMockOutputs("tls:index/privateKey:PrivateKey", async (args) => {
        const key = keys.get(args.name) ?? (await makeKey(specOf(args.inputs)));
        keys.set(args.name, key);
        return {
            privateKeyPem: key.pem,
            publicKeyPem: createPublicKey(key.object).export({ type: "spki", format: "pem" }),
        };
    });
    registerMockOutputs("tls:index/certRequest:CertRequest", async (args) => {
        const { keys: pair, sign } = await importPair(secretValue(args.inputs.privateKeyPem));
        const csr = await x509.Pkcs10CertificateRequestGenerator.create({
            name: nameOf(args.inputs.subject),
            keys: pair,
            signingAlgorithm: sign,
            extensions: [
                new x509.SubjectAlternativeNameExtension(
                    ((args.inputs.dnsNames ?? []) as string[]).map((value) => ({ type: "dns" as const, value })),
                ),
            ],
        });
        return { certRequestPem: csr.toString("pem") + "\n" };
    });
    registerMockOutputs("tls:index/selfSignedCert:SelfSignedCert", async (args) => {
        const { keys: pair, sign } = await importPair(secretValue(args.inputs.privateKeyPem));
        const now = Date.now();
        const cert = await x509.X509CertificateGenerator.createSelfSigned({
            serialNumber: "01",
            name: nameOf(args.inputs.subject),
            notBefore: new Date(now),
            notAfter: new Date(now + Number(args.inputs.validityPeriodHours) * 3_600_000),
            keys: pair,
            signingAlgorithm: sign,
            extensions: [
                new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
                new x509.SubjectAlternativeNameExtension(
                    ((args.inputs.dnsNames ?? []) as string[]).map((value) => ({ type: "dns" as const, value })),
                ),
            ],
        });
        return { certPem: cert.toString("pem") + "\n" };
    });
}
