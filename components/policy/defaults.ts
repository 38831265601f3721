/**
 * The policy pack's configuration defaults, as named constants (each is also
 * the `default` of its policy's config schema, which the Pulumi CLI fills in
 * before the pack sees its config: pulumi/pulumi
 * pkg/resource/analyzer/config.go, `createConfigWithDefaults`).
 */
import { AcmeServer } from "../acmeCertificateArgs";
import { DEFAULT_SSL_POLICY } from "../defaults";
import { HSTS_PRELOAD_MIN_MAX_AGE } from "../internal/rules/listenerValues";

/** The name the ready-to-use pack is published under. */
export const POLICY_PACK_NAME = "aws-https-domain";

/**
 * Redirect status codes an HTTP listener may use. An ALB redirect action
 * takes only `HTTP_301` or `HTTP_302` (AWS ELBv2 API reference,
 * RedirectActionConfig `StatusCode`; pulumi-aws `ListenerDefaultActionRedirect`
 * `statusCode`): 308 cannot be asked for, so the permanent 301 is the default.
 */
export const DEFAULT_REDIRECT_STATUS_CODES = ["HTTP_301"];

/** Paths an HTTP listener may still serve over plain HTTP (ACME HTTP-01 challenges). */
export const DEFAULT_ALLOWED_HTTP_PATHS = ["/.well-known/acme-challenge/*"];

/**
 * TLS policies an HTTPS listener may use: TLS 1.2 and 1.3 (or 1.3 only) with
 * ECDHE key exchange and AEAD (GCM) ciphers only, in the plain, FIPS,
 * post-quantum (PQ) and FIPS+PQ families. Derived from AWS's table of
 * Application Load Balancer security policies
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html):
 * the `-Res-` ("restricted") TLS 1.2 policies and the TLS 1.3-only policies
 * are the ones without CBC (`…-SHA256`/`…-SHA384`/`…-SHA`) and non-ECDHE
 * (`AES128-GCM-SHA256`, …) TLS 1.2 suites; `-Ext0/1/2-`, the unrestricted
 * `TLS13-1-2-…` and every `TLS-1-…`/`FS-…`/2016-08 policy include them or accept TLS 1.0/1.1.
 */
export const DEFAULT_ALLOWED_TLS_POLICIES = [
    DEFAULT_SSL_POLICY,
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
];

/** The policy AWS applies to an HTTPS listener created through the API without one (TLS 1.0+). */
export const API_DEFAULT_TLS_POLICY = "ELBSecurityPolicy-2016-08";

/** Desync mitigation modes a load balancer may use (`monitor` lets every request through). */
export const DEFAULT_ALLOWED_DESYNC_MODES = ["defensive", "strictest"];

/** The mode a load balancer gets when `desyncMitigationMode` is unset (pulumi-aws: "`defensive` (default)"). */
export const PROVIDER_DEFAULT_DESYNC_MODE = "defensive";

/** The least HSTS max-age accepted: one year, what browsers' preload lists ask for. */
export const DEFAULT_HSTS_MIN_MAX_AGE = HSTS_PRELOAD_MIN_MAX_AGE;

/** Stack-name globs treated as production: no ACME staging server there. */
export const DEFAULT_PRODUCTION_STACKS = ["prod*"];

/** ACME directories whose certificates no browser trusts. */
export const DEFAULT_STAGING_SERVER_URLS: string[] = [
    AcmeServer.LetsEncryptStaging,
    AcmeServer.GoogleTrustServicesStaging,
];

/**
 * The least expiry-alarm threshold accepted, in days: one day, the package's own floor (an ACME certificate
 * living 6 days renews 3 days before expiry and alarms at 1, see `acmeAlarmDays`).
 */
export const DEFAULT_EXPIRY_ALARM_MIN_DAYS = 1;
