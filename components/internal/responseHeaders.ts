/**
 * Response headers the ALB adds on the HTTPS listener (its header-modification
 * attributes): HSTS and security headers. Every attribute is always set —
 * to its value, or to "" which resets it — so that turning a header off
 * really removes it from the listener instead of leaving the old value.
 */
import { hstsHeaderValue, HstsSettings } from "./listenerRules";

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
    const frame = headers.frameOptions;
    if (frame !== undefined && !(FRAME_OPTIONS as readonly string[]).includes(frame) && !/^ALLOW-FROM https?:\/\/\S+$/.test(frame)) {
        problems.push([
            "securityHeaders.frameOptions",
            `\`securityHeaders.frameOptions\` '${frame}' is not an X-Frame-Options value: use 'DENY', 'SAMEORIGIN' or 'ALLOW-FROM https://…' (or a CSP frame-ancestors directive)`,
        ]);
    }
    const csp = headers.contentSecurityPolicy;
    if (csp !== undefined) {
        if (csp.trim() === "") {
            problems.push(["securityHeaders.contentSecurityPolicy", "`securityHeaders.contentSecurityPolicy` is empty: give a policy such as \"default-src 'self'\", or leave it out"]);
        } else if (/[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(csp)) {
            problems.push(["securityHeaders.contentSecurityPolicy", "`securityHeaders.contentSecurityPolicy` contains a line break or control character: write the policy on one line, directives separated by ';'"]);
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

/** The HTTPS listener's header attributes, every one set (`""` resets a header that is off). */
export interface ListenerHeaderAttributes {
    routingHttpResponseStrictTransportSecurityHeaderValue: string;
    routingHttpResponseXContentTypeOptionsHeaderValue: string;
    routingHttpResponseXFrameOptionsHeaderValue: string;
    routingHttpResponseContentSecurityPolicyHeaderValue: string;
    routingHttpResponseServerEnabled: boolean;
}

/** Maps HSTS and security headers to listener attributes. */
export function listenerHeaderAttributes(hsts: HstsSettings | undefined, headers: SecurityHeaderSettings | undefined): ListenerHeaderAttributes {
    return {
        routingHttpResponseStrictTransportSecurityHeaderValue: hsts ? hstsHeaderValue(hsts) : "",
        routingHttpResponseXContentTypeOptionsHeaderValue: headers?.contentTypeOptions ? "nosniff" : "",
        routingHttpResponseXFrameOptionsHeaderValue: headers?.frameOptions ?? "",
        routingHttpResponseContentSecurityPolicyHeaderValue: headers?.contentSecurityPolicy ?? "",
        routingHttpResponseServerEnabled: !(headers?.hideServerHeader ?? false),
    };
}
