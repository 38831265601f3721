/**
 * The TLS version check: the normal handshake negotiates TLS 1.2 or 1.3, and
 * handshakes limited to TLS 1.0 or TLS 1.1 are refused by the server.
 */
import { type LegacyOutcome } from "../probes";
import { type CheckResult, type CheckStatus, worst } from "../types";

/** The legacy versions probed, as OpenSSL names them, with the names people use. */
export const LEGACY_VERSIONS = [
    { version: "TLSv1", label: "TLS 1.0" },
    { version: "TLSv1.1", label: "TLS 1.1" },
] as const;

/** The outcome of each legacy probe, keyed by OpenSSL version name. */
export type LegacyResults = Record<(typeof LEGACY_VERSIONS)[number]["version"], LegacyOutcome>;

const MODERN = new Set(["TLSv1.2", "TLSv1.3"]);

const POLICY_FIX =
    "use an ALB security policy that allows only TLS 1.2 and 1.3 (an ELBSecurityPolicy-TLS13-1-2-… policy, the components' default sslPolicy)";

function list(labels: string[]): string {
    return labels.length <= 1 ? labels.join("") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/**
 * Judges the negotiated protocol and the legacy probes. A legacy handshake the
 * server completes fails; one this machine cannot even offer, or that ends
 * ambiguously, is a warning with the reason — never a pass.
 */
export function checkTlsVersion(negotiated: { protocol: string; cipher: string }, legacy: LegacyResults): CheckResult {
    const statuses: CheckStatus[] = [];
    const problems: string[] = [];
    const evidence: Record<string, string> = { negotiated: negotiated.protocol, cipher: negotiated.cipher };

    if (!MODERN.has(negotiated.protocol)) {
        statuses.push("fail");
        problems.push(`the server negotiated ${negotiated.protocol} instead of TLS 1.2 or 1.3: ${POLICY_FIX}`);
    }

    const accepted: { label: string; detail: string }[] = [];
    const refused: string[] = [];
    for (const { version, label } of LEGACY_VERSIONS) {
        const outcome = legacy[version];
        evidence[version] = `${outcome.outcome} (${outcome.detail})`;
        if (outcome.outcome === "accepted") accepted.push({ label, detail: outcome.detail });
        else if (outcome.outcome === "refused") refused.push(label);
        else if (outcome.outcome === "unavailable") {
            statuses.push("warn");
            problems.push(
                `${label} could not be tried: this machine's OpenSSL will not offer it (${outcome.detail}), so whether the server accepts it is unknown; run verify where OpenSSL allows legacy protocols`,
            );
        } else {
            statuses.push("warn");
            problems.push(
                `the ${label} probe was inconclusive (${outcome.detail}): whether the server accepts ${label} is unknown; run verify again`,
            );
        }
    }
    if (accepted.length > 0) {
        statuses.push("fail");
        const labels = list(accepted.map((a) => a.label));
        const how = accepted.map((a) => a.detail).join(", ");
        problems.unshift(
            `the server accepts ${labels} handshakes (negotiated ${how}); these versions are deprecated and insecure: ${POLICY_FIX}`,
        );
    }

    const status = worst(statuses);
    if (status !== "pass") return { id: "tls-version", status, message: problems.join("; "), evidence };
    return {
        id: "tls-version",
        status,
        message: `negotiated ${negotiated.protocol} (${negotiated.cipher}); ${list(refused)} refused`,
        evidence,
    };
}
