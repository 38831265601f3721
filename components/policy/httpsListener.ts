/**
 * Policies on one HTTPS listener at a time: its TLS policy is on an
 * allow-list, and (advisory) it sends HSTS with a long enough max-age.
 */
import { type ResourceValidationPolicy } from "@pulumi/policy";
import { minimumTlsMinor } from "../internal/rules/tlsPolicies";
import { LISTENER_TYPES, listenerLabel, listenerProtocol, quoted, terminatesTls } from "./common";
import { API_DEFAULT_TLS_POLICY, DEFAULT_ALLOWED_TLS_POLICIES, DEFAULT_HSTS_MIN_MAX_AGE } from "./defaults";

/** Configuration of {@link tlsPolicyPolicy}. */
export interface TlsPolicyConfig {
    /** TLS policy names allowed. Defaults to {@link DEFAULT_ALLOWED_TLS_POLICIES}. */
    allowedPolicies?: string[];
}

/** Configuration of {@link hstsPolicy}. */
export interface HstsConfig {
    /** The least `max-age` accepted, in seconds. Defaults to 31536000 (one year). */
    minMaxAgeSeconds?: number;
}

/** What else is wrong with a policy name: the TLS versions below 1.2 it accepts, if the name says. */
function why(policy: string): string {
    const minor = minimumTlsMinor(policy);
    return minor !== undefined && minor < 2 ? ` (it accepts TLS 1.${minor})` : "";
}

/** HTTPS (and TLS) listeners use a TLS policy on the allow-list; unset means AWS's TLS 1.0 default. */
export const tlsPolicyPolicy: ResourceValidationPolicy = {
    name: "https-listener-tls-policy",
    description: "HTTPS listeners use a TLS policy on the allow-list (TLS 1.2+ with ECDHE and GCM ciphers only).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedPolicies: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_ALLOWED_TLS_POLICIES,
                description: "ELB security policy names an HTTPS listener may use.",
            },
        },
    },
    validateResource: (args, report) => {
        if (!LISTENER_TYPES.includes(args.type) || !terminatesTls(args.props)) return;
        const allowed = args.getConfig<TlsPolicyConfig>().allowedPolicies ?? DEFAULT_ALLOWED_TLS_POLICIES;
        const label = listenerLabel(args.name, args.props);
        const fix = `set sslPolicy to one of ${quoted(allowed)}`;
        const policy = args.props.sslPolicy;
        if (policy === undefined || policy === "") {
            report(
                `${label} sets no sslPolicy, so AWS applies '${API_DEFAULT_TLS_POLICY}'${why(API_DEFAULT_TLS_POLICY)}: ${fix}.`,
            );
        } else if (!allowed.includes(String(policy))) {
            report(`${label} uses sslPolicy '${String(policy)}'${why(String(policy))}, not on the allow-list: ${fix}.`);
        }
    },
};

/** The `max-age` of a Strict-Transport-Security value, or `undefined` when it has none. */
export function hstsMaxAge(value: string): number | undefined {
    const match = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(value);
    return match ? Number(match[1]) : undefined;
}

/** HTTPS listeners send Strict-Transport-Security with at least the configured max-age (advisory). */
export const hstsPolicy: ResourceValidationPolicy = {
    name: "https-listener-hsts",
    description: "HTTPS listeners send Strict-Transport-Security with at least the configured max-age.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            minMaxAgeSeconds: {
                type: "integer",
                minimum: 0,
                default: DEFAULT_HSTS_MIN_MAX_AGE,
                description: "The least max-age accepted, in seconds.",
            },
        },
    },
    validateResource: (args, report) => {
        if (!LISTENER_TYPES.includes(args.type) || listenerProtocol(args.props) !== "HTTPS") return;
        const min = args.getConfig<HstsConfig>().minMaxAgeSeconds ?? DEFAULT_HSTS_MIN_MAX_AGE;
        const label = listenerLabel(args.name, args.props);
        const fix = `set routingHttpResponseStrictTransportSecurityHeaderValue to 'max-age=${min}' or more (HttpsLoadBalancer: hsts: { maxAgeSeconds: ${min} })`;
        const value = args.props.routingHttpResponseStrictTransportSecurityHeaderValue;
        if (typeof value !== "string" || value === "") {
            report(`${label} sends no Strict-Transport-Security header: ${fix}.`);
            return;
        }
        const age = hstsMaxAge(value);
        if (age === undefined) report(`${label} sends Strict-Transport-Security '${value}' without a max-age: ${fix}.`);
        else if (age < min)
            report(`${label} sends Strict-Transport-Security '${value}', a max-age below ${min} seconds: ${fix}.`);
    },
};
