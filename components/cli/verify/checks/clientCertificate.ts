/**
 * The `client-certificate` check (mutual TLS, `--client-cert`): the server
 * completes the handshake with the client certificate and answers a request
 * on that connection, and — to prove it really requires one — refuses the
 * same request from a client that sends none. In TLS 1.3 a server judges the
 * client's certificate after the client's handshake is done, so a refusal can
 * arrive as an alert on the first read: both probes send a request.
 *
 * A listener in `passthrough` mode answers clients without a certificate by
 * design (the targets judge the forwarded one); `--mtls-passthrough` says so,
 * and then an anonymous answer passes, while a refusal warns (it is verify).
 */
import { type Endpoint } from "../endpoint";
import { type HttpResponse, isCertificateAlert, tlsSession } from "../probes";
import { type CheckResult, type ClientCertificate, VerifyError } from "../types";

/** How the request without a client certificate went. */
export type AnonymousOutcome =
    { outcome: "answered"; status: number } | { outcome: "refused" | "inconclusive"; detail: string };

/** A refusal of an anonymous client: a certificate alert, or the connection reset or closed without an answer. */
function isRefusal(code: string): boolean {
    return isCertificateAlert(code) || code === "ECONNRESET" || code === "EPIPE";
}

const codeOf = (failure: string) => /^([A-Z][A-Z0-9_]+)\b/.exec(failure)?.[1] ?? failure;

/** One handshake and GET of `path` without a client certificate. Never rejects. */
export async function probeAnonymous(
    endpoint: Endpoint,
    ca: readonly string[],
    path: string,
    timeoutMs: number,
): Promise<AnonymousOutcome> {
    try {
        const { response } = await tlsSession(endpoint, ca, timeoutMs, { path });
        if (response && "status" in response) return { outcome: "answered", status: response.status };
        const failure = response?.failure ?? "no response";
        return { outcome: isRefusal(codeOf(failure)) ? "refused" : "inconclusive", detail: failure };
    } catch (err) {
        const code = err instanceof VerifyError ? (err.code ?? "") : "";
        const detail = err instanceof Error ? err.message.replace(/^TLS connection to .*? failed: /, "") : String(err);
        return { outcome: isRefusal(code) ? "refused" : "inconclusive", detail };
    }
}

/** Judges the request made with the certificate (the main session's) and the one made without. */
export function checkClientCertificate(
    client: ClientCertificate,
    withCertificate: HttpResponse | { failure: string } | undefined,
    anonymous: AnonymousOutcome,
    passthrough: boolean,
): CheckResult {
    const sent = `${client.label}, '${client.subject}'`;
    const without =
        anonymous.outcome === "answered" ? `HTTP ${anonymous.status}` : `${anonymous.outcome} (${anonymous.detail})`;
    const evidence = {
        certificate: client.subject,
        withCertificate:
            withCertificate === undefined
                ? "no request"
                : "status" in withCertificate
                  ? `HTTP ${withCertificate.status}`
                  : withCertificate.failure,
        withoutCertificate: without,
    };
    if (withCertificate === undefined || !("status" in withCertificate))
        return {
            id: "client-certificate",
            status: "fail",
            message: `the server did not answer with the client certificate (${sent}): ${evidence.withCertificate}; it must be issued by a CA of the listener's trust store, valid (or ignoreClientCertificateExpiry) and not in a revocation list`,
            evidence,
        };
    const answered = `the server answered with the client certificate (${sent}, HTTP ${withCertificate.status})`;
    if (anonymous.outcome === "answered" && passthrough)
        return {
            id: "client-certificate",
            status: "pass",
            message: `${answered}, and a client without one too, as a passthrough listener does (--mtls-passthrough): the load balancer checks neither, the targets must (X-Amzn-Mtls-Clientcert headers)`,
            evidence,
        };
    if (anonymous.outcome === "answered")
        return {
            id: "client-certificate",
            status: "fail",
            message: `${answered}, but also a client without a certificate (HTTP ${anonymous.status}): it does not require one; set mutualAuthentication.mode: verify with a trustStore on the listener (off and passthrough accept anonymous clients), or pass --mtls-passthrough if passthrough is intended`,
            evidence,
        };
    if (anonymous.outcome === "inconclusive")
        return {
            id: "client-certificate",
            status: "warn",
            message: `${answered}, but the request without a certificate ended inconclusively (${anonymous.detail}): whether the server requires one is unknown; run verify again`,
            evidence,
        };
    if (passthrough)
        return {
            id: "client-certificate",
            status: "warn",
            message: `${answered}, and refused a client without one (${anonymous.detail}): the listener verifies client certificates (mode verify), not passthrough; drop --mtls-passthrough`,
            evidence,
        };
    return {
        id: "client-certificate",
        status: "pass",
        message: `${answered} and refused a client without one (${anonymous.detail})`,
        evidence,
    };
}
