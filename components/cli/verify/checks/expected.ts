/**
 * The expected-certificate check: with `--expect-fingerprint` (SHA-256) or
 * `--expect-serial`, the served leaf must be that certificate — it catches an
 * old certificate still served after a rotation.
 */
import { type X509Certificate } from "node:crypto";
import { type CheckResult, VerifyUsageError } from "../types";
import { isoDate } from "../../../internal/certificates/format";
import { notAfter } from "./certInfo";

function hexDigits(text: string): string {
    return text
        .replace(/^0x/i, "")
        .replace(/[:\s-]/g, "")
        .toUpperCase();
}

/** A SHA-256 fingerprint in any case, with or without colons, as 64 upper-case hex digits. Throws `VerifyUsageError`. */
export function normalizeFingerprint(text: string): string {
    const hex = hexDigits(text.replace(/^sha256[:=]/i, ""));
    if (!/^[0-9A-F]{64}$/.test(hex)) {
        throw new VerifyUsageError(
            `--expect-fingerprint '${text}' is not a SHA-256 fingerprint: give 64 hex digits, with or without colons (openssl x509 -noout -fingerprint -sha256)`,
        );
    }
    return hex;
}

/** A serial number in hex (any case, colons optional), upper case without leading zeros. Throws `VerifyUsageError`. */
export function normalizeSerial(text: string): string {
    const hex = hexDigits(text);
    if (!/^[0-9A-F]{1,64}$/.test(hex)) {
        throw new VerifyUsageError(
            `--expect-serial '${text}' is not a hex serial number: give it as openssl prints it (openssl x509 -noout -serial), colons optional`,
        );
    }
    return hex.replace(/^0+(?=.)/, "");
}

/** Colon-separated pairs, as browsers and openssl show fingerprints. */
function withColons(hex: string): string {
    return hex.match(/../g)?.join(":") ?? hex;
}

/** Checks the leaf against the expected fingerprint and/or serial (already normalised). */
export function checkExpectedCertificate(
    leaf: X509Certificate,
    expected: { fingerprint?: string; serial?: string },
): CheckResult {
    const actualFingerprint = hexDigits(leaf.fingerprint256);
    const actualSerial = normalizeSerial(leaf.serialNumber);
    const evidence = {
        sha256: withColons(actualFingerprint),
        serial: actualSerial,
        notAfter: isoDate(notAfter(leaf)),
        ...(expected.fingerprint ? { expectedSha256: withColons(expected.fingerprint) } : {}),
        ...(expected.serial ? { expectedSerial: expected.serial } : {}),
    };
    const problems: string[] = [];
    if (expected.fingerprint && expected.fingerprint !== actualFingerprint) {
        problems.push(
            `SHA-256 fingerprint ${withColons(actualFingerprint)} instead of ${withColons(expected.fingerprint)}`,
        );
    }
    if (expected.serial && expected.serial !== actualSerial)
        problems.push(`serial ${actualSerial} instead of ${expected.serial}`);
    if (problems.length > 0) {
        return {
            id: "certificate",
            status: "fail",
            message: `the server presents a different certificate (${problems.join(", ")}; it expires ${evidence.notAfter}): an old certificate is still being served — check that the new one was imported and attached to the listener (re-importing into ACM keeps the ARN), or allow time for the change with --wait`,
            evidence,
        };
    }
    const what = [
        expected.fingerprint ? `SHA-256 ${withColons(actualFingerprint)}` : "",
        expected.serial ? `serial ${actualSerial}` : "",
    ]
        .filter(Boolean)
        .join(", ");
    return {
        id: "certificate",
        status: "pass",
        message: `the server presents the expected certificate (${what})`,
        evidence,
    };
}
