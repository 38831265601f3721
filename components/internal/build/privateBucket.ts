/**
 * What makes a bucket the package creates private: every public access
 * blocked (`${base}-public-access`) and SSE-S3 default encryption
 * (`${base}-encryption`; AES256 is the only default encryption ELB log
 * delivery writes to, and it serves the trust store's files alike). Shared
 * by the access and connection log buckets and the trust store's bucket.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

export interface PrivateBucketSettings {
    publicAccess: aws.s3.BucketPublicAccessBlock;
    encryption: aws.s3.BucketServerSideEncryptionConfiguration;
}

/** Blocks public access to `bucket` and turns on SSE-S3, children of `parent` named from `base`. */
export function privateBucketSettings(
    base: string,
    bucket: aws.s3.Bucket,
    parent: pulumi.Resource,
): PrivateBucketSettings {
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        `${base}-public-access`,
        {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        { parent },
    );
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
        `${base}-encryption`,
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        { parent },
    );
    return { publicAccess, encryption };
}
