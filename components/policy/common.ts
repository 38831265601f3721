/**
 * What every policy in this room shares: the type tokens it matches (the
 * `aws:lb` resources and their `aws:alb` aliases), how a value that is
 * unknown during a preview is read without failing the policy, and how a
 * stack policy follows the resource graph (property dependencies).
 *
 * Policies read the resource *inputs* the engine sends (`props`). A value
 * computed from another resource (an ARN, an id) is unknown during a preview:
 * `@pulumi/policy` wraps `props` in a proxy that throws `UnknownValueError` on
 * such a read, and the engine then reports "can't run policy … during preview"
 * as advisory. Where an unknown value is the normal case (a certificate ARN
 * from a validation, a security-group id), the policies use {@link peek} and
 * follow `propertyDependencies` instead.
 */
import { type PolicyResource, UnknownValueError } from "@pulumi/policy";

/** `aws:lb` type tokens with their `aws:alb` aliases (pulumi-aws registers both modules). */
export const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
export const LISTENER_RULE_TYPES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
export const LISTENER_CERTIFICATE_TYPES = [
    "aws:lb/listenerCertificate:ListenerCertificate",
    "aws:alb/listenerCertificate:ListenerCertificate",
];
export const LOAD_BALANCER_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
export const SECURITY_GROUP_TYPE = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS_RULE_TYPE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const SECURITY_GROUP_RULE_TYPE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const ACM_CERTIFICATE_TYPE = "aws:acm/certificate:Certificate";
export const CERTIFICATE_VALIDATION_TYPE = "aws:acm/certificateValidation:CertificateValidation";
export const ACME_PROVIDER_TYPE = "pulumi:providers:acme";

/** True for an ACM certificate made by importing a certificate body and key (ACME, PEM, CSR), not by a request. */
export function isImportedCertificate(resource: PolicyResource): boolean {
    return (
        resource.type === ACM_CERTIFICATE_TYPE &&
        ("certificateBody" in resource.props || "privateKey" in resource.props)
    );
}

/** Marker for a value that is not known until the deployment. */
export const UNKNOWN = Symbol("unknown during preview");

/** Reads `get()`; returns {@link UNKNOWN} instead of throwing when the value is unknown during a preview. */
export function peek<T>(get: () => T): T | typeof UNKNOWN {
    try {
        return get();
    } catch (err) {
        if (err instanceof UnknownValueError) return UNKNOWN;
        throw err;
    }
}

/**
 * A listener's protocol, upper-cased. Unset reads as what terraform-provider-aws
 * sends for an Application Load Balancer (internal/service/elbv2/listener.go,
 * create): `HTTPS` when a `certificateArn` is given, else `HTTP` ("Keep
 * previous default of HTTP for Application Load Balancers").
 */
export function listenerProtocol(props: Record<string, unknown>): string {
    const protocol = props.protocol;
    if (typeof protocol === "string") return protocol.toUpperCase();
    return "certificateArn" in props ? "HTTPS" : "HTTP";
}

/** True for listeners that terminate TLS (HTTPS on an ALB, TLS on an NLB). */
export function terminatesTls(props: Record<string, unknown>): boolean {
    return ["HTTPS", "TLS"].includes(listenerProtocol(props));
}

/** How a listener is named in messages: `HTTP listener 'web-http' (port 80)`. */
export function listenerLabel(name: string, props: Record<string, unknown>): string {
    const port = peek(() => props.port);
    const portText = typeof port === "number" || typeof port === "string" ? ` (port ${port})` : "";
    return `${listenerProtocol(props)} listener '${name}'${portText}`;
}

/** The resources a property's value comes from (its property dependencies). */
export function sourcesOf(resource: PolicyResource, property: string): PolicyResource[] {
    return resource.propertyDependencies?.[property] ?? [];
}

/** The first resource of one of `types` that `property` of `resource` comes from. */
export function sourceOfType(resource: PolicyResource, property: string, types: string[]): PolicyResource | undefined {
    return sourcesOf(resource, property).find((r) => types.includes(r.type));
}

/** The stack name in a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): string {
    return urn.startsWith("urn:pulumi:") ? urn.slice("urn:pulumi:".length).split("::")[0] : "";
}

/** A glob (`*` any characters, `?` one) as an anchored, case-sensitive regular expression. */
export function globToRegExp(glob: string): RegExp {
    const body = glob
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${body}$`);
}

/** A list of strings for messages: `'a', 'b'`. */
export function quoted(values: readonly unknown[]): string {
    return values.map((v) => `'${String(v)}'`).join(", ");
}

/** `value` as an array of strings (a config list or a `values` input), ignoring anything else. */
export function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
