/**
 * Validation of the listener settings that `HttpsLoadBalancer` and
 * `CustomDomain` share; every problem is recorded, none thrown.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_HTTP_PORT, DEFAULT_HTTPS_PORT, DEFAULT_SSL_POLICY, MIN_ALB_SUBNETS } from "../defaults";
import { HstsArgs, HttpsRedirectArgs, IpAddressType, RedirectMode, SecurityHeadersArgs, TargetArgs, TargetType, TlsProfile } from "../loadBalancerArgs";
import { cidrProblem, hstsProblems, matcherProblem, portProblem } from "./listenerRules";
import { knownNow, Problems, quote } from "./problems";
import { DEFAULT_MAX_RULES_PER_LOAD_BALANCER, pathPatternsProblems, ruleQuotaProblem } from "./redirectRules";
import { securityHeaderProblems } from "./responseHeaders";
import { minimumTlsMinor, sslPolicyProblem, TLS_PROFILE_POLICIES } from "./tlsPolicies";

/** Settings that `HttpsLoadBalancer` and `CustomDomain` share, checked by `checkListenerSettings`. */
export interface ListenerSettings {
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    target?: TargetArgs;
    httpsRedirect?: HttpsRedirectArgs;
    sslPolicy?: string;
    tlsProfile?: TlsProfile;
    allowLegacyTls?: boolean;
    hsts?: HstsArgs;
    securityHeaders?: SecurityHeadersArgs;
    maxRulesPerLoadBalancer?: number;
    ipAddressType?: IpAddressType;
    allowedCidrs?: string[];
    httpPort?: number;
    httpsPort?: number;
    idleTimeoutSeconds?: number;
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
    checkRedirect(redirect, args.maxRulesPerLoadBalancer, problems);
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

function checkRedirect(redirect: HttpsRedirectArgs, maxRules: number | undefined, problems: Problems): void {
    const mode = redirect.mode ?? RedirectMode.All;
    if (!Object.values(RedirectMode).includes(mode)) {
        problems.add("httpsRedirect.mode", `${quote("httpsRedirect.mode", mode)} is not a redirect mode: use 'all', 'paths', 'except' or 'off'`);
        return;
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
    const max = maxRules ?? DEFAULT_MAX_RULES_PER_LOAD_BALANCER;
    if (!Number.isInteger(max) || max < 1) {
        problems.add("maxRulesPerLoadBalancer", `${quote("maxRulesPerLoadBalancer", max)} must be a whole number, at least 1`);
    } else if (needsPaths) {
        const quota = ruleQuotaProblem(paths.length, 0, max, "httpsRedirect.paths");
        if (quota) problems.add("httpsRedirect.paths", quota);
    }
}

function checkTarget(target: TargetArgs | undefined, problems: Problems): void {
    if (!target) return;
    const type = target.targetType;
    if (type !== undefined && !Object.values(TargetType).includes(type)) {
        problems.add("target.targetType", `${quote("target.targetType", type)} is not a target type: use 'ip', 'instance' or 'lambda'`);
    }
    if (target.port !== undefined) {
        const p = portProblem(target.port, "target.port");
        if (p) problems.add("target.port", p);
        if (type === TargetType.Lambda) problems.add("target.port", "`target.port` is set for a Lambda target: Lambda targets take no port; remove it");
    }
    if (target.protocol !== undefined && target.protocol !== "HTTP" && target.protocol !== "HTTPS") {
        problems.add("target.protocol", `${quote("target.protocol", target.protocol)} is not a target protocol: use 'HTTP' or 'HTTPS'`);
    }
    if (target.healthCheckPath !== undefined && !target.healthCheckPath.startsWith("/")) {
        problems.add("target.healthCheckPath", `${quote("target.healthCheckPath", target.healthCheckPath)} must start with '/'`);
    }
    if (target.healthCheckMatcher !== undefined) {
        const p = matcherProblem(target.healthCheckMatcher, "target.healthCheckMatcher");
        if (p) problems.add("target.healthCheckMatcher", p);
    }
    if (target.targetGroupArn !== undefined) {
        for (const field of ["protocol", "targetType", "healthCheckPath", "healthCheckMatcher"] as const) {
            if (target[field] !== undefined) {
                problems.add(`target.${field}`, `\`target.${field}\` is set together with \`target.targetGroupArn\`: an adopted target group keeps its own settings; change them where it is defined, or drop \`targetGroupArn\``);
            }
        }
    }
}
