/**
 * Certificates and chains: read X.509 certificates from PEM, find the leaf in
 * a pasted bundle, and put the intermediates in the order ACM wants (each one
 * certifying the one before it, no leaf, no root) — reporting everything that
 * had to be moved or dropped.
 *
 * Pure: no Pulumi, no I/O. Uses node:crypto's X509Certificate.
 */
import { X509Certificate } from "node:crypto";
import { oneLine } from "./format";
import { encodePem, labelsOf, readPem } from "./pem";

/** One certificate as read from PEM. */
export interface ParsedCertificate {
    x509: X509Certificate;
    /** Canonical PEM of this one certificate. */
    pem: string;
    /** Subject on one line: `CN=app.example.com, O=Example`. */
    subject: string;
    /** Issuer on one line. */
    issuer: string;
    /** SHA-256 fingerprint (identity for de-duplication). */
    fingerprint: string;
    /** Subject equals issuer and the certificate's own key verifies its signature. */
    selfSigned: boolean;
}

/** Reads every certificate in PEM text; `problem` says why the text is unusable. Other block kinds are ignored. */
export function readCertificates(text: string): { certificates: ParsedCertificate[]; problem?: string } {
    const pem = readPem(text);
    if (pem.problem) return { certificates: [], problem: `is not PEM text: ${pem.problem}` };
    const blocks = pem.blocks.filter(
        (b) => b.label === "CERTIFICATE" || b.label === "TRUSTED CERTIFICATE" || b.label === "X509 CERTIFICATE",
    );
    if (blocks.length === 0) {
        const labels = labelsOf(pem.blocks);
        if (pem.blocks.some((b) => b.label.endsWith("PRIVATE KEY")))
            return { certificates: [], problem: `holds a private key (${labels}), not a certificate` };
        if (pem.blocks.some((b) => b.label.includes("CERTIFICATE REQUEST"))) {
            return {
                certificates: [],
                problem: `holds a certificate signing request (${labels}), not a certificate; send the CSR to your CA and use the certificate it returns`,
            };
        }
        if (pem.blocks.some((b) => b.label === "PKCS7")) {
            return {
                certificates: [],
                problem: `holds a PKCS#7 bundle (${labels}); convert it with \`openssl pkcs7 -print_certs -in bundle.p7b -out bundle.pem\``,
            };
        }
        return { certificates: [], problem: `holds no certificate (found ${labels})` };
    }
    const certificates: ParsedCertificate[] = [];
    for (const [i, block] of blocks.entries()) {
        let x509: X509Certificate;
        const which = `block ${i + 1} of ${blocks.length}`;
        try {
            x509 = new X509Certificate(block.der);
        } catch {
            return {
                certificates,
                problem: `has a block that is not a valid X.509 certificate (${which}: damaged or truncated base64?)`,
            };
        }
        const damage = damaged(x509);
        if (damage) return { certificates, problem: `has a damaged certificate (${which}): ${damage}` };
        certificates.push(parsedFrom(x509));
    }
    return { certificates };
}

/**
 * What node:crypto parsed but cannot use, when anything: a public key it cannot decode, validity dates
 * that are not dates. Such a certificate would make every later check throw.
 */
export function damaged(x509: X509Certificate): string | undefined {
    try {
        void x509.publicKey;
    } catch {
        return "its public key cannot be read";
    }
    for (const [what, text] of [
        ["start", x509.validFrom],
        ["end", x509.validTo],
    ]) {
        if (Number.isNaN(new Date(text).getTime())) return `its validity ${what} '${text}' is not a date`;
    }
    return undefined;
}

const wrapped = new WeakMap<X509Certificate, ParsedCertificate>();

/** Wraps a node:crypto certificate with the fields the checks use (once per certificate object). */
export function parsedFrom(x509: X509Certificate): ParsedCertificate {
    let cert = wrapped.get(x509);
    if (!cert) {
        cert = wrap(x509);
        wrapped.set(x509, cert);
    }
    return cert;
}

function wrap(x509: X509Certificate): ParsedCertificate {
    const selfSigned = x509.subject === x509.issuer && safe(() => x509.verify(x509.publicKey));
    return {
        x509,
        pem: encodePem("CERTIFICATE", x509.raw),
        subject: oneLine(x509.subject),
        issuer: oneLine(x509.issuer),
        fingerprint: x509.fingerprint256,
        selfSigned,
    };
}

function safe(fn: () => boolean): boolean {
    try {
        return fn();
    } catch {
        return false;
    }
}

const issued = new WeakMap<X509Certificate, WeakMap<X509Certificate, boolean>>();

/** `child` names `parent` as its issuer and `parent`'s key verifies `child`'s signature (remembered per pair). */
export function isIssuedBy(child: ParsedCertificate, parent: ParsedCertificate): boolean {
    let known = issued.get(child.x509);
    if (!known) {
        known = new WeakMap();
        issued.set(child.x509, known);
    }
    let result = known.get(parent.x509);
    if (result === undefined) {
        result = safe(() => child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey));
        known.set(parent.x509, result);
    }
    return result;
}

/**
 * The leaf among several certificates: the first that is not a CA and issued
 * none of the others; failing that, the first that issued none; failing that, the first.
 */
export function pickLeaf(certificates: ParsedCertificate[]): number {
    const issuesNone = (c: ParsedCertificate) => !certificates.some((o) => o !== c && isIssuedBy(o, c));
    const leaf = certificates.findIndex((c) => !c.x509.ca && issuesNone(c));
    if (leaf >= 0) return leaf;
    const any = certificates.findIndex(issuesNone);
    return any >= 0 ? any : 0;
}

/** What `orderChain` did and found. */
export interface OrderedChain {
    /** Intermediates, leaf's issuer first, each certifying the one before it. */
    chain: ParsedCertificate[];
    /** Self-signed roots dropped from the chain. */
    rootsRemoved: ParsedCertificate[];
    /** How many copies of the leaf were dropped from the chain. */
    leafCopiesRemoved: number;
    /** How many duplicate intermediates were dropped. */
    duplicatesRemoved: number;
    /** Certificates that certify neither the leaf nor any intermediate: a broken chain. */
    unrelated: ParsedCertificate[];
    /** The kept certificates were given in a different order. */
    reordered: boolean;
}

/** Orders `given` (in the order the user gave them) into the chain above `leaf`. */
export function orderChain(leaf: ParsedCertificate, given: ParsedCertificate[]): OrderedChain {
    let leafCopiesRemoved = 0;
    let duplicatesRemoved = 0;
    const pool: ParsedCertificate[] = [];
    for (const c of given) {
        if (c.fingerprint === leaf.fingerprint) leafCopiesRemoved++;
        else if (pool.some((p) => p.fingerprint === c.fingerprint)) duplicatesRemoved++;
        else pool.push(c);
    }
    const chain: ParsedCertificate[] = [];
    const rootsRemoved: ParsedCertificate[] = [];
    let current = leaf;
    for (;;) {
        // Prefer an intermediate (or cross-signed) issuer over a self-signed root with the same name and key.
        const candidates = pool.filter((c) => isIssuedBy(current, c));
        const next = candidates.find((c) => !c.selfSigned) ?? candidates[0];
        if (!next || current.selfSigned) break;
        pool.splice(pool.indexOf(next), 1);
        if (next.selfSigned) {
            rootsRemoved.push(next);
            break;
        }
        chain.push(next);
        current = next;
    }
    // A self-signed root that certifies something we kept is still just a root: drop it too.
    const unrelated: ParsedCertificate[] = [];
    for (const c of pool) {
        if (c.selfSigned && [leaf, ...chain].some((k) => isIssuedBy(k, c))) rootsRemoved.push(c);
        else unrelated.push(c);
    }
    const keptInGivenOrder = given.filter((c) => chain.includes(c));
    const reordered = keptInGivenOrder.some((c, i) => c !== chain[i]);
    return { chain, rootsRemoved, leafCopiesRemoved, duplicatesRemoved, unrelated, reordered };
}

/** `'CN=A' → 'CN=B'` for messages. */
export function describeChain(chain: ParsedCertificate[]): string {
    return chain.map((c) => `'${c.subject}'`).join(" → ");
}
