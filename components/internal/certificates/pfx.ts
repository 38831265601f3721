/**
 * PKCS#12 / PFX bundles (what Windows, IIS and many CA portals hand out) to
 * PEM: the leaf certificate, the other certificates as an ordered chain, and the
 * private key as unencrypted PKCS#8.
 *
 * Parsing and decryption use node-forge (handles OpenSSL 3's default
 * AES-256/PBKDF2 bundles, `-legacy` RC2/3DES ones, empty passwords and bundles
 * without a MAC); keys that forge cannot model (ECDSA) are passed through as
 * their decrypted PKCS#8 structure and read by node:crypto.
 *
 * Pure: no Pulumi, no I/O. Messages never contain the bundle, key or password.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import type * as Forge from "node-forge";

let forgeModule: typeof Forge | undefined;

/** node-forge, loaded on the first PFX: every program loads this module, few read a PFX (node-forge is ~20 ms). */
function forge(): typeof Forge {
    forgeModule ??= require("node-forge") as typeof Forge;
    return forgeModule;
}
import { orderChain, parsedFrom } from "./chain";

/** PEM text taken out of a PFX bundle. */
export interface PfxContents {
    /** The certificate that belongs to the private key. */
    certificatePem: string;
    /** The other certificates in the bundle: intermediates in order, then any roots and unrelated ones. */
    chainPem: string;
    /** Unencrypted PKCS#8 `PRIVATE KEY`. */
    privateKeyPem: string;
}

/** Why a bundle could not be read; `property` is the input at fault (`pfx` or `pfxPassword`). */
export class PfxError extends Error {
    constructor(
        readonly property: "pfx" | "pfxPassword",
        message: string,
    ) {
        super(message);
        this.name = "PfxError";
    }
}

/** Decodes base64 text (whitespace and a `data:` prefix tolerated) or takes raw bytes. */
function bundleBytes(pfx: string | Buffer): Buffer {
    if (Buffer.isBuffer(pfx)) return pfx;
    const compact = pfx.replace(/^data:[^,]*,/, "").replace(/\s+/g, "");
    if (compact.length === 0) throw new PfxError("pfx", "the PFX bundle is empty.");
    if (compact.includes("-----BEGIN")) {
        throw new PfxError(
            "pfx",
            "the PFX field holds PEM text; pass PEM files as `certificate`, `privateKey` and `chain` instead.",
        );
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
        throw new PfxError(
            "pfx",
            "the PFX bundle must be base64 text (for example `base64 -w0 bundle.pfx`), and this is not.",
        );
    }
    return Buffer.from(compact, "base64");
}

function keyFromBag(bag: Forge.pkcs12.Bag): KeyObject {
    if (bag.key) {
        const info = forge().pki.wrapRsaPrivateKey(forge().pki.privateKeyToAsn1(bag.key as Forge.pki.rsa.PrivateKey));
        return createPrivateKey({
            key: Buffer.from(forge().asn1.toDer(info).getBytes(), "binary"),
            format: "der",
            type: "pkcs8",
        });
    }
    const asn1 = bag.asn1 as Forge.asn1.Asn1;
    return createPrivateKey({
        key: Buffer.from(forge().asn1.toDer(asn1).getBytes(), "binary"),
        format: "der",
        type: "pkcs8",
    });
}

function certFromBag(bag: Forge.pkcs12.Bag): X509Certificate {
    const asn1 = bag.cert ? forge().pki.certificateToAsn1(bag.cert) : (bag.asn1 as Forge.asn1.Asn1);
    return new X509Certificate(Buffer.from(forge().asn1.toDer(asn1).getBytes(), "binary"));
}

const MAC_FAILURE = /MAC could not be verified/;

/**
 * Parses and decrypts a bundle the way `openssl pkcs12` does with a non-ASCII password: the MAC and
 * the legacy PKCS#12 PBE ciphers take the password as Unicode (BMPString, RFC 7292 Appendix B.1;
 * OpenSSL's PKCS12_key_gen_utf8), while PBES2/PBKDF2 — OpenSSL 3's default, AES-256 — takes its UTF-8
 * bytes (RFC 8018 §4). node-forge uses one string for both, so a bundle whose MAC verifies with the
 * Unicode password but whose PBES2 contents do not decrypt with it is opened again, MAC already
 * checked, with the UTF-8 bytes.
 */
function openBundle(bytes: Buffer, password: string): Forge.pkcs12.Pkcs12Pfx {
    const parse = () => forge().asn1.fromDer(bytes.toString("binary"));
    try {
        return forge().pkcs12.pkcs12FromAsn1(parse(), false, password);
    } catch (err) {
        // eslint-disable-next-line no-control-regex
        const ascii = /^[\x00-\x7f]*$/.test(password);
        if (ascii || MAC_FAILURE.test(err instanceof Error ? err.message : "")) throw err;
        const verifiedMac = parse();
        (verifiedMac.value as Forge.asn1.Asn1[]).splice(2); // the MAC verified above: drop it
        return forge().pkcs12.pkcs12FromAsn1(verifiedMac, false, Buffer.from(password, "utf8").toString("binary"));
    }
}

/**
 * Reads a PFX bundle. `password` may be empty or undefined for bundles exported without one.
 * Throws `PfxError` naming the faulty input and the fix.
 */
export function readPfx(pfx: string | Buffer, password?: string): PfxContents {
    const bytes = bundleBytes(pfx);
    let p12: Forge.pkcs12.Pkcs12Pfx;
    try {
        p12 = openBundle(bytes, password ?? "");
    } catch (err) {
        const text = err instanceof Error ? err.message : "";
        if (/MAC could not be verified|wrong password|Invalid password|decrypt/i.test(text)) {
            const hint = password
                ? "the password is wrong"
                : "the bundle is password-protected and no password was given";
            throw new PfxError(
                "pfxPassword",
                `the PFX bundle could not be opened: ${hint}. Pass the export password as \`pfxPassword\` (a secret), or check it with \`openssl pkcs12 -info -noout -in bundle.pfx\`.`,
            );
        }
        throw new PfxError(
            "pfx",
            "the PFX bundle could not be read as PKCS#12 (damaged, truncated, or not a .pfx/.p12 file). Check it with `openssl pkcs12 -info -noout -in bundle.pfx`.",
        );
    }
    const bags = p12.safeContents.flatMap((s) => s.safeBags);
    const keyBags = bags.filter(
        (b) => b.type === forge().pki.oids.pkcs8ShroudedKeyBag || b.type === forge().pki.oids.keyBag,
    );
    const certs: X509Certificate[] = [];
    try {
        for (const bag of bags) if (bag.type === forge().pki.oids.certBag) certs.push(certFromBag(bag));
    } catch {
        throw new PfxError("pfx", "a certificate inside the PFX bundle could not be read (damaged bundle?).");
    }
    if (keyBags.length === 0) {
        throw new PfxError(
            "pfx",
            "the PFX bundle holds no private key; export it again with the private key included (Windows: 'Yes, export the private key').",
        );
    }
    if (keyBags.length > 1)
        throw new PfxError(
            "pfx",
            `the PFX bundle holds ${keyBags.length} private keys; export a bundle with exactly one certificate and its key.`,
        );
    if (certs.length === 0) throw new PfxError("pfx", "the PFX bundle holds no certificate.");
    let key: KeyObject;
    try {
        key = keyFromBag(keyBags[0]);
    } catch {
        throw new PfxError(
            "pfx",
            "the private key inside the PFX bundle could not be read (unsupported key type or damaged bundle).",
        );
    }
    const leafIndex = Math.max(
        0,
        certs.findIndex((c) => {
            try {
                return c.checkPrivateKey(key);
            } catch {
                return false;
            }
        }),
    );
    // Bundles list certificates in no particular order: put the chain in order here, so
    // that the checker warns only about what matters (a root to drop, an unrelated certificate).
    const leaf = parsedFrom(certs[leafIndex]);
    const ordered = orderChain(leaf, certs.filter((_, i) => i !== leafIndex).map(parsedFrom));
    const others = [...ordered.chain, ...ordered.rootsRemoved, ...ordered.unrelated];
    return {
        certificatePem: leaf.pem,
        chainPem: others.map((c) => c.pem).join(""),
        privateKeyPem: key.export({ type: "pkcs8", format: "pem" }) as string,
    };
}
