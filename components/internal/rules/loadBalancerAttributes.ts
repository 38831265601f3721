/**
 * Typed load balancer attributes, health-check timing and host redirects:
 * their checks, and the provider inputs they become.
 *
 * Values mirror hashicorp/terraform-provider-aws internal/service/elbv2:
 * load_balancer.go schema (`desync_mitigation_mode` StringInSlice(monitor,
 * defensive, strictest), `xff_header_processing_mode` StringInSlice(append,
 * preserve, remove), `enable_http2`, `enable_xff_client_port`,
 * `preserve_host_header`, `enable_tls_version_and_cipher_suite_headers`,
 * `client_keep_alive` with no validator: the ELB API reference gives
 * `client_keep_alive.seconds` 60–604800); target_group.go `health_check`
 * (interval 5–300, timeout 2–120, thresholds 2–10).
 */
import { DEFAULT_HTTPS_PORT, DEFAULT_REDIRECT_STATUS_CODE, HOST_REDIRECT_FIRST_PRIORITY } from "../../defaults";
import {
    DesyncMitigationMode,
    type HostRedirectArgs,
    type LoadBalancerOptions,
    type TargetArgs,
    XffHeaderProcessingMode,
} from "../../loadBalancerArgs";
import { hostnameProblems, isWildcard, normalizeHostname } from "./hostnames";
import { isRecord, wrongType } from "./inputTypes";
import { display, hostHeaderProblem } from "./listenerValues";
import { type Problems, quote } from "./problems";
import { packRuleValues } from "./rulePacking";

/** The provider inputs of the typed attributes that were set (unset ones keep AWS's default). */
export function loadBalancerAttributeInputs(args: LoadBalancerOptions): Record<string, unknown> {
    const out: Record<string, unknown> = {
        desyncMitigationMode: args.desyncMitigationMode,
        enableHttp2: args.http2,
        xffHeaderProcessingMode: args.xffHeaderProcessingMode,
        enableXffClientPort: args.xffClientPort,
        preserveHostHeader: args.preserveHostHeader,
        clientKeepAlive: args.clientKeepAliveSeconds,
        enableTlsVersionAndCipherSuiteHeaders: args.tlsHeadersToTargets,
        enableWafFailOpen: args.waf?.failOpen,
    };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function wholeBetween(problems: Problems, at: string, value: unknown, min: number, max: number, unit: string): void {
    if (value === undefined) return;
    if (typeof value !== "number")
        return problems.add(at, wrongType(at, value, "a number", `give whole ${unit}, from ${min} to ${max}`));
    if (!Number.isInteger(value) || value < min || value > max)
        problems.add(at, `${quote(at, value)} is out of range: AWS accepts whole ${unit} from ${min} to ${max}`);
}

function oneOfEnum(problems: Problems, at: string, value: unknown, values: Record<string, string>): void {
    if (value === undefined || Object.values(values).includes(value as string)) return;
    problems.add(
        at,
        `${quote(at, display(value))} is not one of ${Object.values(values)
            .map((v) => `'${v}'`)
            .join(", ")}`,
    );
}

/** Records every problem of the typed attributes. */
export function checkLoadBalancerAttributes(args: LoadBalancerOptions, problems: Problems): void {
    oneOfEnum(problems, "desyncMitigationMode", args.desyncMitigationMode, DesyncMitigationMode);
    oneOfEnum(problems, "xffHeaderProcessingMode", args.xffHeaderProcessingMode, XffHeaderProcessingMode);
    wholeBetween(problems, "clientKeepAliveSeconds", args.clientKeepAliveSeconds, 60, 604800, "seconds");
    for (const flag of ["http2", "xffClientPort", "preserveHostHeader", "tlsHeadersToTargets"] as const) {
        const v = args[flag];
        if (v !== undefined && typeof v !== "boolean")
            problems.add(flag, wrongType(flag, v, "a boolean", "write true or false"));
    }
}

/** Records every problem of a target's health-check timing (`at` is its path). */
export function checkHealthCheckTiming(target: TargetArgs, problems: Problems, at: string, lambda: boolean): void {
    wholeBetween(problems, `${at}.healthCheckIntervalSeconds`, target.healthCheckIntervalSeconds, 5, 300, "seconds");
    wholeBetween(problems, `${at}.healthCheckTimeoutSeconds`, target.healthCheckTimeoutSeconds, 2, 120, "seconds");
    wholeBetween(problems, `${at}.healthyThreshold`, target.healthyThreshold, 2, 10, "checks");
    wholeBetween(problems, `${at}.unhealthyThreshold`, target.unhealthyThreshold, 2, 10, "checks");
    const interval = target.healthCheckIntervalSeconds ?? (lambda ? 35 : 30);
    const timeout = target.healthCheckTimeoutSeconds ?? (lambda ? 30 : 5);
    const inRange = (v: unknown, min: number, max: number) =>
        typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
    // Compared only when both are valid on their own (a bad one is reported above).
    if (inRange(interval, 5, 300) && inRange(timeout, 2, 120) && timeout >= interval)
        problems.add(
            `${at}.healthCheckTimeoutSeconds`,
            `\`${at}.healthCheckTimeoutSeconds\` ${timeout} is not less than the interval (${interval} s): a check must time out before the next one starts; lower the timeout or raise \`${at}.healthCheckIntervalSeconds\``,
        );
    if (target.targetGroupArn !== undefined) {
        for (const f of [
            "healthCheckIntervalSeconds",
            "healthCheckTimeoutSeconds",
            "healthyThreshold",
            "unhealthyThreshold",
        ] as const)
            if (target[f] !== undefined)
                problems.add(
                    `${at}.${f}`,
                    `\`${at}.${f}\` is set together with \`${at}.targetGroupArn\`: an adopted target group keeps its own settings; change them where it is defined, or drop \`targetGroupArn\``,
                );
    }
}

/** One HTTPS listener rule of host redirects: the names it matches and where they go. */
export interface HostRedirectRule {
    priority: number;
    from: string[];
    to: string;
    statusCode: "HTTP_301" | "HTTP_302";
}

/**
 * The redirect rules: redirects grouped by target and status, `from` names
 * packed five per rule, at priorities counting down from
 * `HOST_REDIRECT_FIRST_PRIORITY` in the order of the target names (sorted),
 * so that a rule is keyed by its priority as every other rule here is.
 */
export function planHostRedirects(redirects: readonly HostRedirectArgs[]): HostRedirectRule[] {
    const groups = new Map<string, { to: string; status: 301 | 302; from: string[] }>();
    for (const r of redirects) {
        const status = r.statusCode === 302 ? 302 : DEFAULT_REDIRECT_STATUS_CODE;
        const to = normalizeHostname(r.to);
        const key = `${to} ${status}`;
        const group = groups.get(key) ?? { to, status, from: [] };
        group.from.push(normalizeHostname(r.from));
        groups.set(key, group);
    }
    const rules: HostRedirectRule[] = [];
    for (const [, g] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        for (const { values } of packRuleValues([...g.from].sort()))
            rules.push({
                priority: HOST_REDIRECT_FIRST_PRIORITY - rules.length,
                from: values,
                to: g.to,
                statusCode: g.status === 302 ? "HTTP_302" : "HTTP_301",
            });
    }
    return rules;
}

/** The redirect action of a rule: same protocol and port, the new host, path and query kept. */
export function hostRedirectAction(rule: HostRedirectRule, httpsPort = DEFAULT_HTTPS_PORT) {
    return {
        type: "redirect" as const,
        redirect: {
            protocol: "HTTPS",
            port: String(httpsPort),
            host: rule.to,
            path: "/#{path}",
            query: "#{query}",
            statusCode: rule.statusCode,
        },
    };
}

/**
 * Records every problem of `redirects`; `routed` maps each hostname a route
 * serves to its path (a route's rule would win over the redirect's). Returns
 * how many listener rules the redirects take.
 */
export function checkHostRedirects(value: unknown, problems: Problems, routed: ReadonlyMap<string, string>): number {
    if (value === undefined) return 0;
    if (!Array.isArray(value)) {
        problems.add(
            "redirects",
            wrongType("redirects", value, "a list", "write [{ from: 'www.example.com', to: 'example.com' }]"),
        );
        return 0;
    }
    const seen = new Map<string, string>();
    let valid = true;
    value.forEach((r, i) => {
        const at = `redirects[${i}]`;
        if (!isRecord(r)) {
            valid = false;
            return problems.add(
                at,
                wrongType(at, r, "an object", "write { from: 'www.example.com', to: 'example.com' }"),
            );
        }
        const redirect = r as unknown as HostRedirectArgs;
        for (const field of ["from", "to"] as const) {
            const path = `${at}.${field}`;
            const raw = redirect[field];
            if (typeof raw !== "string") {
                valid = false;
                problems.add(path, wrongType(path, raw, "a string", "give a hostname such as 'example.com'"));
                continue;
            }
            const reasons = hostnameProblems(raw, path);
            if (reasons.length > 0) {
                valid = false;
                problems.addAll(path, reasons);
                continue;
            }
            if (isWildcard(raw)) {
                valid = false;
                problems.add(path, `${quote(path, raw)} is a wildcard: a redirect goes from and to one exact name`);
                continue;
            }
            const header = field === "from" ? hostHeaderProblem(normalizeHostname(raw), raw, path) : undefined;
            if (header) {
                valid = false;
                problems.add(path, header);
                continue;
            }
            const route = field === "from" ? routed.get(normalizeHostname(raw)) : undefined;
            if (route)
                problems.add(
                    path,
                    `${quote(path, raw)} is routed by \`${route}\`, whose rule comes first: the redirect would never apply; drop one of them`,
                );
        }
        if (typeof redirect.from === "string" && typeof redirect.to === "string") {
            const from = normalizeHostname(redirect.from);
            if (from === normalizeHostname(redirect.to))
                problems.add(`${at}.to`, `\`${at}.to\` is the same name as \`${at}.from\`: the redirect would loop`);
            const first = seen.get(from);
            if (first)
                problems.add(
                    `${at}.from`,
                    `${quote(`${at}.from`, redirect.from)} is already redirected by \`${first}\``,
                );
            seen.set(from, `${at}.from`);
        }
        if (redirect.statusCode !== undefined && redirect.statusCode !== 301 && redirect.statusCode !== 302)
            problems.add(
                `${at}.statusCode`,
                `${quote(`${at}.statusCode`, display(redirect.statusCode))} is not a redirect status: use 301 (permanent) or 302 (temporary)`,
            );
    });
    const targets = new Set(
        value.filter(isRecord).map((r) => (typeof r.to === "string" ? normalizeHostname(r.to) : "")),
    );
    const loops = new Set(
        value
            .filter(isRecord)
            .filter((r) => typeof r.from === "string" && typeof r.to === "string")
            .filter((r) => normalizeHostname(r.from as string) === normalizeHostname(r.to as string))
            .map((r) => normalizeHostname(r.from as string)),
    );
    for (const [from, path] of seen)
        if (targets.has(from) && !loops.has(from))
            problems.add(
                path,
                `${quote(path, from)} is also a redirect target: chained redirects cost a round trip each; redirect straight to the final name`,
            );
    return valid ? planHostRedirects(value as HostRedirectArgs[]).length : 0;
}

/**
 * `CustomDomain`'s check that its certificate covers both ends of every
 * redirect: each `from` and `to` must be one of its names (`names`, normalised).
 */
export function checkRedirectCoverage(value: unknown, names: readonly string[], problems: Problems): void {
    if (!Array.isArray(value)) return;
    value.forEach((r, i) => {
        if (!isRecord(r)) return;
        for (const field of ["from", "to"] as const) {
            const raw = r[field];
            if (typeof raw !== "string" || hostnameProblems(raw, field).length > 0) continue;
            if (!names.includes(normalizeHostname(raw)))
                problems.add(
                    `redirects[${i}].${field}`,
                    `${quote(`redirects[${i}].${field}`, raw)} is not one of this domain's names, so its certificate does not cover it and browsers would refuse the connection: add it to \`alternativeNames\``,
                );
        }
    });
}
