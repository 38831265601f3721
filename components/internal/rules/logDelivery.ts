/**
 * Load balancer log delivery to S3 (access logs and connection logs): the
 * checks of `accessLogs` / `connectionLogs`, the bucket policy that lets
 * Elastic Load Balancing write, and the bucket name the component creates.
 *
 * What AWS documents (Application Load Balancer guide, "Enable access logs"
 * and "Enable connection logs", https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 * and …/enable-connection-logging.html):
 * - the bucket is in the load balancer's Region; the only server-side
 *   encryption supported is SSE-S3 (`AES256`);
 * - the prefix must not contain `AWSLogs` (ELB adds `AWSLogs/<account>/…` itself);
 * - the bucket policy grants `s3:PutObject` on `<bucket>/<prefix>/AWSLogs/<account>/*`
 *   to the log delivery service principal `logdelivery.elasticloadbalancing.amazonaws.com`.
 *   Regions available before August 2022 formerly required the Region's ELB
 *   account as principal instead; that "legacy policy is still supported", and
 *   Regions not in its list never supported it. Both are granted here where
 *   the Region has an ELB account, so delivery works under either rule.
 */
import { createHash } from "node:crypto";
import { DEFAULT_LOG_RETENTION_DAYS } from "../../defaults";
import type { LogDeliveryArgs } from "../../loadBalancerArgs";
import { isRecord, wrongType } from "./inputTypes";
import { knownNow, type Problems, quote } from "./problems";
import { readablePrefix } from "./physicalNames";

/** The log delivery service principal (AWS ALB guide, "Attach a policy to your S3 bucket"). */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

/**
 * The Elastic Load Balancing account of each Region that had one before
 * August 2022 (the legacy bucket-policy principal). Source: AWS ALB guide,
 * "Enable access logs" / "Enable connection logs", the list of "IDs of the
 * Elastic Load Balancing accounts to specify in Principal in the legacy
 * policy"; the two China Regions from hashicorp/terraform-provider-aws
 * internal/service/elb/service_account_data_source.go `accountIDPerRegionMap`
 * (the same table, which also holds every id below).
 */
export const ELB_ACCOUNT_BY_REGION: Readonly<Record<string, string>> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-southeast-3": "589379963580",
    "ap-south-1": "718504428378",
    "ap-northeast-3": "383597477331",
    "ap-northeast-2": "600734575887",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-south-1": "635631232127",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-east-1": "190560391635",
    "us-gov-west-1": "048591011584",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
};

/** Which logs a bucket receives: names its children and its messages. */
export enum LogKind {
    Access = "access",
    Connection = "connection",
}

/** A statement of an IAM policy document, as JSON. */
export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: "*" | { Service: string } | { AWS: string };
    Action: string;
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
}

/** Where ELB writes: `<bucket>/<prefix>/AWSLogs/<account>/*` (no prefix: `<bucket>/AWSLogs/<account>/*`). */
export function logObjectArn(partition: string, bucket: string, prefix: string | undefined, account: string): string {
    const path = prefix ? `${prefix.replace(/\/+$/, "")}/` : "";
    return `arn:${partition}:s3:::${bucket}/${path}AWSLogs/${account}/*`;
}

/**
 * The bucket policy of a log bucket this package creates: ELB log delivery may
 * put objects under its own account's `AWSLogs/` path only, and every request
 * not over TLS is denied.
 */
export function logBucketPolicy(
    partition: string,
    region: string,
    account: string,
    bucket: string,
    prefix: string | undefined,
): { Version: "2012-10-17"; Statement: PolicyStatement[] } {
    const objects = logObjectArn(partition, bucket, prefix, account);
    const elbAccount = ELB_ACCOUNT_BY_REGION[region];
    const statements: PolicyStatement[] = [
        {
            Sid: "ElbLogDelivery",
            Effect: "Allow",
            Principal: { Service: ELB_LOG_DELIVERY_PRINCIPAL },
            Action: "s3:PutObject",
            Resource: objects,
        },
    ];
    if (elbAccount !== undefined) {
        statements.push({
            Sid: "ElbAccountLogDelivery",
            Effect: "Allow",
            Principal: { AWS: `arn:${partition}:iam::${elbAccount}:root` },
            Action: "s3:PutObject",
            Resource: objects,
        });
    }
    statements.push({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:${partition}:s3:::${bucket}`, `arn:${partition}:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    return { Version: "2012-10-17", Statement: statements };
}

/** Prefixes S3 reserves for bucket names (S3 User Guide, "General purpose bucket naming rules"). */
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];

/**
 * The name of a log bucket this package creates: the logical name cleaned to
 * lower-case letters, digits and hyphens, then a hash of project, stack,
 * logical name, account and Region. Bucket names are global across every
 * account, so the account and Region are part of the identity; the result is
 * 3–63 characters of `[0-9a-z-]`, starting and ending with a letter or digit,
 * never with a prefix S3 reserves.
 */
export function logBucketName(project: string, stack: string, logicalName: string, account: string, region: string) {
    const hash = createHash("sha256")
        .update([project, stack, "aws:s3/bucket:Bucket", logicalName, account, region].join("\u0000"))
        .digest("hex")
        .slice(0, 12);
    let prefix = readablePrefix(logicalName, 40).toLowerCase();
    // readablePrefix never leaves "--", so "xn--" cannot occur; the other two can.
    if (RESERVED_BUCKET_PREFIXES.some((p) => prefix.startsWith(p))) prefix = `logs-${prefix}`;
    return prefix === "" ? `logs-${hash}` : `${prefix}-${hash}`;
}

/**
 * Why `name` cannot be the name of an existing bucket given as `path`, or
 * `undefined`: the common mistakes (an `s3://` URI, an ARN, a path with a
 * prefix) and what S3 never accepts (S3 User Guide, bucket naming rules:
 * 3–63 characters; lower-case letters, digits, dots and hyphens; beginning
 * and ending with a letter or digit). Legacy us-east-1 names with capitals or
 * underscores cannot receive ELB logs either: ELB writes over virtual-hosted
 * DNS names.
 */
export function logBucketNameProblem(name: string, path: string): string | undefined {
    const shown = quote(path, name);
    if (name.startsWith("s3://"))
        return `${shown} is an S3 URI: give the bare bucket name (${quote(path, name.slice(5).split("/")[0])}) and put any path in \`${path.replace(/bucket$/, "prefix")}\``;
    if (name.startsWith("arn:")) return `${shown} is an ARN: give the bucket's name, the part after 'arn:aws:s3:::'`;
    if (name.includes("/"))
        return `${shown} holds a '/': give the bucket name alone and the path in \`${path.replace(/bucket$/, "prefix")}\``;
    if (/^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/.test(name))
        return `${shown} is not a valid S3 bucket name: S3 refuses names formatted as an IP address`;
    if (name.length < 3 || name.length > 63 || !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) || name.includes(".."))
        return `${shown} is not a valid S3 bucket name: S3 needs 3 to 63 lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit`;
    return undefined;
}

/** Why `prefix` cannot be a log prefix, or `undefined` (AWS: "must not include AWSLogs"). */
export function logPrefixProblem(prefix: unknown, path: string): string | undefined {
    if (typeof prefix !== "string") return wrongType(path, prefix, "a string", "give a key prefix such as 'alb'");
    if (prefix.includes("AWSLogs"))
        return `${quote(path, prefix)} contains 'AWSLogs': Elastic Load Balancing adds 'AWSLogs/<account>/…' after the prefix itself; drop it from the prefix`;
    return undefined;
}

/**
 * Records every problem of `accessLogs` / `connectionLogs` (given as `at`):
 * an object with exactly one of `bucket` (an existing bucket) and `create`,
 * a valid bucket name and prefix, whole positive retention days.
 */
export function checkLogDelivery(value: LogDeliveryArgs | undefined, problems: Problems, at: string): void {
    if (value === undefined) return;
    if (!isRecord(value))
        return problems.add(at, wrongType(at, value, "an object", `write \`${at}: { create: {} }\` or \`{ bucket }\``));
    const logs = value as LogDeliveryArgs;
    const hasBucket = logs.bucket !== undefined;
    const hasCreate = logs.create !== undefined;
    if (hasBucket === hasCreate) {
        problems.add(
            at,
            hasBucket
                ? `\`${at}.bucket\` and \`${at}.create\` are both set: give an existing bucket, or let the component create one, not both`
                : `\`${at}\` names no bucket: set \`${at}.bucket\` to an existing bucket in the load balancer's Region, or \`${at}.create: {}\` to create one with the policy ELB needs`,
        );
    }
    const bucket = knownNow(logs.bucket);
    if (bucket !== undefined) {
        const p =
            typeof bucket === "string"
                ? logBucketNameProblem(bucket, `${at}.bucket`)
                : wrongType(`${at}.bucket`, bucket, "a string", "give the bucket's name");
        if (p) problems.add(`${at}.bucket`, p);
    }
    const prefix = knownNow(logs.prefix);
    if (prefix !== undefined) {
        const p = logPrefixProblem(prefix, `${at}.prefix`);
        if (p) problems.add(`${at}.prefix`, p);
    }
    if (!hasCreate) return;
    const create = logs.create;
    if (!isRecord(create))
        return problems.add(
            `${at}.create`,
            wrongType(`${at}.create`, create, "an object", `write \`${at}.create: { retentionDays: 90 }\``),
        );
    const days = create.retentionDays;
    if (days !== undefined && (typeof days !== "number" || !Number.isSafeInteger(days) || days < 1)) {
        problems.add(
            `${at}.create.retentionDays`,
            typeof days === "number"
                ? `${quote(`${at}.create.retentionDays`, days)} is not a whole number of days, 1 or more: S3 lifecycle expiration takes positive whole days (the default is ${DEFAULT_LOG_RETENTION_DAYS})`
                : wrongType(`${at}.create.retentionDays`, days, "a number", "give whole days, e.g. 90"),
        );
    }
    if (create.forceDestroy !== undefined && typeof create.forceDestroy !== "boolean")
        problems.add(
            `${at}.create.forceDestroy`,
            wrongType(`${at}.create.forceDestroy`, create.forceDestroy, "a boolean", "write true or false"),
        );
}

/**
 * The apply-time check of an existing bucket: ELB delivers only to a bucket in
 * its own Region. `bucketRegion` is what S3 reported (undefined when the bucket
 * could not be read, e.g. owned by another account: then nothing is known).
 */
export function bucketRegionProblem(
    at: string,
    bucket: string,
    bucketRegion: string | undefined,
    region: string | undefined,
): string | undefined {
    if (!bucketRegion || !region || bucketRegion === region) return undefined;
    return `${quote(`${at}.bucket`, bucket)} is in Region '${bucketRegion}', not the load balancer's '${region}': Elastic Load Balancing delivers logs only to a bucket in its own Region; give a bucket in ${region}, or set \`${at}.create\` to create one`;
}
