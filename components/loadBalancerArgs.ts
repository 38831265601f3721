/**
 * Argument types of `HttpsLoadBalancer` that `CustomDomain` shares (target,
 * redirect, HSTS, address type), and their validation.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_HTTP_PORT, DEFAULT_HTTPS_PORT, DEFAULT_SSL_POLICY, MIN_ALB_SUBNETS } from "./defaults";
import { cidrProblem, hstsProblems, matcherProblem, portProblem } from "./internal/listenerRules";
import { knownNow, Problems, quote } from "./internal/problems";
import { sslPolicyProblem } from "./internal/tlsPolicies";

/** Which IP versions the load balancer answers on. */
export enum IpAddressType {
    /** IPv4 only. */
    Ipv4 = "ipv4",
    /** IPv4 and IPv6 (the subnets need IPv6 CIDRs); adds AAAA records and IPv6 ingress. */
    Dualstack = "dualstack",
}

/** How targets are registered in the target group. */
export enum TargetType {
    /** By IP address (ECS on Fargate, anything in the VPC). */
    Ip = "ip",
    /** By EC2 instance id. */
    Instance = "instance",
    /** A Lambda function (no port or protocol). */
    Lambda = "lambda",
}

/** Which HTTP requests are redirected to HTTPS. */
export enum RedirectMode {
    /** Every request on the HTTP listener is redirected (the default). */
    All = "all",
    /** No redirect: HTTP is forwarded to the target like HTTPS (a warning is logged). */
    Off = "off",
}

/** Where the load balancer sends requests. */
export interface TargetArgs {
    /** Adopt an existing target group by ARN instead of creating one. Give `port` too so the security group can allow it. */
    targetGroupArn?: pulumi.Input<string>;
    /** Port the targets listen on. Defaults to 80 (ignored for Lambda). */
    port?: number;
    /** Protocol to the targets: `HTTP` or `HTTPS`. Defaults to `HTTP`. */
    protocol?: string;
    /** How targets are registered: `ip`, `instance` or `lambda`. Defaults to `ip`. */
    targetType?: TargetType;
    /** Health-check path. Defaults to `/`. */
    healthCheckPath?: string;
    /** HTTP codes that count as healthy, e.g. `200` or `200-399`. Defaults to `200-399`. */
    healthCheckMatcher?: string;
}

/** HTTP→HTTPS redirect settings. */
export interface HttpsRedirectArgs {
    /** `all` (every request) or `off`. Defaults to `all`. */
    mode?: RedirectMode;
    /** 301 (permanent) or 302 (temporary). Defaults to 301. */
    statusCode?: number;
}

/** HTTP Strict Transport Security, sent on HTTPS responses only. Browsers remember it: roll out with a small max-age first. */
export interface HstsArgs {
    /** How long browsers insist on HTTPS, in seconds (e.g. 300 while testing, 31536000 for a year). */
    maxAgeSeconds: number;
    /** Applies the policy to every subdomain too. Defaults to false. */
    includeSubDomains?: boolean;
    /** Asks to be in browsers' preload lists (needs a one-year max-age and includeSubDomains). Defaults to false. */
    preload?: boolean;
}

/** S3 access logs of the load balancer. */
export interface AccessLogsArgs {
    /** Bucket name (its policy must let the regional ELB account write). */
    bucket: pulumi.Input<string>;
    /** Key prefix inside the bucket. Defaults to none. */
    prefix?: pulumi.Input<string>;
}

/** Settings that `HttpsLoadBalancer` and `CustomDomain` share, checked by `checkListenerSettings`. */
export interface ListenerSettings {
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    target?: TargetArgs;
    httpsRedirect?: HttpsRedirectArgs;
    sslPolicy?: string;
    allowLegacyTls?: boolean;
    hsts?: HstsArgs;
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

/** Records every problem in the shared settings; returns the resolved TLS policy. */
export function checkListenerSettings(args: ListenerSettings, problems: Problems): { sslPolicy: string } {
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
    const sslPolicy = args.sslPolicy ?? DEFAULT_SSL_POLICY;
    const policyProblem = sslPolicyProblem(sslPolicy, args.allowLegacyTls ?? false);
    if (policyProblem) problems.add("sslPolicy", policyProblem);

    if (args.ipAddressType !== undefined && !Object.values(IpAddressType).includes(args.ipAddressType)) {
        problems.add("ipAddressType", `${quote("ipAddressType", args.ipAddressType)} is not an address type: use 'ipv4' or 'dualstack'`);
    }
    (args.allowedCidrs ?? []).forEach((cidr, i) => {
        const p = cidrProblem(cidr, `allowedCidrs[${i}]`);
        if (p) problems.add(`allowedCidrs[${i}]`, p);
    });
    if (args.hsts) problems.addAll("hsts", hstsProblems(args.hsts));

    const redirect = args.httpsRedirect ?? {};
    if (redirect.mode !== undefined && !Object.values(RedirectMode).includes(redirect.mode)) {
        problems.add("httpsRedirect.mode", `${quote("httpsRedirect.mode", redirect.mode)} is not a redirect mode: use 'all' or 'off'`);
    }
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
    return { sslPolicy };
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
