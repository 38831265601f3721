/**
 * Checks of `mutualAuthentication`. From hashicorp/terraform-provider-aws
 * internal/service/elbv2 listener.go (`mutualAuthenticationModeEnum_Values`:
 * off, verify, passthrough; `expandMutualAuthenticationAttributes` sends
 * `ignore_client_certificate_expiry` in verify mode only) and trust_store.go
 * (`ca_certificates_bundle_s3_bucket` / `_key` required, non-empty). The CA
 * bundle itself goes through the package's certificate checks
 * (`certificates/caBundle.ts`).
 */
import { caBundleProblems } from "../certificates/caBundle";
import { MutualAuthenticationMode, type MutualAuthenticationArgs } from "../../loadBalancerArgs";
import { isRecord, wrongType } from "./inputTypes";
import { display } from "./listenerValues";
import { logBucketNameProblem } from "./logDelivery";
import { type Problems, quote } from "./problems";

/** `s3://bucket/key` → its parts, or `undefined`. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    return m ? { bucket: m[1], key: m[2] } : undefined;
}

/** Records every problem of `mutualAuthentication`; `now` dates the CA bundle checks. */
export function checkMutualAuthentication(value: unknown, problems: Problems, now = new Date()): void {
    if (value === undefined) return;
    const at = "mutualAuthentication";
    if (!isRecord(value))
        return problems.add(
            at,
            wrongType(at, value, "an object", "write `{ mode: 'verify', trustStore: { caBundlePem } }`"),
        );
    const mtls = value as unknown as MutualAuthenticationArgs;
    if (!Object.values(MutualAuthenticationMode).includes(mtls.mode))
        return problems.add(
            `${at}.mode`,
            `${quote(`${at}.mode`, display(mtls.mode))} is not a mode: use 'verify' or 'passthrough'`,
        );
    const verify = mtls.mode === MutualAuthenticationMode.Verify;
    if (verify && mtls.trustStore === undefined)
        problems.add(
            `${at}.trustStore`,
            `\`${at}.trustStore\` is missing: 'verify' checks client certificates against the CAs it holds; give \`caBundlePem\` or \`s3Uri\``,
        );
    if (!verify && mtls.trustStore !== undefined)
        problems.add(
            `${at}.trustStore`,
            `\`${at}.trustStore\` is set but mode 'passthrough' checks nothing: drop it, or use 'verify'`,
        );
    if (mtls.ignoreClientCertificateExpiry !== undefined) {
        if (typeof mtls.ignoreClientCertificateExpiry !== "boolean")
            problems.add(
                `${at}.ignoreClientCertificateExpiry`,
                wrongType(
                    `${at}.ignoreClientCertificateExpiry`,
                    mtls.ignoreClientCertificateExpiry,
                    "a boolean",
                    "write true or false",
                ),
            );
        else if (!verify)
            problems.add(
                `${at}.ignoreClientCertificateExpiry`,
                `\`${at}.ignoreClientCertificateExpiry\` applies to mode 'verify' only: drop it`,
            );
    }
    const store = mtls.trustStore;
    if (!verify || store === undefined) return;
    if (!isRecord(store))
        return problems.add(
            `${at}.trustStore`,
            wrongType(`${at}.trustStore`, store, "an object", "write `{ caBundlePem }` or `{ s3Uri }`"),
        );
    if ((store.caBundlePem === undefined) === (store.s3Uri === undefined))
        return problems.add(
            `${at}.trustStore`,
            `\`${at}.trustStore\` needs exactly one of \`caBundlePem\` and \`s3Uri\``,
        );
    if (store.caBundlePem !== undefined) {
        if (typeof store.caBundlePem !== "string")
            return problems.add(
                `${at}.trustStore.caBundlePem`,
                wrongType(
                    `${at}.trustStore.caBundlePem`,
                    store.caBundlePem,
                    "a string",
                    "give the PEM text of the CA certificates",
                ),
            );
        problems.addAll(
            `${at}.trustStore.caBundlePem`,
            caBundleProblems(store.caBundlePem, `${at}.trustStore.caBundlePem`, now),
        );
        return;
    }
    const uriPath = `${at}.trustStore.s3Uri`;
    const parsed = typeof store.s3Uri === "string" ? parseS3Uri(store.s3Uri) : undefined;
    if (!parsed)
        return problems.add(
            uriPath,
            `${quote(uriPath, display(store.s3Uri))} is not an S3 URI: write 's3://bucket/path/ca-bundle.pem'`,
        );
    const bucket = logBucketNameProblem(parsed.bucket, `${uriPath} bucket`);
    if (bucket) problems.add(uriPath, bucket);
}
