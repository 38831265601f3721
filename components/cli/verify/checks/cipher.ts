/**
 * The cipher suite check, against Mozilla's "intermediate" server TLS profile
 * (the recommended general-purpose configuration; guidelines 5.8,
 * https://ssl-config.mozilla.org/guidelines/5.8.json, source
 * mozilla/ssl-config-generator `src/static/guidelines/5.8.json`): the suite the
 * server negotiates with a modern client must be in the profile, and a
 * TLS 1.2 handshake offering only suites outside it must be refused. An
 * accepted suite without forward secrecy, with a SHA-1 MAC, 3DES, RC4 or no
 * encryption fails; another forward-secret suite outside the profile (ECDHE
 * CBC-SHA256/384, which older ALB policies allow, or CCM) is a warning.
 */
import { type LegacyOutcome } from "../probes";
import { type CheckResult } from "../types";

/** Mozilla intermediate, TLS 1.3 suites (`ciphersuites`). */
export const MOZILLA_INTERMEDIATE_TLS13 = [
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
];

/** Mozilla intermediate, TLS 1.2 suites (`ciphers.openssl`). */
export const MOZILLA_INTERMEDIATE_TLS12 = [
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",
    "DHE-RSA-AES128-GCM-SHA256",
    "DHE-RSA-AES256-GCM-SHA384",
    "DHE-RSA-CHACHA20-POLY1305",
];

/** What the weak-suite probe offers: every TLS 1.2 suite OpenSSL has except the profile's. */
export const OUTSIDE_PROFILE_CIPHERS = `ALL:COMPLEMENTOFALL:${MOZILLA_INTERMEDIATE_TLS12.map((c) => `!${c}`).join(":")}:@SECLEVEL=0`;

const PROFILE = "Mozilla's intermediate TLS profile";
const FIX =
    "use an ALB security policy that allows only forward-secret AEAD suites (the components' default ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, or another …-Res-… policy)";

/** Why a suite outside the profile is weak (`fail`), or undefined when it is only outside the profile (`warn`). */
export function weakness(cipher: string): string | undefined {
    const name = cipher.toUpperCase();
    if (/NULL|RC4|DES-CBC3|3DES|DES-CBC|EXP|MD5|ANON|ADH|AECDH/.test(name)) return "broken or no encryption";
    if (!/^(ECDHE|DHE|TLS_)/.test(name)) return "RSA key exchange, no forward secrecy";
    if (/-SHA$/.test(name)) return "CBC mode with a SHA-1 MAC";
    return undefined;
}

function inProfile(cipher: string): boolean {
    return MOZILLA_INTERMEDIATE_TLS13.includes(cipher) || MOZILLA_INTERMEDIATE_TLS12.includes(cipher);
}

/** Judges the negotiated suite and the outside-the-profile probe. */
export function checkCipher(negotiated: { protocol: string; cipher: string }, probe: LegacyOutcome): CheckResult {
    const evidence: Record<string, string> = {
        negotiated: `${negotiated.protocol} ${negotiated.cipher}`,
        outsideProfile:
            probe.outcome === "accepted" ? `accepted (${probe.cipher})` : `${probe.outcome} (${probe.detail})`,
        standard: "Mozilla intermediate (guidelines 5.8)",
    };
    const problems: { status: "warn" | "fail"; text: string }[] = [];
    for (const suite of [negotiated.cipher, probe.outcome === "accepted" ? probe.cipher : undefined]) {
        if (suite === undefined || inProfile(suite) || problems.some((p) => p.text.includes(suite))) continue;
        const weak = weakness(suite);
        const how = suite === negotiated.cipher ? "negotiates" : "accepts";
        problems.push(
            weak
                ? { status: "fail", text: `the server ${how} ${suite} (${weak}), which ${PROFILE} excludes: ${FIX}` }
                : {
                      status: "warn",
                      text: `the server ${how} ${suite}, which is not broken but is outside ${PROFILE}: ${FIX}`,
                  },
        );
    }
    if (problems.length > 0) {
        const status = problems.some((p) => p.status === "fail") ? "fail" : "warn";
        return { id: "cipher", status, message: problems.map((p) => p.text).join("; "), evidence };
    }
    if (probe.outcome !== "refused" && probe.outcome !== "accepted" && probe.outcome !== "inconclusive")
        return {
            id: "cipher",
            status: "warn",
            message: `negotiated ${negotiated.cipher} (in ${PROFILE}), but suites outside it could not be tried (${probe.detail})`,
            evidence,
        };
    return {
        id: "cipher",
        status: "pass",
        message: `negotiated ${negotiated.cipher}, in ${PROFILE}; no suite outside it is accepted over TLS 1.2`,
        evidence,
    };
}
