/**
 * Response headers the ALB adds on the HTTPS listener (its header-modification
 * attributes): HSTS and security headers.
 *
 * What the provider really sends: terraform-provider-aws
 * internal/service/elbv2/listener.go, `listenerAttributeMap.expand`, skips a
 * string attribute whose value is "" on create and on update (only booleans
 * are always sent), and the attributes are Optional+Computed, so leaving one
 * out keeps whatever AWS has (hashicorp/terraform-provider-aws#43042, #42513).
 * So "" never clears a header, and this module never sends it:
 *
 * - a header that is off is left unset: a new listener has none;
 * - HSTS is withdrawn by sending `max-age=0` (`hsts: { maxAgeSeconds: 0 }`),
 *   which also makes browsers forget a remembered policy (RFC 6797 §6.1.1);
 * - X-Content-Type-Options, X-Frame-Options and Content-Security-Policy have
 *   no "off" value AWS accepts (nosniff is the only X-Content-Type-Options
 *   value; X-Frame-Options takes DENY, SAMEORIGIN or ALLOW-FROM): once set,
 *   they can only be removed outside Pulumi, and a warning says how;
 * - `Server` is a boolean attribute, always sent, so hiding it and showing it
 *   again both work.
 */
import * as pulumi from "@pulumi/pulumi";
import { display, hstsHeaderValue, type HstsSettings, kindOf } from "./listenerValues";
import { quote } from "./problems";

/** Security headers as users give them. */
export interface SecurityHeaderSettings {
    contentTypeOptions?: boolean;
    frameOptions?: string;
    contentSecurityPolicy?: string;
    hideServerHeader?: boolean;
}

/** X-Frame-Options values the ALB accepts. */
export const FRAME_OPTIONS = ["DENY", "SAMEORIGIN"] as const;

/** The longest header value this package sends (ALB attribute values are limited to 1024 characters). */
export const MAX_HEADER_VALUE_LENGTH = 1024;

/** Why these security headers are wrong, as `[property, reason]` pairs. */
export function securityHeaderProblems(headers: SecurityHeaderSettings): [string, string][] {
    const problems: [string, string][] = [];
    if (headers === null || typeof headers !== "object" || Array.isArray(headers)) {
        return [
            [
                "securityHeaders",
                `${quote("securityHeaders", display(headers))} is ${kindOf(headers)}, not an object: write it as { contentTypeOptions: true }`,
            ],
        ];
    }
    for (const [field, kind] of [
        ["contentTypeOptions", "boolean"],
        ["frameOptions", "string"],
        ["contentSecurityPolicy", "string"],
        ["hideServerHeader", "boolean"],
    ] as const) {
        const value = headers[field];
        if (value !== undefined && typeof value !== kind) {
            const example =
                kind === "boolean" ? "true or false" : field === "frameOptions" ? "'DENY'" : "\"default-src 'self'\"";
            problems.push([
                `securityHeaders.${field}`,
                `${quote(`securityHeaders.${field}`, display(value))} is ${kindOf(value)}, not a ${kind}: use ${example}`,
            ]);
        }
    }
    if (problems.length > 0) return problems;
    const frame = headers.frameOptions;
    if (
        frame !== undefined &&
        !(FRAME_OPTIONS as readonly string[]).includes(frame) &&
        !/^ALLOW-FROM https?:\/\/\S+$/.test(frame)
    ) {
        problems.push([
            "securityHeaders.frameOptions",
            `\`securityHeaders.frameOptions\` '${frame}' is not an X-Frame-Options value: use 'DENY', 'SAMEORIGIN' or 'ALLOW-FROM https://…' (or a CSP frame-ancestors directive)`,
        ]);
    }
    const csp = headers.contentSecurityPolicy;
    if (csp !== undefined) {
        if (csp.trim() === "") {
            problems.push([
                "securityHeaders.contentSecurityPolicy",
                "`securityHeaders.contentSecurityPolicy` is empty: give a policy such as \"default-src 'self'\", or leave it out",
            ]);
        } else if (/[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(csp)) {
            problems.push([
                "securityHeaders.contentSecurityPolicy",
                "`securityHeaders.contentSecurityPolicy` contains a line break or control character: write the policy on one line, directives separated by ';'",
            ]);
        } else if (csp.length > MAX_HEADER_VALUE_LENGTH) {
            problems.push([
                "securityHeaders.contentSecurityPolicy",
                `\`securityHeaders.contentSecurityPolicy\` is ${csp.length} characters, the ALB allows at most ${MAX_HEADER_VALUE_LENGTH}: shorten it or set it in the application`,
            ]);
        } else if (!/^\s*[a-z-]+(\s|;|$)/.test(csp)) {
            problems.push([
                "securityHeaders.contentSecurityPolicy",
                `\`securityHeaders.contentSecurityPolicy\` '${csp.slice(0, 40)}' does not start with a directive name: write it like "default-src 'self'; img-src *"`,
            ]);
        }
    }
    return problems;
}

/**
 * The HTTPS listener's header attributes. A header that is off is `undefined`
 * (never "", which the provider would not send): see the module comment.
 */
export interface ListenerHeaderAttributes {
    routingHttpResponseStrictTransportSecurityHeaderValue?: string;
    routingHttpResponseXContentTypeOptionsHeaderValue?: string;
    routingHttpResponseXFrameOptionsHeaderValue?: string;
    routingHttpResponseContentSecurityPolicyHeaderValue?: string;
    routingHttpResponseServerEnabled: boolean;
}

/** The ALB listener attribute key behind each header that cannot be removed through the provider. */
export const HEADER_ATTRIBUTE_KEYS = {
    contentTypeOptions: {
        header: "X-Content-Type-Options",
        key: "routing.http.response.x_content_type_options.header_value",
    },
    frameOptions: { header: "X-Frame-Options", key: "routing.http.response.x_frame_options.header_value" },
    contentSecurityPolicy: {
        header: "Content-Security-Policy",
        key: "routing.http.response.content_security_policy.header_value",
    },
} as const;

/** Maps HSTS and security headers to listener attributes; off headers stay unset. */
export function listenerHeaderAttributes(
    hsts: HstsSettings | undefined,
    headers: SecurityHeaderSettings | undefined,
    parent?: pulumi.Resource,
): ListenerHeaderAttributes {
    for (const warning of securityHeaderOffWarnings(headers)) pulumi.log.warn(warning, parent);
    return {
        routingHttpResponseStrictTransportSecurityHeaderValue: hsts ? hstsHeaderValue(hsts) : undefined,
        routingHttpResponseXContentTypeOptionsHeaderValue: headers?.contentTypeOptions ? "nosniff" : undefined,
        routingHttpResponseXFrameOptionsHeaderValue: headers?.frameOptions || undefined,
        routingHttpResponseContentSecurityPolicyHeaderValue: headers?.contentSecurityPolicy || undefined,
        routingHttpResponseServerEnabled: !(headers?.hideServerHeader ?? false),
    };
}

/**
 * One warning per security header that is off while `securityHeaders` is given:
 * a header set earlier stays on the listener (the provider sends no empty
 * value), and there is no value that turns it off, so the warning says how to
 * remove it by hand.
 */
export function securityHeaderOffWarnings(headers: SecurityHeaderSettings | undefined): string[] {
    if (!headers || typeof headers !== "object") return [];
    const on = {
        contentTypeOptions: headers.contentTypeOptions === true,
        frameOptions: !!headers.frameOptions,
        contentSecurityPolicy: !!headers.contentSecurityPolicy,
    };
    return (Object.keys(HEADER_ATTRIBUTE_KEYS) as (keyof typeof HEADER_ATTRIBUTE_KEYS)[])
        .filter((field) => !on[field])
        .map((field) => {
            const { header, key } = HEADER_ATTRIBUTE_KEYS[field];
            return (
                `securityHeaders.${field} is off: a new HTTPS listener sends no ${header} header, but one set by an earlier deployment stays, ` +
                `because the AWS provider never sends an empty attribute value and ${header} has no value that means off. ` +
                `To remove it, clear "${key}" by hand: in the console (listener → Attributes → Add response headers) or with ` +
                `aws elbv2 modify-listener-attributes --listener-arn <HTTPS listener ARN> --attributes 'Key=${key},Value='`
            );
        });
}
