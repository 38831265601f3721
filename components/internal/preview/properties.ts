/**
 * Which properties the preview shows for each resource type: one table row
 * per type, naming input paths (or cloud-computed attributes) and, where a
 * value needs shaping (a listener action, a security-group rule), a named
 * formatter. Types not in the table show their plain top-level inputs.
 */
import { PlannedResource } from "./plan";
import { formatValue, isSecret, isUnknown, pick, PlanValue, UNKNOWN_TEXT } from "./values";

/** One property line of the preview. */
export interface Field {
    label: string;
    /** Dotted input path (`healthCheck.path`); omitted when `format` reads the whole resource. */
    path?: string;
    /** Read from the component's registered outputs instead of its inputs. */
    output?: true;
    /** A value the cloud assigns at deploy: always shown as unknown. */
    computed?: true;
    /** Name of a formatter in {@link FORMATS}. */
    format?: keyof typeof FORMATS;
}

/** What a formatter needs: the resource and a way to name the resource a URN points at. */
export interface FieldContext {
    resource: PlannedResource;
    nameOf(urn: string): string;
}

type Formatter = (value: PlanValue | undefined, ctx: FieldContext, key: string) => string | undefined;

/** Text for a value; an unknown one says which resource it comes from, when the program said so. */
export function describe(value: PlanValue | undefined, ctx: FieldContext, key: string): string {
    if (isUnknown(value)) {
        const from = (ctx.resource.propertyDependencies[key.split(".")[0]] ?? []).map(ctx.nameOf);
        return from.length ? `(known after deploy, from ${from.join(", ")})` : UNKNOWN_TEXT;
    }
    if (Array.isArray(value) && value.length) return value.map((v) => describe(v, ctx, key)).join(", ");
    return formatValue(value, ctx.nameOf);
}

function obj(value: PlanValue | undefined): Record<string, PlanValue> {
    return value && typeof value === "object" && !Array.isArray(value) && !isUnknown(value) ? (value as Record<string, PlanValue>) : {};
}

function ports(rule: Record<string, PlanValue>, ctx: FieldContext, key: string): string {
    const from = describe(rule.fromPort, ctx, key);
    const to = describe(rule.toPort, ctx, key);
    return from === to ? from : `${from}-${to}`;
}

function action(a: Record<string, PlanValue>, ctx: FieldContext, key: string): string {
    const r = obj(a.redirect);
    switch (a.type) {
        case "redirect": {
            // Unset redirect fields keep the request's own value, which ALB writes as #{field}.
            const part = (field: string, keep: string) => (r[field] === undefined ? keep : formatValue(r[field]));
            const url = `${part("protocol", "#{protocol}")}://${part("host", "#{host}")}:${part("port", "#{port}")}${part("path", "/#{path}")}?${part("query", "#{query}")}`;
            return `redirect ${describe(r.statusCode, ctx, key)} to ${url}`;
        }
        case "forward":
            return `forward to ${describe(a.targetGroupArn ?? pick(a, "forward.targetGroups.0.arn"), ctx, key)}`;
        case "fixed-response": {
            const f = obj(a.fixedResponse);
            return `fixed response ${formatValue(f.statusCode)} ${formatValue(f.contentType)}${f.messageBody ? ` "${formatValue(f.messageBody)}"` : ""}`;
        }
        default:
            return formatValue(a, ctx.nameOf);
    }
}

/** Named formatters the table refers to. */
export const FORMATS = {
    actions: ((v, ctx, key) => (Array.isArray(v) ? v.map((a) => action(obj(a), ctx, key)).join("; ") : undefined)) as Formatter,
    conditions: ((v) =>
        Array.isArray(v)
            ? v
                  .map((c) => Object.entries(obj(c)).map(([kind, spec]) => `${kind} ${formatValue(pick(spec, "values") ?? spec)}`).join(" "))
                  .join(" and ")
            : undefined) as Formatter,
    aliases: ((v, ctx, key) =>
        Array.isArray(v) ? v.map((a) => `alias to ${describe(obj(a).name, ctx, key)} (zone ${describe(obj(a).zoneId, ctx, key)})`).join("; ") : undefined) as Formatter,
    inlineRules: ((v, ctx, key) =>
        Array.isArray(v) && v.length ? v.map((r) => inlineRule(obj(r), ctx, key)).join("; ") : undefined) as Formatter,
    ruleIn: ((_v, ctx) => vpcRule(ctx, "from")) as Formatter,
    ruleOut: ((_v, ctx) => vpcRule(ctx, "to")) as Formatter,
    healthCheck: ((v) => (v ? `${formatValue(obj(v).protocol ?? "HTTP")} ${formatValue(obj(v).path ?? "/")} expects ${formatValue(obj(v).matcher ?? "200")}` : undefined)) as Formatter,
    pem: ((v) => (typeof v === "string" ? `PEM, ${(v.match(/-----BEGIN /g) ?? []).length} block(s)` : v === undefined ? undefined : formatValue(v))) as Formatter,
    scheme: ((v) => (v === true ? "internal" : v === false ? "internet-facing" : undefined)) as Formatter,
    certificateSource: ((_v, ctx) => {
        const i = ctx.resource.inputs;
        if (i.certificateBody !== undefined) return "imported (your PEM certificate, chain and key)";
        if (i.domainName !== undefined) return `requested from ACM, ${formatValue(i.validationMethod ?? "EMAIL")} validation`;
        return undefined;
    }) as Formatter,
};

function inlineRule(rule: Record<string, PlanValue>, ctx: FieldContext, key: string): string {
    const peers = [rule.cidrBlocks, rule.ipv6CidrBlocks, rule.securityGroups].flatMap((p) => (Array.isArray(p) ? p : p === undefined ? [] : [p]));
    return `${formatValue(rule.protocol)} ${ports(rule, ctx, key)} ${peers.length ? formatValue(peers, ctx.nameOf) : "(no peers)"}`;
}

function vpcRule(ctx: FieldContext, direction: "from" | "to"): string {
    const i = ctx.resource.inputs;
    const peer = i.cidrIpv4 ?? i.cidrIpv6 ?? i.referencedSecurityGroupId ?? i.prefixListId;
    const peerKey = ["cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"].find((k) => i[k] !== undefined) ?? "cidrIpv4";
    return `${formatValue(i.ipProtocol)} ${ports(i, ctx, "fromPort")} ${direction} ${describe(peer, ctx, peerKey)}`;
}

const ARN: Field = { label: "arn", computed: true };

/** The table: resource type token → the fields to show, in order. */
export const PROPERTY_TABLE: Record<string, Field[]> = {
    "aws:lb/loadBalancer:LoadBalancer": [
        { label: "type", path: "loadBalancerType" },
        { label: "scheme", path: "internal", format: "scheme" },
        { label: "ip address type", path: "ipAddressType" },
        { label: "subnets", path: "subnets" },
        { label: "security groups", path: "securityGroups" },
        { label: "drop invalid header fields", path: "dropInvalidHeaderFields" },
        { label: "deletion protection", path: "enableDeletionProtection" },
        { label: "idle timeout (s)", path: "idleTimeout" },
        { label: "access logs", path: "accessLogs.bucket" },
        { label: "dns name", computed: true },
    ],
    "aws:lb/listener:Listener": [
        { label: "listen", path: "protocol" },
        { label: "port", path: "port" },
        { label: "tls policy", path: "sslPolicy" },
        { label: "certificate", path: "certificateArn" },
        { label: "hsts header", path: "routingHttpResponseStrictTransportSecurityHeaderValue" },
        { label: "default action", path: "defaultActions", format: "actions" },
    ],
    "aws:lb/listenerRule:ListenerRule": [
        { label: "priority", path: "priority" },
        { label: "when", path: "conditions", format: "conditions" },
        { label: "then", path: "actions", format: "actions" },
    ],
    "aws:lb/listenerCertificate:ListenerCertificate": [
        { label: "listener", path: "listenerArn" },
        { label: "extra certificate (SNI)", path: "certificateArn" },
    ],
    "aws:lb/targetGroup:TargetGroup": [
        { label: "target type", path: "targetType" },
        { label: "protocol", path: "protocol" },
        { label: "port", path: "port" },
        { label: "vpc", path: "vpcId" },
        { label: "health check", path: "healthCheck", format: "healthCheck" },
        ARN,
    ],
    "aws:ec2/securityGroup:SecurityGroup": [
        { label: "vpc", path: "vpcId" },
        { label: "description", path: "description" },
        { label: "inline ingress", path: "ingress", format: "inlineRules" },
        { label: "inline egress", path: "egress", format: "inlineRules" },
        { label: "id", computed: true },
    ],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [{ label: "allow in", format: "ruleIn" }],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [{ label: "allow out", format: "ruleOut" }],
    "aws:acm/certificate:Certificate": [
        { label: "source", format: "certificateSource" },
        { label: "domain", path: "domainName" },
        { label: "alternative names", path: "subjectAlternativeNames" },
        { label: "key algorithm", path: "keyAlgorithm" },
        { label: "certificate body", path: "certificateBody", format: "pem" },
        { label: "chain", path: "certificateChain", format: "pem" },
        { label: "private key", path: "privateKey" },
        ARN,
    ],
    "aws:acm/certificateValidation:CertificateValidation": [
        { label: "certificate", path: "certificateArn" },
        { label: "waits for records", path: "validationRecordFqdns" },
    ],
    "aws:route53/record:Record": [
        { label: "name", path: "name" },
        { label: "type", path: "type" },
        { label: "zone", path: "zoneId" },
        { label: "ttl", path: "ttl" },
        { label: "value", path: "records" },
        { label: "target", path: "aliases", format: "aliases" },
        { label: "allow overwrite", path: "allowOverwrite" },
    ],
    "tls:index/privateKey:PrivateKey": [
        { label: "algorithm", path: "algorithm" },
        { label: "curve", path: "ecdsaCurve" },
        { label: "rsa bits", path: "rsaBits" },
    ],
    "acme:index/registration:Registration": [{ label: "account email", path: "emailAddress" }],
    "acme:index/certificate:Certificate": [
        { label: "common name", path: "commonName" },
        { label: "alternative names", path: "subjectAlternativeNames" },
        { label: "key type", path: "keyType" },
        { label: "renew days before expiry", path: "minDaysRemaining" },
        { label: "dns challenge", path: "dnsChallenges.0.provider" },
        { label: "revoke on destroy", path: "revokeCertificateOnDestroy" },
    ],
    "pulumi:providers:acme": [{ label: "server", path: "serverUrl" }],
    "aws-https-domain:index:CustomDomain": [
        { label: "url", path: "url", output: true },
        { label: "hostnames", path: "hostnames", output: true },
    ],
    "aws-https-domain:index:AcmCertificate": [{ label: "names", path: "hostnames", output: true }],
    "aws-https-domain:index:DnsRecords": [{ label: "names", path: "fqdns", output: true }],
};

// The `aws.alb` module registers the same resources under its own tokens.
for (const [token, fields] of Object.entries(PROPERTY_TABLE)) {
    if (token.startsWith("aws:lb/")) PROPERTY_TABLE[token.replace("aws:lb/", "aws:alb/")] = fields;
}

/** Scalar top-level inputs, for types the table does not know. */
function fallbackFields(resource: PlannedResource): Field[] {
    return Object.entries(resource.inputs)
        .filter(([k, v]) => k !== "tags" && (v === null || typeof v !== "object" || isUnknown(v) || isSecret(v)))
        .slice(0, 8)
        .map(([k]) => ({ label: k, path: k }));
}

/** The (label, text) lines to show for a resource; unset properties are left out. */
export function pickProperties(resource: PlannedResource, nameOf: (urn: string) => string): { label: string; text: string }[] {
    const fields = PROPERTY_TABLE[resource.type] ?? (resource.kind === "component" ? [] : fallbackFields(resource));
    const ctx: FieldContext = { resource, nameOf };
    const lines: { label: string; text: string }[] = [];
    for (const field of fields) {
        if (field.computed) {
            lines.push({ label: field.label, text: UNKNOWN_TEXT });
            continue;
        }
        const source = field.output ? (resource.outputs ?? {}) : resource.inputs;
        const value = field.path ? pick(source, field.path) : undefined;
        if (field.path && value === undefined) continue;
        const text = field.format ? FORMATS[field.format](value, ctx, field.path ?? "") : describe(value, ctx, field.path ?? "");
        if (text !== undefined && !(Array.isArray(value) && value.length === 0)) lines.push({ label: field.label, text });
    }
    return lines;
}
