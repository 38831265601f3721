/**
 * Where `verify` connects: the target as the user typed it, curl-style
 * `--connect-to` rules, and name resolution through an injectable lookup (so
 * that tests never send a DNS query).
 */
import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import {
    type ConnectToRule,
    type LookupFn,
    VERIFY_DEFAULTS,
    VerifyError,
    type VerifyTarget,
    VerifyUsageError,
} from "./types";

/** A resolved place to connect to for one host and port. */
export interface Endpoint {
    /** The name the connection is meant for: SNI and Host header. */
    host: string;
    port: number;
    /** Where it really goes after `--connect-to`. */
    connectHost: string;
    connectPort: number;
    /** `connectHost` resolved to an address (the first the resolver returned). */
    address: string;
    /** One address of each family the name resolves to (dual-stack: IPv4 and IPv6), `address` first. */
    addresses: string[];
    /** The `--connect-to` rule applied, if any. */
    via?: string;
}

function stripBrackets(host: string): string {
    return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** `host` or `[v6]` with `:port` when it is not the scheme's default. */
export function hostPort(host: string, port: number, defaultPort: number): string {
    const name = host.includes(":") ? `[${host}]` : host;
    return port === defaultPort ? name : `${name}:${port}`;
}

/**
 * Parses the `verify` target: a bare host name (`app.example.com`,
 * `app.example.com:8443`) or an `https://` URL, whose path is used for the HSTS
 * request. Throws `VerifyUsageError` for anything else.
 */
export function parseTarget(raw: string): VerifyTarget {
    const text = raw.trim();
    if (text === "")
        throw new VerifyUsageError("the target is empty: give a host name such as app.example.com or an https:// URL");
    const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
    if (hasScheme && !/^https:\/\//i.test(text)) {
        throw new VerifyUsageError(
            `'${raw}' is not an https:// URL: give the https:// URL or the bare host name (the HTTP to HTTPS redirect is checked on port 80 by itself)`,
        );
    }
    let url: URL;
    try {
        url = new URL(hasScheme ? text : `https://${text}`);
    } catch {
        throw new VerifyUsageError(`'${raw}' is not a host name or an https:// URL`);
    }
    if (url.username || url.password)
        throw new VerifyUsageError(`'${raw}' contains credentials: give only the host name or URL`);
    const host = stripBrackets(url.hostname).replace(/\.$/, "");
    if (host === "") throw new VerifyUsageError(`'${raw}' has no host name`);
    return {
        host,
        httpsPort: url.port ? Number(url.port) : VERIFY_DEFAULTS.httpsPort,
        httpPort: VERIFY_DEFAULTS.httpPort,
        path: `${url.pathname}${url.search}`,
    };
}

/** Splits `a:b:[v6]:d` on colons outside brackets. */
function splitColons(text: string): string[] {
    const parts: string[] = [];
    let current = "";
    let inBrackets = false;
    for (const ch of text) {
        if (ch === "[") inBrackets = true;
        if (ch === "]") inBrackets = false;
        if (ch === ":" && !inBrackets) {
            parts.push(current);
            current = "";
        } else {
            current += ch;
        }
    }
    parts.push(current);
    return parts;
}

function parsePort(part: string, rule: string): number | undefined {
    if (part === "") return undefined;
    const port = /^\d{1,5}$/.test(part) ? Number(part) : NaN;
    if (!(port >= 1 && port <= 65535)) {
        throw new VerifyUsageError(`--connect-to '${rule}': '${part}' is not a port number (1-65535)`);
    }
    return port;
}

/**
 * Parses `--connect-to HOST1:PORT1:HOST2:PORT2` with curl's meaning: a
 * connection meant for HOST1:PORT1 goes to HOST2:PORT2 while SNI and Host stay
 * HOST1. An empty HOST1/PORT1 matches any; an empty HOST2/PORT2 keeps the original.
 */
export function parseConnectTo(text: string): ConnectToRule {
    const parts = splitColons(text);
    if (parts.length !== 4) {
        throw new VerifyUsageError(
            `--connect-to '${text}' must have four parts HOST1:PORT1:HOST2:PORT2 (for example app.example.com:443:127.0.0.1:8443; IPv6 in brackets)`,
        );
    }
    const [fromHost, fromPort, toHost, toPort] = parts;
    return {
        fromHost: stripBrackets(fromHost).toLowerCase(),
        fromPort: parsePort(fromPort, text),
        toHost: stripBrackets(toHost),
        toPort: parsePort(toPort, text),
        text,
    };
}

/** The first rule matching `host:port`, applied; `undefined` when none matches. */
export function applyConnectTo(
    host: string,
    port: number,
    rules: readonly ConnectToRule[],
): { host: string; port: number; rule: ConnectToRule } | undefined {
    const name = host.toLowerCase();
    const rule = rules.find(
        (r) => (r.fromHost === "" || r.fromHost === name) && (r.fromPort === undefined || r.fromPort === port),
    );
    if (!rule) return undefined;
    return { host: rule.toHost || host, port: rule.toPort ?? port, rule };
}

/** The system resolver (used only when no lookup is injected). */
export const systemLookup: LookupFn = (hostname) => dns.lookup(hostname, { all: true });

/** A lookup that asks `lookup` once per name (the HTTP and HTTPS endpoints share the name). */
export function memoizedLookup(lookup: LookupFn = systemLookup): LookupFn {
    const cache = new Map<string, ReturnType<LookupFn>>();
    return (hostname) => {
        const key = hostname.toLowerCase();
        let answer = cache.get(key);
        if (!answer) {
            answer = lookup(hostname);
            cache.set(key, answer);
        }
        return answer;
    };
}

/**
 * Applies `--connect-to` and resolves the destination. IP addresses are used as
 * they are; names go through `lookup`. A failure is a `VerifyError` of kind `dns`.
 */
export async function resolveEndpoint(
    host: string,
    port: number,
    rules: readonly ConnectToRule[],
    lookup: LookupFn = systemLookup,
): Promise<Endpoint> {
    const mapped = applyConnectTo(host, port, rules);
    const connectHost = mapped?.host ?? host;
    const connectPort = mapped?.port ?? port;
    let addresses = [connectHost];
    if (isIP(connectHost) === 0) {
        try {
            const answer = await lookup(connectHost);
            const list = Array.isArray(answer) ? answer : [answer];
            if (list.length === 0) throw Object.assign(new Error("no addresses"), { code: "ENODATA" });
            const other = list.find((a) => a.family !== list[0].family);
            addresses = [list[0].address, ...(other ? [other.address] : [])];
        } catch (err) {
            const { code, message } = err as { code?: string; message?: string };
            const why = code ?? message ?? String(err);
            throw new VerifyError(
                "dns",
                `cannot resolve ${connectHost} (${why}): check the name and that its DNS records exist and have propagated`,
                code,
            );
        }
    }
    return { host, port, connectHost, connectPort, address: addresses[0], addresses, via: mapped?.rule.text };
}

/** `address:port` with IPv6 in brackets, for messages. */
export function describeEndpoint(endpoint: Endpoint): string {
    const addr = endpoint.address.includes(":") ? `[${endpoint.address}]` : endpoint.address;
    return `${addr}:${endpoint.connectPort}`;
}
