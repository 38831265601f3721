import { AcmeKeyType, AcmeServer } from "./acmeCertificateArgs";

/**
 * Every default the components apply, in one place. Each is named in the TSDoc
 * of the argument it fills ("Defaults to …"), and the README's tables quote them.
 */

/** The package's type-token prefix: `aws-https-domain:index:<ClassName>`. */
export const TYPE_PREFIX = "aws-https-domain:index";

/**
 * TLS policy for HTTPS listeners: AWS's current recommendation (TLS 1.3 and 1.2,
 * restricted ciphers, hybrid post-quantum key exchange). The API's own default,
 * `ELBSecurityPolicy-2016-08`, still allows TLS 1.0 and 1.1, so the components
 * never leave `sslPolicy` unset.
 */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

/** Listener ports. */
export const DEFAULT_HTTP_PORT = 80;
export const DEFAULT_HTTPS_PORT = 443;

/** HTTP→HTTPS redirect status code: 301, permanent and cacheable by browsers (sent as `HTTP_301`). */
export const DEFAULT_REDIRECT_STATUS_CODE = 301;

/** Target group defaults (an HTTP service on port 80, registered by IP as on Fargate). */
export const DEFAULT_TARGET_PORT = 80;
export const DEFAULT_TARGET_PROTOCOL = "HTTP";
export const DEFAULT_TARGET_TYPE = "ip";
export const DEFAULT_HEALTH_CHECK_PATH = "/";
/**
 * Health checks as AWS defaults them (ELB API reference, CreateTargetGroup: HTTP/HTTPS targets interval 30 s,
 * timeout 5 s, healthy threshold 5, unhealthy threshold 2, matcher 200; Lambda targets interval 35 s, timeout 30 s,
 * thresholds 5 and 5). Set explicitly: terraform-provider-aws defaults both thresholds to 3.
 */
export const DEFAULT_HEALTH_CHECK_MATCHER = "200";
export const DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS = 30;
export const DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS = 5;
export const DEFAULT_HEALTHY_THRESHOLD = 5;
export const DEFAULT_UNHEALTHY_THRESHOLD = 2;
export const LAMBDA_UNHEALTHY_THRESHOLD = 5;

/** What the HTTPS listener answers when no target is configured. */
export const NO_TARGET_RESPONSE = {
    statusCode: "503",
    contentType: "text/plain",
    messageBody: "No target is configured for this hostname yet.",
};

/** ALB idle timeout, seconds (the AWS default). */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

/** ACM's default quota of names (domain name + alternatives) on one certificate. */
export const DEFAULT_MAX_NAMES_PER_CERTIFICATE = 10;

/** Key algorithm for ACM-issued certificates: the widest client compatibility. */
export const DEFAULT_ACM_KEY_ALGORITHM = "RSA_2048";

/** TTL of DNS validation CNAMEs, seconds. */
export const DEFAULT_VALIDATION_RECORD_TTL = 300;

/** The minimum number of subnets (in distinct availability zones) an ALB needs. */
export const MIN_ALB_SUBNETS = 2;

/** Warn this many days before expiry unless told otherwise. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

/** The ACME server when none is given: staging, so that first runs do not burn production rate limits. */
export const ACME_DEFAULT_SERVER = AcmeServer.LetsEncryptStaging;

/** The certificate key type when none is given. */
export const ACME_DEFAULT_KEY_TYPE = AcmeKeyType.P256;

/** Renew when fewer than this many days are left (checked on every `pulumi up` / refresh). */
export const ACME_DEFAULT_MIN_DAYS_REMAINING = 30;

/** Do not revoke certificates on destroy or replacement (revocation counts against nothing useful and breaks rollbacks). */
export const ACME_DEFAULT_REVOKE_ON_DESTROY = false;

/** Suggested TTL for records created by hand, seconds. */
export const REQUIRED_RECORD_TTL = 300;

/**
 * Health-check timing of a Lambda target group when its health check is on:
 * AWS's own Lambda defaults (CreateTargetGroup: "If the target type is lambda,
 * the default is 35 seconds" for HealthCheckIntervalSeconds and 30 for
 * HealthCheckTimeoutSeconds). The provider's defaults (interval 30, timeout
 * unset → 30 for Lambda) are refused: the interval must exceed the timeout.
 */
export const LAMBDA_HEALTH_CHECK_INTERVAL_SECONDS = 35;

export const LAMBDA_HEALTH_CHECK_TIMEOUT_SECONDS = 30;

/** The ALB's default quota of rules per load balancer (not counting default actions). */
export const DEFAULT_MAX_RULES_PER_LOAD_BALANCER = 100;

/** The load balancer's default quota of certificates besides its default one (served by SNI). */
export const DEFAULT_MAX_CERTIFICATES_PER_LOAD_BALANCER = 25;

/**
 * Days before expiry at which the expiry alarm of an ACM-issued, imported or CSR certificate fires. ACM itself
 * starts its daily "Approaching Expiration" events 30 days before a public certificate expires (ACM User Guide,
 * "Amazon EventBridge support for ACM"), so fewer days left on an ACM-renewed certificate means its managed
 * renewal has failed; for a certificate you renew yourself it leaves a month to buy and install the next one.
 */
export const EXPIRY_ALARM_DEFAULT_DAYS = 30;

/**
 * Share of an ACME certificate's renewal window (the days before expiry in which each `pulumi up` renews it) that
 * passes before the expiry alarm fires: a half. With the default window of 30 days on a 90-day certificate and a
 * daily pipeline, renewal is tried on 15 days before the alarm fires at 15 days left, and 15 days remain to fix it.
 */
export const EXPIRY_ALARM_ACME_WINDOW_SHARE = 0.5;

/** Days a log object is kept in a log bucket the components create (S3 lifecycle expiration). */
export const DEFAULT_LOG_RETENTION_DAYS = 90;

/** Days after which an unfinished multipart upload to a created log bucket is aborted (no orphaned parts are billed). */
export const LOG_BUCKET_ABORT_MULTIPART_DAYS = 7;

/** Header a CDN sends with `originSecret` unless another is named. */
export const DEFAULT_ORIGIN_SECRET_HEADER = "X-Origin-Verify";

/** Priority of the HTTPS listener rule that forwards requests carrying the origin secret (routes are refused with it). */
export const ORIGIN_SECRET_RULE_PRIORITY = 1;

/** What the HTTPS listener answers a request without the origin secret. */
export const ORIGIN_SECRET_REFUSAL = { statusCode: "403", contentType: "text/plain", messageBody: "Forbidden" };

/** Priority of the first host redirect rule; further redirects count down from it (routes use low priorities). */
export const HOST_REDIRECT_FIRST_PRIORITY = 50000;

/** Priority of the first path rule of `authenticate.paths`; routes must stay below it. */
export const AUTH_PATH_FIRST_PRIORITY = 40000;
