/**
 * Shared shapes of the `verify` checks: what each check reports, what the
 * runner needs to know, and the one error type that means "could not check"
 * (exit code 2) rather than "checked and found a problem" (exit code 1).
 */

/** How a check came out: `warn` does not fail the run, `fail` does. */
export type CheckStatus = "pass" | "warn" | "fail";

/** Identifiers of the checks, in the order they are reported. */
export type CheckId =
    | "redirect"
    | "tls-version"
    | "cipher"
    | "trust"
    | "chain"
    | "hostname"
    | "expiry"
    | "hsts"
    | "headers"
    | "certificate"
    | "client-certificate"
    | "addresses";

/** Values shown as evidence: plain JSON, so that `--json` prints them unchanged. */
export type EvidenceValue = string | number | boolean | null | readonly string[];

/** The outcome of one check. */
export interface CheckResult {
    id: CheckId;
    status: CheckStatus;
    /** What was found; on `fail`/`warn`, also what is wrong and how to fix it. */
    message: string;
    /** What was observed (status codes, headers, certificate fields, …). */
    evidence: Record<string, EvidenceValue>;
}

/** One resolved address. */
export interface LookupAddress {
    address: string;
    family: number;
}

/** Resolves a host name to its addresses (`dns.promises.lookup` with `all: true`), or to one. */
export type LookupFn = (hostname: string) => Promise<LookupAddress | LookupAddress[]>;

/** One `--connect-to HOST1:PORT1:HOST2:PORT2` rule; an empty part means "any" (left) or "unchanged" (right). */
export interface ConnectToRule {
    fromHost: string;
    fromPort: number | undefined;
    toHost: string;
    toPort: number | undefined;
    /** The rule as written, for evidence. */
    text: string;
}

/** What to verify: the name users type and the ports and path it is served on. */
export interface VerifyTarget {
    /** Host name (lower case, IPv6 without brackets); also the SNI name and the Host header. */
    host: string;
    /** HTTPS port, 443 unless the URL names another. */
    httpsPort: number;
    /** HTTP port the redirect is checked on: 80. */
    httpPort: number;
    /** Path and query requested over HTTPS (for HSTS): the URL's, or `/`. */
    path: string;
}

/** A client certificate for mutual TLS (`--client-cert`, `--client-key`), checked to match before any connection. */
export interface ClientCertificate {
    /** PEM: the certificate, then any intermediates to send with it. */
    cert: string;
    /** The unencrypted private key as PEM (decrypted in memory when a passphrase was given; never printed). */
    key: string;
    /** The certificate's subject on one line, for messages. */
    subject: string;
    /** How messages name it: `--client-cert FILE`. */
    label: string;
}

/** Everything one round of checks needs. */
export interface VerifyOptions {
    target: VerifyTarget;
    /** `--connect-to` rules, first match wins. Defaults to none. */
    connectTo?: readonly ConnectToRule[];
    /**
     * Trust anchors as PEM strings. Defaults to the public roots bundled with Node
     * (`tls.rootCertificates`, Mozilla's CA list); `NODE_EXTRA_CA_CERTS` is deliberately
     * not added, so that a corporate CA on the CI machine cannot make a chain pass that browsers reject.
     */
    ca?: readonly string[];
    /** How messages name the trust anchors. Defaults to `--ca` when `ca` is set, else `public roots`. */
    caLabel?: string;
    /** Least whole days the certificate must still be valid for. Defaults to 14. */
    minDays?: number;
    /** When set, the HTTPS response must carry HSTS with at least this max-age (seconds, at least 1). */
    hstsMinMaxAge?: number;
    /** SHA-256 fingerprint the leaf must have (hex, colons optional, any case). */
    expectFingerprint?: string;
    /** Serial number the leaf must have (hex, colons optional, any case). */
    expectSerial?: string;
    /** Redirect statuses accepted. Defaults to 301 and 308. */
    redirectStatuses?: readonly number[];
    /** When set, only these paths (ALB path patterns, `*` and `?` wildcards) must redirect. */
    redirectPaths?: readonly string[];
    /** Headers the HTTPS response must carry (`--header NAME[=VALUE]`). Defaults to none. */
    headers?: readonly { name: string; value?: string }[];
    /** Headers the HTTPS response must not carry (`--no-header NAME`). Defaults to none. */
    absentHeaders?: readonly string[];
    /**
     * Sent on every HTTPS handshake (the main session, the legacy-version and cipher probes, other addresses), and
     * proved by the `client-certificate` check: the server answers with it and refuses a client without one.
     * Defaults to none.
     */
    clientCertificate?: ClientCertificate;
    /** The listener is in mutual TLS `passthrough` mode: a client without a certificate is answered by design. Defaults to false. */
    mtlsPassthrough?: boolean;
    /** Per-request timeout, milliseconds. Defaults to 10 000. */
    timeoutMs?: number;
    /** Name resolution. Defaults to `dns.promises.lookup`; tests inject their own. */
    lookup?: LookupFn;
    /** The clock, for expiry. Defaults to `new Date()`. */
    now?: () => Date;
    /**
     * Cipher list offered by the TLS 1.0/1.1 probes. Defaults to `ALL:@SECLEVEL=0`: every
     * cipher OpenSSL has (at the security level OpenSSL 3 needs to offer those versions at all),
     * so that only a protocol refusal can end the handshake.
     */
    legacyCiphers?: string;
}

/** Why a round could not be completed. */
export type VerifyErrorKind = "dns" | "network";

/** A failure to check at all (name resolution, connection, handshake): exit code 2. */
export class VerifyError extends Error {
    constructor(
        readonly kind: VerifyErrorKind,
        message: string,
        readonly code?: string,
    ) {
        super(message);
        this.name = "VerifyError";
    }
}

/** A bad argument (target, `--connect-to` rule, fingerprint, …): exit code 2. */
export class VerifyUsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "VerifyUsageError";
    }
}

/** The defaults the options above name. */
export const VERIFY_DEFAULTS = {
    minDays: 14,
    redirectStatuses: [301, 308] as readonly number[],
    timeoutMs: 10_000,
    /** Pause between `--wait` rounds. */
    intervalMs: 10_000,
    legacyCiphers: "ALL:COMPLEMENTOFALL:@SECLEVEL=0",
    httpsPort: 443,
    httpPort: 80,
} as const;

/** The worst of several statuses. */
export function worst(statuses: readonly CheckStatus[]): CheckStatus {
    if (statuses.includes("fail")) return "fail";
    if (statuses.includes("warn")) return "warn";
    return "pass";
}
