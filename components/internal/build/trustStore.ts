/**
 * The trust store of mutual TLS: for `caBundlePem`, a private bucket
 * (`${name}-trust-store`, public access blocked, SSE-S3) holding the bundle
 * as `ca-bundle-<hash>.pem` (a new bundle is a new key, so the trust store,
 * which only re-reads S3 when its bucket, key or version input changes, picks it up); then the `aws.lb.TrustStore` (`${name}-trust-store`)
 * reading it, and the listener's `mutualAuthentication` block.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import { MutualAuthenticationMode, type MutualAuthenticationArgs } from "../../loadBalancerArgs";
import { logBucketName } from "../rules/logDelivery";
import { parseS3Uri } from "../rules/mutualTls";
import { physicalName } from "../rules/physicalNames";

export interface MutualTls {
    trustStore?: aws.lb.TrustStore;
    bundleBucket?: aws.s3.Bucket;
    listener: aws.types.input.lb.ListenerMutualAuthentication;
}

/** Creates what `mtls` needs, children of `parent`. */
export function createMutualTls(
    name: string,
    mtls: MutualAuthenticationArgs,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): MutualTls {
    if (mtls.mode !== MutualAuthenticationMode.Verify) return { listener: { mode: mtls.mode } };
    const base = `${name}-trust-store`;
    let bucketName: pulumi.Input<string>;
    let key: pulumi.Input<string>;
    let bundleBucket: aws.s3.Bucket | undefined;
    const dependsOn: pulumi.Resource[] = [];
    if (mtls.trustStore?.caBundlePem !== undefined) {
        const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
        const region = aws.getRegionOutput({}, { parent }).region;
        bundleBucket = new aws.s3.Bucket(
            base,
            {
                bucket: pulumi
                    .all([account, region])
                    .apply(([a, r]) => logBucketName(pulumi.getProject(), pulumi.getStack(), base, a, r)),
                tags,
            },
            { parent },
        );
        dependsOn.push(
            new aws.s3.BucketPublicAccessBlock(
                `${base}-public-access`,
                {
                    bucket: bundleBucket.id,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
                { parent },
            ),
            new aws.s3.BucketServerSideEncryptionConfiguration(
                `${base}-encryption`,
                {
                    bucket: bundleBucket.id,
                    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
                },
                { parent },
            ),
        );
        const object = new aws.s3.BucketObjectv2(
            `${base}-bundle`,
            {
                bucket: bundleBucket.id,
                key: `ca-bundle-${createHash("sha256").update(mtls.trustStore.caBundlePem).digest("hex").slice(0, 16)}.pem`,
                content: mtls.trustStore.caBundlePem,
                contentType: "application/x-pem-file",
            },
            { parent, dependsOn },
        );
        bucketName = bundleBucket.bucket;
        key = object.key;
        dependsOn.push(object);
    } else {
        // Checked before registration (checkMutualAuthentication): a verify trust store has a bundle or a valid URI.
        const uri = parseS3Uri(mtls.trustStore?.s3Uri ?? "") ?? { bucket: "", key: "" };
        bucketName = uri.bucket;
        key = uri.key;
    }
    const trustStore = new aws.lb.TrustStore(
        base,
        {
            // validName (≤ 32, [0-9A-Za-z-]), like every ELB name here.
            name: physicalName("aws:lb/trustStore:TrustStore", base),
            caCertificatesBundleS3Bucket: bucketName,
            caCertificatesBundleS3Key: key,
            tags,
        },
        { parent, dependsOn },
    );
    return {
        trustStore,
        bundleBucket,
        listener: {
            mode: mtls.mode,
            trustStoreArn: trustStore.arn,
            ignoreClientCertificateExpiry: mtls.ignoreClientCertificateExpiry ?? false,
        },
    };
}
