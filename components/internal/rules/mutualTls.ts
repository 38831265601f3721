/**
 * Checks of `mutualAuthentication`. From hashicorp/terraform-provider-aws
 * internal/service/elbv2 listener.go (`mutualAuthenticationModeEnum_Values`:
 * off, verify, passthrough; `expandMutualAuthenticationAttributes` sends
 * `ignore_client_certificate_expiry` in verify mode only) and trust_store.go
 * (`ca_certificates_bundle_s3_bucket` / `_key` required, non-empty). The CA
 * bundle itself goes through the package's certificate checks
 * (`certificates/caBundle.ts`), and so does each revocation list
 * (trust_store_revocation.go: `revocations_s3_bucket` / `_key` required,
 * `_object_version` optional, all NoZeroValues; ELB reads PEM CRLs).
 */
import { createHash } from "node:crypto";
import { caBundleProblems, revocationListProblems } from "../certificates/caBundle";
import { type ParsedCertificate, readCertificates } from "../certificates/chain";
import { readCrl } from "../certificates/crl";
import {
    MutualAuthenticationMode,
    type MutualAuthenticationArgs,
    type TrustStoreArgs,
    type TrustStoreRevocationListArgs,
} from "../../loadBalancerArgs";
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
    if (!verify && isRecord(store) && store.revocationLists !== undefined)
        problems.add(
            `${at}.trustStore.revocationLists`,
            `\`${at}.trustStore.revocationLists\` is set but mode 'passthrough' checks no client certificate, so nothing is revoked: drop it, or use 'verify'`,
        );
    if (!verify || store === undefined) return;
    if (!isRecord(store))
        return problems.add(
            `${at}.trustStore`,
            wrongType(`${at}.trustStore`, store, "an object", "write `{ caBundlePem }` or `{ s3Uri }`"),
        );
    const cas = checkBundle(store as TrustStoreArgs, problems, now);
    checkRevocationLists(store.revocationLists, cas, problems, now);
}

/** The bundle source of a verify trust store; returns its CAs when the bundle is inline and readable. */
function checkBundle(store: TrustStoreArgs, problems: Problems, now: Date): ParsedCertificate[] | undefined {
    const at = "mutualAuthentication.trustStore";
    if ((store.caBundlePem === undefined) === (store.s3Uri === undefined)) {
        problems.add(at, `\`${at}\` needs exactly one of \`caBundlePem\` and \`s3Uri\``);
        return undefined;
    }
    if (store.caBundlePem !== undefined) {
        if (typeof store.caBundlePem !== "string") {
            problems.add(
                `${at}.caBundlePem`,
                wrongType(
                    `${at}.caBundlePem`,
                    store.caBundlePem,
                    "a string",
                    "give the PEM text of the CA certificates",
                ),
            );
            return undefined;
        }
        problems.addAll(`${at}.caBundlePem`, caBundleProblems(store.caBundlePem, `${at}.caBundlePem`, now));
        const read = readCertificates(store.caBundlePem);
        return read.problem ? undefined : read.certificates;
    }
    checkS3Uri(store.s3Uri, `${at}.s3Uri`, "s3://bucket/path/ca-bundle.pem", problems);
    return undefined;
}

function checkS3Uri(uri: unknown, at: string, example: string, problems: Problems): void {
    const parsed = typeof uri === "string" ? parseS3Uri(uri) : undefined;
    if (!parsed) return problems.add(at, `${quote(at, display(uri))} is not an S3 URI: write '${example}'`);
    const bucket = logBucketNameProblem(parsed.bucket, `${at} bucket`);
    if (bucket) problems.add(at, bucket);
}

/**
 * ELB quotas for trust stores (docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html,
 * "Certificates"): revocation lists per trust store 30, revocation list file size 50 MB, revocation entries per trust
 * store 500,000.
 */
export const MAX_REVOCATION_LISTS_PER_TRUST_STORE = 30;
export const MAX_REVOCATION_LIST_BYTES = 50 * 1024 * 1024;
export const MAX_REVOCATION_ENTRIES_PER_TRUST_STORE = 500_000;

/** The identity of one revocation list: its CRL's hash, or its URI's (what names its children). */
export function revocationListIdentity(list: TrustStoreRevocationListArgs): string {
    if (list.crlPem !== undefined) return readCrl(list.crlPem).crl?.hash ?? "";
    return createHash("sha256")
        .update(list.s3Uri ?? "")
        .digest("hex")
        .slice(0, 16);
}

function checkRevocationLists(
    value: unknown,
    cas: ParsedCertificate[] | undefined,
    problems: Problems,
    now: Date,
): void {
    if (value === undefined) return;
    const at = "mutualAuthentication.trustStore.revocationLists";
    if (!Array.isArray(value))
        return problems.add(at, wrongType(at, value, "an array", "write `[{ crlPem }]` or `[{ s3Uri }]`"));
    if (value.length > MAX_REVOCATION_LISTS_PER_TRUST_STORE)
        problems.add(
            at,
            `\`${at}\` has ${value.length} lists: a trust store holds at most ${MAX_REVOCATION_LISTS_PER_TRUST_STORE} revocation lists (ELB quota); merge or drop some`,
        );
    const seen = new Map<string, string>();
    let entries = 0;
    value.forEach((list: unknown, i) => {
        const p = `${at}[${i}]`;
        if (!isRecord(list))
            return problems.add(p, wrongType(p, list, "an object", "write `{ crlPem }` or `{ s3Uri }`"));
        if ((list.crlPem === undefined) === (list.s3Uri === undefined))
            return problems.add(p, `\`${p}\` needs exactly one of \`crlPem\` and \`s3Uri\``);
        const version = list.s3ObjectVersion;
        if (version !== undefined && list.s3Uri === undefined)
            problems.add(`${p}.s3ObjectVersion`, `\`${p}.s3ObjectVersion\` applies to \`s3Uri\` only: drop it`);
        else if (version !== undefined && typeof version !== "string")
            problems.add(
                `${p}.s3ObjectVersion`,
                wrongType(`${p}.s3ObjectVersion`, version, "a string", "give the object's version id, or drop it"),
            );
        else if (version === "")
            problems.add(
                `${p}.s3ObjectVersion`,
                `\`${p}.s3ObjectVersion\` is empty: give the object's version id, or drop it`,
            );
        let identity: string;
        if (list.crlPem !== undefined) {
            const pemAt = `${p}.crlPem`;
            if (typeof list.crlPem !== "string")
                return problems.add(pemAt, wrongType(pemAt, list.crlPem, "a string", "give the PEM text of the CRL"));
            if (Buffer.byteLength(list.crlPem) > MAX_REVOCATION_LIST_BYTES)
                return problems.add(
                    pemAt,
                    `\`${pemAt}\` is ${Buffer.byteLength(list.crlPem)} bytes: ELB reads revocation files of at most 50 MB (quota); split the CRL`,
                );
            const checked = revocationListProblems(
                list.crlPem,
                pemAt,
                cas,
                "mutualAuthentication.trustStore.caBundlePem",
                now,
            );
            problems.addAll(pemAt, checked.problems);
            if (!checked.crl) return;
            entries += checked.crl.revokedCount;
            identity = checked.crl.hash;
        } else {
            checkS3Uri(list.s3Uri, `${p}.s3Uri`, "s3://bucket/path/crl.pem", problems);
            identity = revocationListIdentity(list as TrustStoreRevocationListArgs);
        }
        const before = seen.get(identity);
        if (before !== undefined)
            problems.add(p, `\`${p}\` is the same revocation list as \`${before}\`: give each CRL once`);
        else seen.set(identity, p);
    });
    if (entries > MAX_REVOCATION_ENTRIES_PER_TRUST_STORE)
        problems.add(
            at,
            `\`${at}\` revoke ${entries} certificates in all: a trust store holds at most ${MAX_REVOCATION_ENTRIES_PER_TRUST_STORE} revocation entries (ELB quota)`,
        );
}
