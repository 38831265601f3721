/**
 * S3 rules for the log buckets (terraform-provider-aws internal/service/s3, the
 * S3 User Guide's bucket naming rules), and the load balancer's log blocks
 * (internal/service/elbv2/load_balancer.go, the ALB guide's log requirements).
 */
import {
    block,
    isSet,
    known,
    lengthBetween,
    list,
    num,
    oneOf,
    problem,
    type Problem,
    type ResourceRule,
    rule,
    str,
} from "./types";

const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const TF = "hashicorp/terraform-provider-aws internal/service/s3";

/**
 * bucket.go validBucketName (the rules TF applies outside us-east-1), which the
 * S3 User Guide ("General purpose bucket naming rules") applies to every new
 * bucket in every Region, plus the reserved prefixes and suffixes listed there.
 */
export function bucketNameErrors(value: string): string[] {
    const errors: string[] = [];
    if (value.length < 3 || value.length > 63) errors.push(`must contain from 3 to 63 characters`);
    if (!/^[0-9a-z-.]+$/.test(value)) errors.push(`only lowercase alphanumeric characters and hyphens allowed`);
    if (/^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/.test(value)) errors.push(`must not be formatted as an IP address`);
    if (value.startsWith(".") || value.endsWith(".")) errors.push(`cannot start or end with a period`);
    if (value.includes("..")) errors.push(`can be only one period between labels`);
    if (/^[-.]|[-.]$/.test(value)) errors.push(`must begin and end with a letter or number`);
    for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"])
        if (value.startsWith(prefix)) errors.push(`must not start with the reserved prefix "${prefix}"`);
    for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"])
        if (value.endsWith(suffix)) errors.push(`must not end with the reserved suffix "${suffix}"`);
    return [...new Set(errors)];
}

/** aws-sdk-go-v2 service/s3/types enums.go ServerSideEncryption. */
const SSE_ALGORITHMS = ["AES256", "aws:fsx", "aws:kms", "aws:kms:dsse"];

/** The ALB guide, "Enable access logs" / "Enable connection logs": the requirements on the bucket and prefix. */
const ELB_LOG_DOC =
    "AWS ALB guide enable-access-logging.html / enable-connection-logging.html (prefix must not include AWSLogs)";

export const S3_RULES: ResourceRule[] = [
    rule(
        "s3.bucket.name",
        BUCKET,
        `${TF}/bucket.go validBucketName + S3 User Guide "General purpose bucket naming rules"`,
        (i) => {
            const name = str(i.bucket);
            return name === undefined ? [] : bucketNameErrors(name).map((e) => problem("bucket", name, e));
        },
    ),
    rule(
        "s3.lifecycle.rules",
        LIFECYCLE,
        `${TF}/bucket_lifecycle_configuration.go schema: rule SizeAtLeast(1); id LengthBetween(1, 255); status OneOf(Enabled, Disabled); WarnExactlyOneOfChildren(filter, prefix); expiration WarnExactlyOneOfChildren(date, days, expired_object_delete_marker)`,
        (i) => {
            const rules = list(i.rules);
            if (known(i.rules) !== undefined && rules.length === 0)
                return [problem("rules", [], "must have at least 1 rule")];
            const out: Problem[] = [];
            rules.forEach((r, n) => {
                const at = `rules[${n}]`;
                out.push(...lengthBetween(`${at}.id`, r.id, 1, 255));
                if (!isSet(r, "id")) out.push(problem(`${at}.id`, undefined, "is required"));
                out.push(...oneOf(`${at}.status`, r.status, ["Enabled", "Disabled"]));
                if (isSet(r, "filter") === isSet(r, "prefix"))
                    out.push(problem(`${at}.filter`, known(r.filter), "exactly one of filter and prefix must be set"));
                const expiration = block(r.expiration);
                if (expiration) {
                    const set = ["date", "days", "expiredObjectDeleteMarker"].filter((k) => isSet(expiration, k));
                    if (set.length !== 1)
                        out.push(
                            problem(
                                `${at}.expiration`,
                                expiration,
                                "exactly one of date, days and expiredObjectDeleteMarker must be set",
                            ),
                        );
                    const days = num(expiration.days);
                    if (days !== undefined && days < 1)
                        out.push(problem(`${at}.expiration.days`, days, "must be a positive whole number of days"));
                }
            });
            return out;
        },
    ),
    rule(
        "s3.encryption.algorithm",
        SSE,
        `${TF}/bucket_server_side_encryption_configuration.go schema "sse_algorithm" enum.Validate[types.ServerSideEncryption]`,
        (i) =>
            list(i.rules).flatMap((r, n) =>
                oneOf(
                    `rules[${n}].applyServerSideEncryptionByDefault.sseAlgorithm`,
                    block(r.applyServerSideEncryptionByDefault)?.sseAlgorithm,
                    SSE_ALGORITHMS,
                ),
            ),
    ),
    rule("s3.bucketPolicy.policy", POLICY, `${TF}/bucket_policy.go schema "policy" verify.ValidIAMPolicyJSON`, (i) => {
        const policy = str(i.policy);
        if (policy === undefined) return [];
        try {
            const parsed = JSON.parse(policy);
            if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return [];
        } catch {
            // reported below
        }
        return [problem("policy", policy, "must be a JSON object (IAM policy document)")];
    }),
    rule(
        "elbv2.loadBalancer.logs",
        LB,
        `hashicorp/terraform-provider-aws internal/service/elbv2/load_balancer.go schema "access_logs"/"connection_logs" (bucket Required) + ${ELB_LOG_DOC}`,
        (i) =>
            ["accessLogs", "connectionLogs"].flatMap((key) => {
                const logs = block(i[key]);
                if (!logs) return [];
                const out: Problem[] = [];
                if (!isSet(logs, "bucket")) out.push(problem(`${key}.bucket`, undefined, "is required"));
                const prefix = str(logs.prefix);
                if (prefix?.includes("AWSLogs"))
                    out.push(problem(`${key}.prefix`, prefix, 'must not include "AWSLogs" (ELB adds it)'));
                return out;
            }),
    ),
];
