/**
 * OpenSSL's own verdict on a certificate chain, the one a TLS client reaches:
 * a real TLS handshake between two in-memory sockets, the server presenting
 * the leaf, its chain and its key, the client trusting only the given
 * anchors. Node's client runs `X509_verify_cert` with the `sslserver`
 * purpose and the default security level, exactly as `verify` does against a
 * live server, so `check-cert` and `verify` reach the same verdict on the
 * same chain. Nothing leaves the process: no socket, no DNS, no AIA fetching.
 *
 * Used by the CLI only (asynchronous); ImportedCertificate runs the same
 * explicit checks (`path.ts`) synchronously.
 */
import { Duplex } from "node:stream";
import * as tls from "node:tls";

/** One end of an in-memory pipe: what is written to it is read from its peer. */
class PipeEnd extends Duplex {
    peer?: PipeEnd;
    override _read(): void {}
    override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
        this.peer?.push(chunk);
        done();
    }
    override _final(done: (err?: Error | null) => void): void {
        this.peer?.push(null);
        done();
    }
}

function pipePair(): [PipeEnd, PipeEnd] {
    const a = new PipeEnd();
    const b = new PipeEnd();
    a.peer = b;
    b.peer = a;
    return [a, b];
}

/** What OpenSSL said: `undefined` code = the chain validates to an anchor; `error` = no handshake at all. */
export interface OpensslVerdict {
    /** OpenSSL's verification error (`CERT_HAS_EXPIRED`, `CA_MD_TOO_WEAK`, …); undefined when the chain is valid. */
    code?: string;
    /** The handshake itself failed (message), so no verdict was reached. */
    error?: string;
}

/**
 * Handshakes in memory and returns OpenSSL's verdict on `certificatePem` +
 * `chainPem` against `anchors` (PEM). Times out after `timeoutMs`.
 */
export function opensslVerdict(
    certificatePem: string,
    chainPem: string,
    keyPem: string,
    anchors: readonly string[],
    timeoutMs = 10_000,
): Promise<OpensslVerdict> {
    return new Promise((resolve) => {
        let server: tls.TLSSocket | undefined;
        let client: tls.TLSSocket | undefined;
        let done = false;
        const finish = (verdict: OpensslVerdict) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            client?.destroy();
            server?.destroy();
            resolve(verdict);
        };
        const timer = setTimeout(() => finish({ error: "the in-memory handshake did not finish" }), timeoutMs);
        try {
            const [a, b] = pipePair();
            const secureContext = tls.createSecureContext({ cert: certificatePem + chainPem, key: keyPem });
            server = new tls.TLSSocket(a, { isServer: true, secureContext });
            server.on("error", () => undefined);
            client = tls.connect({
                socket: b,
                ca: [...anchors],
                servername: "check-cert.invalid",
                rejectUnauthorized: false,
                checkServerIdentity: () => undefined,
            });
            client.once("secureConnect", () => {
                const c = client as tls.TLSSocket;
                const err = c.authorizationError as unknown as { code?: string } | string | null;
                const code = c.authorized ? undefined : typeof err === "string" ? err : (err?.code ?? "UNKNOWN");
                finish({ code });
            });
            client.once("error", (err: Error) => finish({ error: err.message.split("\n")[0] }));
        } catch (err) {
            finish({ error: (err as Error).message.split("\n")[0] });
        }
    });
}
