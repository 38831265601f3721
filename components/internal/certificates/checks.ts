/**
 * The certificate checker shared by `ImportedCertificate` and the
 * `check-cert` CLI: reads the certificate, chain and key (or a PFX bundle),
 * normalises them into exactly what ACM import wants — one leaf certificate,
 * the intermediates in order, one unencrypted key — and runs every check.
 *
 * Liberal in what it accepts (a full chain pasted as the certificate, chains
 * out of order, roots and leaf copies in the chain: each fixed with a warning
 * saying what was done), exact in what it returns.
 *
 * Pure: no Pulumi, no I/O; never puts key material into a message.
 */
import { isoDate } from "./format";
import { describeChain, orderChain, type ParsedCertificate, pickLeaf, readCertificates } from "./chain";
import { ACM_MAX_PRIVATE_KEY_BYTES, describeKey, type ParsedPrivateKey, readPrivateKey } from "./keys";
import {
    checkExtendedKeyUsage,
    checkHostnames,
    checkIsLeaf,
    checkKeyAlgorithm,
    checkNotAfter,
    checkNotBefore,
    checkSelfSigned,
    type CheckResult,
    type CertificateProperty,
    type CheckStatus,
    DEFAULT_EXPIRY_WARNING_DAYS,
    daysUntil,
    validityOf,
} from "./leafChecks";
import { dnsNamesOf } from "./names";
import { checkPath, publicTrustAnchors, type TrustAnchors } from "./path";
import { PfxError, readPfx } from "./pfx";

export type { CheckResult, CertificateProperty, CheckStatus };
export { DEFAULT_EXPIRY_WARNING_DAYS };

/** What to check. Give `certificatePem` (+ `privateKeyPem`, `chainPem`) or `pfx` (+ `pfxPassword`). */
export interface CertificateCheckInput {
    certificatePem?: string;
    privateKeyPem?: string;
    chainPem?: string;
    /** PKCS#12 bundle: base64 text or raw bytes. */
    pfx?: string | Buffer;
    pfxPassword?: string;
    /** Host names the certificate must cover. */
    hostnames?: string[];
    /** Warn when the certificate expires within this many days. Defaults to 30. */
    minDays?: number;
    /** Self-signed is a warning instead of a failure. Defaults to false. */
    allowSelfSigned?: boolean;
    /** The time to check validity against. Defaults to now. */
    now?: Date;
    /** A missing private key is a failure (ACM import needs it). Defaults to false. */
    requireKey?: boolean;
    /** Roots the path may end at. Defaults to the public roots bundled with Node (Mozilla's list). */
    anchors?: TrustAnchors;
}

/** The certificate at a glance (for the CLI and the component's outputs). */
export interface CertificateSummary {
    subject: string;
    issuer: string;
    names: string[];
    key: string;
    notBefore: string;
    notAfter: string;
    daysLeft: number;
    serialNumber: string;
    fingerprint256: string;
    selfSigned: boolean;
}

/** Everything the checker found. `normalized` is what to send to ACM when `ok`. */
export interface CertificateCheckReport {
    /** No check failed. */
    ok: boolean;
    results: CheckResult[];
    /** Messages of the `warn` results (normalisations done, expiry soon, self-signed allowed). */
    warnings: string[];
    normalized?: { leafPem: string; chainPem: string; keyPem?: string };
    summary?: CertificateSummary;
    /** ACM's name for the key algorithm (`EC_prime256v1`, `RSA_2048`), when accepted. */
    keyAlgorithm?: string;
    /** The trust anchor the path ends at (a given root, or one of `anchors`), as PEM, when one was found. */
    anchorPem?: string;
}

/**
 * Runs every check. Never throws for bad input: problems are `fail` results — including anything a
 * damaged input makes the parsers throw that no check foresaw (the message never quotes the input).
 */
export function checkCertificate(input: CertificateCheckInput): CertificateCheckReport {
    try {
        return runChecks(input);
    } catch (err) {
        const why = (err instanceof Error ? err.message : String(err)).split("\n")[0].slice(0, 200);
        return {
            ok: false,
            results: [
                {
                    id: "input",
                    status: "fail",
                    property: input.pfx !== undefined ? "pfx" : "certificate",
                    message: `the input could not be read (${why}): it is damaged; get the files from your CA again.`,
                },
            ],
            warnings: [],
        };
    }
}

function runChecks(input: CertificateCheckInput): CertificateCheckReport {
    const results: CheckResult[] = [];
    const add = (id: string, status: CheckStatus, property: CertificateProperty, message: string) =>
        results.push({ id, status, property, message });
    const finish = (extra: Partial<CertificateCheckReport> = {}): CertificateCheckReport => ({
        ok: !results.some((r) => r.status === "fail"),
        results,
        warnings: results.filter((r) => r.status === "warn").map((r) => r.message),
        ...extra,
    });
    const now = input.now ?? new Date();
    let { certificatePem, privateKeyPem, chainPem } = input;

    if (input.pfx !== undefined) {
        if (certificatePem !== undefined || privateKeyPem !== undefined) {
            add("pfx", "fail", "pfx", "give either a PFX bundle or a PEM certificate and private key, not both.");
            return finish();
        }
        try {
            const contents = readPfx(input.pfx, input.pfxPassword);
            certificatePem = contents.certificatePem;
            privateKeyPem = contents.privateKeyPem;
            chainPem = [contents.chainPem, chainPem ?? ""].join("");
            add("pfx", "pass", "pfx", "read the certificate, its private key and any chain from the PFX bundle.");
        } catch (err) {
            if (!(err instanceof PfxError)) throw err;
            add("pfx", "fail", err.property, err.message);
            return finish();
        }
    }

    // The certificate field: one leaf, or a bundle to split. Format problems of all three
    // fields are reported together; the checks after them need a readable certificate.
    let leaf: ParsedCertificate | undefined;
    let given: ParsedCertificate[] = [];
    if (certificatePem === undefined || certificatePem.trim() === "") {
        add(
            "certificate.format",
            "fail",
            "certificate",
            "no certificate given: pass the PEM certificate your CA issued (or a PFX bundle).",
        );
    } else {
        const read = readCertificates(certificatePem);
        if (read.problem) add("certificate.format", "fail", "certificate", `the certificate ${read.problem}.`);
        else {
            const leafIndex = pickLeaf(read.certificates);
            leaf = read.certificates[leafIndex];
            given = read.certificates.filter((_, i) => i !== leafIndex);
            add("certificate.format", "pass", "certificate", `read certificate '${leaf.subject}'.`);
            if (given.length > 0) {
                add(
                    "certificate.split",
                    "warn",
                    "certificate",
                    `the certificate field held ${read.certificates.length} certificates: used '${leaf.subject}' as the certificate and moved the other ${given.length} to the chain.`,
                );
            }
        }
    }

    // The chain field.
    let chainUnreadable = false;
    if (chainPem !== undefined && chainPem.trim() !== "") {
        const chainRead = readCertificates(chainPem);
        if (chainRead.problem) {
            add("chain.format", "fail", "chain", `the chain ${chainRead.problem}.`);
            chainUnreadable = true;
        } else given = [...given, ...chainRead.certificates];
    }

    // The private key.
    let key: ParsedPrivateKey | undefined;
    if (privateKeyPem !== undefined && privateKeyPem.trim() !== "") {
        const keyRead = readPrivateKey(privateKeyPem);
        if (keyRead.problem) add("key.format", "fail", "privateKey", keyRead.problem);
        key = keyRead.key;
    } else if (input.requireKey) {
        add(
            "key.format",
            "fail",
            "privateKey",
            "no private key given: ACM import needs the certificate's unencrypted private key; pass it as a secret.",
        );
    }
    if (key) {
        add("key.format", "pass", "privateKey", `${key.info.description} private key.`);
        const bytes = Buffer.byteLength(key.pem);
        if (bytes > ACM_MAX_PRIVATE_KEY_BYTES) {
            add(
                "key.size",
                "fail",
                "privateKey",
                `the private key is ${bytes} bytes of PEM; ACM import accepts at most ${ACM_MAX_PRIVATE_KEY_BYTES} bytes (5 KB). Use an RSA 4096 (or smaller) or ECDSA key.`,
            );
        } else {
            add("key.size", "pass", "privateKey", `${bytes} bytes (ACM limit ${ACM_MAX_PRIVATE_KEY_BYTES}).`);
        }
    }
    if (!leaf) return finish();
    if (key) {
        if (leaf.x509.checkPrivateKey(key.object))
            add("key.match", "pass", "privateKey", "the private key matches the certificate.");
        else {
            add(
                "key.match",
                "fail",
                "privateKey",
                `the private key does not match the certificate: its public key (${key.info.description}) is not the certificate's (${describeKey(leaf.x509.publicKey).description}). Pass the key the certificate's CSR was made with.`,
            );
        }
    }

    // The certificate itself.
    const algorithm = checkKeyAlgorithm(leaf);
    results.push(
        algorithm,
        checkNotBefore(leaf, now),
        checkNotAfter(leaf, now, input.minDays ?? DEFAULT_EXPIRY_WARNING_DAYS),
    );
    if (input.hostnames && input.hostnames.length > 0) results.push(checkHostnames(leaf, input.hostnames));
    results.push(checkExtendedKeyUsage(leaf), checkIsLeaf(leaf), checkSelfSigned(leaf, input.allowSelfSigned ?? false));

    // The chain: leaf → intermediates, nothing else.
    const ordered = orderChain(leaf, given);
    if (ordered.leafCopiesRemoved > 0)
        add(
            "chain.leaf-removed",
            "warn",
            "chain",
            `removed the certificate itself ('${leaf.subject}') from the chain: the chain holds only the certificates above it.`,
        );
    if (ordered.duplicatesRemoved > 0)
        add(
            "chain.duplicates-removed",
            "warn",
            "chain",
            `removed ${ordered.duplicatesRemoved} duplicate certificate${ordered.duplicatesRemoved === 1 ? "" : "s"} from the chain.`,
        );
    for (const root of ordered.rootsRemoved) {
        add(
            "chain.root-removed",
            "warn",
            "chain",
            `removed the self-signed root '${root.subject}' from the chain: clients already have their roots, and ACM wants only the intermediates.`,
        );
    }
    if (ordered.reordered) {
        add(
            "chain.reordered",
            "warn",
            "chain",
            `reordered the chain to leaf → ${describeChain(ordered.chain)}: each certificate must certify the one before it.`,
        );
    }
    if (ordered.unrelated.length > 0) {
        const names = ordered.unrelated.map((c) => `'${c.subject}'`).join(", ");
        add(
            "chain.links",
            "fail",
            "chain",
            `the chain does not link to the certificate: ${names} certif${ordered.unrelated.length === 1 ? "ies" : "y"} neither '${leaf.subject}' nor any intermediate above it. The chain must hold the intermediates that issued the certificate, each certifying the one before; get the right chain from your CA.`,
        );
    } else if (ordered.chain.length > 0) {
        add("chain.links", "pass", "chain", `leaf → ${describeChain(ordered.chain)}.`);
    } else if (leaf.selfSigned) {
        add("chain.links", "pass", "chain", "no chain needed for a self-signed certificate.");
    }

    // Every certificate of the path, the way a TLS client validates it.
    const anchors = input.anchors ?? publicTrustAnchors();
    const warnDays = input.minDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
    const path = checkPath({ leaf, chain: ordered.chain, roots: ordered.rootsRemoved, anchors, now, warnDays });
    if (!leaf.selfSigned && ordered.chain.length === 0 && ordered.unrelated.length === 0 && path.anchor) {
        add("chain.links", "pass", "chain", `issued directly by the root '${path.anchor.subject}': no chain needed.`);
    } else if (!leaf.selfSigned && ordered.chain.length === 0 && ordered.unrelated.length === 0 && !chainUnreadable) {
        add(
            "chain.links",
            "fail",
            "chain",
            `no intermediate certificates given, and the issuer '${leaf.issuer}' is not one of ${anchors.label}: TLS clients (and \`verify\`) will fail to validate the certificate. Pass the chain your CA sent (often \`chain.pem\` or \`ca-bundle.crt\`).`,
        );
    }
    results.push(...path.results);
    if (!path.results.some((r) => r.status === "fail") && !leaf.selfSigned) {
        const top = path.path[path.path.length - 1];
        const end = path.anchor
            ? `ends at the root '${path.anchor.subject}'`
            : `ends at '${top.subject}', whose issuer '${top.issuer}' was not given and is not one of ${anchors.label} (its root could not be checked)`;
        add(
            "path",
            "pass",
            "chain",
            `every certificate in the path is valid (dates, signatures of SHA-256 or better, CA constraints, key usage, name constraints); the path ${end}.`,
        );
    }

    const { notBefore, notAfter } = validityOf(leaf);
    return finish({
        normalized: { leafPem: leaf.pem, chainPem: ordered.chain.map((c) => c.pem).join(""), keyPem: key?.pem },
        keyAlgorithm: describeKey(leaf.x509.publicKey).acmAlgorithm,
        anchorPem: path.anchor?.pem,
        summary: {
            subject: leaf.subject,
            issuer: leaf.issuer,
            names: dnsNamesOf(leaf.x509),
            key: describeKey(leaf.x509.publicKey).description,
            notBefore: isoDate(notBefore),
            notAfter: isoDate(notAfter),
            daysLeft: daysUntil(notAfter, now),
            serialNumber: leaf.x509.serialNumber,
            fingerprint256: leaf.x509.fingerprint256,
            selfSigned: leaf.selfSigned,
        },
    });
}

/**
 * The failures of a report as `InputPropertiesError` arguments (`{ message, errors }`), or undefined when
 * nothing failed. `prefix` maps a property to the caller's name for it (e.g. `certificate` → `pem.certificate`).
 */
export function inputErrors(
    report: CertificateCheckReport,
    what: string,
    prefix: (property: CertificateProperty) => string = (p) => p,
): { message: string; errors: { propertyPath: string; reason: string }[] } | undefined {
    const failures = report.results.filter((r) => r.status === "fail");
    if (failures.length === 0) return undefined;
    const errors = failures.map((r) => ({ propertyPath: prefix(r.property), reason: r.message }));
    const count = failures.length === 1 ? "1 problem" : `${failures.length} problems`;
    const lines = errors.map((e) => `  - ${e.propertyPath}: ${e.reason}`);
    return { message: `${what}: ${count} with the certificate inputs:\n${lines.join("\n")}`, errors };
}
