/**
 * Trust store and mutual-TLS listener rules (terraform-provider-aws
 * internal/service/elbv2 trust_store.go, trust_store_revocation.go,
 * listener.go), and the S3 object of a bundle or CRL (internal/service/s3 object.go).
 */
import { block, isSet, oneOf, problem, type Problem, type ResourceRule, rule, str } from "./types";
import { validName } from "./elbv2";

const TRUST_STORE = "aws:lb/trustStore:TrustStore";
const REVOCATION = "aws:lb/trustStoreRevocation:TrustStoreRevocation";
const LISTENER = "aws:lb/listener:Listener";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
const TF = "hashicorp/terraform-provider-aws internal/service/elbv2";

export const TRUST_STORE_RULES: ResourceRule[] = [
    rule(
        "elbv2.trustStore.inputs",
        TRUST_STORE,
        `${TF}/trust_store.go schema "name" validName; "ca_certificates_bundle_s3_bucket", "ca_certificates_bundle_s3_key" Required + NoZeroValues`,
        (i) => {
            const out: Problem[] = [];
            const name = str(i.name);
            if (name !== undefined) out.push(...validName(name).map((e) => problem("name", name, e)));
            for (const k of ["caCertificatesBundleS3Bucket", "caCertificatesBundleS3Key"]) {
                if (!isSet(i, k)) out.push(problem(k, undefined, "is required"));
                else if (str(i[k]) === "") out.push(problem(k, "", "must not be empty"));
            }
            return out;
        },
    ),
    rule(
        "elbv2.trustStoreRevocation.inputs",
        REVOCATION,
        `${TF}/trust_store_revocation.go schema "trust_store_arn" Required + verify.ValidARN; "revocations_s3_bucket", "revocations_s3_key" Required + NoZeroValues; "revocations_s3_object_version" Optional + NoZeroValues (every field ForceNew, no Update)`,
        (i) => {
            const out: Problem[] = [];
            const arn = str(i.trustStoreArn);
            if (!isSet(i, "trustStoreArn")) out.push(problem("trustStoreArn", undefined, "is required"));
            else if (arn !== undefined && !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(arn))
                out.push(problem("trustStoreArn", arn, "is not a valid ARN"));
            for (const k of ["revocationsS3Bucket", "revocationsS3Key"]) {
                if (!isSet(i, k)) out.push(problem(k, undefined, "is required"));
                else if (str(i[k]) === "") out.push(problem(k, "", "must not be empty"));
            }
            if (str(i.revocationsS3ObjectVersion) === "")
                out.push(problem("revocationsS3ObjectVersion", "", "must not be empty"));
            return out;
        },
    ),
    rule(
        "elbv2.listener.mutualAuthentication",
        LISTENER,
        `${TF}/listener.go mutualAuthenticationModeEnum_Values (off, verify, passthrough) and expandMutualAuthenticationAttributes; ELB API reference MutualAuthenticationAttributes (a trust store is required in verify mode; not verified from source)`,
        (i) => {
            const m = block(i.mutualAuthentication);
            if (!m) return [];
            const out = oneOf("mutualAuthentication.mode", m.mode, ["off", "verify", "passthrough"]);
            if (str(m.mode) === "verify" && !isSet(m, "trustStoreArn"))
                out.push(problem("mutualAuthentication.trustStoreArn", undefined, "is required in verify mode"));
            if (str(i.protocol) !== undefined && str(i.protocol) !== "HTTPS")
                out.push(problem("mutualAuthentication", m, "needs an HTTPS listener"));
            return out;
        },
    ),
    rule(
        "s3.object.key",
        OBJECT,
        `hashicorp/terraform-provider-aws internal/service/s3/object.go schema "key" Required + NoZeroValues, "bucket" Required + NoZeroValues`,
        (i) =>
            ["bucket", "key"].flatMap((k) =>
                !isSet(i, k)
                    ? [problem(k, undefined, "is required")]
                    : str(i[k]) === ""
                      ? [problem(k, "", "must not be empty")]
                      : [],
            ),
    ),
];
