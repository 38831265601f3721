/**
 * The HTTP→HTTPS redirect check: `http://host/<path>?<query>` must answer an
 * allowed redirect status with `Location: https://host/<path>?<query>`, and
 * with `--redirect-paths` only the listed paths may redirect.
 */
import { randomBytes } from "node:crypto";
import { type Endpoint, hostPort } from "../endpoint";
import { describeFailure, httpGet, type HttpResponse } from "../probes";
import { type CheckResult, VerifyUsageError } from "../types";

/** What the redirect check needs. */
export interface RedirectCheckInput {
    /** The HTTP endpoint (port 80 of the target host, after `--connect-to`). */
    http: Endpoint;
    /** The HTTPS port the redirect must point at. */
    httpsPort: number;
    statuses: readonly number[];
    /** ALB path patterns that must redirect; `undefined` = every path. */
    paths?: readonly string[];
    timeoutMs: number;
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const PERMANENT = new Set([301, 308]);

/** Checks a `--redirect-paths` entry: an ALB path pattern starting with `/`. Throws `VerifyUsageError`. */
export function validateRedirectPath(pattern: string): string {
    if (!pattern.startsWith("/") || pattern.length > 128 || /\s/.test(pattern)) {
        throw new VerifyUsageError(
            `--redirect-paths '${pattern}' is not an ALB path pattern: start it with '/', at most 128 characters, no spaces (wildcards * and ? allowed)`,
        );
    }
    return pattern;
}

/** Checks a `--redirect-status` value. Throws `VerifyUsageError`. */
export function validateRedirectStatus(text: string): number {
    const status = Number(text);
    if (!REDIRECT_STATUSES.includes(status)) {
        throw new VerifyUsageError(
            `--redirect-status '${text}' is not a redirect status: use ${REDIRECT_STATUSES.join(", ")}`,
        );
    }
    return status;
}

/** An ALB path pattern as an anchored, case-sensitive regular expression. */
export function patternToRegExp(pattern: string): RegExp {
    const body = [...pattern]
        .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${body}$`);
}

/** One redirect request: what was asked and what is allowed. */
export interface RedirectRequest {
    host: string;
    httpPort: number;
    httpsPort: number;
    /** Path and query sent, e.g. `/a/b?q=1`. */
    pathAndQuery: string;
    statuses: readonly number[];
}

/**
 * Why `response` to the request is not the expected redirect; `[]` when it is.
 * Every reason names the fix.
 */
export function redirectProblems(req: RedirectRequest, response: HttpResponse): string[] {
    const { host, httpsPort, pathAndQuery, statuses } = req;
    const request = `http://${hostPort(host, req.httpPort, 80)}${pathAndQuery}`;
    const location = response.headers.location;
    const fix =
        "redirect to HTTPS keeping host, path and query (ALB: protocol HTTPS, port 443, host #{host}, path /#{path}, query #{query}, status HTTP_301)";
    if (response.status < 300 || response.status > 399) {
        return [
            `${request} answered ${response.status} instead of redirecting to HTTPS: add an HTTP listener on port 80 whose action is a ${fix}`,
        ];
    }
    if (!location) return [`${request} answered ${response.status} without a Location header: ${fix}`];
    const locations = (response.rawHeaders ?? []).filter(([name]) => name === "location").map(([, v]) => v);
    if (locations.length > 1)
        return [
            `${request} answered ${response.status} with ${locations.length} Location headers (${locations.join(", ")}): browsers refuse such a response (RFC 9110 §10.2.2 allows one); send exactly one`,
        ];
    const problems: string[] = [];
    if (!statuses.includes(response.status)) {
        const kind = PERMANENT.has(response.status) ? "permanent" : "temporary";
        const allowed = statuses.join(" or ");
        problems.push(
            `${request} answered ${response.status} (${kind}) where ${allowed} is required: make the redirect permanent (HTTP_301), or accept ${response.status} with --redirect-status ${[...statuses, response.status].join(",")}`,
        );
    }
    let target: URL;
    try {
        target = new URL(location, request);
    } catch {
        return [...problems, `${request} redirects to '${location}', which is not a valid URL: ${fix}`];
    }
    const [expectedPath, expectedQuery = ""] = splitQuery(pathAndQuery);
    if (target.protocol !== "https:") {
        problems.push(`${request} redirects to ${target.href}, which is not HTTPS: ${fix}`);
        return problems;
    }
    if (target.hostname.replace(/^\[|\]$/g, "") !== host.toLowerCase()) {
        problems.push(
            `${request} redirects to another host (${target.hostname}) instead of ${host}: keep the request's host in the redirect (#{host})`,
        );
    }
    const port = target.port === "" ? 443 : Number(target.port);
    if (port !== httpsPort) {
        problems.push(
            `${request} redirects to port ${port} instead of ${httpsPort}: redirect to the HTTPS listener's port`,
        );
    }
    if (target.pathname !== expectedPath) {
        const what = target.pathname === "/" ? "the path is dropped" : "the path is changed";
        problems.push(
            `${request} redirects to path ${target.pathname} instead of ${expectedPath} (${what}): keep the path in the redirect (/#{path})`,
        );
    }
    if (target.search.replace(/^\?/, "") !== expectedQuery) {
        const what = target.search === "" ? "the query is dropped" : "the query is changed";
        problems.push(
            `${request} redirects with query '${target.search.replace(/^\?/, "")}' instead of '${expectedQuery}' (${what}): keep the query in the redirect (#{query})`,
        );
    }
    return problems;
}

function splitQuery(pathAndQuery: string): [string, string?] {
    const i = pathAndQuery.indexOf("?");
    return i < 0 ? [pathAndQuery] : [pathAndQuery.slice(0, i), pathAndQuery.slice(i + 1)];
}

function concretePath(pattern: string, token: string): string {
    return pattern.replace(/\*/g, `v${token}`).replace(/\?/g, "x");
}

interface Probe {
    pathAndQuery: string;
    mustRedirect: boolean;
}

function probesFor(input: RedirectCheckInput, token: string): { probes: Probe[]; note?: string } {
    const query = `q=1&check=${token}`;
    // The home page, then a deep path with a query: a rule that exempts `/` (or only catches `/`) shows.
    const everyPath = [
        { pathAndQuery: "/", mustRedirect: true },
        { pathAndQuery: `/aws-https-domain-verify/${token}/page.html?${query}`, mustRedirect: true },
    ];
    if (!input.paths) return { probes: everyPath };
    const patterns = input.paths.map(patternToRegExp);
    const probes = input.paths.map((p) => ({ pathAndQuery: `${concretePath(p, token)}?${query}`, mustRedirect: true }));
    if (patterns.some((re) => re.test("/")) && !input.paths.includes("/"))
        probes.unshift({ pathAndQuery: "/", mustRedirect: true });
    const unlisted = [`/aws-https-domain-verify-${token}/not-listed`, `/${token}`].find(
        (p) => !patterns.some((re) => re.test(p)),
    );
    if (unlisted) probes.push({ pathAndQuery: `${unlisted}?${query}`, mustRedirect: false });
    return {
        probes,
        note: unlisted ? undefined : "every path matches --redirect-paths, so no unlisted path could be tried",
    };
}

function isHttpsRedirect(response: HttpResponse): boolean {
    return response.status >= 300 && response.status <= 399 && /^https:\/\//i.test(response.headers.location ?? "");
}

/** Runs the redirect check. Connection failures on port 80 are failures of this check, not errors. */
export async function checkRedirect(input: RedirectCheckInput): Promise<CheckResult> {
    // Random path and query, so that no cache or rule written for a known path can fake the answer.
    const token = randomBytes(4).toString("hex");
    const { probes, note } = probesFor(input, token);
    const host = input.http.host;
    const problems: string[] = [];
    const requests: string[] = [];
    const statuses = new Set<number>();
    const answers = await Promise.all(
        probes.map((probe) =>
            httpGet(input.http, probe.pathAndQuery, false, input.timeoutMs).then(
                (response) => ({ probe, response }),
                (err: unknown) => ({ probe, failure: describeFailure(err) }),
            ),
        ),
    );
    for (const answer of answers) {
        const { probe } = answer;
        const url = `http://${hostPort(host, input.http.port, 80)}${probe.pathAndQuery}`;
        if (!("response" in answer)) {
            requests.push(`${url} → ${answer.failure}`);
            problems.push(
                answer.failure.startsWith("HPE_HEADER_OVERFLOW")
                    ? `${url} answered with response headers over 16 KiB (${answer.failure}): fix what adds them`
                    : `nothing answers ${url} (${answer.failure}): add an HTTP listener on port 80 and allow TCP 80 in the load balancer's security group`,
            );
            continue;
        }
        const { response } = answer;
        requests.push(`${url} → ${response.status}${response.headers.location ? ` ${response.headers.location}` : ""}`);
        if (probe.mustRedirect) {
            statuses.add(response.status);
            problems.push(
                ...redirectProblems(
                    {
                        host,
                        httpPort: input.http.port,
                        httpsPort: input.httpsPort,
                        pathAndQuery: probe.pathAndQuery,
                        statuses: input.statuses,
                    },
                    response,
                ),
            );
        } else if (isHttpsRedirect(response)) {
            problems.push(
                `${url} is not in --redirect-paths but also redirects to HTTPS (${response.status}): only the listed paths should redirect; check the HTTP listener's rules, or drop --redirect-paths if every path should redirect`,
            );
        }
    }
    const evidence = { requests, allowedStatuses: input.statuses.map(String), ...(note ? { note } : {}) };
    if (problems.length > 0) return { id: "redirect", status: "fail", message: problems.join("; "), evidence };
    const kept = `(${[...statuses].join(", ")}), keeping host, path and query`;
    const message = input.paths
        ? `the ${input.paths.length} listed path(s) redirect to HTTPS ${kept}${probes.some((p) => !p.mustRedirect) ? "; an unlisted path does not redirect" : ""}`
        : `HTTP redirects to HTTPS ${kept}, for / and a deep path with a query`;
    return { id: "redirect", status: "pass", message, evidence };
}
