/**
 * Private keys: read one from PEM text (refusing encrypted ones with the
 * command that decrypts them), describe a key, and say whether ACM import and
 * the ALB accept its algorithm and size.
 *
 * Pure: no Pulumi, no I/O. Messages never contain key material.
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { encodePem, labelsOf, readPem } from "./pem";

/** ACM import refuses private keys larger than this many bytes (5 KB). */
export const ACM_MAX_PRIVATE_KEY_BYTES = 5120;

/** RSA sizes ACM import and the ALB accept. */
export const ACCEPTED_RSA_BITS: readonly number[] = [2048, 3072, 4096];

/** Curves ACM import and the ALB accept, by OpenSSL name, with ACM's API name and a display name. */
const ACCEPTED_CURVES: Record<string, { acm: string; display: string }> = {
    prime256v1: { acm: "EC_prime256v1", display: "ECDSA P-256" },
    secp384r1: { acm: "EC_secp384r1", display: "ECDSA P-384" },
    secp521r1: { acm: "EC_secp521r1", display: "ECDSA P-521" },
};

/** What a key is. */
export interface KeyInfo {
    /** Node's key type: `rsa`, `rsa-pss`, `ec`, `ed25519`, `ed448`, `dsa`, … */
    type: string;
    /** RSA modulus length. */
    bits?: number;
    /** OpenSSL curve name of an EC key (`prime256v1`, `secp384r1`, …). */
    curve?: string;
    /** For people: `RSA 2048`, `ECDSA P-256`, `Ed25519`. */
    description: string;
    /** ACM's name for the algorithm (`RSA_2048`, `EC_prime256v1`), when ACM import accepts it. */
    acmAlgorithm?: string;
}

/** Describes a public or private key. */
export function describeKey(key: KeyObject): KeyInfo {
    const type = key.asymmetricKeyType ?? "unknown";
    const details = key.asymmetricKeyDetails ?? {};
    if (type === "rsa" || type === "rsa-pss") {
        const bits = details.modulusLength ?? 0;
        const accepted = type === "rsa" && ACCEPTED_RSA_BITS.includes(bits);
        return {
            type,
            bits,
            description: `${type === "rsa" ? "RSA" : "RSA-PSS"} ${bits}`,
            acmAlgorithm: accepted ? `RSA_${bits}` : undefined,
        };
    }
    if (type === "ec") {
        const curve = details.namedCurve ?? "unknown";
        const known = ACCEPTED_CURVES[curve];
        return { type, curve, description: known ? known.display : `ECDSA ${curve}`, acmAlgorithm: known?.acm };
    }
    const names: Record<string, string> = {
        ed25519: "Ed25519",
        ed448: "Ed448",
        dsa: "DSA",
        x25519: "X25519",
        x448: "X448",
        dh: "DH",
    };
    return { type, description: names[type] ?? type };
}

/**
 * Why ACM import or the ALB would refuse a key of this kind, with the fix; undefined when it is fine.
 * `what` names the key in the message (`the certificate's key`).
 */
export function keyAlgorithmProblem(info: KeyInfo, what = "the certificate's key"): string | undefined {
    const reissue = "reissue the certificate with an ECDSA P-256 or RSA 2048 key";
    if (info.type === "rsa") {
        const bits = info.bits ?? 0;
        if (bits < 2048) {
            return `${what} is RSA ${bits}: RSA keys under 2048 bits are too weak (public CAs stopped issuing them in 2013) and are refused here; ${reissue}.`;
        }
        if (bits > 4096) {
            return `${what} is RSA ${bits}: ACM import rejects RSA keys larger than 4096 bits; reissue the certificate with an RSA 4096 (or smaller) or ECDSA P-256/P-384 key.`;
        }
        if (!ACCEPTED_RSA_BITS.includes(bits)) {
            return `${what} is RSA ${bits}: ACM import accepts RSA keys of 2048, 3072 or 4096 bits only; ${reissue}.`;
        }
        return undefined;
    }
    if (info.type === "ec") {
        if (info.acmAlgorithm) return undefined;
        return `${what} is ECDSA on curve ${info.curve}: ACM import and the ALB accept ECDSA on P-256, P-384 and P-521 only; ${reissue}.`;
    }
    if (info.type === "ed25519" || info.type === "ed448") {
        return `${what} is ${info.description}: ACM import and the ALB do not support EdDSA keys; ${reissue}.`;
    }
    return `${what} is ${info.description}: ACM import and the ALB accept RSA and ECDSA keys only; ${reissue}.`;
}

/** A private key read from PEM, re-encoded canonically (same format and label, LF, 64 columns). */
export interface ParsedPrivateKey {
    object: KeyObject;
    pem: string;
    info: KeyInfo;
}

const PLAIN_KEY_LABELS: Record<string, "pkcs8" | "pkcs1" | "sec1"> = {
    "PRIVATE KEY": "pkcs8",
    "RSA PRIVATE KEY": "pkcs1",
    "EC PRIVATE KEY": "sec1",
};

/** The `openssl` command that writes an unencrypted copy of an encrypted key, by PEM label. */
export function decryptCommand(label: string): string {
    if (label === "RSA PRIVATE KEY") return "openssl rsa -in key.pem -out key-decrypted.pem";
    if (label === "EC PRIVATE KEY") return "openssl ec -in key.pem -out key-decrypted.pem";
    return "openssl pkey -in key.pem -out key-decrypted.pem";
}

/** Reads exactly one unencrypted private key; `problem` says why not (encrypted, wrong kind of PEM, several keys…). */
export function readPrivateKey(text: string): { key?: ParsedPrivateKey; problem?: string } {
    const pem = readPem(text);
    if (pem.problem) return { problem: `the private key is not PEM text: ${pem.problem}.` };
    const blocks = pem.blocks.filter((b) => b.label !== "EC PARAMETERS");
    const keys = blocks.filter((b) => b.label.endsWith("PRIVATE KEY"));
    if (keys.length === 0) {
        const labels = labelsOf(blocks);
        if (blocks.some((b) => b.label === "CERTIFICATE")) {
            return {
                problem: `the private key field holds a certificate (${labels}), not a private key; pass the key file your CSR was made with (often \`*.key\`).`,
            };
        }
        if (blocks.some((b) => b.label.includes("PUBLIC KEY"))) {
            return {
                problem: `the private key field holds a public key (${labels}); pass the private key that belongs to the certificate.`,
            };
        }
        return { problem: `the private key field holds no private key (found ${labels}).` };
    }
    if (keys.length > 1) {
        return {
            problem: `the private key field holds ${keys.length} private keys; pass exactly one, the key that belongs to the certificate.`,
        };
    }
    const [block] = keys;
    if (block.label === "ENCRYPTED PRIVATE KEY") {
        return {
            problem: `the private key is encrypted (PKCS#8 'ENCRYPTED PRIVATE KEY'); ACM needs it unencrypted. Decrypt it with \`${decryptCommand(block.label)}\` (it asks for the passphrase) and use the decrypted key, kept secret (\`pulumi config set --secret\`).`,
        };
    }
    if ((block.headers["Proc-Type"] ?? "").includes("ENCRYPTED")) {
        return {
            problem: `the private key is encrypted (legacy PEM '${block.label}' with 'Proc-Type: 4,ENCRYPTED'); ACM needs it unencrypted. Decrypt it with \`${decryptCommand(block.label)}\` (it asks for the passphrase) and use the decrypted key, kept secret (\`pulumi config set --secret\`).`,
        };
    }
    if (block.label === "OPENSSH PRIVATE KEY") {
        return {
            problem:
                "the private key is in OpenSSH format; ACM needs PEM. Convert a copy with `ssh-keygen -p -m PKCS8 -f key` (it rewrites the file in place).",
        };
    }
    const type = PLAIN_KEY_LABELS[block.label];
    if (!type)
        return {
            problem: `the private key has an unsupported PEM label '${block.label}'; ACM accepts 'PRIVATE KEY', 'RSA PRIVATE KEY' and 'EC PRIVATE KEY'.`,
        };
    let object: KeyObject;
    try {
        object = createPrivateKey({ key: block.der, format: "der", type });
    } catch {
        return { problem: `the '${block.label}' block could not be read as a private key (damaged or truncated?).` };
    }
    return { key: { object, pem: encodePem(block.label, block.der), info: describeKey(object) } };
}
