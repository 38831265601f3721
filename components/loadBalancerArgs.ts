/**
 * Argument types that `HttpsLoadBalancer` and `CustomDomain` share: target,
 * redirect policy, HSTS and security headers, TLS profile, address type.
 * Their validation lives in `internal/listenerChecks.ts`.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Which IP versions the load balancer answers on. */
export enum IpAddressType {
    /** IPv4 only. */
    Ipv4 = "ipv4",
    /** IPv4 and IPv6 (the subnets need IPv6 CIDRs); adds AAAA records and IPv6 ingress. */
    Dualstack = "dualstack",
    /**
     * Public IPv6 only, private IPv4 towards the targets (no public IPv4 charges): clients must use IPv6, so only
     * AAAA records and IPv6 ingress are created. Internet-facing Application Load Balancers only.
     */
    DualstackWithoutPublicIpv4 = "dualstack-without-public-ipv4",
}

/** Who can reach the load balancer. */
export enum LoadBalancerScheme {
    /** Public addresses, reachable from the internet (in public subnets). */
    InternetFacing = "internet-facing",
    /** Private addresses only, reachable from inside the VPC and networks connected to it (in private subnets). */
    Internal = "internal",
}

/** How the load balancer treats requests that may be HTTP desync attacks (`routing.http.desync_mitigation_mode`). */
export enum DesyncMitigationMode {
    /** Forwards every request, only classifying them. */
    Monitor = "monitor",
    /** Blocks requests classified as severe (AWS's default). */
    Defensive = "defensive",
    /** Forwards only requests that comply with RFC 7230. */
    Strictest = "strictest",
}

/** What the load balancer does with `X-Forwarded-For` (`routing.http.xff_header_processing.mode`). */
export enum XffHeaderProcessingMode {
    /** Appends the client's address (AWS's default). */
    Append = "append",
    /** Passes the header on unchanged. */
    Preserve = "preserve",
    /** Removes the header. */
    Remove = "remove",
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
    /**
     * Whether the load balancer health-checks the targets. Defaults to true for `ip` and `instance` targets (AWS
     * cannot turn their health checks off, so false is refused) and to false for `lambda` targets (AWS's own
     * default: every check invokes the function). When true for Lambda, checks run every 35 seconds with a
     * 30-second timeout (AWS's Lambda defaults; the interval must exceed the timeout).
     */
    healthCheckEnabled?: boolean;
    /** Health-check path: starts with `/`, at most 1024 characters, no spaces. Defaults to `/`. */
    healthCheckPath?: string;
    /** HTTP codes that count as healthy, e.g. `200` or `200-399`, each from 200 to 499 (what AWS accepts). Defaults to `200` (AWS's default). */
    healthCheckMatcher?: string;
    /** Seconds between health checks, 5 to 300, more than the timeout. Defaults to 30 (35 for Lambda), AWS's defaults. */
    healthCheckIntervalSeconds?: number;
    /** Seconds without a response that fail a check, 2 to 120. Defaults to 5 (30 for Lambda), AWS's defaults. */
    healthCheckTimeoutSeconds?: number;
    /** Consecutive successes before a target is healthy, 2 to 10. Defaults to 5, AWS's default (the provider's own is 3). */
    healthyThreshold?: number;
    /** Consecutive failures before a target is unhealthy, 2 to 10. Defaults to 2 (5 for Lambda), AWS's defaults (the provider's own is 3). */
    unhealthyThreshold?: number;
}

/** A hostname that redirects to another (e.g. `www.example.com` → `example.com`), keeping path and query. */
export interface HostRedirectArgs {
    /** The name redirected away from; the certificate must cover it (`CustomDomain` checks that it is one of its names). */
    from: string;
    /** The name redirected to (on the same HTTPS port). */
    to: string;
    /** 301 (permanent) or 302 (temporary). Defaults to 301. */
    statusCode?: number;
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
    /** Sends `X-Content-Type-Options: nosniff`. Defaults to false (no header on a new listener; turning it off later leaves a sent header in place, with a warning). */
    contentTypeOptions?: boolean;
    /** `X-Frame-Options`: `DENY`, `SAMEORIGIN` or `ALLOW-FROM <origin>`. Defaults to none (removing it later leaves a sent header in place, with a warning). */
    frameOptions?: string;
    /** `Content-Security-Policy`, e.g. `default-src 'self'`. Defaults to none (removing it later leaves a sent header in place, with a warning). */
    contentSecurityPolicy?: string;
    /** Removes the `Server` response header. Defaults to false. */
    hideServerHeader?: boolean;
}

/** HTTP Strict Transport Security, sent on HTTPS responses only. Browsers remember it: roll out with a small max-age first. */
export interface HstsArgs {
    /**
     * How long browsers insist on HTTPS, in whole seconds from 0 to 2147483648 (2^31, the most an HTTP
     * delta-seconds means), e.g. 300 while testing, 31536000 for a year. 0 withdraws the policy.
     */
    maxAgeSeconds: number;
    /** Applies the policy to every subdomain too. Defaults to false. */
    includeSubDomains?: boolean;
    /** Asks to be in browsers' preload lists (needs a one-year max-age and includeSubDomains). Defaults to false. */
    preload?: boolean;
}

/** A log bucket the component creates for the load balancer's logs. */
export interface LogBucketArgs {
    /** Days after which log objects expire (an S3 lifecycle rule). Defaults to 90. */
    retentionDays?: number;
    /** Lets `pulumi destroy` delete the bucket with the logs still in it. Defaults to false: a destroy fails while logs remain. */
    forceDestroy?: boolean;
}

/**
 * Where the load balancer writes logs in S3: an existing bucket (`bucket`), or
 * one the component creates (`create`) with public access blocked, SSE-S3,
 * lifecycle expiry and the bucket policy Elastic Load Balancing needs. Exactly one of the two.
 */
export interface LogDeliveryArgs {
    /**
     * An existing bucket's name, in the load balancer's Region (refused at deployment when S3 reports another
     * Region), encrypted with SSE-S3, whose policy lets Elastic Load Balancing put objects under
     * `<prefix>/AWSLogs/<account>/`: see the README, "Access logs". Defaults to none: set this or `create`.
     */
    bucket?: pulumi.Input<string>;
    /** Creates a bucket for the logs. Defaults to none: set this or `bucket`. */
    create?: LogBucketArgs;
    /** Key prefix inside the bucket (without `AWSLogs`, which ELB adds). Defaults to none. */
    prefix?: pulumi.Input<string>;
}

/** S3 access logs of the load balancer (the same shape as `LogDeliveryArgs`). */
export type AccessLogsArgs = LogDeliveryArgs;

/**
 * A secret header that a CDN in front of the load balancer adds to every origin request: requests without it
 * get a 403, so nobody reaches the load balancer around the CDN (and its WAF, caching, geo rules).
 */
export interface OriginSecretArgs {
    /** Name of the header the CDN adds (CloudFront: an origin custom header). Defaults to `X-Origin-Verify`. */
    headerName?: string;
    /**
     * The header's value: 16 to 128 characters without `*` or `?` (a listener rule reads them as wildcards; the
     * comparison ignores case). Pass it as a Pulumi secret (`config.requireSecret`): it stays one in state.
     */
    value: pulumi.Input<string>;
}

/** What the HTTPS listener does with client certificates (mutual TLS). */
export enum MutualAuthenticationMode {
    /** The load balancer checks each client certificate against the trust store and refuses the connection otherwise. */
    Verify = "verify",
    /** The load balancer passes the client's certificate chain to targets in `X-Amzn-Mtls-Clientcert*` headers, unchecked. */
    Passthrough = "passthrough",
}

/** The CA certificates that client certificates must chain to. Exactly one of the two. */
export interface TrustStoreArgs {
    /**
     * PEM text of the CA certificates (root and intermediate CAs, no leaf), checked before anything is sent: every
     * certificate a CA, none expired. Uploaded to a private bucket the component creates. Defaults to none.
     */
    caBundlePem?: string;
    /** `s3://bucket/key` of a CA bundle already in S3 (in the load balancer's Region). Defaults to none. */
    s3Uri?: string;
    /**
     * Certificate revocation lists: a client certificate listed in one is refused in `verify` mode. Each entry is one
     * CRL and becomes one trust store revocation, named by the CRL's content (`crlPem`) or its `s3Uri`, so reordering
     * the list changes nothing; the same CRL twice is refused. At most 30 per trust store (ELB quota). Defaults to none.
     */
    revocationLists?: TrustStoreRevocationListArgs[];
}

/** One certificate revocation list (RFC 5280 CRL) of a trust store. Exactly one of `crlPem` and `s3Uri`. */
export interface TrustStoreRevocationListArgs {
    /**
     * PEM text of one CRL (`-----BEGIN X509 CRL-----`; convert a DER CRL, e.g. AWS Private CA's, with
     * `openssl crl -inform DER -in crl.der -out crl.pem`), checked before anything is sent: it parses, its next update
     * is not past, and, when the bundle is given as `caBundlePem`, one of its CAs issued and signed it. Uploaded to the
     * trust store's bucket under a key derived from its content. Defaults to none.
     */
    crlPem?: string;
    /**
     * `s3://bucket/key` of a PEM CRL already in S3 (in the load balancer's Region). ELB reads it once, when the
     * revocation is added: a CRL rewritten at the same key is not re-read unless `s3ObjectVersion` changes. Defaults to none.
     */
    s3Uri?: string;
    /** The S3 object version of `s3Uri` to read (versioned buckets); a new version replaces the revocation. Defaults to the latest. */
    s3ObjectVersion?: string;
}

/** Mutual TLS on the HTTPS listener. */
export interface MutualAuthenticationArgs {
    /** `verify` (check client certificates against `trustStore`) or `passthrough` (forward them to targets). */
    mode: MutualAuthenticationMode;
    /** The CAs client certificates must chain to; required for `verify`, refused for `passthrough`. Defaults to none. */
    trustStore?: TrustStoreArgs;
    /** Accepts expired client certificates (`verify` only). Defaults to false. */
    ignoreClientCertificateExpiry?: boolean;
}

/** What the load balancer does with a request from a user who has not signed in. */
export enum UnauthenticatedRequestAction {
    /** Redirects to the identity provider's sign-in (AWS's default). */
    Authenticate = "authenticate",
    /** Answers 401 Unauthorized (for APIs called by scripts). */
    Deny = "deny",
    /** Forwards the request without user claims. */
    Allow = "allow",
}

/** An OpenID Connect identity provider (every endpoint over HTTPS). */
export interface OidcArgs {
    /** The issuer, e.g. `https://login.example.com`. */
    issuer: string;
    /** Authorization endpoint (`https://…`). */
    authorizationEndpoint: string;
    /** Token endpoint (`https://…`). */
    tokenEndpoint: string;
    /** User info endpoint (`https://…`). */
    userInfoEndpoint: string;
    /** The OAuth client id registered for the load balancer. */
    clientId: pulumi.Input<string>;
    /** The OAuth client secret: pass it as a Pulumi secret (`config.requireSecret`); it stays one in state. */
    clientSecret: pulumi.Input<string>;
}

/** An Amazon Cognito user pool. */
export interface CognitoArgs {
    /** ARN of the user pool. */
    userPoolArn: pulumi.Input<string>;
    /** The app client id of the user pool. */
    clientId: pulumi.Input<string>;
    /** The user pool's domain prefix (or its custom domain). */
    domain: pulumi.Input<string>;
}

/** Sign-in at the load balancer before any HTTPS request reaches a target. Exactly one of `oidc` and `cognito`. */
export interface AuthenticateArgs {
    /** An OIDC identity provider. Defaults to none. */
    oidc?: OidcArgs;
    /** A Cognito user pool. Defaults to none. */
    cognito?: CognitoArgs;
    /** What a request without a session gets: `authenticate`, `deny` or `allow`. Defaults to AWS's `authenticate`. */
    onUnauthenticatedRequest?: UnauthenticatedRequestAction;
    /** Claims requested, space separated. Defaults to AWS's `openid`. */
    scope?: string;
    /** Name of the session cookie. Defaults to AWS's `AWSELBAuthSessionCookie`. */
    sessionCookieName?: string;
    /** Session lifetime in seconds, 1 to 604800 (7 days). Defaults to AWS's 604800. */
    sessionTimeoutSeconds?: number;
    /**
     * Only these routes (by `name`) sign in. With `routes` or `paths` set, the rest of the load balancer does not.
     * Defaults to every route and the default target.
     */
    routes?: string[];
    /**
     * Only these path patterns of the default target sign in (e.g. `/admin/*`), as HTTPS listener rules at
     * priorities 40000 upwards (routes' rules, at lower priorities, come first). Defaults to every path.
     */
    paths?: string[];
}

/** A baseline web ACL the component creates: AWS managed rule groups and an optional per-IP rate limit, with metrics. */
export interface WafCreateArgs {
    /** Blocks an IP address that sends more than this many requests in 5 minutes (100 to 2000000000). Defaults to no rate limit. */
    rateLimitPerIp?: number;
    /** Only counts what the rules would block (metrics and sampled requests, nothing blocked): for a first rollout. Defaults to false. */
    countOnly?: boolean;
}

/** AWS WAF in front of the load balancer: an existing regional web ACL, or a baseline one created here. Exactly one of the two. */
export interface WafArgs {
    /** ARN of an existing WAFv2 web ACL of scope REGIONAL in the load balancer's Region. Defaults to none: set this or `create`. */
    webAclArn?: pulumi.Input<string>;
    /**
     * Creates a web ACL with the AWS managed rule groups Core rule set, Known bad inputs and Amazon IP reputation
     * list (and the rate limit, if given), each with CloudWatch metrics and sampled requests. Defaults to none: set this or `webAclArn`.
     */
    create?: WafCreateArgs;
    /** Lets requests through when the load balancer cannot reach AWS WAF (`waf.fail_open.enabled`). Defaults to false (AWS's default: such requests fail). */
    failOpen?: boolean;
}

/**
 * Load balancer settings that `HttpsLoadBalancer` and `CustomDomain` share
 * (with `existingLoadBalancer`, only `target`, `ipAddressType` and `tags` apply).
 */
export interface LoadBalancerOptions {
    /** `ipv4`, `dualstack` or `dualstack-without-public-ipv4`. Defaults to `ipv4`. */
    ipAddressType?: IpAddressType;
    /**
     * `internet-facing` or `internal` (private addresses, private subnets; with no source given the security group
     * admits the VPC's own CIDR blocks, not anywhere; `CustomDomain` then needs `privateZone`). Changing it replaces
     * the load balancer. Defaults to `internet-facing`.
     */
    scheme?: LoadBalancerScheme;
    /**
     * Source CIDRs (IPv4 or IPv6) allowed to reach the listeners. Each must be a network address
     * (`198.51.100.0/24`, not `198.51.100.7/24`), listed once; IPv6 is rewritten to the canonical form EC2
     * stores (`2001:DB8::/32` → `2001:db8::/32`, with a warning). An empty list is refused. Defaults to
     * anywhere (`0.0.0.0/0`, plus `::/0` when dual-stack): omit it for that.
     */
    allowedCidrs?: string[];
    /**
     * Managed prefix lists (`pl-…`) allowed to reach the HTTPS listener, e.g. CloudFront's origin-facing list
     * (`aws.ec2.getManagedPrefixListOutput({ name: "com.amazonaws.global.cloudfront.origin-facing" }).id`, given as
     * a plain id). HTTPS only: a rule counts as the list's maximum entries against the security group's rule quota
     * (CloudFront's list counts 55 of the default 60). Listing any source (CIDRs, prefix lists, security groups)
     * replaces the default "anywhere". Defaults to none.
     */
    allowedPrefixListIds?: string[];
    /** Security groups (`sg-…`) whose members may reach both listener ports, e.g. a VPN's or a bastion's. Defaults to none. */
    allowedSecurityGroupIds?: string[];
    /**
     * Security groups (`sg-…`) of the targets: the load balancer may then connect only to members of these on the
     * target ports. Defaults to none: egress to every IPv4 CIDR block of the VPC (and every IPv6 block when
     * dual-stack), through a managed prefix list kept in step with the VPC.
     */
    targetSecurityGroupIds?: string[];
    /** A secret header a CDN must send; other requests get 403 (needs `httpsRedirect.mode` 'all' and no `routes`). Defaults to none. */
    originSecret?: OriginSecretArgs;
    /** Where HTTPS requests go. Defaults to none: the HTTPS listener answers a fixed 503 "No target is configured for this hostname yet." */
    target?: TargetArgs;
    /** Groups of hostnames routed to their own targets by host-header rules on the HTTPS listener; other requests go to `target`. Defaults to none. */
    routes?: HostRouteArgs[];
    /** Which HTTP requests redirect to HTTPS (all, only some paths, all but some paths, or none). Defaults to every request, with a 301. */
    httpsRedirect?: HttpsRedirectArgs;
    /** Most listener rules the load balancer may hold (the ALB quota). Defaults to 100; raise it only after AWS raises your quota. */
    maxRulesPerLoadBalancer?: number;
    /** ALB security policy name of the HTTPS listener. Defaults to `ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`. */
    sslPolicy?: string;
    /** Short name for a policy, instead of `sslPolicy`: `modern` (TLS 1.3 only), `compatible` (the default) or `fips`. */
    tlsProfile?: TlsProfile;
    /** Permits an `sslPolicy` that accepts TLS 1.0 or 1.1 (a warning is still logged). Defaults to false. */
    allowLegacyTls?: boolean;
    /**
     * Strict-Transport-Security header on HTTPS responses only. Defaults to none: a new listener sends no
     * header. Leaving it out later does not remove a header set before (the AWS provider never sends an empty
     * value); to withdraw a policy set `maxAgeSeconds: 0`, which sends `max-age=0` and makes browsers forget it.
     */
    hsts?: HstsArgs;
    /**
     * Security headers on HTTPS responses (nosniff, frame options, CSP, hiding `Server`). Defaults to none.
     * `hideServerHeader` can be turned on and off again; the other three, once sent, stay on the listener when
     * turned off (there is no "off" value and the provider never sends an empty one): a warning then says how
     * to remove them by hand.
     */
    securityHeaders?: SecurityHeadersArgs;
    /** HTTP listener port. Defaults to 80. */
    httpPort?: number;
    /** HTTPS listener port. Defaults to 443. */
    httpsPort?: number;
    /**
     * Physical name of the load balancer (1–32 letters, digits and hyphens, not starting with `internal-`).
     * Defaults to a name derived from the component name plus a hash of project, stack and identity,
     * valid for any component or stack name. Set it to keep the name of a load balancer created by 0.1.0.
     */
    loadBalancerName?: string;
    /** Protects the load balancer from deletion (a destroy then fails until it is turned off). Defaults to false. */
    deletionProtection?: boolean;
    /** Idle connection timeout in seconds. Defaults to 60. */
    idleTimeoutSeconds?: number;
    /** Desync mitigation: `monitor`, `defensive` or `strictest`. Defaults to AWS's `defensive`. */
    desyncMitigationMode?: DesyncMitigationMode;
    /** HTTP/2 between clients and the load balancer. Defaults to true (AWS's default). */
    http2?: boolean;
    /** `X-Forwarded-For` handling: `append`, `preserve` or `remove`. Defaults to AWS's `append`. */
    xffHeaderProcessingMode?: XffHeaderProcessingMode;
    /** Adds the client's source port to `X-Forwarded-For`. Defaults to false. */
    xffClientPort?: boolean;
    /** Sends the client's `Host` header to targets unchanged (with its port). Defaults to false. */
    preserveHostHeader?: boolean;
    /** Seconds a client connection is kept before the load balancer closes it, 60 to 604800. Defaults to 3600 (AWS's default). */
    clientKeepAliveSeconds?: number;
    /** Adds `x-amzn-tls-version` and `x-amzn-tls-cipher-suite` headers to requests sent to targets. Defaults to false. */
    tlsHeadersToTargets?: boolean;
    /** Hostnames that redirect to others (`www` → apex), as HTTPS listener rules at priorities 50000 downwards. Defaults to none. */
    redirects?: HostRedirectArgs[];
    /**
     * Sign-in (OIDC or Cognito) as the first action of HTTPS requests that reach a target: the default action,
     * every route and the origin-secret rule, or only the `routes` and `paths` it names (needs
     * `httpsRedirect.mode` 'all'). Defaults to none.
     */
    authenticate?: AuthenticateArgs;
    /** Mutual TLS: client certificates verified against a trust store, or passed through to targets. Defaults to off. */
    mutualAuthentication?: MutualAuthenticationArgs;
    /** AWS WAF: an existing web ACL (`webAclArn`) or a baseline one (`create`), and `failOpen`. Defaults to none. */
    waf?: WafArgs;
    /** S3 access logs (one entry per request): an existing bucket, or `{ create: {} }` for a bucket made for them. Defaults to off. */
    accessLogs?: LogDeliveryArgs;
    /** S3 connection logs (client address, TLS protocol and cipher, client certificate, per connection), like `accessLogs`. Defaults to off. */
    connectionLogs?: LogDeliveryArgs;
    /** Tags for every taggable child: at most 50, keys up to 128 and values up to 256 characters, no key starting with `aws:`. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The `LoadBalancerOptions` keys, to pass them from `CustomDomain` to `HttpsLoadBalancer` and to refuse the owner's ones on a shared load balancer. */
export const LOAD_BALANCER_OPTION_KEYS = [
    "ipAddressType",
    "scheme",
    "allowedCidrs",
    "allowedPrefixListIds",
    "allowedSecurityGroupIds",
    "targetSecurityGroupIds",
    "originSecret",
    "target",
    "routes",
    "httpsRedirect",
    "maxRulesPerLoadBalancer",
    "sslPolicy",
    "tlsProfile",
    "allowLegacyTls",
    "hsts",
    "securityHeaders",
    "httpPort",
    "httpsPort",
    "loadBalancerName",
    "deletionProtection",
    "idleTimeoutSeconds",
    "desyncMitigationMode",
    "http2",
    "xffHeaderProcessingMode",
    "xffClientPort",
    "preserveHostHeader",
    "clientKeepAliveSeconds",
    "tlsHeadersToTargets",
    "redirects",
    "waf",
    "mutualAuthentication",
    "authenticate",
    "accessLogs",
    "connectionLogs",
    "tags",
] as const satisfies readonly (keyof LoadBalancerOptions)[];

// Compile-time check that every option key is listed, so CustomDomain never drops a new option silently.
type UnlistedOption = Exclude<keyof LoadBalancerOptions, (typeof LOAD_BALANCER_OPTION_KEYS)[number]>;
const everyOptionListed: [UnlistedOption] extends [never] ? true : UnlistedOption = true;
void everyOptionListed;
