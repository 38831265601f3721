/**
 * Which input changes make the provider replace a resource (create a new one,
 * delete the old), for each resource type this package creates, and which
 * changes are known to cause downtime.
 *
 * Replace-on-change properties are the Terraform provider's `ForceNew: true`
 * schema fields (Pulumi's bridged providers replace on them), read from the
 * provider source and named here in Pulumi's camelCase:
 * - aws:lb/loadBalancer — hashicorp/terraform-provider-aws internal/service/elbv2/load_balancer.go:
 *   customer_owned_ipv4_pool, internal, load_balancer_type, name, name_prefix;
 * - aws:lb/listener — internal/service/elbv2/listener.go: load_balancer_arn;
 * - aws:lb/listenerRule — internal/service/elbv2/listener_rule.go: listener_arn (priority is updated in place);
 * - aws:lb/listenerCertificate — internal/service/elbv2/listener_certificate.go: listener_arn, certificate_arn;
 * - aws:lb/targetGroup — internal/service/elbv2/target_group.go: ip_address_type, name, name_prefix, port,
 *   protocol, protocol_version, target_type, vpc_id;
 * - aws:acm/certificate — internal/service/acm/certificate.go: domain_name, subject_alternative_names,
 *   validation_method (an imported certificate's body, chain and key are re-imported in place);
 * - aws:acm/certificateValidation — internal/service/acm/certificate_validation.go: certificate_arn,
 *   validation_record_fqdns;
 * - aws:route53/record — internal/service/route53/record.go: name;
 * - aws:lb/trustStore — internal/service/elbv2/trust_store.go: name, name_prefix (a new bundle key is ModifyTrustStore);
 * - aws:lb/trustStoreRevocation — internal/service/elbv2/trust_store_revocation.go: every input (trust_store_arn,
 *   revocations_s3_bucket, revocations_s3_key, revocations_s3_object_version; the resource has no Update).
 * Types not listed (security groups and their rules, tls/acme resources) are
 * compared without replacement knowledge: a change there reads as an update.
 */

/** Type token → inputs whose change replaces the resource. */
export const REPLACE_ON_CHANGE: Record<string, string[]> = {
    "aws:lb/loadBalancer:LoadBalancer": ["customerOwnedIpv4Pool", "internal", "loadBalancerType", "name", "namePrefix"],
    "aws:lb/listener:Listener": ["loadBalancerArn"],
    "aws:lb/listenerRule:ListenerRule": ["listenerArn"],
    "aws:lb/listenerCertificate:ListenerCertificate": ["listenerArn", "certificateArn"],
    "aws:lb/targetGroup:TargetGroup": [
        "ipAddressType",
        "name",
        "namePrefix",
        "port",
        "protocol",
        "protocolVersion",
        "targetType",
        "vpcId",
    ],
    "aws:acm/certificate:Certificate": ["domainName", "subjectAlternativeNames", "validationMethod"],
    "aws:acm/certificateValidation:CertificateValidation": ["certificateArn", "validationRecordFqdns"],
    "aws:route53/record:Record": ["name"],
    "aws:lb/trustStore:TrustStore": ["name", "namePrefix"],
    "aws:lb/trustStoreRevocation:TrustStoreRevocation": [
        "trustStoreArn",
        "revocationsS3Bucket",
        "revocationsS3Key",
        "revocationsS3ObjectVersion",
    ],
};

// The `aws.alb` module registers the same resources under its own tokens.
for (const [token, props] of Object.entries(REPLACE_ON_CHANGE)) {
    if (token.startsWith("aws:lb/")) REPLACE_ON_CHANGE[token.replace("aws:lb/", "aws:alb/")] = props;
}

/** Resource types whose replacement or deletion a CI gate blocks (exit code 3). */
export const GATED_TYPES = /^aws:(lb|alb)\/(loadBalancer:LoadBalancer|listener:Listener)$/;

/**
 * The downtime a replacement or deletion of `type` is known to cause (README
 * "What changes on update"), or undefined.
 */
export function downtimeOf(type: string, action: "replace" | "delete"): string | undefined {
    const kind = type.replace(/^aws:(lb|alb)\//, "aws:lb/");
    if (kind === "aws:lb/loadBalancer:LoadBalancer")
        return action === "replace"
            ? "a new load balancer with a new DNS name: requests fail for seconds to minutes while DNS moves to it"
            : "the load balancer is deleted: its hostnames stop answering";
    if (kind === "aws:lb/listener:Listener")
        return action === "replace"
            ? "the listener is deleted and created again: its port refuses connections in between"
            : "the listener is deleted: its port stops answering";
    if (kind === "aws:lb/targetGroup:TargetGroup")
        return action === "replace"
            ? "the listener moves to a new, empty target group: 503s until targets register in it; targets registered outside this stack still point at the old one"
            : undefined;
    return undefined;
}
