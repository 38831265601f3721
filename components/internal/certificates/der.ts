/**
 * The few X.509 fields node:crypto's `X509Certificate` does not expose and
 * path validation needs (RFC 5280 §4.1, §4.2.1.3, §4.2.1.9, §4.2.1.10): the
 * signature algorithm, key usage bits, basicConstraints' pathLenConstraint and
 * DNS name constraints. A minimal DER reader, linear in the input and bounded
 * in depth; it only ever reads certificates node:crypto has already parsed,
 * and returns `undefined` for anything it cannot read (never throws).
 *
 * Pure: no Pulumi, no I/O.
 */

export interface Tlv {
    tag: number;
    /** Where the TLV (its tag byte) starts. */
    at: number;
    /** Start and end of the value in the buffer. */
    start: number;
    end: number;
}

export function readTlv(buf: Buffer, at: number, limit: number): Tlv | undefined {
    if (at + 2 > limit) return undefined;
    const tag = buf[at];
    let len = buf[at + 1];
    let start = at + 2;
    if (len & 0x80) {
        const bytes = len & 0x7f;
        if (bytes === 0 || bytes > 4 || start + bytes > limit) return undefined;
        len = 0;
        for (let i = 0; i < bytes; i++) len = len * 256 + buf[start + i];
        start += bytes;
    }
    const end = start + len;
    return end > limit ? undefined : { tag, at, start, end };
}

/** The TLVs directly inside a constructed value. */
export function children(buf: Buffer, parent: Tlv): Tlv[] {
    const out: Tlv[] = [];
    for (let at = parent.start; at < parent.end;) {
        const tlv = readTlv(buf, at, parent.end);
        if (!tlv) return out;
        out.push(tlv);
        at = tlv.end;
    }
    return out;
}

/** The dotted form of an OBJECT IDENTIFIER's value. */
export function oid(buf: Buffer, tlv: Tlv): string {
    const bytes = buf.subarray(tlv.start, tlv.end);
    if (bytes.length === 0) return "";
    const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
    let value = 0;
    for (let i = 1; i < bytes.length; i++) {
        value = value * 128 + (bytes[i] & 0x7f);
        if (!(bytes[i] & 0x80)) {
            parts.push(value);
            value = 0;
        }
    }
    return parts.join(".");
}

/** What path validation reads from a certificate beyond node:crypto's fields. */
export interface CertificateFields {
    /** Signature algorithm OID (e.g. `1.2.840.113549.1.1.11` sha256WithRSAEncryption). */
    signatureAlgorithm: string;
    /** Key usage bits (RFC 5280 §4.2.1.3) when the extension is present. */
    keyUsage?: { digitalSignature: boolean; keyEncipherment: boolean; keyCertSign: boolean };
    /** basicConstraints pathLenConstraint, when present. */
    pathLength?: number;
    /** dNSName name constraints (RFC 5280 §4.2.1.10), when the extension is present. */
    nameConstraints?: { permitted: string[]; excluded: string[]; otherForms: boolean };
}

const KEY_USAGE = "2.5.29.15";
const BASIC_CONSTRAINTS = "2.5.29.19";
const NAME_CONSTRAINTS = "2.5.29.30";

function subtrees(buf: Buffer, tlv: Tlv, into: string[]): boolean {
    let other = false;
    for (const subtree of children(buf, tlv)) {
        const base = children(buf, subtree)[0];
        if (base?.tag === 0x82) into.push(buf.toString("latin1", base.start, base.end).toLowerCase());
        else other = true;
    }
    return other;
}

/** Reads the fields from a certificate's DER; `undefined` when the structure is not what RFC 5280 says. */
export function certificateFields(der: Buffer): CertificateFields | undefined {
    const cert = readTlv(der, 0, der.length);
    if (!cert || cert.tag !== 0x30) return undefined;
    const [tbs, sigAlg] = children(der, cert);
    const algOid = sigAlg && children(der, sigAlg)[0];
    if (!tbs || !algOid || algOid.tag !== 0x06) return undefined;
    const fields: CertificateFields = { signatureAlgorithm: oid(der, algOid) };
    const explicit = children(der, tbs).find((t) => t.tag === 0xa3);
    const list = explicit && children(der, explicit)[0];
    for (const ext of list ? children(der, list) : []) {
        const parts = children(der, ext);
        if (parts[0]?.tag !== 0x06) continue;
        const value = parts[parts.length - 1];
        if (value?.tag !== 0x04) continue;
        const inner = readTlv(der, value.start, value.end);
        if (!inner) continue;
        const id = oid(der, parts[0]);
        if (id === KEY_USAGE && inner.tag === 0x03) {
            const first = inner.end - inner.start > 1 ? der[inner.start + 1] : 0;
            fields.keyUsage = {
                digitalSignature: (first & 0x80) !== 0,
                keyEncipherment: (first & 0x20) !== 0,
                keyCertSign: (first & 0x04) !== 0,
            };
        } else if (id === BASIC_CONSTRAINTS && inner.tag === 0x30) {
            const n = children(der, inner).find((t) => t.tag === 0x02);
            if (n && n.end - n.start <= 4) fields.pathLength = der.readUIntBE(n.start, n.end - n.start);
        } else if (id === NAME_CONSTRAINTS && inner.tag === 0x30) {
            const nc = { permitted: [] as string[], excluded: [] as string[], otherForms: false };
            for (const part of children(der, inner)) {
                if (part.tag === 0xa0) nc.otherForms = subtrees(der, part, nc.permitted) || nc.otherForms;
                if (part.tag === 0xa1) nc.otherForms = subtrees(der, part, nc.excluded) || nc.otherForms;
            }
            fields.nameConstraints = nc;
        }
    }
    return fields;
}

/** Signature algorithms no TLS client accepts any more, by OID. */
export const WEAK_SIGNATURE_ALGORITHMS: Record<string, string> = {
    "1.2.840.113549.1.1.2": "MD2 with RSA",
    "1.2.840.113549.1.1.3": "MD4 with RSA",
    "1.2.840.113549.1.1.4": "MD5 with RSA",
    "1.2.840.113549.1.1.5": "SHA-1 with RSA",
    "1.2.840.10045.4.1": "ECDSA with SHA-1",
    "1.2.840.10040.4.3": "DSA with SHA-1",
    "1.3.14.3.2.29": "SHA-1 with RSA",
};
