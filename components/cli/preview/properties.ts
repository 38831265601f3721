/**
 * Which properties the preview shows for each resource type: one table row
 * per type, naming input paths (or cloud-computed attributes) and, where a
 * value needs shaping (a listener action, a security-group rule), a named
 * formatter. Types not in the table show their plain top-level inputs.
 */
import { describe, type FieldContext, FORMATS } from "./formatters";
import { nameOfUrn, type Plan, type PlannedLookup, type PlannedResource } from "./plan";
import { isSecret, isUnknown, pick, UNKNOWN_TEXT } from "./values";

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
    /** Provider function whose answer this value usually is (shown when the value is unknown). */
    lookup?: string;
}

const ARN: Field = { label: "arn", computed: true };
/** Every resource's tags (an infra engineer reviews them: cost allocation, ownership). */
const TAGS: Field = { label: "tags", path: "tags", format: "tags" };

/** The table: resource type token → the fields to show, in order. */
export const PROPERTY_TABLE: Record<string, Field[]> = {
    "aws:lb/loadBalancer:LoadBalancer": [
        { label: "name", path: "name" },
        { label: "type", path: "loadBalancerType" },
        { label: "scheme", path: "internal", format: "scheme" },
        { label: "ip address type", path: "ipAddressType" },
        { label: "subnets", path: "subnets" },
        { label: "security groups", path: "securityGroups" },
        { label: "drop invalid header fields", path: "dropInvalidHeaderFields" },
        { label: "deletion protection", path: "enableDeletionProtection" },
        { label: "idle timeout (s)", path: "idleTimeout" },
        { label: "access logs", path: "accessLogs.bucket" },
        { label: "connection logs", path: "connectionLogs.bucket" },
        { label: "dns name", computed: true },
    ],
    "aws:lb/listener:Listener": [
        { label: "listen", path: "protocol" },
        { label: "port", path: "port" },
        { label: "tls policy", path: "sslPolicy" },
        { label: "certificate", path: "certificateArn" },
        { label: "hsts header", path: "routingHttpResponseStrictTransportSecurityHeaderValue", format: "header" },
        {
            label: "x-content-type-options header",
            path: "routingHttpResponseXContentTypeOptionsHeaderValue",
            format: "header",
        },
        { label: "x-frame-options header", path: "routingHttpResponseXFrameOptionsHeaderValue", format: "header" },
        {
            label: "content-security-policy header",
            path: "routingHttpResponseContentSecurityPolicyHeaderValue",
            format: "header",
        },
        { label: "server header", path: "routingHttpResponseServerEnabled", format: "serverHeader" },
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
        { label: "name", path: "name" },
        { label: "target type", path: "targetType" },
        { label: "protocol", path: "protocol" },
        { label: "port", path: "port" },
        { label: "vpc", path: "vpcId" },
        { label: "health check", path: "healthCheck", format: "healthCheck" },
        { label: "health check every (s)", path: "healthCheck.interval" },
        { label: "health check timeout (s)", path: "healthCheck.timeout" },
        { label: "healthy after (checks)", path: "healthCheck.healthyThreshold" },
        { label: "unhealthy after (checks)", path: "healthCheck.unhealthyThreshold" },
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
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": [
        { label: "bucket", path: "bucket" },
        { label: "default encryption", path: "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm" },
    ],
    "aws:s3/bucketObjectv2:BucketObjectv2": [
        { label: "bucket", path: "bucket" },
        { label: "key", path: "key" },
        { label: "content", path: "content", format: "pem" },
        { label: "content type", path: "contentType" },
    ],
    "aws:lb/trustStoreRevocation:TrustStoreRevocation": [
        { label: "trust store", path: "trustStoreArn" },
        { label: "revocation list bucket", path: "revocationsS3Bucket" },
        { label: "revocation list key", path: "revocationsS3Key" },
        { label: "revocation list version", path: "revocationsS3ObjectVersion" },
        { label: "revocation id", computed: true },
    ],
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": [
        { label: "bucket", path: "bucket" },
        { label: "expire objects after (days)", path: "rules.0.expiration.days" },
    ],
    "aws:route53/record:Record": [
        { label: "name", path: "name" },
        { label: "type", path: "type" },
        { label: "zone", path: "zoneId", lookup: "aws:route53/getZone:getZone" },
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
    "acme:index/registration:Registration": [
        { label: "account email", path: "emailAddress" },
        { label: "external account binding key id", path: "externalAccountBinding.keyId" },
        { label: "external account binding hmac", path: "externalAccountBinding.hmacBase64" },
        { label: "account key", path: "accountKeyPem" },
    ],
    "acme:index/certificate:Certificate": [
        { label: "common name", path: "commonName" },
        { label: "alternative names", path: "subjectAlternativeNames" },
        { label: "key type", path: "keyType" },
        { label: "renew days before expiry", path: "minDaysRemaining" },
        { label: "dns challenge", path: "dnsChallenges.0.provider" },
        { label: "revoke on destroy", path: "revokeCertificateOnDestroy" },
    ],
    "pulumi:providers:acme": [{ label: "server", path: "serverUrl" }],
    "pulumi:providers:aws": [
        { label: "region", path: "region" },
        { label: "profile", path: "profile" },
        { label: "assume role", path: "assumeRoles.0.roleArn" },
        { label: "default tags", path: "defaultTags.tags" },
    ],
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
export function pickProperties(
    resource: PlannedResource,
    nameOf: (urn: string) => string,
    lookups: PlannedLookup[] = [],
): { label: string; text: string }[] {
    const fields = PROPERTY_TABLE[resource.type] ?? (resource.kind === "component" ? [] : fallbackFields(resource));
    const ctx: FieldContext = { resource, nameOf, lookups };
    const lines: { label: string; text: string }[] = [];
    if (resource.provider) lines.push({ label: "provider", text: nameOf(resource.provider) });
    for (const field of [...fields, ...(resource.kind === "resource" ? [TAGS] : [])]) {
        if (field.computed) {
            lines.push({ label: field.label, text: UNKNOWN_TEXT });
            continue;
        }
        const source = field.output ? (resource.outputs ?? {}) : resource.inputs;
        const value = field.path ? pick(source, field.path) : undefined;
        if (field.path && value === undefined) continue;
        const text = field.format
            ? FORMATS[field.format](value, ctx, field.path ?? "", field.lookup)
            : describe(value, ctx, field.path ?? "", field.lookup);
        if (text !== undefined && !(Array.isArray(value) && value.length === 0))
            lines.push({ label: field.label, text });
    }
    return lines;
}

/** {@link pickProperties} for a resource of `plan`, as a label → text map. */
export function propertiesFor(plan: Plan, resource: PlannedResource): Record<string, string> {
    return Object.fromEntries(
        pickProperties(resource, (urn) => nameOfUrn(plan, urn), plan.lookups).map((p) => [p.label, p.text]),
    );
}
