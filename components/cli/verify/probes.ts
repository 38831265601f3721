/**
 * The network side of `verify`: one TLS handshake that records what the
 * server sends, legacy-version handshakes, and plain HTTP(S) GETs. Every
 * connection goes to an already-resolved `Endpoint` address, with SNI and the
 * Host header set to the name the user asked about.
 */
import { X509Certificate } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import { isIP, type Socket } from "node:net";
import * as tls from "node:tls";
import { describeEndpoint, type Endpoint, hostPort } from "./endpoint";
import { type ClientCertificate, VerifyError } from "./types";

/** What one modern handshake showed. */
export interface TlsObservation {
    /** Negotiated protocol, e.g. `TLSv1.3`. */
    protocol: string;
    cipher: string;
    /** Leaf first, then each issuer as OpenSSL linked them (served intermediates, then the anchor if found). */
    chain: X509Certificate[];
    /** OpenSSL's verification error code against the trust anchors (`undefined` = chain trusted). Hostname is not part of it. */
    chainError?: string;
}

function errorCode(err: unknown): string {
    const e = err as { code?: unknown; message?: unknown };
    return typeof e.code === "string" ? e.code : String(e.message ?? err);
}

/** OpenSSL's short reason (`no ciphers available`) when there is one, else the message's first line. */
function firstLine(err: unknown): string {
    // Duck-typed: errors from node internals may come from another realm (jest), failing `instanceof Error`.
    const e = err as { message?: unknown; reason?: unknown };
    if (typeof e.reason === "string" && e.reason !== "") return e.reason;
    return (typeof e.message === "string" ? e.message : String(err)).split("\n")[0];
}

/** Destroys `socket` with an `ETIMEDOUT` error if `ms` pass; returns the canceller. */
function deadline(ms: number, destroy: (err: Error) => void): () => void {
    const timer = setTimeout(
        () => destroy(Object.assign(new Error(`no answer within ${ms / 1000}s`), { code: "ETIMEDOUT" })),
        ms,
    );
    return () => clearTimeout(timer);
}

/** Certificates seen in this process, by SHA-256: a fleet's hosts share intermediates and roots (bounded). */
const parsed = new Map<string, X509Certificate>();

function shared(x509: X509Certificate): X509Certificate {
    const known = parsed.get(x509.fingerprint256);
    if (known) return known;
    if (parsed.size >= 1024) parsed.delete(parsed.keys().next().value as string);
    parsed.set(x509.fingerprint256, x509);
    return x509;
}

/** Trust anchors as certificates, once per list, to end the linked chain at the anchor as OpenSSL's store does. */
const anchorCertificates = new WeakMap<readonly string[], X509Certificate[]>();

function anchorsOf(ca: readonly string[]): X509Certificate[] {
    let anchors = anchorCertificates.get(ca);
    if (!anchors) {
        anchors = ca.map((pem) => shared(new X509Certificate(pem)));
        anchorCertificates.set(ca, anchors);
    }
    return anchors;
}

/** The most certificates a chain can link (a served chain is 2 to 4; this only bounds a hostile one). */
const MAX_CHAIN = 16;

/**
 * The leaf, then the served certificates linked by issuance (the order they were sent in does not matter),
 * then the trust anchors from `ca` up to a self-issued one: what `getPeerCertificate(true)` links, at less
 * than half its cost, since no certificate is converted to a plain object.
 */
function peerChain(socket: tls.TLSSocket, ca: readonly string[]): X509Certificate[] {
    // Node 20 hands the served chain over once: a second call returns the leaf without issuers.
    const served: X509Certificate[] = [];
    for (let c = socket.getPeerX509Certificate(); c && served.length < MAX_CHAIN; c = c.issuerCertificate)
        served.push(shared(c));
    const [leaf, ...pool] = served;
    if (!leaf) return [];
    const chain = [leaf];
    const seen = new Set([leaf.fingerprint256]);
    const anchors = anchorsOf(ca);
    for (let current = leaf; chain.length < MAX_CHAIN && !current.checkIssued(current);) {
        const issuer =
            pool.find((c) => !seen.has(c.fingerprint256) && current.checkIssued(c)) ??
            anchors.find((c) => !seen.has(c.fingerprint256) && current.checkIssued(c));
        if (!issuer) break;
        chain.push(issuer);
        seen.add(issuer.fingerprint256);
        current = issuer;
    }
    return chain;
}

/**
 * Node's TLS client calls `getPeerCertificate(true)` once per verified handshake only to pass the result to
 * `checkServerIdentity`, which here ignores it (the hostname check judges the leaf itself). Converting a
 * whole chain to plain objects is most of a handshake's CPU in a fleet run, so that call gets an empty
 * object on this socket; `peerChain` reads the certificates directly.
 */
function skipIdentityCertificate(socket: tls.TLSSocket): void {
    Object.defineProperty(socket, "getPeerCertificate", {
        value: () => ({}),
        configurable: true,
    });
}

const contexts = new WeakMap<readonly string[], tls.SecureContext>();
const clientContexts = new WeakMap<ClientCertificate, WeakMap<readonly string[], tls.SecureContext>>();
const legacyContexts = new Map<string, tls.SecureContext>();
const clientLegacyContexts = new WeakMap<ClientCertificate, Map<string, tls.SecureContext>>();

/**
 * One secure context per trust-anchor list (and client certificate, when one is sent): parsing Mozilla's ~140
 * roots for every connection cost more than the handshake.
 */
function contextFor(ca: readonly string[], client?: ClientCertificate): tls.SecureContext {
    const cache = client ? (clientContexts.get(client) ?? new WeakMap()) : contexts;
    if (client) clientContexts.set(client, cache);
    let context = cache.get(ca);
    if (!context) {
        context = tls.createSecureContext({ ca: [...ca], ...(client && { cert: client.cert, key: client.key }) });
        cache.set(ca, context);
    }
    return context;
}

/** The context of a legacy-version probe, once per version, cipher list and client certificate. */
function legacyContextFor(
    version: "TLSv1" | "TLSv1.1" | "TLSv1.2",
    ciphers: string,
    client?: ClientCertificate,
): tls.SecureContext {
    const cache = client ? (clientLegacyContexts.get(client) ?? new Map<string, tls.SecureContext>()) : legacyContexts;
    if (client) clientLegacyContexts.set(client, cache);
    const key = `${version} ${ciphers}`;
    let context = cache.get(key);
    if (!context) {
        context = tls.createSecureContext({
            minVersion: version,
            maxVersion: version,
            ciphers,
            ...(client && { cert: client.cert, key: client.key }),
        });
        cache.set(key, context);
    }
    return context;
}

/** What to GET over the verified connection (HSTS and header checks), if anything. */
export interface SessionRequest {
    path: string;
}

/** A handshake's observation and, when asked for, the response to one GET on the same connection. */
export interface TlsSession {
    observation: TlsObservation;
    /** The response, or why there was none; undefined when no request was asked for. */
    response?: HttpResponse | { failure: string };
}

/**
 * Handshakes with default (TLS 1.2+) settings and records protocol, chain and
 * OpenSSL's verdict on the chain against `ca`; then, when `request` is given,
 * sends one GET over the same connection (no second handshake). Never rejects
 * a certificate: the checks judge it. A failure to connect or handshake is a `VerifyError`.
 * `client` is sent when the server asks for a certificate (mutual TLS).
 */
export function tlsSession(
    endpoint: Endpoint,
    ca: readonly string[],
    timeoutMs: number,
    request?: SessionRequest,
    client?: ClientCertificate,
): Promise<TlsSession> {
    return new Promise((resolve, reject) => {
        const socket = tls.connect({
            host: endpoint.address,
            port: endpoint.connectPort,
            servername: isIP(endpoint.host) ? undefined : endpoint.host,
            secureContext: contextFor(ca, client),
            rejectUnauthorized: false,
            checkServerIdentity: () => undefined,
        });
        skipIdentityCertificate(socket);
        const cancel = deadline(timeoutMs, (err) => socket.destroy(err));
        socket.once("secureConnect", () => {
            const authError = socket.authorizationError as unknown;
            const observation: TlsObservation = {
                protocol: socket.getProtocol() ?? "unknown",
                cipher: socket.getCipher().name,
                chain: peerChain(socket, ca),
                chainError: socket.authorized ? undefined : authError ? errorCode(authError) : "UNKNOWN",
            };
            if (!request) {
                cancel();
                socket.destroy();
                resolve({ observation });
                return;
            }
            socket.removeAllListeners("error");
            socket.on("error", () => undefined);
            httpExchange(endpoint, request.path, true, timeoutMs, () => socket).then(
                (response) => {
                    cancel();
                    resolve({ observation, response });
                },
                (err: unknown) => {
                    cancel();
                    resolve({ observation, response: { failure: describeFailure(err) } });
                },
            );
        });
        socket.once("error", (err) => {
            cancel();
            const to = `${hostPort(endpoint.host, endpoint.port, 443)} (${describeEndpoint(endpoint)})`;
            const code = errorCode(err);
            const sent = client && `the client certificate (${client.label}, '${client.subject}')`;
            const must = "it must be issued by a CA of the trust store, valid and not revoked";
            const why = !sent
                ? ""
                : isCertificateAlert(code)
                  ? `; the server refused ${sent}: ${must}`
                  : code === "ECONNRESET"
                    ? `; if the server refused ${sent}, ${must}`
                    : "";
            reject(new VerifyError("network", `TLS connection to ${to} failed: ${describeFailure(err)}${why}`, code));
        });
    });
}

/** Handshakes only (no request): the observation. */
export async function tlsHandshake(
    endpoint: Endpoint,
    ca: readonly string[],
    timeoutMs: number,
    client?: ClientCertificate,
): Promise<TlsObservation> {
    return (await tlsSession(endpoint, ca, timeoutMs, undefined, client)).observation;
}

/**
 * Alerts a TLS server sends when it will not take the client's certificate, or the lack of one (RFC 8446 §6.2:
 * certificate_required in TLS 1.3; handshake_failure is what OpenSSL sends for a missing one in TLS 1.2 and below).
 */
const CERTIFICATE_ALERTS = new Set([
    "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED",
    "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
    "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE",
    "ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE",
    "ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED",
    "ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED",
    "ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN",
    "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA",
    "ERR_SSL_TLSV1_ALERT_ACCESS_DENIED",
    "ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR",
]);

/**
 * The alert name of an OpenSSL error code, the same on every OpenSSL: 3.2 renamed the reasons of the SSLv3-era
 * alerts "ssl/tls alert …" (Node 22 and later say `ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE`, Node 20
 * `ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE`; openssl/openssl ssl/ssl_err.c).
 */
export function alertName(code: string): string {
    return code.replace(/^ERR_SSL_SSL\/TLS_ALERT_/, "ERR_SSL_SSLV3_ALERT_");
}

/** Whether `code` is a server's refusal of the client's certificate, or of its lack (CERTIFICATE_ALERTS). */
export function isCertificateAlert(code: string): boolean {
    return CERTIFICATE_ALERTS.has(alertName(code));
}

/** How a legacy-version handshake went. */
export interface LegacyOutcome {
    /** `refused` by the server, `accepted` by it, `unavailable` locally, or `inconclusive`. */
    outcome: "accepted" | "refused" | "unavailable" | "inconclusive";
    /** Error code or negotiated protocol. */
    detail: string;
    /** The negotiated cipher suite, when accepted. */
    cipher?: string;
}

/**
 * Server-side refusals of a protocol version: a protocol_version alert (RFC 8446 §6.2, RFC 5246
 * §7.2.2), or a ServerHello of another version. A handshake_failure alert, an insufficient_security
 * alert or a dropped connection is not counted: a server that accepts the version with some cipher
 * can answer that way when none is shared, so those outcomes are inconclusive.
 */
const REFUSALS = new Set([
    "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION",
    "ERR_SSL_UNSUPPORTED_PROTOCOL",
    "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** Errors OpenSSL raises before anything is sent: this build cannot offer the version. */
const LOCAL_FAILURES = new Set([
    "ERR_SSL_NO_CIPHERS_AVAILABLE",
    "ERR_SSL_NO_PROTOCOLS_AVAILABLE",
    "ERR_SSL_NO_CIPHER_MATCH",
]);

/**
 * Tries a handshake limited to `version`, offering `ciphers` (by default every
 * cipher OpenSSL has, `ALL:@SECLEVEL=0`, so that only a protocol refusal can
 * end it; OpenSSL 3 needs `@SECLEVEL=0` to offer TLS 1.0/1.1 at all).
 * `outcome.detail` is the negotiated cipher when accepted. `client` is sent when the server asks for a
 * certificate: a mutual TLS server asks after the version and cipher are agreed, and without one would end
 * an accepted legacy handshake with an alert, reading as inconclusive instead of accepted.
 */
export function legacyHandshake(
    endpoint: Endpoint,
    version: "TLSv1" | "TLSv1.1" | "TLSv1.2",
    ciphers: string,
    timeoutMs: number,
    client?: ClientCertificate,
): Promise<LegacyOutcome> {
    return new Promise((resolve) => {
        let socket: tls.TLSSocket;
        try {
            const secureContext = legacyContextFor(version, ciphers, client);
            socket = tls.connect({
                host: endpoint.address,
                port: endpoint.connectPort,
                servername: isIP(endpoint.host) ? undefined : endpoint.host,
                secureContext,
                rejectUnauthorized: false,
                checkServerIdentity: () => undefined,
            });
        } catch (err) {
            resolve({ outcome: "unavailable", detail: describeFailure(err) });
            return;
        }
        const cancel = deadline(timeoutMs, (err) => socket.destroy(err));
        socket.once("secureConnect", () => {
            cancel();
            resolve({ outcome: "accepted", detail: socket.getProtocol() ?? version, cipher: socket.getCipher().name });
            socket.destroy();
        });
        socket.once("error", (err) => {
            cancel();
            const code = errorCode(err);
            if (REFUSALS.has(code)) resolve({ outcome: "refused", detail: code });
            else if (LOCAL_FAILURES.has(code)) resolve({ outcome: "unavailable", detail: describeFailure(err) });
            else resolve({ outcome: "inconclusive", detail: describeFailure(err) });
        });
    });
}

/** Status and headers of one response (the body is discarded). */
export interface HttpResponse {
    status: number;
    headers: http.IncomingHttpHeaders;
    /** Header names (lower case) and values as sent, repeated fields kept apart. Defaults to `headers`. */
    rawHeaders?: [string, string][];
}

function pairs(raw: string[]): [string, string][] {
    const out: [string, string][] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i].toLowerCase(), raw[i + 1]]);
    return out;
}

function httpExchange(
    endpoint: Endpoint,
    path: string,
    secure: boolean,
    timeoutMs: number,
    createConnection?: () => Socket,
): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
        const options: https.RequestOptions = {
            host: endpoint.address,
            port: endpoint.connectPort,
            path,
            method: "GET",
            // No agent: a fresh connection per request, or (createConnection) the one already verified.
            ...(createConnection ? { createConnection } : { agent: false }),
            setHost: false,
            headers: {
                host: hostPort(endpoint.host, endpoint.port, secure ? 443 : 80),
                "user-agent": "aws-https-domain-verify",
                connection: "close",
            },
        };
        const req =
            secure && !createConnection
                ? https.request({
                      ...options,
                      servername: isIP(endpoint.host) ? undefined : endpoint.host,
                      rejectUnauthorized: false,
                      checkServerIdentity: () => undefined,
                  })
                : http.request(options);
        const cancel = deadline(timeoutMs, (err) => req.destroy(err));
        req.once("response", (res) => {
            cancel();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: pairs(res.rawHeaders) });
            res.destroy();
        });
        req.once("error", (err) => {
            cancel();
            reject(err);
        });
        req.end();
    });
}

/**
 * GETs `path` from `endpoint` over HTTP or HTTPS (certificate not judged here),
 * with the Host header of the target name. Rejects with the node error on
 * connection failure or timeout.
 */
export function httpGet(endpoint: Endpoint, path: string, secure: boolean, timeoutMs: number): Promise<HttpResponse> {
    return httpExchange(endpoint, path, secure, timeoutMs);
}

/** A short description of a request failure: code and first line. */
export function describeFailure(err: unknown): string {
    const code = errorCode(err);
    if (code === "HPE_HEADER_OVERFLOW")
        return "HPE_HEADER_OVERFLOW: the response headers are larger than 16 KiB (Node's limit; browsers refuse far less)";
    const line = firstLine(err);
    return line.includes(code) ? line : `${code}: ${line}`;
}
