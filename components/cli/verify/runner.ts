/**
 * Runs the `verify` checks: one round (`verifyOnce`), or rounds repeated until
 * every check passes or the wait runs out (`verify`), reporting progress.
 * Name-resolution and connection failures of the HTTPS endpoint end a round
 * as a `VerifyError` (exit code 2); everything else is a check result.
 */
import { rootCertificates } from "node:tls";
import { checkExpectedCertificate } from "./checks/expected";
import { checkExpiry } from "./checks/expiry";
import { checkHsts } from "./checks/hsts";
import { checkRedirect } from "./checks/redirect";
import { checkTlsVersion } from "./checks/tlsVersion";
import { checkHostname, checkTrust } from "./checks/trust";
import { type Endpoint, hostPort, resolveEndpoint } from "./endpoint";
import { describeFailure, httpGet, legacyHandshake, tlsHandshake } from "./probes";
import { type CheckResult, VERIFY_DEFAULTS, VerifyError, type VerifyOptions } from "./types";

/** One round's results and where it connected. */
export interface VerifyRound {
    checks: CheckResult[];
    endpoints: { https: Endpoint; http: Endpoint };
}

/** Runs every applicable check once. Throws `VerifyError` when the HTTPS endpoint cannot be resolved or reached. */
export async function verifyOnce(options: VerifyOptions): Promise<VerifyRound> {
    const { target } = options;
    const rules = options.connectTo ?? [];
    const timeoutMs = options.timeoutMs ?? VERIFY_DEFAULTS.timeoutMs;
    const now = (options.now ?? (() => new Date()))();
    const httpsEndpoint = await resolveEndpoint(target.host, target.httpsPort, rules, options.lookup);
    const httpEndpoint = await resolveEndpoint(target.host, target.httpPort, rules, options.lookup);
    const observation = await tlsHandshake(httpsEndpoint, options.ca ?? rootCertificates, timeoutMs);

    const ciphers = options.legacyCiphers ?? VERIFY_DEFAULTS.legacyCiphers;
    const url = `https://${hostPort(target.host, target.httpsPort, 443)}${target.path}`;
    const [redirect, tls10, tls11, hstsResponse] = await Promise.all([
        checkRedirect({
            http: httpEndpoint,
            httpsPort: target.httpsPort,
            statuses: options.redirectStatuses ?? VERIFY_DEFAULTS.redirectStatuses,
            paths: options.redirectPaths,
            timeoutMs,
        }),
        legacyHandshake(httpsEndpoint, "TLSv1", ciphers, timeoutMs),
        legacyHandshake(httpsEndpoint, "TLSv1.1", ciphers, timeoutMs),
        options.hstsMinMaxAge === undefined
            ? undefined
            : httpGet(httpsEndpoint, target.path, true, timeoutMs).catch((err: unknown) => ({
                  failure: describeFailure(err),
              })),
    ]);

    const checks: CheckResult[] = [redirect, checkTlsVersion(observation, { TLSv1: tls10, "TLSv1.1": tls11 })];
    const anchors = options.caLabel ?? (options.ca ? "--ca" : "public roots");
    checks.push(checkTrust(observation, anchors, now));
    const leaf = observation.chain[0];
    if (leaf) {
        checks.push(
            checkHostname(leaf, target.host),
            checkExpiry(leaf, options.minDays ?? VERIFY_DEFAULTS.minDays, now),
        );
    }
    if (options.hstsMinMaxAge !== undefined && hstsResponse !== undefined) {
        checks.push(checkHsts(url, hstsResponse, options.hstsMinMaxAge));
    }
    if (leaf && (options.expectFingerprint || options.expectSerial)) {
        checks.push(
            checkExpectedCertificate(leaf, { fingerprint: options.expectFingerprint, serial: options.expectSerial }),
        );
    }
    return { checks, endpoints: { https: httpsEndpoint, http: httpEndpoint } };
}

/** How long and how often to retry. */
export interface WaitOptions {
    /** Total time to keep trying, milliseconds; 0 = one round. */
    waitMs: number;
    /** Pause between rounds, milliseconds. */
    intervalMs: number;
    /** Receives one progress line per unsuccessful round that will be retried. */
    onProgress?: (line: string) => void;
}

/** The final verdict. */
export interface VerifyOutcome {
    /** `passed`: no check failed (warnings allowed); `failed`: a check failed; `error`: could not check. */
    result: "passed" | "failed" | "error";
    /** The last round's checks (empty after an error). */
    checks: CheckResult[];
    error?: VerifyError;
    endpoints?: VerifyRound["endpoints"];
    attempts: number;
    elapsedMs: number;
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
}

/**
 * Runs rounds until no check fails or `wait.waitMs` has passed (the last round
 * starts no later than that), and returns the last round's outcome.
 */
export async function verify(
    options: VerifyOptions,
    wait: WaitOptions = { waitMs: 0, intervalMs: 0 },
): Promise<VerifyOutcome> {
    const started = Date.now();
    const deadline = started + wait.waitMs;
    for (let attempt = 1; ; attempt++) {
        let outcome: VerifyOutcome;
        try {
            const round = await verifyOnce(options);
            const failed = round.checks.some((c) => c.status === "fail");
            outcome = {
                result: failed ? "failed" : "passed",
                checks: round.checks,
                endpoints: round.endpoints,
                attempts: attempt,
                elapsedMs: Date.now() - started,
            };
        } catch (err) {
            if (!(err instanceof VerifyError)) throw err;
            outcome = { result: "error", checks: [], error: err, attempts: attempt, elapsedMs: Date.now() - started };
        }
        const left = deadline - Date.now();
        if (outcome.result === "passed" || left <= 0) return outcome;
        const pause = Math.min(wait.intervalMs, left);
        const why =
            outcome.result === "error"
                ? (outcome.error as VerifyError).message
                : `not passing yet: ${outcome.checks
                      .filter((c) => c.status === "fail")
                      .map((c) => c.id)
                      .join(", ")}`;
        wait.onProgress?.(
            `verify: attempt ${attempt} after ${seconds(outcome.elapsedMs)}: ${why}; retrying in ${seconds(pause)} (${seconds(left)} left)`,
        );
        await sleep(pause);
    }
}
