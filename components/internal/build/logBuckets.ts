/**
 * S3 destinations of the load balancer's access and connection logs.
 *
 * A created bucket (`create`) gets, each as its own child named after the log kind
 * (`${name}-access-logs`, `-public-access`, `-encryption`, `-expiry`, `-policy`):
 * public access blocked, SSE-S3 default encryption (the only kind ELB log
 * delivery supports), a lifecycle rule expiring objects, and the bucket
 * policy of `rules/logDelivery.ts`. Elastic Load Balancing checks the bucket
 * when the attribute is set (it writes a test file), so the load balancer is
 * created only after the policy and the encryption exist: `dependsOn`.
 *
 * An existing bucket (`bucket`) is used as given; at deployment its Region is
 * read from S3 and a bucket in another Region is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { DEFAULT_LOG_RETENTION_DAYS, LOG_BUCKET_ABORT_MULTIPART_DAYS } from "../../defaults";
import type { LogDeliveryArgs } from "../../loadBalancerArgs";
import { bucketRegionProblem, logBucketName, logBucketPolicy, LogKind } from "../rules/logDelivery";
import { privateBucketSettings } from "./privateBucket";

/** What the load balancer needs from one log destination. */
export interface LogDestination {
    /** The `accessLogs` / `connectionLogs` block of the load balancer. */
    block: { bucket: pulumi.Output<string>; prefix?: pulumi.Input<string>; enabled: true };
    /** The bucket created, if any. */
    bucket?: aws.s3.Bucket;
    /** What the load balancer must wait for (the policy and encryption of a created bucket). */
    dependsOn: pulumi.Resource[];
}

export interface LogDestinationSpec {
    /** `accessLogs` or `connectionLogs`, for messages. */
    at: string;
    kind: LogKind;
    logs: LogDeliveryArgs;
    region: pulumi.Output<string>;
    account: pulumi.Output<string>;
    partition: pulumi.Output<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Creates (or checks) the destination of one kind of log, as children of `parent` named `${name}-${kind}-logs…`. */
export function createLogDestination(
    name: string,
    spec: LogDestinationSpec,
    parent: pulumi.Resource,
    component: string,
): LogDestination {
    if (spec.logs.create === undefined) {
        const bucket = pulumi
            .all([pulumi.output(spec.logs.bucket as pulumi.Input<string>), spec.region])
            .apply(([given, region]) => requireBucketRegion(component, spec.at, given, region, parent));
        return { block: { bucket, prefix: spec.logs.prefix, enabled: true }, dependsOn: [] };
    }

    const base = `${name}-${spec.kind}-logs`;
    const create = spec.logs.create;
    const bucket = new aws.s3.Bucket(
        base,
        {
            bucket: pulumi
                .all([spec.account, spec.region])
                .apply(([account, region]) =>
                    logBucketName(pulumi.getProject(), pulumi.getStack(), base, account, region),
                ),
            forceDestroy: create.forceDestroy ?? false,
            tags: spec.tags,
        },
        { parent },
    );
    const { publicAccess, encryption } = privateBucketSettings(base, bucket, parent);
    new aws.s3.BucketLifecycleConfiguration(
        `${base}-expiry`,
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-logs",
                    status: "Enabled",
                    filter: {},
                    expiration: { days: create.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: LOG_BUCKET_ABORT_MULTIPART_DAYS },
                },
            ],
        },
        { parent },
    );
    const policy = new aws.s3.BucketPolicy(
        `${base}-policy`,
        {
            bucket: bucket.id,
            policy: pulumi
                .all([spec.partition, spec.region, spec.account, bucket.bucket, pulumi.output(spec.logs.prefix)])
                .apply(([partition, region, account, bucketName, prefix]) =>
                    JSON.stringify(logBucketPolicy(partition, region, account, bucketName, prefix)),
                ),
        },
        // Two bucket-level writes at once can fail with OperationAborted; and a policy before the block is pointless.
        { parent, dependsOn: [publicAccess] },
    );
    return {
        block: { bucket: bucket.bucket, prefix: spec.logs.prefix, enabled: true },
        bucket,
        dependsOn: [policy, encryption],
    };
}

/**
 * Reads an existing bucket's Region from S3 and throws when it is not the
 * load balancer's. A bucket that cannot be read (another account's, no
 * `s3:ListBucket`) is passed through: its Region is not knowable here.
 */
export async function requireBucketRegion(
    component: string,
    at: string,
    bucket: string,
    region: string,
    parent: pulumi.Resource,
): Promise<string> {
    const found = await aws.s3.getBucket({ bucket }, { parent }).catch(() => undefined);
    const problem = bucketRegionProblem(at, bucket, found?.bucketRegion, region);
    if (problem) throw new Error(`${component}: ${problem}`);
    return bucket;
}

/** The log destinations of a load balancer: its `accessLogs` and `connectionLogs` blocks and what it waits for. */
export interface LogDestinations {
    accessLogs?: LogDestination["block"];
    connectionLogs?: LogDestination["block"];
    buckets: { access?: aws.s3.Bucket; connection?: aws.s3.Bucket };
    dependsOn: pulumi.Resource[];
}

/** Both kinds of log for `args`; the Region, account and partition are looked up only when some log is on. */
export function createLogDestinations(
    name: string,
    args: {
        accessLogs?: LogDeliveryArgs;
        connectionLogs?: LogDeliveryArgs;
        tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    },
    parent: pulumi.Resource,
    component: string,
): LogDestinations {
    const out: LogDestinations = { buckets: {}, dependsOn: [] };
    const wanted = [
        { at: "accessLogs", kind: LogKind.Access, logs: args.accessLogs },
        { at: "connectionLogs", kind: LogKind.Connection, logs: args.connectionLogs },
    ].filter((w): w is { at: string; kind: LogKind; logs: LogDeliveryArgs } => w.logs !== undefined);
    if (wanted.length === 0) return out;
    const region = aws.getRegionOutput({}, { parent }).region;
    const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
    const partition = aws.getPartitionOutput({}, { parent }).partition;
    for (const { at, kind, logs } of wanted) {
        const destination = createLogDestination(
            name,
            { at, kind, logs, region, account, partition, tags: args.tags },
            parent,
            component,
        );
        if (kind === LogKind.Access) out.accessLogs = destination.block;
        else out.connectionLogs = destination.block;
        if (destination.bucket) out.buckets[kind] = destination.bucket;
        out.dependsOn.push(...destination.dependsOn);
    }
    return out;
}
