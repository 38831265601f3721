/**
 * Real HTTP and HTTPS servers on 127.0.0.1 ephemeral ports for the `verify`
 * tests, plus request handlers that redirect correctly or in one specific
 * wrong way. A `ServerPool` closes everything it started (call `closeAll` in
 * `afterAll`).
 */
import * as http from "node:http";
import * as https from "node:https";
import { type AddressInfo } from "node:net";
import type { LookupFn } from "../../components/cli/verify";

/** The lookup verify tests inject: any name resolution is a bug, since it would send a query off the machine. */
export const noLookup: LookupFn = async (name) => {
    throw new Error(`unexpected DNS lookup of ${name}`);
};

/** What an HTTPS test server presents. */
export interface HttpsServerOptions {
    /** PEM certificate, followed by the intermediates it should send (if any). */
    cert: string;
    key: string;
    /** `Strict-Transport-Security` value to send; omitted = no header. */
    hsts?: string;
    /** Lowest version accepted; `TLSv1`/`TLSv1.1` also lower OpenSSL's security level so the handshake can complete. */
    minVersion?: "TLSv1" | "TLSv1.1" | "TLSv1.2";
    /** Highest version accepted. Defaults to TLSv1.3. */
    maxVersion?: "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3";
    /**
     * OpenSSL cipher list (TLS 1.2 and below). Defaults to Mozilla's intermediate TLS 1.2 suites, as an ALB
     * `…-Res-…` policy serves them (`DEFAULT@SECLEVEL=0` for the legacy versions).
     */
    ciphers?: string;
    /** Extra response headers (raw: repeated names allowed), sent after HSTS. Defaults to none. */
    headers?: [string, string][];
    /**
     * Mutual TLS: ask every client for a certificate and verify it against these PEM CAs. With `requireClientCert`
     * (an ALB in verify mode) a client without a valid one is refused; without it (passthrough) it is answered.
     * Defaults to none (no certificate asked for).
     */
    clientCa?: string;
    requireClientCert?: boolean;
}

/** Mozilla intermediate TLS 1.2 suites (mozilla/ssl-config-generator src/static/guidelines/5.8.json). */
export const INTERMEDIATE_CIPHERS =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

/** How a redirect handler answers `http://host/path?query`. */
export interface RedirectBehaviour {
    /** Status code. Defaults to 301. */
    status?: number;
    /** Host put in `Location`. Defaults to the request's Host (without port). */
    host?: string;
    /** Explicit port in `Location` (e.g. 443). Defaults to none. */
    port?: number;
    /** Keep the path. Defaults to true. */
    keepPath?: boolean;
    /** Keep the query. Defaults to true. */
    keepQuery?: boolean;
    /** Only these exact path prefixes redirect; others get 404. Defaults to all paths. */
    onlyPrefixes?: string[];
}

/** A request handler that redirects to HTTPS as `behaviour` says. */
export function redirectHandler(behaviour: RedirectBehaviour = {}): http.RequestListener {
    return (req, res) => {
        const url = new URL(req.url ?? "/", "http://placeholder");
        if (behaviour.onlyPrefixes && !behaviour.onlyPrefixes.some((p) => url.pathname.startsWith(p))) {
            res.writeHead(404, { "content-type": "text/plain" }).end("not found");
            return;
        }
        const host = behaviour.host ?? (req.headers.host ?? "").replace(/:\d+$/, "");
        const port = behaviour.port === undefined ? "" : `:${behaviour.port}`;
        const path = behaviour.keepPath === false ? "/" : url.pathname;
        const query = behaviour.keepQuery === false ? "" : url.search;
        res.writeHead(behaviour.status ?? 301, { location: `https://${host}${port}${path}${query}` }).end();
    };
}

/** A handler that serves the page over plain HTTP instead of redirecting. */
export const plainPage: http.RequestListener = (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" }).end("hello over http");
};

/** Where a test server listens: 127.0.0.1 on an ephemeral port unless said otherwise (e.g. `::1` on a known port). */
export interface ListenOn {
    host?: string;
    port?: number;
}

function listen(server: http.Server, on: ListenOn = {}): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(on.port ?? 0, on.host ?? "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
    });
}

/** Starts servers and remembers them, so that one call closes them all. */
export class ServerPool {
    private readonly servers: http.Server[] = [];
    /** Path and query of every request each HTTP server received, by port. */
    readonly requests = new Map<number, string[]>();

    /** An HTTP server on 127.0.0.1; `handler` can be swapped later through the returned setter. */
    async http(
        handler: http.RequestListener,
        on: ListenOn = {},
    ): Promise<{ port: number; setHandler(next: http.RequestListener): void }> {
        let current = handler;
        const server = http.createServer((req, res) => {
            this.requests.get(port)?.push(req.url ?? "");
            current(req, res);
        });
        this.servers.push(server);
        const port = await listen(server, on);
        if (!this.requests.has(port)) this.requests.set(port, []);
        return { port, setHandler: (next) => (current = next) };
    }

    /** An HTTPS server on 127.0.0.1 answering 200 to every request. */
    async https(options: HttpsServerOptions, on: ListenOn = {}): Promise<number> {
        const legacy = options.minVersion === "TLSv1" || options.minVersion === "TLSv1.1";
        const server = https.createServer(
            {
                cert: options.cert,
                key: options.key,
                minVersion: options.minVersion ?? "TLSv1.2",
                maxVersion: options.maxVersion ?? "TLSv1.3",
                ciphers: options.ciphers ?? (legacy ? "DEFAULT@SECLEVEL=0" : INTERMEDIATE_CIPHERS),
                ...(options.clientCa !== undefined && {
                    ca: options.clientCa,
                    requestCert: true,
                    rejectUnauthorized: options.requireClientCert ?? true,
                }),
            },
            (_req, res) => {
                const raw: string[] = ["content-type", "text/plain"];
                if (options.hsts) raw.push("strict-transport-security", options.hsts);
                for (const [name, value] of options.headers ?? []) raw.push(name, value);
                res.writeHead(200, raw).end("hello");
            },
        );
        // A refused legacy handshake must not be logged as a test failure.
        server.on("tlsClientError", () => undefined);
        this.servers.push(server);
        return listen(server, on);
    }

    /** A port on 127.0.0.1 that nothing listens on (bound, then released). */
    async closedPort(): Promise<number> {
        const server = http.createServer();
        const port = await listen(server);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        return port;
    }

    /** The last request path an HTTP server received. */
    lastRequest(port: number): string {
        const list = this.requests.get(port) ?? [];
        if (list.length === 0) throw new Error(`no request reached port ${port}`);
        return list[list.length - 1];
    }

    /** The last request other than `/` an HTTP server received (verify probes `/` and a deep path at once). */
    lastDeepRequest(port: number): string {
        const list = (this.requests.get(port) ?? []).filter((r) => r !== "/");
        if (list.length === 0) throw new Error(`no request other than / reached port ${port}`);
        return list[list.length - 1];
    }

    /** Closes every server and its open connections. */
    async closeAll(): Promise<void> {
        await Promise.all(
            this.servers.splice(0).map(
                (server) =>
                    new Promise<void>((resolve) => {
                        server.closeAllConnections();
                        server.close(() => resolve());
                    }),
            ),
        );
    }
}
