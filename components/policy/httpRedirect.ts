/**
 * Policy: HTTP listeners redirect to HTTPS, keeping host, path and query, or
 * serve only allow-listed paths over plain HTTP.
 *
 * A stack policy: a listener rule names its listener by ARN, which is unknown
 * during a preview, so rules are matched to listeners through the rule's
 * `listenerArn` property dependency. Defaults of an ALB redirect action when a
 * field is left out (AWS ELBv2 API reference, RedirectActionConfig): host
 * `#{host}`, path `/#{path}`, query `#{query}`, port `#{port}`, protocol
 * `#{protocol}` — so leaving out the protocol or the port keeps plain HTTP.
 */
import { type PolicyResource, type ReportViolation, type StackValidationPolicy } from "@pulumi/policy";
import {
    LISTENER_RULE_TYPES,
    LOAD_BALANCER_TYPES,
    peek,
    LISTENER_TYPES,
    listenerLabel,
    listenerProtocol,
    quoted,
    sourceOfType,
    strings,
} from "./common";
import { DEFAULT_ALLOWED_HTTP_PATHS, DEFAULT_REDIRECT_STATUS_CODES } from "./defaults";

/** Configuration of {@link httpRedirectPolicy}. */
export interface HttpRedirectConfig {
    /** Redirect status codes allowed. Defaults to `["HTTP_301"]`. */
    statusCodes?: string[];
    /** Path patterns an HTTP listener may forward over plain HTTP. Defaults to `["/.well-known/acme-challenge/*"]`. */
    allowedPaths?: string[];
}

type Action = Record<string, any>;

/** The action that decides what the client gets: the one with the highest `order` (actions run in order). */
function finalAction(actions: unknown): Action | undefined {
    const list = Array.isArray(actions) ? (actions as Action[]) : [];
    return [...list].sort((a, b) => (Number(a.order) || 0) - (Number(b.order) || 0)).pop();
}

/** Why `action` is not a redirect to the same URL over HTTPS with an allowed status, or `[]`. */
export function redirectProblems(action: Action, statusCodes: string[]): string[] {
    const r = (action.redirect ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    const field = (key: string, fallback: string) => (r[key] === undefined ? fallback : String(r[key]));
    if (field("protocol", "#{protocol}").toUpperCase() !== "HTTPS")
        problems.push(`redirects to protocol '${field("protocol", "#{protocol}")}', not HTTPS`);
    const port = field("port", "#{port}");
    if (port === "#{port}") problems.push("keeps port '#{port}', the HTTP port: set the HTTPS listener's port");
    if (r.statusCode === undefined) problems.push("sets no statusCode");
    else if (!statusCodes.includes(String(r.statusCode)))
        problems.push(`uses status ${quoted([r.statusCode])}, not one of ${quoted(statusCodes)}`);
    for (const [key, keep] of [
        ["host", "#{host}"],
        ["path", "/#{path}"],
        ["query", "#{query}"],
    ] as const) {
        if (field(key, keep) !== keep) problems.push(`sets ${key} '${field(key, keep)}' instead of keeping '${keep}'`);
    }
    return problems;
}

/** The path patterns a rule's conditions limit it to (conditions are ANDed: one path condition is enough). */
function rulePaths(conditions: unknown): string[] | undefined {
    const list = Array.isArray(conditions) ? (conditions as Action[]) : [];
    const path = list.find((c) => c.pathPattern !== undefined);
    return path ? strings(path.pathPattern.values) : undefined;
}

function checkListener(
    listener: PolicyResource,
    rules: PolicyResource[],
    config: Required<HttpRedirectConfig>,
    report: ReportViolation,
): void {
    const label = listenerLabel(listener.name, listener.props);
    const action = finalAction(listener.props.defaultActions);
    const fix = `redirect to HTTPS with ${quoted(config.statusCodes)} (protocol HTTPS, port 443, host #{host}, path /#{path}, query #{query})`;
    if (action?.type !== "redirect") {
        report(
            `${label}: the default action is '${action?.type ?? "none"}', so every path no rule redirects is served over plain HTTP: ${fix}.`,
            listener.urn,
        );
    } else {
        const problems = redirectProblems(action, config.statusCodes);
        if (problems.length > 0) report(`${label}: the default redirect ${problems.join("; ")}: ${fix}.`, listener.urn);
    }
    for (const rule of rules) {
        const ruleAction = finalAction(rule.props.actions);
        if (ruleAction?.type === "redirect") {
            const problems = redirectProblems(ruleAction, config.statusCodes);
            if (problems.length > 0)
                report(
                    `Listener rule '${rule.name}' on ${label}: its redirect ${problems.join("; ")}: ${fix}.`,
                    rule.urn,
                );
            continue;
        }
        const paths = rulePaths(rule.props.conditions);
        const outside = paths === undefined ? undefined : paths.filter((p) => !config.allowedPaths.includes(p));
        if (outside !== undefined && outside.length === 0) continue;
        const what = outside === undefined ? "requests on any path" : `paths ${quoted(outside)}`;
        report(
            `Listener rule '${rule.name}' on ${label}: serves ${what} over plain HTTP (action '${ruleAction?.type ?? "none"}'), and only ${quoted(config.allowedPaths)} may be: ${fix}, or add the paths to allowedPaths.`,
            rule.urn,
        );
    }
}

/** HTTP listeners redirect to HTTPS (301 by default) keeping host, path and query, or serve only allowed paths. */
export const httpRedirectPolicy: StackValidationPolicy = {
    name: "http-listener-redirects-to-https",
    description:
        "HTTP listeners redirect every request to HTTPS, keeping host, path and query, except allow-listed paths.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            statusCodes: {
                type: "array",
                items: { type: "string", enum: ["HTTP_301", "HTTP_302"] },
                default: DEFAULT_REDIRECT_STATUS_CODES,
                description: "Redirect status codes allowed (an ALB offers only HTTP_301 and HTTP_302).",
            },
            allowedPaths: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_ALLOWED_HTTP_PATHS,
                description: "Path patterns an HTTP listener may serve over plain HTTP.",
            },
        },
    },
    validateStack: (args, report) => {
        const given = args.getConfig<HttpRedirectConfig>();
        const config = {
            statusCodes: given.statusCodes ?? DEFAULT_REDIRECT_STATUS_CODES,
            allowedPaths: given.allowedPaths ?? DEFAULT_ALLOWED_HTTP_PATHS,
        };
        const rules = args.resources.filter((r) => LISTENER_RULE_TYPES.includes(r.type));
        for (const listener of args.resources) {
            if (!LISTENER_TYPES.includes(listener.type) || listenerProtocol(listener.props) !== "HTTP") continue;
            // A listener of a network or gateway load balancer in this stack is not an HTTP listener.
            const lb = sourceOfType(listener, "loadBalancerArn", LOAD_BALANCER_TYPES);
            if (lb && (peek(() => lb.props.loadBalancerType) ?? "application") !== "application") continue;
            const own = rules.filter((rule) => sourceOfType(rule, "listenerArn", LISTENER_TYPES)?.urn === listener.urn);
            checkListener(listener, own, config, report);
        }
    },
};
