/**
 * Validation of the listener settings that `HttpsLoadBalancer` and
 * `CustomDomain` share; every problem is recorded, none thrown.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_HTTP_PORT, DEFAULT_HTTPS_PORT, DEFAULT_SSL_POLICY, MIN_ALB_SUBNETS } from "../../defaults";
import {
    type HostRouteArgs,
    type HttpsRedirectArgs,
    type LoadBalancerOptions,
    IpAddressType,
    RedirectMode,
    type TargetArgs,
    TargetType,
} from "../../loadBalancerArgs";
import {
    cidrProblem,
    display,
    healthCheckPathProblem,
    hostHeaderProblem,
    hstsProblems,
    kindOf,
    matcherProblem,
    normalizeCidr,
    portProblem,
} from "./listenerValues";
import { knownNow, type Problems, quote } from "./problems";
import {
    DEFAULT_MAX_RULES_PER_LOAD_BALANCER,
    packRuleValues,
    pathPatternsProblems,
    ruleCount,
    rulePriorityProblem,
    ruleQuotaProblem,
} from "./rulePacking";
import { hostnameProblems, normalizeHostname } from "./hostnames";
import { securityHeaderProblems } from "./responseHeaders";
import { checkTags } from "./tags";
import { checkLogDelivery } from "./logDelivery";
import { checkIngress } from "./ingress";
import { checkScheme } from "./privateDns";
import { checkWaf } from "./waf";
import { checkMutualAuthentication } from "./mutualTls";
import { checkAuthenticate } from "./authenticate";
import { checkHealthCheckTiming, checkHostRedirects, checkLoadBalancerAttributes } from "./loadBalancerAttributes";
import { minimumTlsMinor, sslPolicyProblem, TLS_PROFILE_POLICIES } from "./tlsPolicies";

/** Settings that `HttpsLoadBalancer` and `CustomDomain` share, checked by `checkListenerSettings`. */
export interface ListenerSettings extends LoadBalancerOptions {
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    vpcId?: pulumi.Input<string>;
}

type Kind = "list" | "object" | "number" | "string" | "boolean";

/**
 * Records a problem and returns false when a plain value has the wrong type
 * (`allowedCidrs: "10.0.0.0/8"`, `httpsPort: "443"`), so that no check below
 * ever meets a value it would throw a TypeError on. `undefined` passes.
 */
function hasType(problems: Problems, path: string, value: unknown, kind: Kind, example: string): boolean {
    if (value === undefined) return true;
    const ok =
        kind === "list"
            ? Array.isArray(value)
            : kind === "object"
              ? value !== null && typeof value === "object" && !Array.isArray(value)
              : typeof value === kind;
    if (!ok)
        problems.add(
            path,
            `${quote(path, display(value))} is ${kindOf(value)}, not ${kind === "object" ? "an object" : `a ${kind}`}: write it as ${example}`,
        );
    return ok;
}

/** Why `count` subnets are too few for an ALB, or `undefined`. Also checked at deployment when the ids are Outputs. */
export function subnetCountProblem(count: number): string | undefined {
    return count < MIN_ALB_SUBNETS
        ? `\`subnetIds\` has ${count}: an Application Load Balancer needs at least ${MIN_ALB_SUBNETS} public subnets in different availability zones`
        : undefined;
}

/** Subnet ids known only at deployment are checked here, with the same message as a plain list. */
export function requireSubnets(name: string, ids: string[]): string[] {
    const problem = subnetCountProblem(ids.length);
    if (problem) throw new Error(`HttpsLoadBalancer '${name}': ${problem}`);
    return ids;
}

/** What the checks resolved: the TLS policy to use, and whether it accepts TLS 1.0/1.1. */
export interface ResolvedListenerSettings {
    sslPolicy: string;
    legacyTls: boolean;
}

/** Records every problem in the shared settings; returns the resolved TLS policy. */
export function checkListenerSettings(args: ListenerSettings, problems: Problems): ResolvedListenerSettings {
    const subnets = knownNow(args.subnetIds);
    if (Array.isArray(subnets)) {
        const plain = subnets.filter((s): s is string => typeof s === "string");
        const tooFew = subnetCountProblem(subnets.length);
        if (tooFew) {
            problems.add("subnetIds", tooFew);
        } else if (new Set(plain).size !== plain.length) {
            problems.add(
                "subnetIds",
                "`subnetIds` lists a subnet twice: give distinct public subnets in different availability zones",
            );
        }
    }
    const vpcId = knownNow(args.vpcId);
    if (typeof vpcId === "string" && vpcId.trim() === "") {
        problems.add(
            "vpcId",
            `${quote("vpcId", vpcId)} is empty: give the id of the VPC the load balancer's security group and target groups belong to, e.g. 'vpc-0123456789abcdef0'`,
        );
    } else if (vpcId !== undefined && typeof vpcId !== "string") {
        hasType(problems, "vpcId", vpcId, "string", "'vpc-0123456789abcdef0'");
    }
    const sslPolicy = resolveSslPolicy(args, problems);

    if (args.ipAddressType !== undefined && !Object.values(IpAddressType).includes(args.ipAddressType)) {
        problems.add(
            "ipAddressType",
            `${quote("ipAddressType", display(args.ipAddressType))} is not an address type: use 'ipv4', 'dualstack' or 'dualstack-without-public-ipv4'`,
        );
    }
    checkAllowedCidrs(args.allowedCidrs, problems);
    if (args.hsts !== undefined) problems.addAll("hsts", hstsProblems(args.hsts));

    if (args.securityHeaders !== undefined) {
        for (const [path, reason] of securityHeaderProblems(args.securityHeaders)) problems.add(path, reason);
    }
    const redirect = hasType(problems, "httpsRedirect", args.httpsRedirect, "object", "{ mode: 'all' }")
        ? (args.httpsRedirect ?? {})
        : {};
    const redirectPatterns = checkRedirect(redirect, problems);
    const routes = hasType(problems, "routes", args.routes, "list", "[{ name, hostnames, priority, target }]")
        ? (args.routes ?? [])
        : [];
    const routedHosts = new Map<string, string>();
    const routeRules = checkRoutes(routes, problems, routedHosts);
    const hostRedirectRules = checkHostRedirects(args.redirects, problems, routedHosts);
    const signInPaths = args.authenticate?.paths;
    const signInRules = Array.isArray(signInPaths) && signInPaths.length > 0 ? packRuleValues(signInPaths).length : 0;
    checkRuleQuota(args.maxRulesPerLoadBalancer, redirectPatterns, routeRules, routes.length > 0, problems, {
        redirects: hostRedirectRules,
        "authenticate.paths": signInRules,
    });
    if (redirect.statusCode !== undefined && redirect.statusCode !== 301 && redirect.statusCode !== 302) {
        problems.add(
            "httpsRedirect.statusCode",
            `${quote("httpsRedirect.statusCode", display(redirect.statusCode))} is not a redirect status the HTTPS redirect uses: use 301 (permanent) or 302 (temporary)`,
        );
    }
    const httpPort = args.httpPort ?? DEFAULT_HTTP_PORT;
    const httpsPort = args.httpsPort ?? DEFAULT_HTTPS_PORT;
    for (const [prop, port] of [
        ["httpPort", httpPort],
        ["httpsPort", httpsPort],
    ] as const) {
        const p = portProblem(port, prop);
        if (p) problems.add(prop, p);
    }
    if (typeof httpPort === "number" && httpPort === httpsPort) {
        problems.add(
            "httpsPort",
            `\`httpsPort\` '${httpsPort}' equals \`httpPort\`: the HTTP listener would redirect to itself in a loop; use different ports (80 and 443)`,
        );
    }
    if (
        hasType(problems, "idleTimeoutSeconds", args.idleTimeoutSeconds, "number", "60") &&
        args.idleTimeoutSeconds !== undefined &&
        (!Number.isInteger(args.idleTimeoutSeconds) || args.idleTimeoutSeconds < 1 || args.idleTimeoutSeconds > 4000)
    ) {
        problems.add(
            "idleTimeoutSeconds",
            `${quote("idleTimeoutSeconds", args.idleTimeoutSeconds)} is out of range: the ALB accepts 1 to 4000 seconds`,
        );
    }
    for (const flag of ["allowLegacyTls", "deletionProtection"] as const)
        hasType(problems, flag, args[flag], "boolean", "true or false");
    checkTarget(args.target, problems);
    checkIngress(args, problems);
    checkLoadBalancerAttributes(args, problems);
    checkScheme(args, problems);
    checkWaf(args.waf, problems);
    checkMutualAuthentication(args.mutualAuthentication, problems);
    checkAuthenticate(args, problems);
    checkLogDelivery(args.accessLogs, problems, "accessLogs");
    checkLogDelivery(args.connectionLogs, problems, "connectionLogs");
    checkTags(args.tags, problems, "tags");
    return { sslPolicy, legacyTls: (minimumTlsMinor(sslPolicy) ?? 2) < 2 };
}

function resolveSslPolicy(args: ListenerSettings, problems: Problems): string {
    if (!hasType(problems, "sslPolicy", args.sslPolicy, "string", "'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'"))
        return DEFAULT_SSL_POLICY;
    if (
        args.tlsProfile !== undefined &&
        !(
            typeof args.tlsProfile === "string" &&
            Object.prototype.hasOwnProperty.call(TLS_PROFILE_POLICIES, args.tlsProfile)
        )
    ) {
        problems.add(
            "tlsProfile",
            `${quote("tlsProfile", display(args.tlsProfile))} is not a TLS profile: use ${Object.keys(
                TLS_PROFILE_POLICIES,
            )
                .map((k) => `'${k}'`)
                .join(", ")}, or name a policy in \`sslPolicy\``,
        );
    }
    if (args.tlsProfile !== undefined && args.sslPolicy !== undefined) {
        problems.add(
            "tlsProfile",
            "`tlsProfile` and `sslPolicy` are both set: a profile is a short name for a policy; set one of them",
        );
    }
    const sslPolicy = args.sslPolicy ?? TLS_PROFILE_POLICIES[args.tlsProfile ?? ""] ?? DEFAULT_SSL_POLICY;
    const policyProblem = sslPolicyProblem(sslPolicy, args.allowLegacyTls ?? false);
    if (policyProblem) problems.add("sslPolicy", policyProblem);
    return sslPolicy;
}

/** Checks the redirect policy; returns the path patterns that become listener rules. */
function checkRedirect(redirect: HttpsRedirectArgs, problems: Problems): string[] {
    const mode = redirect.mode ?? RedirectMode.All;
    if (!Object.values(RedirectMode).includes(mode)) {
        problems.add(
            "httpsRedirect.mode",
            `${quote("httpsRedirect.mode", display(mode))} is not a redirect mode: use 'all', 'paths', 'except' or 'off'`,
        );
        return [];
    }
    if (!hasType(problems, "httpsRedirect.paths", redirect.paths, "list", "['/admin/*']")) return [];
    const paths = redirect.paths ?? [];
    const needsPaths = mode === RedirectMode.Paths || mode === RedirectMode.Except;
    if (needsPaths && paths.length === 0) {
        const what = mode === RedirectMode.Paths ? "redirect to HTTPS" : "stay on HTTP";
        problems.add(
            "httpsRedirect.paths",
            `\`httpsRedirect.paths\` is empty but \`httpsRedirect.mode\` is '${mode}': list the path patterns that ${what}, e.g. '/admin/*'`,
        );
    }
    if (!needsPaths && paths.length > 0) {
        problems.add(
            "httpsRedirect.paths",
            `\`httpsRedirect.paths\` is set but \`httpsRedirect.mode\` is '${mode}', which ignores it: set the mode to 'paths' or 'except', or drop the paths`,
        );
    }
    const patternProblems = pathPatternsProblems(paths, "httpsRedirect.paths");
    for (const { path, reason } of patternProblems) problems.add(path, reason);
    // Counted by packing (five patterns and five wildcards at most per rule), not by count alone.
    return needsPaths && patternProblems.length === 0 ? paths : [];
}

/** Checks host routes (names, hostnames, non-overlapping priorities, targets); returns how many rules they take. */
function checkRoutes(routes: HostRouteArgs[], problems: Problems, hosts: Map<string, string>): number {
    const names = new Set<string>();
    const ranges: { from: number; to: number; at: string }[] = [];
    routes.forEach((route, i) => {
        const at = `routes[${i}]`;
        if (!hasType(problems, at, route, "object", "{ name, hostnames, priority, target }")) return;
        if (typeof route.name !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(route.name)) {
            problems.add(
                `${at}.name`,
                `${quote(`${at}.name`, display(route.name))} is not a route name: use lower-case letters, digits and hyphens (it names the route's resources)`,
            );
        } else if (names.has(route.name)) {
            problems.add(
                `${at}.name`,
                `${quote(`${at}.name`, route.name)} is used by another route: give each route its own name`,
            );
        }
        names.add(route.name);
        const hostnames = hasType(problems, `${at}.hostnames`, route.hostnames, "list", "['app.example.com']")
            ? (route.hostnames ?? [])
            : [];
        if (Array.isArray(route.hostnames) && route.hostnames.length === 0) {
            problems.add(`${at}.hostnames`, `\`${at}.hostnames\` is empty: list the hostnames this route serves`);
        } else if (route.hostnames === undefined) {
            problems.add(`${at}.hostnames`, `\`${at}.hostnames\` is empty: list the hostnames this route serves`);
        }
        hostnames.forEach((raw, j) => {
            const path = `${at}.hostnames[${j}]`;
            if (typeof raw !== "string") return void hasType(problems, path, raw, "string", "'app.example.com'");
            const reasons = hostnameProblems(raw, path);
            if (reasons.length > 0) return problems.addAll(path, reasons);
            const host = normalizeHostname(raw);
            const headerProblem = hostHeaderProblem(host, raw, path);
            if (headerProblem) return problems.add(path, headerProblem);
            const other = hosts.get(host);
            if (other)
                return problems.add(
                    path,
                    `${quote(path, raw)} is already routed by \`${other}\`: a hostname goes to one route`,
                );
            hosts.set(host, path);
        });
        const count = ruleCount(hostnames.length);
        if (hasType(problems, `${at}.priority`, route.priority, "number", "10")) {
            const priorityProblem = rulePriorityProblem(route.priority, count, `${at}.priority`, "the route");
            if (priorityProblem) {
                problems.add(`${at}.priority`, priorityProblem);
            } else {
                const range = { from: route.priority, to: route.priority + count - 1, at };
                const clash = ranges.find((r) => range.from <= r.to && r.from <= range.to);
                if (clash) {
                    problems.add(
                        `${at}.priority`,
                        `\`${at}.priority\` ${range.from}–${range.to} overlaps \`${clash.at}.priority\` ${clash.from}–${clash.to}: a route with n hostnames takes ceil(n/5) consecutive priorities; space the routes further apart`,
                    );
                }
                ranges.push(range);
            }
        }
        checkTarget(route.target, problems, `${at}.target`);
        if (!route.target)
            problems.add(`${at}.target`, `\`${at}.target\` is missing: say where the route's requests go`);
    });
    return ranges.reduce((sum, r) => sum + (r.to - r.from + 1), 0);
}

/**
 * Checks `allowedCidrs`: a list (an empty one is refused: it would silently
 * mean anywhere), each a network address (TF's IPv4/IPv6CIDRNetworkAddress
 * validators), none repeated once normalised (EC2 would see one permission twice).
 */
function checkAllowedCidrs(cidrs: unknown, problems: Problems): void {
    if (!hasType(problems, "allowedCidrs", cidrs, "list", "['203.0.113.0/24']") || cidrs === undefined) return;
    const list = cidrs as unknown[];
    if (list.length === 0) {
        problems.add(
            "allowedCidrs",
            `${quote("allowedCidrs", "[]")} is an empty list, which would allow no source yet silently means anywhere: omit \`allowedCidrs\` to allow anywhere, or list the blocks to allow, e.g. ['203.0.113.0/24']`,
        );
        return;
    }
    const seen = new Map<string, string>();
    list.forEach((cidr, i) => {
        const path = `allowedCidrs[${i}]`;
        const p = cidrProblem(cidr as string, path);
        if (p) return problems.add(path, p);
        const canonical = normalizeCidr(cidr as string);
        const first = seen.get(canonical);
        if (first !== undefined) {
            return problems.add(
                path,
                `${quote(path, cidr)} is the same block as \`${first}\` ('${canonical}'): list each block once`,
            );
        }
        seen.set(canonical, path);
    });
}

function checkRuleQuota(
    maxRules: number | undefined,
    redirectPatterns: string[],
    routeRules: number,
    hasRoutes: boolean,
    problems: Problems,
    /** Rules of other options (host redirects, sign-in paths), by the property that makes them. */
    others: Record<string, number> = {},
): void {
    const max = maxRules ?? DEFAULT_MAX_RULES_PER_LOAD_BALANCER;
    if (typeof max !== "number" || !Number.isInteger(max) || max < 1) {
        problems.add(
            "maxRulesPerLoadBalancer",
            `${quote("maxRulesPerLoadBalancer", display(max))} must be a whole number, at least 1`,
        );
        return;
    }
    const redirectRules = redirectPatterns.length > 0 ? packRuleValues(redirectPatterns).length : 0;
    const otherRules = Object.values(others).reduce((a, b) => a + b, 0);
    if (redirectRules + routeRules + otherRules <= max) return;
    if (otherRules > 0) {
        const parts = [
            ...(routeRules > 0 ? [`\`routes\` ${routeRules}`] : []),
            ...(redirectRules > 0 ? [`\`httpsRedirect.paths\` ${redirectRules}`] : []),
            ...Object.entries(others)
                .filter(([, n]) => n > 0)
                .map(([prop, n]) => `\`${prop}\` ${n}`),
        ];
        const at = Object.entries(others).find(([, n]) => n > 0)?.[0] ?? "routes";
        problems.add(
            at,
            `the listener rules (${parts.join(", ")}) add up to ${redirectRules + routeRules + otherRules}, more than the ${max} rules a load balancer allows: use fewer, spread them over several load balancers, or raise \`maxRulesPerLoadBalancer\` once AWS has raised your quota`,
        );
    } else if (hasRoutes) {
        problems.add(
            "routes",
            `\`routes\` take ${routeRules} listener rules (5 hostnames per rule)${redirectRules > 0 ? ` and \`httpsRedirect.paths\` ${redirectRules}` : ""}, more than the ${max} rules a load balancer allows: spread the names over fewer routes or several load balancers, or raise \`maxRulesPerLoadBalancer\` once AWS has raised your quota`,
        );
    } else {
        problems.add("httpsRedirect.paths", ruleQuotaProblem(redirectPatterns, 0, max, "httpsRedirect.paths")!);
    }
}

/** Records every problem of one target; `at` is its property path (`target`, `routes[0].target`). */
export function checkTarget(target: TargetArgs | undefined, problems: Problems, at = "target"): void {
    if (!target) return;
    if (!hasType(problems, at, target, "object", "{ port: 8080 }")) return;
    const type = target.targetType;
    if (type !== undefined && !Object.values(TargetType).includes(type)) {
        problems.add(
            `${at}.targetType`,
            `${quote(`${at}.targetType`, display(type))} is not a target type: use 'ip', 'instance' or 'lambda'`,
        );
    }
    const lambda = type === TargetType.Lambda;
    if (target.port !== undefined) {
        const p = portProblem(target.port, `${at}.port`);
        if (p) problems.add(`${at}.port`, p);
        if (lambda)
            problems.add(
                `${at}.port`,
                `\`${at}.port\` is set for a Lambda target: Lambda targets take no port; remove it`,
            );
    }
    if (target.protocol !== undefined && target.protocol !== "HTTP" && target.protocol !== "HTTPS") {
        problems.add(
            `${at}.protocol`,
            `${quote(`${at}.protocol`, display(target.protocol))} is not a target protocol: use 'HTTP' or 'HTTPS'`,
        );
    }
    const enabled = target.healthCheckEnabled;
    if (
        hasType(problems, `${at}.healthCheckEnabled`, enabled, "boolean", "true or false") &&
        enabled === false &&
        !lambda &&
        target.targetGroupArn === undefined
    ) {
        // CreateTargetGroup, HealthCheckEnabled: "If the target type is instance or ip, health checks are always enabled and cannot be disabled."
        problems.add(
            `${at}.healthCheckEnabled`,
            `${quote(`${at}.healthCheckEnabled`, enabled)} is not possible for '${type ?? "ip"}' targets: AWS always health-checks ip and instance targets; remove it`,
        );
    }
    if (target.healthCheckPath !== undefined) {
        const p = healthCheckPathProblem(target.healthCheckPath, `${at}.healthCheckPath`);
        if (p) problems.add(`${at}.healthCheckPath`, p);
    }
    if (target.healthCheckMatcher !== undefined) {
        const p = matcherProblem(target.healthCheckMatcher, `${at}.healthCheckMatcher`);
        if (p) problems.add(`${at}.healthCheckMatcher`, p);
    }
    checkHealthCheckTiming(target, problems, at, lambda);
    if (lambda && enabled !== true && target.targetGroupArn === undefined) {
        for (const field of [
            "healthCheckPath",
            "healthCheckMatcher",
            "healthCheckIntervalSeconds",
            "healthCheckTimeoutSeconds",
            "healthyThreshold",
            "unhealthyThreshold",
        ] as const) {
            if (target[field] !== undefined) {
                problems.add(
                    `${at}.${field}`,
                    `${quote(`${at}.${field}`, display(target[field]))} is set, but a Lambda target's health check is off by default (each check invokes the function): set \`${at}.healthCheckEnabled: true\`, or drop it`,
                );
            }
        }
    }
    if (target.targetGroupArn !== undefined) {
        for (const field of [
            "protocol",
            "targetType",
            "healthCheckEnabled",
            "healthCheckPath",
            "healthCheckMatcher",
        ] as const) {
            if (target[field] !== undefined) {
                problems.add(
                    `${at}.${field}`,
                    `\`${at}.${field}\` is set together with \`${at}.targetGroupArn\`: an adopted target group keeps its own settings; change them where it is defined, or drop \`targetGroupArn\``,
                );
            }
        }
    }
}
