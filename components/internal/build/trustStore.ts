/**
 * The trust store of mutual TLS: for `caBundlePem`, a private bucket
 * (`${name}-trust-store`, public access blocked, SSE-S3) holding the bundle
 * as `ca-bundle-<hash>.pem` (a new bundle is a new key, so the trust store,
 * which only re-reads S3 when its bucket, key or version input changes, picks it up); then the `aws.lb.TrustStore` (`${name}-trust-store`)
 * reading it, and the listener's `mutualAuthentication` block. Each revocation
 * list becomes an `aws.lb.TrustStoreRevocation` (`${name}-trust-store-revocation-<id>`),
 * an inline CRL first uploaded to the same bucket (`${name}-trust-store-crl-<id>`).
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import {
    MutualAuthenticationMode,
    type MutualAuthenticationArgs,
    type TrustStoreRevocationListArgs,
} from "../../loadBalancerArgs";
import { readCrl } from "../certificates/crl";
import { encodePem } from "../certificates/pem";
import { logBucketName } from "../rules/logDelivery";
import { parseS3Uri, revocationListIdentity } from "../rules/mutualTls";
import { physicalName } from "../rules/physicalNames";
import { privateBucketSettings } from "./privateBucket";

export interface MutualTls {
    trustStore?: aws.lb.TrustStore;
    bundleBucket?: aws.s3.Bucket;
    /** One per `trustStore.revocationLists` entry. */
    revocations: aws.lb.TrustStoreRevocation[];
    listener: aws.types.input.lb.ListenerMutualAuthentication;
}

/** Creates what `mtls` needs, children of `parent`. */
export function createMutualTls(
    name: string,
    mtls: MutualAuthenticationArgs,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): MutualTls {
    if (mtls.mode !== MutualAuthenticationMode.Verify) return { listener: { mode: mtls.mode }, revocations: [] };
    const base = `${name}-trust-store`;
    const store = mtls.trustStore ?? {};
    const lists = store.revocationLists ?? [];
    let bucket: Bucket | undefined;
    if (store.caBundlePem !== undefined || lists.some((l) => l.crlPem !== undefined))
        bucket = createBundleBucket(base, tags, parent);
    let bucketName: pulumi.Input<string>;
    let key: pulumi.Input<string>;
    const dependsOn: pulumi.Resource[] = [];
    if (bucket && store.caBundlePem !== undefined) {
        const object = new aws.s3.BucketObjectv2(
            `${base}-bundle`,
            {
                bucket: bucket.bucket.id,
                key: `ca-bundle-${createHash("sha256").update(store.caBundlePem).digest("hex").slice(0, 16)}.pem`,
                content: store.caBundlePem,
                contentType: "application/x-pem-file",
            },
            { parent, dependsOn: bucket.settings },
        );
        bucketName = bucket.bucket.bucket;
        key = object.key;
        dependsOn.push(...bucket.settings, object);
    } else {
        // Checked before registration (checkMutualAuthentication): a verify trust store has a bundle or a valid URI.
        const uri = parseS3Uri(store.s3Uri ?? "") ?? { bucket: "", key: "" };
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
        bundleBucket: bucket?.bucket,
        revocations: lists.map((list) => createRevocation(base, list, trustStore, bucket, parent)),
        listener: {
            mode: mtls.mode,
            trustStoreArn: trustStore.arn,
            ignoreClientCertificateExpiry: mtls.ignoreClientCertificateExpiry ?? false,
        },
    };
}

interface Bucket {
    bucket: aws.s3.Bucket;
    /** Its public access block and encryption: objects are written after them. */
    settings: pulumi.Resource[];
}

/** The private, SSE-S3 bucket holding what is given inline (the CA bundle, CRLs). */
function createBundleBucket(
    base: string,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    parent: pulumi.Resource,
): Bucket {
    const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
    const region = aws.getRegionOutput({}, { parent }).region;
    const bucket = new aws.s3.Bucket(
        base,
        {
            bucket: pulumi
                .all([account, region])
                .apply(([a, r]) => logBucketName(pulumi.getProject(), pulumi.getStack(), base, a, r)),
            tags,
        },
        { parent },
    );
    const { publicAccess, encryption } = privateBucketSettings(base, bucket, parent);
    const settings = [publicAccess, encryption];
    return { bucket, settings };
}

/**
 * One revocation list: for `crlPem`, the CRL (re-encoded canonically) as `crl-<hash>.pem` in the bucket, then the
 * revocation reading it; for `s3Uri`, the revocation alone. Named by the list's identity (CRL hash or URI hash),
 * never its position. Every input of the revocation is ForceNew (trust_store_revocation.go): a new CRL is a new
 * revocation, added before the old one is removed.
 */
function createRevocation(
    base: string,
    list: TrustStoreRevocationListArgs,
    trustStore: aws.lb.TrustStore,
    bucket: Bucket | undefined,
    parent: pulumi.Resource,
): aws.lb.TrustStoreRevocation {
    const crl = list.crlPem !== undefined ? readCrl(list.crlPem).crl : undefined;
    const id = crl?.hash ?? revocationListIdentity(list);
    if (crl && bucket) {
        const object = new aws.s3.BucketObjectv2(
            `${base}-crl-${id}`,
            {
                bucket: bucket.bucket.id,
                key: `crl-${id}.pem`,
                content: encodePem("X509 CRL", crl.der),
                contentType: "application/x-pem-file",
            },
            { parent, dependsOn: bucket.settings },
        );
        return new aws.lb.TrustStoreRevocation(
            `${base}-revocation-${id}`,
            { trustStoreArn: trustStore.arn, revocationsS3Bucket: bucket.bucket.bucket, revocationsS3Key: object.key },
            { parent, dependsOn: [object] },
        );
    }
    // Checked before registration: an entry without a readable CRL has a valid URI.
    const uri = parseS3Uri(list.s3Uri ?? "") ?? { bucket: "", key: "" };
    return new aws.lb.TrustStoreRevocation(
        `${base}-revocation-${id}`,
        {
            trustStoreArn: trustStore.arn,
            revocationsS3Bucket: uri.bucket,
            revocationsS3Key: uri.key,
            revocationsS3ObjectVersion: list.s3ObjectVersion,
        },
        { parent },
    );
}
