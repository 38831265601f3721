/**
 * Certificate revocation lists (RFC 5280 §5.1) for a load balancer trust store:
 * read from PEM (`-----BEGIN X509 CRL-----`, the form ELB reads from S3), with
 * the package's own DER reader (`der.ts`). What the checks need: the issuer
 * (its DER, to match a CA's subject, and a readable form), thisUpdate,
 * nextUpdate, the number of revoked entries, and the signed part with its
 * signature, verified with node:crypto against the issuing CA's key.
 *
 * Pure: no Pulumi, no I/O. Never throws on bad input.
 */
import { createHash, verify } from "node:crypto";
import { children, oid, readTlv, type Tlv } from "./der";
import { labelsOf, readPem } from "./pem";
import type { ParsedCertificate } from "./chain";

/** One CRL as read from PEM. */
export interface ParsedCrl {
    /** The CRL's DER. */
    der: Buffer;
    /** First 16 hex digits of the SHA-256 of the DER: the CRL's identity. */
    hash: string;
    /** The issuer Name's DER (compared byte for byte with a CA's subject). */
    issuerDer: Buffer;
    /** The issuer on one line: `CN=Clients Intermediate CA, O=Example`. */
    issuer: string;
    thisUpdate: Date;
    /** Absent when the CRL names no next update (RFC 5280 requires one; some CAs omit it). */
    nextUpdate?: Date;
    /** How many certificates it revokes. */
    revokedCount: number;
    /** Signature algorithm OID, the signed bytes (tbsCertList) and the signature. */
    signatureAlgorithm: string;
    signed: Buffer;
    signature: Buffer;
}

const NAMES: Record<string, string> = {
    "2.5.4.3": "CN",
    "2.5.4.6": "C",
    "2.5.4.7": "L",
    "2.5.4.8": "ST",
    "2.5.4.10": "O",
    "2.5.4.11": "OU",
    "1.2.840.113549.1.9.1": "emailAddress",
};

/** A Name (SEQUENCE OF RDN) on one line, in DER order, as `oneLine()` writes node:crypto's subjects. */
function nameOf(der: Buffer, name: Tlv): string {
    const parts: string[] = [];
    for (const rdn of children(der, name)) {
        for (const atv of children(der, rdn)) {
            const [type, value] = children(der, atv);
            if (type?.tag !== 0x06 || !value) continue;
            const id = oid(der, type);
            const bmp = value.tag === 0x1e && (value.end - value.start) % 2 === 0;
            const text = bmp
                ? Buffer.from(der.subarray(value.start, value.end)).swap16().toString("utf16le")
                : der.toString(value.tag === 0x0c ? "utf8" : "latin1", value.start, value.end);
            parts.push(`${NAMES[id] ?? id}=${text}`);
        }
    }
    return parts.join(", ");
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), per RFC 5280 §5.1.2.4. */
function timeOf(der: Buffer, t: Tlv): Date | undefined {
    const s = der.toString("latin1", t.start, t.end);
    const m =
        t.tag === 0x17
            ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
            : t.tag === 0x18
              ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
              : null;
    if (!m) return undefined;
    const year = t.tag === 0x17 ? (Number(m[1]) >= 50 ? 1900 : 2000) + Number(m[1]) : Number(m[1]);
    const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
    return Number.isNaN(date.getTime()) ? undefined : date;
}

const isTime = (t: Tlv | undefined): t is Tlv => t?.tag === 0x17 || t?.tag === 0x18;

/** Reads one CRL's DER; `undefined` when it is not a CertificateList. */
export function parseCrl(der: Buffer): ParsedCrl | undefined {
    const list = readTlv(der, 0, der.length);
    if (!list || list.tag !== 0x30 || list.end !== der.length) return undefined;
    const [tbs, sigAlg, sig] = children(der, list);
    if (tbs?.tag !== 0x30 || sigAlg?.tag !== 0x30 || sig?.tag !== 0x03 || sig.end - sig.start < 2) return undefined;
    const algOid = children(der, sigAlg)[0];
    if (algOid?.tag !== 0x06) return undefined;
    const fields = children(der, tbs);
    let i = fields[0]?.tag === 0x02 ? 1 : 0; // version, v2 when present
    if (fields[i]?.tag !== 0x30) return undefined; // signature AlgorithmIdentifier
    const issuer = fields[++i];
    const thisUpdate = fields[++i];
    if (issuer?.tag !== 0x30 || !isTime(thisUpdate)) return undefined;
    const when = timeOf(der, thisUpdate);
    if (!when) return undefined;
    let next: Date | undefined;
    if (isTime(fields[i + 1])) {
        next = timeOf(der, fields[++i]);
        if (!next) return undefined;
    }
    const revoked = fields[i + 1]?.tag === 0x30 ? children(der, fields[i + 1]).length : 0;
    const issuerDer = der.subarray(issuer.at, issuer.end);
    return {
        der,
        hash: createHash("sha256").update(der).digest("hex").slice(0, 16),
        issuerDer,
        issuer: nameOf(der, issuer),
        thisUpdate: when,
        nextUpdate: next,
        revokedCount: revoked,
        signatureAlgorithm: oid(der, algOid),
        signed: der.subarray(tbs.at, tbs.end),
        // The BIT STRING's first byte counts unused bits (0 for signatures).
        signature: der.subarray(sig.start + 1, sig.end),
    };
}

/** The subject Name's DER of a certificate (RFC 5280 §4.1: after version, serial, signature, issuer, validity). */
export function subjectDerOf(cert: ParsedCertificate): Buffer | undefined {
    const der = cert.x509.raw;
    const outer = readTlv(der, 0, der.length);
    const tbs = outer && children(der, outer)[0];
    if (!tbs) return undefined;
    const fields = children(der, tbs);
    const subject = fields[fields[0]?.tag === 0xa0 ? 5 : 4];
    return subject?.tag === 0x30 ? der.subarray(subject.at, subject.end) : undefined;
}

/** Hash node:crypto verifies with, per signature OID (RSA PKCS#1 v1.5, ECDSA, Ed25519); `undefined` = not checked. */
const SIGNATURE_HASHES: Record<string, string | null> = {
    "1.2.840.113549.1.1.5": "sha1",
    "1.2.840.113549.1.1.11": "sha256",
    "1.2.840.113549.1.1.12": "sha384",
    "1.2.840.113549.1.1.13": "sha512",
    "1.2.840.10045.4.1": "sha1",
    "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
    "1.3.101.112": null,
};

/**
 * Whether `ca`'s key verifies the CRL's signature: `true`, `false`, or
 * `undefined` for an algorithm this reader does not check (RSA-PSS and others).
 */
export function crlSignedBy(crl: ParsedCrl, ca: ParsedCertificate): boolean | undefined {
    if (!(crl.signatureAlgorithm in SIGNATURE_HASHES)) return undefined;
    try {
        return verify(SIGNATURE_HASHES[crl.signatureAlgorithm], crl.signed, ca.x509.publicKey, crl.signature);
    } catch {
        return false;
    }
}

/** Reads exactly one CRL from PEM text; `problem` says why the text is not one. */
export function readCrl(text: string): { crl?: ParsedCrl; problem?: string } {
    const pem = readPem(text);
    if (pem.problem) return { problem: `is not PEM text: ${pem.problem}` };
    const blocks = pem.blocks.filter((b) => b.label === "X509 CRL" || b.label === "CRL");
    if (blocks.length === 0)
        return { problem: `holds no CRL (found ${labelsOf(pem.blocks)}), expected '-----BEGIN X509 CRL-----'` };
    if (blocks.length > 1)
        return { problem: `holds ${blocks.length} CRLs: give each one as its own entry of \`revocationLists\`` };
    const crl = parseCrl(blocks[0].der);
    return crl
        ? { crl }
        : { problem: "has an 'X509 CRL' block that is not a certificate revocation list (damaged or truncated?)" };
}
