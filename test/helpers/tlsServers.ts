/**
 * Real HTTP and HTTPS servers on 127.0.0.1 ephemeral ports for the `verify`
 * tests, plus request handlers that redirect correctly or in one specific
 * wrong way. A `ServerPool` closes everything it started (call `closeAll` in
 * `afterAll`).
 */
import * as http from "node:http";
import * as https from "node:https";
import { type AddressInfo } from "node:net";

/** What an HTTPS test server presents. */
export interface HttpsServerOptions {
    /** PEM certificate, followed by the intermediates it should send (if any). */
    cert: string;
    key: string;
    /** `Strict-Transport-Security` value to send; omitted = no header. */
    hsts?: string;
    /** Lowest version accepted; `TLSv1`/`TLSv1.1` also lower OpenSSL's security level so the handshake can complete. */
    minVersion?: "TLSv1" | "TLSv1.1" | "TLSv1.2";
}

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

function listen(server: http.Server): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
    });
}

/** Starts servers and remembers them, so that one call closes them all. */
export class ServerPool {
    private readonly servers: http.Server[] = [];
    /** Path and query of every request each HTTP server received, by port. */
    readonly requests = new Map<number, string[]>();

    /** An HTTP server on 127.0.0.1; `handler` can be swapped later through the returned setter. */
    async http(handler: http.RequestListener): Promise<{ port: number; setHandler(next: http.RequestListener): void }> {
        let current = handler;
        const server = http.createServer((req, res) => {
            this.requests.get(port)?.push(req.url ?? "");
            current(req, res);
        });
        this.servers.push(server);
        const port = await listen(server);
        this.requests.set(port, []);
        return { port, setHandler: (next) => (current = next) };
    }

    /** An HTTPS server on 127.0.0.1 answering 200 to every request. */
    async https(options: HttpsServerOptions): Promise<number> {
        const legacy = options.minVersion === "TLSv1" || options.minVersion === "TLSv1.1";
        const server = https.createServer(
            {
                cert: options.cert,
                key: options.key,
                minVersion: options.minVersion ?? "TLSv1.2",
                ...(legacy ? { ciphers: "DEFAULT@SECLEVEL=0" } : {}),
            },
            (_req, res) => {
                res.writeHead(200, {
                    "content-type": "text/plain",
                    ...(options.hsts ? { "strict-transport-security": options.hsts } : {}),
                }).end("hello");
            },
        );
        // A refused legacy handshake must not be logged as a test failure.
        server.on("tlsClientError", () => undefined);
        this.servers.push(server);
        return listen(server);
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
