/**
 * Certification path validation shared by `check-cert`, `ImportedCertificate`
 * and `verify`: every certificate from the leaf up to the trust anchor is
 * judged the way OpenSSL's `X509_verify_cert` (what Node's TLS client runs)
 * and browsers judge it — RFC 5280 §6.1 validity, signature algorithm
 * strength (OpenSSL 3 security level 1 refuses SHA-1, CA/B Forum Baseline
 * Requirements §7.1.3.2), basicConstraints cA and pathLenConstraint, key usage
 * (keyCertSign for issuers, digitalSignature for a TLS server key), extended
 * key usage of issuers, DNS name constraints, cycles, and whether the path
 * ends at a trust anchor. Each problem is reported with the certificate it
 * concerns; `check-cert` and `verify` add OpenSSL's own verdict on top
 * (`opensslVerdict`), so that nothing OpenSSL rejects can pass.
 *
 * Pure: no Pulumi, no I/O.
 */
import { X509Certificate } from "node:crypto";
import { rootCertificates } from "node:tls";
import { type ParsedCertificate, isIssuedBy, parsedFrom } from "./chain";
import { certificateFields, WEAK_SIGNATURE_ALGORITHMS } from "./der";
import { isoDate } from "./format";
import type { CheckResult } from "./leafChecks";
import { dnsNamesOf } from "./names";

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const DAY_MS = 24 * 60 * 60 * 1000;
const ANY_EKU = "2.5.29.37.0";

/** Trust anchors to end a path at, and how messages name them. */
export interface TrustAnchors {
    certificates: readonly ParsedCertificate[];
    label: string;
}

let publicRoots: TrustAnchors | undefined;

/** The public roots bundled with Node (Mozilla's CA list), parsed once. */
export function publicTrustAnchors(): TrustAnchors {
    publicRoots ??= {
        certificates: rootCertificates.map((pem) => parsedFrom(new X509Certificate(pem))),
        label: "the public roots",
    };
    return publicRoots;
}

/** What `checkPath` needs: the leaf, its ordered intermediates and any self-signed roots the user gave. */
export interface PathInput {
    leaf: ParsedCertificate;
    /** Intermediates, leaf's issuer first (from `orderChain`). */
    chain: readonly ParsedCertificate[];
    /** Self-signed roots given with the chain (dropped before import, but they anchor the path). */
    roots: readonly ParsedCertificate[];
    anchors: TrustAnchors;
    now: Date;
    /** Warn when a certificate above the leaf expires within this many days. Defaults to no warning. */
    warnDays?: number;
}

/** The path as judged: the anchor it ends at (if any) and one result per problem. */
export interface PathReport {
    /** Leaf, intermediates, then the anchor when one was found. */
    path: ParsedCertificate[];
    anchor?: ParsedCertificate;
    results: CheckResult[];
}

function within(name: string, constraint: string): boolean {
    if (constraint === "") return true;
    if (constraint.startsWith(".")) return name.endsWith(constraint);
    return name === constraint || name.endsWith(`.${constraint}`);
}

const fail = (id: string, message: string, property: CheckResult["property"] = "chain"): CheckResult => ({
    id,
    status: "fail",
    property,
    message,
});

/** Judges every certificate of the path. A self-signed leaf is left to the self-signed check. */
export function checkPath(input: PathInput): PathReport {
    const { leaf, chain, now } = input;
    const results: CheckResult[] = [];
    const path: ParsedCertificate[] = [leaf, ...chain];
    const top = path[path.length - 1];
    let anchor: ParsedCertificate | undefined;
    if (leaf.selfSigned) anchor = undefined;
    else if (path.some((c) => c !== top && isIssuedBy(top, c))) {
        results.push(
            fail(
                "path.cycle",
                `the chain is a loop: '${top.subject}' is issued by a certificate already below it in the path, so it never reaches a root. Get the chain from your CA again.`,
            ),
        );
    } else {
        anchor =
            input.roots.find((r) => isIssuedBy(top, r)) ??
            input.anchors.certificates.find((r) => r.subject === top.issuer && isIssuedBy(top, r));
        if (anchor) path.push(anchor);
    }
    for (const [i, cert] of path.entries()) {
        const what = i === 0 ? `the certificate '${cert.subject}'` : `'${cert.subject}'`;
        const fields = certificateFields(cert.x509.raw);
        const isAnchor = cert === anchor;
        if (i > 0) {
            const from = new Date(cert.x509.validFrom);
            const to = new Date(cert.x509.validTo);
            if (!(to.getTime() > now.getTime()))
                results.push(
                    fail(
                        "path.validity",
                        `${what} in the path expired on ${isoDate(to)}: clients reject the whole chain. Get the current chain from your CA.`,
                    ),
                );
            else if (from.getTime() > now.getTime())
                results.push(
                    fail(
                        "path.validity",
                        `${what} in the path is not valid until ${isoDate(from)}: clients reject it.`,
                    ),
                );
            else if (input.warnDays !== undefined && to.getTime() - now.getTime() < input.warnDays * DAY_MS)
                results.push({
                    id: "path.validity",
                    status: "warn",
                    property: "chain",
                    message: `${what} in the path expires on ${isoDate(to)}, within ${input.warnDays} days: the whole chain stops working then. Get the current chain from your CA.`,
                });
            if (!cert.x509.ca)
                results.push(
                    fail(
                        "path.ca",
                        `${what} issues '${path[i - 1].subject}' but is not a CA (basicConstraints cA is not set): clients reject certificates it signs.`,
                    ),
                );
            if (fields?.keyUsage && !fields.keyUsage.keyCertSign)
                results.push(
                    fail(
                        "path.key-usage",
                        `${what} may not sign certificates: its key usage lacks keyCertSign (RFC 5280 §4.2.1.3).`,
                    ),
                );
            const eku = cert.x509.keyUsage;
            if (!isAnchor && eku && eku.length > 0 && !eku.includes(SERVER_AUTH) && !eku.includes(ANY_EKU))
                results.push(
                    fail(
                        "path.eku",
                        `${what} restricts its extended key usage to ${eku.join(", ")}, without serverAuth: OpenSSL and browsers reject TLS server certificates below it.`,
                    ),
                );
            const below = i - 1; // intermediates between this CA and the leaf
            if (fields?.pathLength !== undefined && below > fields.pathLength)
                results.push(
                    fail(
                        "path.length",
                        `${what} allows at most ${fields.pathLength} intermediate${fields.pathLength === 1 ? "" : "s"} below it (pathLenConstraint), and the path has ${below}.`,
                    ),
                );
            const nc = fields?.nameConstraints;
            if (nc) {
                for (const subject of path.slice(0, i)) {
                    for (const name of dnsNamesOf(subject.x509)) {
                        const outside = nc.permitted.length > 0 && !nc.permitted.some((c) => within(name, c));
                        const excluded = nc.excluded.find((c) => within(name, c));
                        if (outside || excluded !== undefined)
                            results.push(
                                fail(
                                    "path.name-constraints",
                                    `'${subject.subject}' names ${name}, which ${excluded !== undefined ? `the name constraints of ${what} exclude (${excluded})` : `is outside the names ${what} may certify (${nc.permitted.join(", ")})`}: clients reject the certificate.`,
                                ),
                            );
                    }
                }
            }
        } else if (fields?.keyUsage && !fields.keyUsage.digitalSignature) {
            results.push(
                fail(
                    "path.key-usage",
                    `${what} has a key usage without digitalSignature, so its key may not sign TLS handshakes (TLS 1.3 and every ECDHE suite need it; browsers reject it). Reissue it with digitalSignature.`,
                    "certificate",
                ),
            );
        }
        const weak =
            fields && !isAnchor && !(i > 0 && cert.selfSigned) && WEAK_SIGNATURE_ALGORITHMS[fields.signatureAlgorithm];
        if (weak)
            results.push(
                fail(
                    "path.signature",
                    `${what} is signed with ${weak}, which OpenSSL 3 (security level 1) and browsers reject: get a certificate signed with SHA-256 or better.`,
                    i === 0 ? "certificate" : "chain",
                ),
            );
    }
    return { path, anchor, results };
}
