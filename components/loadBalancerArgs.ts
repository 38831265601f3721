/**
 * Argument types that `HttpsLoadBalancer` and `CustomDomain` share: target,
 * redirect policy, HSTS and security headers, TLS profile, address type.
 * Their validation lives in `internal/listenerChecks.ts`.
 */
import * as pulumi from "@pulumi/pulumi";

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
    /** Only requests matching `paths` are redirected; the rest are forwarded over HTTP to the target. */
    Paths = "paths",
    /** Every request is redirected except those matching `paths` (e.g. a health check), which are forwarded over HTTP. */
    Except = "except",
    /** No redirect: HTTP is forwarded to the target like HTTPS (a warning is logged). */
    Off = "off",
}

/** Short names for ALB security policies. */
export enum TlsProfile {
    /** TLS 1.3 only (`ELBSecurityPolicy-TLS13-1-3-PQ-2025-09`): for clients you control. */
    Modern = "modern",
    /** TLS 1.3 and 1.2, restricted ciphers (`ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`): the default. */
    Compatible = "compatible",
    /** FIPS 140 cryptography, TLS 1.3 and 1.2 (`ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09`). */
    Fips = "fips",
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

/** A group of hostnames routed to its own target (a host-header rule on the HTTPS listener). */
export interface HostRouteArgs {
    /** Stable identity of the route (lower-case letters, digits, hyphens): names its target group and rules. */
    name: string;
    /** Hostnames sent to this target; five share a listener rule. */
    hostnames: string[];
    /** Priority of the route's first rule; a route with n hostnames uses priorities priority … priority + ceil(n/5) − 1. Must not overlap another route's. */
    priority: number;
    /** Where the route's requests go. */
    target: TargetArgs;
}

/** HTTP→HTTPS redirect settings: which requests go to HTTPS. */
export interface HttpsRedirectArgs {
    /** `all`, `paths` (only `paths`), `except` (all but `paths`) or `off`. Defaults to `all`. */
    mode?: RedirectMode;
    /**
     * ALB path patterns for `paths` and `except` modes, e.g. `/admin/*` or `/.well-known/acme-challenge/*`:
     * a leading `/`, at most 128 characters, `*` matches any characters and `?` one. Five patterns share a listener rule.
     */
    paths?: string[];
    /** 301 (permanent) or 302 (temporary). Defaults to 301. */
    statusCode?: number;
}

/** Security headers the load balancer adds to HTTPS responses (values are validated). Defaults to none. */
export interface SecurityHeadersArgs {
    /** Sends `X-Content-Type-Options: nosniff`. Defaults to false. */
    contentTypeOptions?: boolean;
    /** `X-Frame-Options`: `DENY`, `SAMEORIGIN` or `ALLOW-FROM <origin>`. Defaults to none. */
    frameOptions?: string;
    /** `Content-Security-Policy`, e.g. `default-src 'self'`. Defaults to none. */
    contentSecurityPolicy?: string;
    /** Removes the `Server` response header. Defaults to false. */
    hideServerHeader?: boolean;
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
