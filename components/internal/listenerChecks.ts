/**
 * Validation of the listener settings that `HttpsLoadBalancer` and
 * `CustomDomain` share; every problem is recorded, none thrown.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_HTTP_PORT, DEFAULT_HTTPS_PORT, DEFAULT_SSL_POLICY, MIN_ALB_SUBNETS } from "../defaults";
import { HostRouteArgs, HttpsRedirectArgs, LoadBalancerOptions, IpAddressType, RedirectMode, TargetArgs, TargetType } from "../loadBalancerArgs";
import { cidrProblem, hstsProblems, matcherProblem, portProblem } from "./listenerRules";
import { knownNow, Problems, quote } from "./problems";
import { DEFAULT_MAX_RULES_PER_LOAD_BALANCER, pathPatternsProblems, ruleCount, rulePriorityProblem, ruleQuotaProblem, VALUES_PER_CONDITION } from "./redirectRules";
import { hostnameProblems, normalizeHostname } from "./hostnames";
import { securityHeaderProblems } from "./responseHeaders";
import { minimumTlsMinor, sslPolicyProblem, TLS_PROFILE_POLICIES } from "./tlsPolicies";

/** Settings that `HttpsLoadBalancer` and `CustomDomain` share, checked by `checkListenerSettings`. */
export interface ListenerSettings extends LoadBalancerOptions {
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Why `count` subnets are too few for an ALB, or `undefined`. Also checked at deployment when the ids are Outputs. */
export function subnetCountProblem(count: number): string | undefined {
    return count < MIN_ALB_SUBNETS
        ? `\`subnetIds\` has ${count}: an Application Load Balancer needs at least ${MIN_ALB_SUBNETS} public subnets in different availability zones`
        : undefined;
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
            problems.add("subnetIds", "`subnetIds` lists a subnet twice: give distinct public subnets in different availability zones");
        }
    }
    const sslPolicy = resolveSslPolicy(args, problems);

    if (args.ipAddressType !== undefined && !Object.values(IpAddressType).includes(args.ipAddressType)) {
        problems.add("ipAddressType", `${quote("ipAddressType", args.ipAddressType)} is not an address type: use 'ipv4' or 'dualstack'`);
    }
    (args.allowedCidrs ?? []).forEach((cidr, i) => {
        const p = cidrProblem(cidr, `allowedCidrs[${i}]`);
        if (p) problems.add(`allowedCidrs[${i}]`, p);
    });
    if (args.hsts) problems.addAll("hsts", hstsProblems(args.hsts));

    if (args.securityHeaders) {
        for (const [path, reason] of securityHeaderProblems(args.securityHeaders)) problems.add(path, reason);
    }
    const redirect = args.httpsRedirect ?? {};
    const redirectPatterns = checkRedirect(redirect, problems);
    const routeRules = checkRoutes(args.routes ?? [], problems);
    checkRuleQuota(args.maxRulesPerLoadBalancer, redirectPatterns, routeRules, args.routes !== undefined && args.routes.length > 0, problems);
    if (redirect.statusCode !== undefined && redirect.statusCode !== 301 && redirect.statusCode !== 302) {
        problems.add("httpsRedirect.statusCode", `${quote("httpsRedirect.statusCode", redirect.statusCode)} is not a redirect status the HTTPS redirect uses: use 301 (permanent) or 302 (temporary)`);
    }
    const httpPort = args.httpPort ?? DEFAULT_HTTP_PORT;
    const httpsPort = args.httpsPort ?? DEFAULT_HTTPS_PORT;
    for (const [prop, port] of [["httpPort", httpPort], ["httpsPort", httpsPort]] as const) {
        const p = portProblem(port, prop);
        if (p) problems.add(prop, p);
    }
    if (httpPort === httpsPort) {
        problems.add("httpsPort", `\`httpsPort\` '${httpsPort}' equals \`httpPort\`: the HTTP listener would redirect to itself in a loop; use different ports (80 and 443)`);
    }
    if (args.idleTimeoutSeconds !== undefined && (!Number.isInteger(args.idleTimeoutSeconds) || args.idleTimeoutSeconds < 1 || args.idleTimeoutSeconds > 4000)) {
        problems.add("idleTimeoutSeconds", `${quote("idleTimeoutSeconds", args.idleTimeoutSeconds)} is out of range: the ALB accepts 1 to 4000 seconds`);
    }
    checkTarget(args.target, problems);
    return { sslPolicy, legacyTls: (minimumTlsMinor(sslPolicy) ?? 2) < 2 };
}

function resolveSslPolicy(args: ListenerSettings, problems: Problems): string {
    if (args.tlsProfile !== undefined && !(args.tlsProfile in TLS_PROFILE_POLICIES)) {
        problems.add("tlsProfile", `${quote("tlsProfile", args.tlsProfile)} is not a TLS profile: use ${Object.keys(TLS_PROFILE_POLICIES).map((k) => `'${k}'`).join(", ")}, or name a policy in \`sslPolicy\``);
    }
    if (args.tlsProfile !== undefined && args.sslPolicy !== undefined) {
        problems.add("tlsProfile", "`tlsProfile` and `sslPolicy` are both set: a profile is a short name for a policy; set one of them");
    }
    const sslPolicy = args.sslPolicy ?? TLS_PROFILE_POLICIES[args.tlsProfile ?? ""] ?? DEFAULT_SSL_POLICY;
    const policyProblem = sslPolicyProblem(sslPolicy, args.allowLegacyTls ?? false);
    if (policyProblem) problems.add("sslPolicy", policyProblem);
    return sslPolicy;
}

/** Checks the redirect policy; returns how many path patterns become listener rules. */
function checkRedirect(redirect: HttpsRedirectArgs, problems: Problems): number {
    const mode = redirect.mode ?? RedirectMode.All;
    if (!Object.values(RedirectMode).includes(mode)) {
        problems.add("httpsRedirect.mode", `${quote("httpsRedirect.mode", mode)} is not a redirect mode: use 'all', 'paths', 'except' or 'off'`);
        return 0;
    }
    const paths = redirect.paths ?? [];
    const needsPaths = mode === RedirectMode.Paths || mode === RedirectMode.Except;
    if (needsPaths && paths.length === 0) {
        const what = mode === RedirectMode.Paths ? "redirect to HTTPS" : "stay on HTTP";
        problems.add("httpsRedirect.paths", `\`httpsRedirect.paths\` is empty but \`httpsRedirect.mode\` is '${mode}': list the path patterns that ${what}, e.g. '/admin/*'`);
    }
    if (!needsPaths && paths.length > 0) {
        problems.add("httpsRedirect.paths", `\`httpsRedirect.paths\` is set but \`httpsRedirect.mode\` is '${mode}', which ignores it: set the mode to 'paths' or 'except', or drop the paths`);
    }
    for (const { path, reason } of pathPatternsProblems(paths, "httpsRedirect.paths")) problems.add(path, reason);
    return needsPaths ? paths.length : 0;
}

/** Checks host routes (names, hostnames, non-overlapping priorities, targets); returns how many rules they take. */
function checkRoutes(routes: HostRouteArgs[], problems: Problems): number {
    const names = new Set<string>();
    const hosts = new Map<string, string>();
    const ranges: { from: number; to: number; at: string }[] = [];
    routes.forEach((route, i) => {
        const at = `routes[${i}]`;
        if (!/^[a-z0-9][a-z0-9-]*$/.test(route.name ?? "")) {
            problems.add(`${at}.name`, `${quote(`${at}.name`, route.name)} is not a route name: use lower-case letters, digits and hyphens (it names the route's resources)`);
        } else if (names.has(route.name)) {
            problems.add(`${at}.name`, `${quote(`${at}.name`, route.name)} is used by another route: give each route its own name`);
        }
        names.add(route.name);
        if (!Array.isArray(route.hostnames) || route.hostnames.length === 0) {
            problems.add(`${at}.hostnames`, `\`${at}.hostnames\` is empty: list the hostnames this route serves`);
        }
        (route.hostnames ?? []).forEach((raw, j) => {
            const path = `${at}.hostnames[${j}]`;
            const reasons = hostnameProblems(raw, path);
            if (reasons.length > 0) return problems.addAll(path, reasons);
            const host = normalizeHostname(raw);
            const other = hosts.get(host);
            if (other) return problems.add(path, `${quote(path, raw)} is already routed by \`${other}\`: a hostname goes to one route`);
            hosts.set(host, path);
        });
        const count = ruleCount((route.hostnames ?? []).length);
        const priorityProblem = rulePriorityProblem(route.priority, count, `${at}.priority`, "the route");
        if (priorityProblem) {
            problems.add(`${at}.priority`, priorityProblem);
        } else {
            const range = { from: route.priority, to: route.priority + count - 1, at };
            const clash = ranges.find((r) => range.from <= r.to && r.from <= range.to);
            if (clash) {
                problems.add(`${at}.priority`, `\`${at}.priority\` ${range.from}–${range.to} overlaps \`${clash.at}.priority\` ${clash.from}–${clash.to}: a route with n hostnames takes ceil(n/5) consecutive priorities; space the routes further apart`);
            }
            ranges.push(range);
        }
        checkTarget(route.target, problems, `${at}.target`);
        if (!route.target) problems.add(`${at}.target`, `\`${at}.target\` is missing: say where the route's requests go`);
    });
    return ranges.reduce((sum, r) => sum + (r.to - r.from + 1), 0);
}

function checkRuleQuota(maxRules: number | undefined, redirectPatterns: number, routeRules: number, hasRoutes: boolean, problems: Problems): void {
    const max = maxRules ?? DEFAULT_MAX_RULES_PER_LOAD_BALANCER;
    if (!Number.isInteger(max) || max < 1) {
        problems.add("maxRulesPerLoadBalancer", `${quote("maxRulesPerLoadBalancer", max)} must be a whole number, at least 1`);
        return;
    }
    const redirectRules = Math.ceil(redirectPatterns / VALUES_PER_CONDITION);
    if (redirectRules + routeRules <= max) return;
    if (hasRoutes) {
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
    const type = target.targetType;
    if (type !== undefined && !Object.values(TargetType).includes(type)) {
        problems.add(`${at}.targetType`, `${quote(`${at}.targetType`, type)} is not a target type: use 'ip', 'instance' or 'lambda'`);
    }
    if (target.port !== undefined) {
        const p = portProblem(target.port, `${at}.port`);
        if (p) problems.add(`${at}.port`, p);
        if (type === TargetType.Lambda) problems.add(`${at}.port`, `\`${at}.port\` is set for a Lambda target: Lambda targets take no port; remove it`);
    }
    if (target.protocol !== undefined && target.protocol !== "HTTP" && target.protocol !== "HTTPS") {
        problems.add(`${at}.protocol`, `${quote(`${at}.protocol`, target.protocol)} is not a target protocol: use 'HTTP' or 'HTTPS'`);
    }
    if (target.healthCheckPath !== undefined && !target.healthCheckPath.startsWith("/")) {
        problems.add(`${at}.healthCheckPath`, `${quote(`${at}.healthCheckPath`, target.healthCheckPath)} must start with '/'`);
    }
    if (target.healthCheckMatcher !== undefined) {
        const p = matcherProblem(target.healthCheckMatcher, `${at}.healthCheckMatcher`);
        if (p) problems.add(`${at}.healthCheckMatcher`, p);
    }
    if (target.targetGroupArn !== undefined) {
        for (const field of ["protocol", "targetType", "healthCheckPath", "healthCheckMatcher"] as const) {
            if (target[field] !== undefined) {
                problems.add(`${at}.${field}`, `\`${at}.${field}\` is set together with \`${at}.targetGroupArn\`: an adopted target group keeps its own settings; change them where it is defined, or drop \`targetGroupArn\``);
            }
        }
    }
}
