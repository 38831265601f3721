/**
 * Runs the `verify` checks: one round (`verifyOnce`), or rounds repeated until
 * every check passes or the wait runs out (`verify`), reporting progress.
 * Name-resolution and connection failures of the HTTPS endpoint end a round
 * as a `VerifyError` (exit code 2); everything else is a check result.
 */
import { X509Certificate } from "node:crypto";
import { rootCertificates } from "node:tls";
import { parsedFrom } from "../../internal/certificates/chain";
import { publicTrustAnchors, type TrustAnchors } from "../../internal/certificates/path";
import { checkCipher, OUTSIDE_PROFILE_CIPHERS } from "./checks/cipher";
import { checkClientCertificate, probeAnonymous } from "./checks/clientCertificate";
import { checkExpectedCertificate } from "./checks/expected";
import { checkExpiry } from "./checks/expiry";
import { checkHeaders } from "./checks/headers";
import { checkHsts } from "./checks/hsts";
import { checkRedirect, redirectProblems } from "./checks/redirect";
import { checkTlsVersion } from "./checks/tlsVersion";
import { checkChain, checkHostname, checkTrust } from "./checks/trust";
import { type Endpoint, hostPort, memoizedLookup, resolveEndpoint } from "./endpoint";
import { describeFailure, httpGet, legacyHandshake, type TlsObservation, tlsHandshake, tlsSession } from "./probes";
import { type CheckResult, VERIFY_DEFAULTS, VerifyError, type VerifyOptions } from "./types";

/** One round's results and where it connected. */
export interface VerifyRound {
    checks: CheckResult[];
    endpoints: { https: Endpoint; http: Endpoint };
}

const anchorCache = new WeakMap<readonly string[], TrustAnchors>();

function anchorsOf(options: VerifyOptions): TrustAnchors {
    if (!options.ca) return publicTrustAnchors();
    let anchors = anchorCache.get(options.ca);
    if (!anchors) {
        anchors = {
            certificates: options.ca.map((pem) => parsedFrom(new X509Certificate(pem))),
            label: options.caLabel ?? "--ca",
        };
        anchorCache.set(options.ca, anchors);
    }
    return anchors;
}

/** The other address of a dual-stack name: same certificate and verdict, and `/` redirects there too. */
async function checkOtherAddresses(
    options: VerifyOptions,
    https: Endpoint,
    http: Endpoint,
    primarySession: Promise<TlsObservation>,
    timeoutMs: number,
): Promise<CheckResult | undefined> {
    if (https.addresses.length < 2 && http.addresses.length < 2) return undefined;
    // Started with the main handshake, not after it: the comparison waits for both.
    const ca = options.ca ?? rootCertificates;
    const handshakes = https.addresses.slice(1).map((address) => ({
        address,
        result: tlsHandshake({ ...https, address }, ca, timeoutMs, options.clientCertificate),
    }));
    for (const h of handshakes) h.result.catch(() => undefined);
    const primary = await primarySession;
    const { target } = options;
    const statuses = options.redirectStatuses ?? VERIFY_DEFAULTS.redirectStatuses;
    const problems: string[] = [];
    const seen: string[] = [`${https.address}: ${primary.chain[0]?.fingerprint256 ?? "no certificate"}`];
    await Promise.all([
        ...handshakes.map(async ({ address, result }) => {
            try {
                const other = await result;
                const fp = other.chain[0]?.fingerprint256;
                seen.push(`${address}: ${fp ?? "no certificate"}`);
                if (fp !== primary.chain[0]?.fingerprint256)
                    problems.push(`${address} serves another certificate than ${https.address}`);
                if (other.chainError !== primary.chainError)
                    problems.push(
                        `the chain from ${address} verifies as ${other.chainError ?? "OK"} (${https.address}: ${primary.chainError ?? "OK"})`,
                    );
                if (other.protocol !== primary.protocol)
                    problems.push(`${address} negotiates ${other.protocol} (${https.address}: ${primary.protocol})`);
            } catch (err) {
                problems.push(`the HTTPS port of ${address} cannot be reached (${(err as Error).message})`);
            }
        }),
        ...http.addresses.slice(1).map(async (address) => {
            try {
                const response = await httpGet({ ...http, address }, "/", false, timeoutMs);
                const req = {
                    host: target.host,
                    httpPort: http.port,
                    httpsPort: target.httpsPort,
                    pathAndQuery: "/",
                    statuses,
                };
                problems.push(...redirectProblems(req, response).map((p) => `at ${address}: ${p}`));
            } catch (err) {
                problems.push(`nothing answers HTTP at ${address} (${describeFailure(err)})`);
            }
        }),
    ]);
    const both = [...new Set([...https.addresses, ...http.addresses])].join(" and ");
    const evidence = { addresses: [...new Set([...https.addresses, ...http.addresses])], certificates: seen };
    if (problems.length > 0)
        return {
            id: "addresses",
            status: "fail",
            message: `the name resolves to ${both}, and they differ: ${problems.join("; ")}: every address (A and AAAA records) must point at the same load balancer`,
            evidence,
        };
    return {
        id: "addresses",
        status: "pass",
        message: `${both} serve the same certificate and redirect alike`,
        evidence,
    };
}

/**
 * Runs every applicable check once. Throws `VerifyError` when the HTTPS endpoint cannot be resolved or reached.
 * Two sequential stages: one name lookup per name, then every probe at once (the main handshake carries the
 * HSTS/header request on the same connection).
 */
export async function verifyOnce(options: VerifyOptions): Promise<VerifyRound> {
    const { target } = options;
    const rules = options.connectTo ?? [];
    const timeoutMs = options.timeoutMs ?? VERIFY_DEFAULTS.timeoutMs;
    const now = (options.now ?? (() => new Date()))();
    const lookup = memoizedLookup(options.lookup);
    const [httpsEndpoint, httpEndpoint] = await Promise.all([
        resolveEndpoint(target.host, target.httpsPort, rules, lookup),
        resolveEndpoint(target.host, target.httpPort, rules, lookup),
    ]);
    const client = options.clientCertificate;
    const wantResponse =
        client !== undefined ||
        options.hstsMinMaxAge !== undefined ||
        (options.headers?.length ?? 0) > 0 ||
        (options.absentHeaders?.length ?? 0) > 0;
    const ciphers = options.legacyCiphers ?? VERIFY_DEFAULTS.legacyCiphers;
    const url = `https://${hostPort(target.host, target.httpsPort, 443)}${target.path}`;
    const session = tlsSession(
        httpsEndpoint,
        options.ca ?? rootCertificates,
        timeoutMs,
        wantResponse ? { path: target.path } : undefined,
        client,
    );
    const observed = session.then((s) => s.observation);
    observed.catch(() => undefined); // the main session's failure is reported once, below
    const others = checkOtherAddresses(options, httpsEndpoint, httpEndpoint, observed, timeoutMs).catch(
        () => undefined,
    );
    const anonymous = client && probeAnonymous(httpsEndpoint, options.ca ?? rootCertificates, target.path, timeoutMs);
    const [{ observation, response }, redirect, tls10, tls11, outside, addresses] = await Promise.all([
        session,
        checkRedirect({
            http: httpEndpoint,
            httpsPort: target.httpsPort,
            statuses: options.redirectStatuses ?? VERIFY_DEFAULTS.redirectStatuses,
            paths: options.redirectPaths,
            timeoutMs,
        }),
        legacyHandshake(httpsEndpoint, "TLSv1", ciphers, timeoutMs, client),
        legacyHandshake(httpsEndpoint, "TLSv1.1", ciphers, timeoutMs, client),
        legacyHandshake(httpsEndpoint, "TLSv1.2", OUTSIDE_PROFILE_CIPHERS, timeoutMs, client),
        others,
    ]);

    const checks: CheckResult[] = [
        redirect,
        checkTlsVersion(observation, { TLSv1: tls10, "TLSv1.1": tls11 }),
        checkCipher(observation, outside),
    ];
    const anchors = options.caLabel ?? (options.ca ? "--ca" : "public roots");
    checks.push(checkTrust(observation, anchors, now), checkChain(observation, anchorsOf(options), now));
    const [leaf, ...above] = observation.chain;
    if (leaf) {
        checks.push(
            checkHostname(leaf, target.host),
            checkExpiry(leaf, options.minDays ?? VERIFY_DEFAULTS.minDays, now, above),
        );
    }
    if (options.hstsMinMaxAge !== undefined && response !== undefined) {
        checks.push(checkHsts(url, response, options.hstsMinMaxAge));
    }
    if (response !== undefined && ((options.headers?.length ?? 0) > 0 || (options.absentHeaders?.length ?? 0) > 0)) {
        checks.push(checkHeaders(url, response, options.headers ?? [], options.absentHeaders ?? []));
    }
    if (leaf && (options.expectFingerprint || options.expectSerial)) {
        checks.push(
            checkExpectedCertificate(leaf, { fingerprint: options.expectFingerprint, serial: options.expectSerial }),
        );
    }
    if (client && anonymous)
        checks.push(checkClientCertificate(client, response, await anonymous, options.mtlsPassthrough ?? false));
    if (addresses) checks.push(addresses);
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
