/**
 * ALB security policies: which TLS versions a policy name allows. AWS names
 * its policies by the lowest version they accept (`…-TLS13-1-2-…` accepts
 * TLS 1.2 and 1.3), except four older names that accept TLS 1.0.
 */

/** Older policy names without a version in them; all accept TLS 1.0. */
const LEGACY_TLS10_POLICIES = new Set([
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-2015-05",
    "ELBSecurityPolicy-FS-2018-06",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
]);

const VERSIONED = /^ELBSecurityPolicy-(?:TLS13-|TLS-|FS-)1-([0-3])(?:-|$)/;

/** The lowest TLS minor version (`0` = TLS 1.0 … `3` = TLS 1.3) a policy accepts, or `undefined` for an unknown name. */
export function minimumTlsMinor(policy: string): number | undefined {
    if (LEGACY_TLS10_POLICIES.has(policy)) return 0;
    const match = VERSIONED.exec(policy);
    return match ? Number(match[1]) : undefined;
}

/**
 * Why `policy` should not be used, or `undefined` when it is fine: an unknown
 * name, or one that accepts TLS 1.0/1.1 without `allowLegacyTls`.
 */
export function sslPolicyProblem(policy: string, allowLegacyTls: boolean): string | undefined {
    const minor = minimumTlsMinor(policy);
    if (minor === undefined) {
        return `\`sslPolicy\` '${policy}' is not an ALB security policy name this package knows: use a name such as 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' (see 'aws elbv2 describe-ssl-policies')`;
    }
    if (minor < 2 && !allowLegacyTls) {
        return `\`sslPolicy\` '${policy}' allows TLS 1.${minor}, which is deprecated and insecure: use a TLS 1.2+ policy such as 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', or set \`allowLegacyTls: true\` if old clients really need it`;
    }
    return undefined;
}

/** Policies behind the short `tlsProfile` names. */
export const TLS_PROFILE_POLICIES: Record<string, string> = {
    /** TLS 1.3 only, hybrid post-quantum key exchange. */
    modern: "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    /** TLS 1.3 and 1.2 with restricted ciphers (AWS's recommendation; the default). */
    compatible: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    /** FIPS 140-validated cryptography, TLS 1.3 and 1.2. */
    fips: "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
};
