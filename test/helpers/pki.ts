/**
 * Test PKI: real keys and X.509 certificates made at test time (nothing that
 * expires is committed). Built on @peculiar/x509 over Node's WebCrypto so that
 * dates, extensions and key types are fully controllable.
 */
import "reflect-metadata"; // @peculiar/x509 (tsyringe) needs it loaded first
import { webcrypto, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

type CryptoKeyPair = webcrypto.CryptoKeyPair;
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const DAY_MS = 24 * 60 * 60 * 1000;

/** A key kind: RSA of a size, ECDSA on a curve, or Ed25519. */
export type KeySpec =
    { kind: "rsa"; bits: number } | { kind: "ec"; curve: "P-256" | "P-384" | "P-521" } | { kind: "ed25519" };

export const RSA2048: KeySpec = { kind: "rsa", bits: 2048 };
export const P256: KeySpec = { kind: "ec", curve: "P-256" };

/** A generated key pair with its PKCS#8 PEM private key. */
export interface TestKey {
    spec: KeySpec;
    keys: CryptoKeyPair;
    /** Unencrypted PKCS#8 PEM. */
    pem: string;
    /** The same key as a node KeyObject (for re-export: PKCS#1, SEC1, encrypted…). */
    object: KeyObject;
}

function algorithmOf(spec: KeySpec): { gen: any; sign: any } {
    switch (spec.kind) {
        case "rsa":
            return {
                gen: {
                    name: "RSASSA-PKCS1-v1_5",
                    modulusLength: spec.bits,
                    publicExponent: new Uint8Array([1, 0, 1]),
                    hash: "SHA-256",
                },
                sign: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
            };
        case "ec":
            return {
                gen: { name: "ECDSA", namedCurve: spec.curve },
                sign: { name: "ECDSA", hash: spec.curve === "P-256" ? "SHA-256" : "SHA-384" },
            };
        case "ed25519":
            return { gen: { name: "Ed25519" }, sign: { name: "Ed25519" } };
    }
}

const keyCache = new Map<string, Promise<TestKey>>();

/** A fresh key of the given kind. */
export async function makeKey(spec: KeySpec): Promise<TestKey> {
    const keys = (await webcrypto.subtle.generateKey(algorithmOf(spec).gen, true, ["sign", "verify"])) as CryptoKeyPair;
    const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
    const pem = x509.PemConverter.encode(der, "PRIVATE KEY") + "\n";
    return { spec, keys, pem, object: createPrivateKey(pem) };
}

/**
 * Committed RSA keys too slow to generate on every run (RSA 8192 takes ~15 s,
 * RSA 4096 ~1.5 s). Keys do not expire, so they may be committed; certificates
 * do, so they are always made at test time. Made once with
 * `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:BITS -out test/fixtures/keys/rsa-BITS.pem`.
 */
const KEY_FIXTURES = join(__dirname, "..", "fixtures", "keys");

function fixturePath(spec: KeySpec): string | undefined {
    if (spec.kind !== "rsa") return undefined;
    const path = join(KEY_FIXTURES, `rsa-${spec.bits}.pem`);
    return existsSync(path) ? path : undefined;
}

/** The committed key of the given kind (test/fixtures/keys/rsa-BITS.pem); throws if there is none. */
export async function fixtureKey(spec: KeySpec): Promise<TestKey> {
    const path = fixturePath(spec);
    if (!path) throw new Error(`no committed key for ${JSON.stringify(spec)} in ${KEY_FIXTURES}`);
    const pem = readFileSync(path, "utf8");
    const object = createPrivateKey(pem);
    const { gen } = algorithmOf(spec);
    const privateKey = await webcrypto.subtle.importKey(
        "pkcs8",
        object.export({ type: "pkcs8", format: "der" }),
        gen,
        true,
        ["sign"],
    );
    const publicKey = await webcrypto.subtle.importKey(
        "spki",
        createPublicKey(object).export({ type: "spki", format: "der" }),
        gen,
        true,
        ["verify"],
    );
    return { spec, keys: { privateKey, publicKey }, pem, object };
}

/**
 * A key of the given kind, shared across a test file (key generation is the slow part).
 * The default slot uses the committed key when there is one for that kind.
 */
export function sharedKey(spec: KeySpec, slot = "default"): Promise<TestKey> {
    const id = `${JSON.stringify(spec)}#${slot}`;
    let key = keyCache.get(id);
    if (!key) {
        key = slot === "default" && fixturePath(spec) ? fixtureKey(spec) : makeKey(spec);
        keyCache.set(id, key);
    }
    return key;
}

/** A certificate with the key it certifies. */
export interface TestCert {
    cert: x509.X509Certificate;
    pem: string;
    key: TestKey;
}

export interface CertOptions {
    /** Subject common name. */
    commonName: string;
    /** DNS subject alternative names. Defaults to none. */
    dnsNames?: string[];
    /** Issuer; omitted = self-signed. */
    issuer?: TestCert;
    /** Key to certify; defaults to a shared P-256 key. */
    key?: TestKey;
    /** Days relative to now: validity starts at `notBeforeDays` and ends at `notAfterDays`. Defaults -1 / 90. */
    notBeforeDays?: number;
    notAfterDays?: number;
    /** A CA certificate (basicConstraints cA, keyCertSign). */
    isCa?: boolean;
    /** Extended key usage OIDs; defaults to serverAuth for leaves, none for CAs. `[]` omits the extension. */
    extendedKeyUsages?: string[];
    serialNumber?: string;
    /** Hash the issuer signs with. Defaults to SHA-256 (SHA-384 for P-384/P-521 issuers). */
    signatureHash?: "SHA-1" | "SHA-256";
    /** Key usage bits (x509.KeyUsageFlags). Defaults to digitalSignature+keyEncipherment (leaves), keyCertSign+cRLSign (CAs); 0 omits the extension. */
    keyUsages?: number;
    /** basicConstraints pathLenConstraint of a CA. Defaults to none. */
    pathLength?: number;
    /** dNSName name constraints of a CA: permitted and excluded subtrees. Defaults to none. */
    nameConstraints?: { permitted?: string[]; excluded?: string[] };
}

export const KEY_USAGE = x509.KeyUsageFlags;

/** DER of a NameConstraints extension value holding only dNSName subtrees (RFC 5280 §4.2.1.10). */
function nameConstraintsDer(nc: { permitted?: string[]; excluded?: string[] }): Buffer {
    const tlv = (tag: number, body: Buffer): Buffer => {
        const len = body.length;
        const head = len < 0x80 ? Buffer.from([tag, len]) : Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
        return Buffer.concat([head, body]);
    };
    const trees = (tag: number, names: string[]) =>
        tlv(tag, Buffer.concat(names.map((n) => tlv(0x30, tlv(0x82, Buffer.from(n, "latin1"))))));
    const parts: Buffer[] = [];
    if (nc.permitted?.length) parts.push(trees(0xa0, nc.permitted));
    if (nc.excluded?.length) parts.push(trees(0xa1, nc.excluded));
    return tlv(0x30, Buffer.concat(parts));
}

export const EKU_SERVER_AUTH = x509.ExtendedKeyUsage.serverAuth;
export const EKU_CLIENT_AUTH = x509.ExtendedKeyUsage.clientAuth;

let serialCounter = 0x1000;

/** Issues (or self-signs) a certificate. */
export async function makeCert(options: CertOptions): Promise<TestCert> {
    const key = options.key ?? (await sharedKey(P256, options.isCa ? `ca-${options.commonName}` : "leaf"));
    const signer = options.issuer?.key ?? key;
    const now = Date.now();
    const extensions: x509.Extension[] = [];
    if (options.isCa) {
        extensions.push(new x509.BasicConstraintsExtension(true, options.pathLength, true));
        const usages = options.keyUsages ?? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
        if (usages !== 0) extensions.push(new x509.KeyUsagesExtension(usages, true));
        if (options.nameConstraints)
            extensions.push(new x509.Extension("2.5.29.30", true, nameConstraintsDer(options.nameConstraints)));
    } else {
        extensions.push(new x509.BasicConstraintsExtension(false, undefined, true));
        const usages = options.keyUsages ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;
        if (usages !== 0) extensions.push(new x509.KeyUsagesExtension(usages, true));
    }
    const eku = options.extendedKeyUsages ?? (options.isCa ? [] : [EKU_SERVER_AUTH]);
    if (eku.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension(eku, false));
    if (options.dnsNames && options.dnsNames.length > 0) {
        extensions.push(
            new x509.SubjectAlternativeNameExtension(
                options.dnsNames.map((value) => ({ type: "dns" as const, value })),
            ),
        );
    }
    extensions.push(await x509.SubjectKeyIdentifierExtension.create(key.keys.publicKey));
    if (options.issuer) {
        extensions.push(await x509.AuthorityKeyIdentifierExtension.create(options.issuer.key.keys.publicKey));
    }
    const cert = await x509.X509CertificateGenerator.create({
        serialNumber: options.serialNumber ?? (serialCounter++).toString(16).padStart(8, "0"),
        subject: `CN=${options.commonName}`,
        issuer: options.issuer ? options.issuer.cert.subject : `CN=${options.commonName}`,
        notBefore: new Date(now + (options.notBeforeDays ?? -1) * DAY_MS),
        notAfter: new Date(now + (options.notAfterDays ?? 90) * DAY_MS),
        signingAlgorithm: options.signatureHash
            ? { ...algorithmOf(signer.spec).sign, hash: options.signatureHash }
            : algorithmOf(signer.spec).sign,
        publicKey: key.keys.publicKey,
        signingKey: signer.keys.privateKey,
        extensions,
    });
    return { cert, pem: cert.toString("pem") + "\n", key };
}

/** A root CA, an intermediate CA under it, and a function that issues leaves from the intermediate. */
export interface TestPki {
    root: TestCert;
    intermediate: TestCert;
    leaf(options: Omit<CertOptions, "issuer" | "isCa">): Promise<TestCert>;
}

/** Makes a root → intermediate hierarchy; `name` distinguishes several PKIs in one test. */
export async function makePki(name = "Test"): Promise<TestPki> {
    const root = await makeCert({ commonName: `${name} Root CA`, isCa: true, notAfterDays: 3650 });
    const intermediate = await makeCert({
        commonName: `${name} Intermediate CA`,
        isCa: true,
        issuer: root,
        notAfterDays: 1825,
    });
    return {
        root,
        intermediate,
        leaf: (options) => makeCert({ ...options, issuer: intermediate }),
    };
}

/** The key re-encoded: `pkcs1` (RSA legacy), `sec1` (EC legacy), or encrypted PKCS#8 / legacy PEM. */
export function exportKey(
    key: TestKey,
    format: "pkcs8" | "pkcs1" | "sec1" | "pkcs8-encrypted" | "pkcs1-encrypted",
    passphrase = "test-pass",
): string {
    switch (format) {
        case "pkcs8":
            return key.pem;
        case "pkcs1":
        case "sec1":
            return key.object.export({ type: format, format: "pem" }) as string;
        case "pkcs8-encrypted":
            return key.object.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase }) as string;
        case "pkcs1-encrypted":
            return key.object.export({ type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase }) as string;
    }
}

/** What `makeCrl` lists and when. */
export interface CrlOptions {
    /** The CA that issues and signs it. */
    issuer: TestCert;
    /** Hex serial numbers of the revoked certificates. Defaults to none. */
    revoked?: string[];
    /** Days relative to now of thisUpdate and nextUpdate. Default -1 / 7; `null` omits nextUpdate. */
    thisUpdateDays?: number;
    nextUpdateDays?: number | null;
    /** Signs with this key instead of the issuer's (a CRL that names the CA but is not its). */
    signingKey?: TestKey;
}

/** A certificate revocation list (RFC 5280 §5) made now, as PEM (`-----BEGIN X509 CRL-----`). */
export async function makeCrl(options: CrlOptions): Promise<{ crl: x509.X509Crl; pem: string }> {
    const now = Date.now();
    const signer = options.signingKey ?? options.issuer.key;
    const next = options.nextUpdateDays === undefined ? 7 : options.nextUpdateDays;
    const crl = await x509.X509CrlGenerator.create({
        issuer: options.issuer.cert.subject,
        thisUpdate: new Date(now + (options.thisUpdateDays ?? -1) * DAY_MS),
        nextUpdate: next === null ? undefined : new Date(now + next * DAY_MS),
        signingAlgorithm: algorithmOf(signer.spec).sign,
        signingKey: signer.keys.privateKey,
        entries: (options.revoked ?? []).map((serialNumber) => ({
            serialNumber,
            revocationDate: new Date(now - DAY_MS),
            reason: x509.X509CrlReason.keyCompromise,
        })),
    });
    // OpenSSL's label (and the one this package uploads); @peculiar/x509 writes `CRL`.
    return { crl, pem: x509.PemConverter.encode(crl.rawData, "X509 CRL") + "\n" };
}
