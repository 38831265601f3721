/**
 * Trust and hostname checks: the served chain must validate to a trust anchor
 * (the public roots bundled with Node, or `--ca`) without fetching anything (no AIA), and the leaf
 * must name the host. Missing intermediate, untrusted or self-signed chains
 * and hostname mismatches each get their own message.
 */
import { type X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { type TlsObservation } from "../probes";
import { type CheckResult } from "../types";
import { orderChain, parsedFrom } from "../../../internal/certificates/chain";
import { isoDate, oneLine } from "../../../internal/certificates/format";
import { checkPath, type TrustAnchors } from "../../../internal/certificates/path";
import { commonName, dnsNames, ipAddresses, notAfter, notBefore } from "./certInfo";

/** OpenSSL codes that mean "the chain stops at a certificate no anchor vouches for". */
const UNTRUSTED = new Set([
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "UNABLE_TO_GET_ISSUER_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
]);

const CHAIN_FIX = "configure the full chain (certificate + intermediates) on the listener / import the chain into ACM";

function chainEvidence(
    chain: readonly X509Certificate[],
    anchors: string,
    code: string | undefined,
): Record<string, string | readonly string[]> {
    return {
        chain: chain.map((c) => oneLine(c.subject)),
        anchors,
        verification: code ?? "OK",
    };
}

function expiredMessage(chain: readonly X509Certificate[], code: string, now: Date): string {
    const bad = chain.find((c) => (code === "CERT_HAS_EXPIRED" ? notAfter(c) < now : notBefore(c) > now));
    const which = bad
        ? ` (${commonName(bad.subject)}, valid ${isoDate(notBefore(bad))} to ${isoDate(notAfter(bad))})`
        : "";
    return code === "CERT_HAS_EXPIRED"
        ? `a certificate in the chain has expired${which}: renew it and deploy the new certificate and chain`
        : `a certificate in the chain is not valid yet${which}: check the certificate dates and this machine's clock`;
}

/**
 * Judges OpenSSL's verdict on the served chain. `anchors` describes the trust
 * anchors in messages ("public roots" or "--ca FILE").
 */
export function checkTrust(observation: TlsObservation, anchors: string, now: Date): CheckResult {
    const { chain, chainError: code } = observation;
    const evidence = chainEvidence(chain, anchors, code);
    const leaf = chain[0];
    const fail = (message: string): CheckResult => ({ id: "trust", status: "fail", message, evidence });
    if (!leaf) return fail("the server sent no certificate: attach a certificate to the HTTPS listener");
    if (code === undefined) {
        const path = chain.map((c) => commonName(c.subject)).join(" ← ");
        return {
            id: "trust",
            status: "pass",
            message: `the chain validates to a trusted root (${anchors}): ${path}`,
            evidence,
        };
    }
    if (code === "DEPTH_ZERO_SELF_SIGNED_CERT") {
        return fail(
            `the certificate is self-signed (${commonName(leaf.subject)}), so browsers will not trust it: serve a certificate from a public CA (ACM or ACME), or pass --ca with the certificate if it is deliberately private`,
        );
    }
    if (code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" && chain.length === 1) {
        return fail(
            `the server sends only the leaf certificate, without the intermediate that issued it (${commonName(leaf.issuer)}), and that issuer is not a trusted root (${anchors}); some browsers paper over this, many clients fail: ${CHAIN_FIX}`,
        );
    }
    if (UNTRUSTED.has(code)) {
        const top = chain[chain.length - 1];
        const where =
            top.subject === top.issuer
                ? `the root ${commonName(top.subject)}`
                : `${commonName(top.subject)}, issued by ${commonName(top.issuer)}`;
        return fail(
            `the chain ends at ${where}, which is not a trusted root (${anchors}): use a certificate from a publicly trusted CA, or pass --ca FILE with the private root CA`,
        );
    }
    if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") return fail(expiredMessage(chain, code, now));
    return fail(
        `the chain does not validate (${code}) against ${anchors}: check the certificate and chain attached to the listener`,
    );
}

/**
 * Checks that the leaf covers `host` the way browsers do: subjectAltName only
 * (the common name is ignored), wildcards only as a whole left-most label.
 */
export function checkHostname(leaf: X509Certificate, host: string): CheckResult {
    const names = dnsNames(leaf);
    const ips = ipAddresses(leaf);
    const evidence = { host, names, ...(ips.length > 0 ? { ipAddresses: ips } : {}), subject: oneLine(leaf.subject) };
    const matched = isIP(host)
        ? leaf.checkIP(host)
        : leaf.checkHost(host, { subject: "never", partialWildcards: false, multiLabelWildcards: false });
    if (matched)
        return { id: "hostname", status: "pass", message: `the certificate covers ${host} (as ${matched})`, evidence };
    if (names.length === 0 && ips.length === 0) {
        return {
            id: "hostname",
            status: "fail",
            message: `the certificate has no subjectAltName names and browsers ignore its common name (${commonName(leaf.subject)}): issue a certificate whose names include ${host}`,
            evidence,
        };
    }
    return {
        id: "hostname",
        status: "fail",
        message: `the certificate is for ${[...names, ...ips].join(", ")}, not ${host}: attach a certificate whose names include ${host} (add it to the certificate's names, e.g. alternativeNames, or as an extra SNI certificate on the listener)`,
        evidence,
    };
}

/**
 * Path validation of the served chain with the checks `check-cert` and ImportedCertificate run
 * (internal/certificates/path.ts): every certificate's dates, signature algorithm, CA and key usage,
 * path length, name constraints and cycles, each problem naming its certificate. OpenSSL's verdict is
 * the `trust` check; this one explains and completes it (browsers refuse a leaf without
 * digitalSignature that OpenSSL lets through).
 */
export function checkChain(observation: TlsObservation, anchors: TrustAnchors, now: Date): CheckResult {
    const [leaf, ...rest] = observation.chain.map(parsedFrom);
    const evidence = { chain: observation.chain.map((c) => oneLine(c.subject)) };
    if (!leaf) return { id: "chain", status: "fail", message: "the server sent no certificate", evidence };
    const ordered = orderChain(leaf, rest);
    const report = checkPath({ leaf, chain: ordered.chain, roots: ordered.rootsRemoved, anchors, now });
    if (report.results.length > 0)
        // No warnDays here: the expiry check judges every certificate against --min-days.
        return {
            id: "chain",
            status: "fail",
            message: report.results.map((r) => r.message).join("; "),
            evidence: { ...evidence, problems: report.results.map((r) => r.id) },
        };
    return {
        id: "chain",
        status: "pass",
        message: `every certificate in the path is valid (dates, signatures of SHA-256 or better, CA constraints, key usage, name constraints)`,
        evidence,
    };
}
