/**
 * Who may reach the load balancer and where it may connect: managed prefix
 * lists and security groups as sources, the targets' security groups as the
 * egress destination, and the secret header a CDN in front must send.
 *
 * Facts relied on:
 * - A security-group rule that references a managed prefix list counts as the
 *   list's maximum entries against the rules-per-group quota (60 by default);
 *   CloudFront's origin-facing list counts as 55 (AWS Networking blog, "Limit
 *   access to your origins using the AWS-managed prefix list for Amazon
 *   CloudFront"). So a prefix list opens the HTTPS port only: on both ports it
 *   would need 110 and fail in a default account.
 * - Listener rule http-header conditions: the header name matches
 *   `^[0-9A-Za-z_!#$%&'*+,.^\`|~-]{1,40}$` and each value is 1–128 characters
 *   (hashicorp/terraform-provider-aws internal/service/elbv2/listener_rule.go
 *   schema "http_header"); in values `*` and `?` are wildcards (ELB API
 *   reference, HttpHeaderConditionConfig), so a secret must not contain them.
 */
import { DEFAULT_ORIGIN_SECRET_HEADER } from "../../defaults";
import type { LoadBalancerOptions } from "../../loadBalancerArgs";
import { RedirectMode } from "../../loadBalancerArgs";
import { isRecord, typeName, wrongType } from "./inputTypes";
import { knownNow, type Problems, quote } from "./problems";

/** terraform-provider-aws listener_rule.go http_header.http_header_name. */
const HEADER_NAME = /^[0-9A-Za-z_!#$%&'*+,.^`|~-]{1,40}$/;
/** Prefix list and security group ids: the prefix, then 8 or 17 lower-case hex digits (EC2's two id lengths). */
const ID_PATTERN = { "pl-": /^pl-[0-9a-f]{8}(?:[0-9a-f]{9})?$/, "sg-": /^sg-[0-9a-f]{8}(?:[0-9a-f]{9})?$/ } as const;

/** Why a secret header value is unusable, or `undefined`. Never quotes the value: it is a secret. */
export function originSecretValueProblem(value: string, at = "originSecret.value"): string | undefined {
    if (value.length < 16 || value.length > 128)
        return `\`${at}\` has ${value.length} characters: a listener rule compares header values of 1 to 128 characters, and a guessable secret protects nothing; use 16 to 128 random characters (e.g. \`openssl rand -hex 32\`)`;
    if (/[*?]/.test(value))
        return `\`${at}\` contains '*' or '?', which a listener rule reads as wildcards (any request matching the pattern would pass); use letters and digits only`;
    return undefined;
}

function checkIds(value: unknown, at: string, prefix: keyof typeof ID_PATTERN, what: string, problems: Problems) {
    if (value === undefined) return;
    if (!Array.isArray(value))
        return problems.add(
            at,
            wrongType(at, value, "a list", `list ${what} ids, e.g. ['${prefix}0123456789abcdef0']`),
        );
    if (value.length === 0) return problems.add(at, `\`${at}\` is an empty list: omit it, or list ${what} ids`);
    const seen = new Set<string>();
    value.forEach((id, i) => {
        const path = `${at}[${i}]`;
        if (typeof id !== "string")
            return problems.add(
                path,
                wrongType(path, id, "a string", `give ${what} id such as '${prefix}0123456789abcdef0'`),
            );
        if (!ID_PATTERN[prefix].test(id))
            return problems.add(
                path,
                `${quote(path, id)} is not ${what} id: it looks like '${prefix}' followed by 8 or 17 lower-case hex digits`,
            );
        if (seen.has(id)) return problems.add(path, `${quote(path, id)} is listed twice: list each once`);
        seen.add(id);
    });
}

/** Records every problem of the ingress sources, target security groups and origin secret. */
export function checkIngress(args: LoadBalancerOptions, problems: Problems): void {
    checkIds(args.allowedPrefixListIds, "allowedPrefixListIds", "pl-", "a managed prefix list", problems);
    checkIds(args.allowedSecurityGroupIds, "allowedSecurityGroupIds", "sg-", "a security group", problems);
    checkIds(args.targetSecurityGroupIds, "targetSecurityGroupIds", "sg-", "a security group", problems);

    const secret = args.originSecret;
    if (secret === undefined) return;
    if (!isRecord(secret))
        return problems.add(
            "originSecret",
            wrongType(
                "originSecret",
                secret,
                "an object",
                "write `originSecret: { value: config.requireSecret('originSecret') }`",
            ),
        );
    const name = secret.headerName ?? DEFAULT_ORIGIN_SECRET_HEADER;
    if (typeof name !== "string" || !HEADER_NAME.test(name))
        problems.add(
            "originSecret.headerName",
            typeof name === "string"
                ? `${quote("originSecret.headerName", name)} is not an HTTP header name a listener rule accepts: 1 to 40 letters, digits and !#$%&'*+-.^_\`|~`
                : wrongType(
                      "originSecret.headerName",
                      name,
                      "a string",
                      "give a header name such as 'X-Origin-Verify'",
                  ),
        );
    const value = knownNow(secret.value);
    if (secret.value === undefined)
        problems.add(
            "originSecret.value",
            "`originSecret.value` is missing: give the secret the CDN sends, as a Pulumi secret",
        );
    else if (value !== undefined && typeof value !== "string")
        problems.add(
            "originSecret.value",
            `\`originSecret.value\` is ${typeName(value)}, not a string: give the secret as a string`,
        );
    else if (typeof value === "string") {
        const p = originSecretValueProblem(value);
        if (p) problems.add("originSecret.value", p);
    }
    if (args.routes !== undefined && args.routes.length > 0)
        problems.add(
            "routes",
            "`routes` is set together with `originSecret`: host routes forward without checking the secret header; route behind the CDN instead, or drop `originSecret`",
        );
    const mode = args.httpsRedirect?.mode ?? RedirectMode.All;
    if (mode !== RedirectMode.All)
        problems.add(
            "httpsRedirect.mode",
            `\`httpsRedirect.mode\` '${mode}' forwards plain HTTP without checking \`originSecret\`: use 'all' (HTTP only redirects), or drop \`originSecret\``,
        );
}
