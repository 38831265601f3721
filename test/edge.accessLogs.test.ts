/**
 * Access and connection logs: the bucket the component creates (public access
 * blocked, SSE-S3, lifecycle expiry, the ELB log-delivery policy), the load
 * balancer ordered after its policy, an existing bucket used as given and
 * refused at deployment when S3 reports another Region, and every refusal of
 * the inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    calls,
    MOCK_ACCOUNT,
    named,
    ofType,
    resetMocks,
    setCallResult,
    setMockDelays,
    settle,
    valueOf,
} from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE as baseArgs, inputProblems, TOKENS } from "./helpers/components";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../components/httpsLoadBalancer";
import { CustomDomain } from "../components/customDomain";
import { requireBucketRegion } from "../components/internal/build/logBuckets";
import {
    bucketRegionProblem,
    ELB_ACCOUNT_BY_REGION,
    logBucketName,
    logBucketPolicy,
} from "../components/internal/rules/logDelivery";
import { bucketNameErrors } from "./helpers/conformance/s3";
import { buildEdge, EDGE_BASE } from "./helpers/edge";

beforeEach(resetMocks);

const S3 = {
    bucket: "aws:s3/bucket:Bucket",
    publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
} as const;

const expectedBucket = logBucketName("aws-https-domain", "test", "edge-access-logs", MOCK_ACCOUNT, "us-east-1");

describe("accessLogs.create", () => {
    it("creates a private, SSE-S3, expiring bucket with the ELB log-delivery policy, children of the load balancer", async () => {
        const lb = await buildEdge({ accessLogs: { create: { retentionDays: 30 }, prefix: "alb" } });
        expect(expectedBucket).toMatch(/^edge-access-logs-[0-9a-f]{12}$/);
        expect(bucketNameErrors(expectedBucket)).toEqual([]);

        const bucket = named(S3.bucket, "edge-access-logs");
        expect(bucket.inputs).toEqual({ bucket: expectedBucket, forceDestroy: false });
        expect(bucket.typeChain).toEqual([TOKENS.httpsLoadBalancer, S3.bucket]);
        expect(await valueOf(lb.accessLogsBucket?.bucket ?? pulumi.output("none"))).toBe(expectedBucket);
        expect(lb.connectionLogsBucket).toBeUndefined();

        const bucketId = "edge-access-logs-id";
        expect(named(S3.publicAccess, "edge-access-logs-public-access").inputs).toEqual({
            bucket: bucketId,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(named(S3.encryption, "edge-access-logs-encryption").inputs).toEqual({
            bucket: bucketId,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        });
        expect(named(S3.lifecycle, "edge-access-logs-expiry").inputs).toEqual({
            bucket: bucketId,
            rules: [
                {
                    id: "expire-logs",
                    status: "Enabled",
                    filter: {},
                    expiration: { days: 30 },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
            ],
        });
        const policy = named(S3.policy, "edge-access-logs-policy");
        expect(policy.inputs.bucket).toBe(bucketId);
        const objects = `arn:aws:s3:::${expectedBucket}/alb/AWSLogs/${MOCK_ACCOUNT}/*`;
        expect(JSON.parse(policy.inputs.policy)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ElbLogDelivery",
                    Effect: "Allow",
                    Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: objects,
                },
                {
                    Sid: "ElbAccountLogDelivery",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::127311923021:root" },
                    Action: "s3:PutObject",
                    Resource: objects,
                },
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [`arn:aws:s3:::${expectedBucket}`, `arn:aws:s3:::${expectedBucket}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ],
        });
        for (const type of Object.values(S3)) expect(ofType(type)).toHaveLength(1);
        expect(named(TOKENS.loadBalancer, "edge").inputs.accessLogs).toEqual({
            bucket: expectedBucket,
            prefix: "alb",
            enabled: true,
        });
        expect(named(TOKENS.loadBalancer, "edge").inputs.connectionLogs).toBeUndefined();
    });

    it("keeps logs 90 days and refuses to destroy a bucket with logs unless forceDestroy", async () => {
        await buildEdge({ accessLogs: { create: { forceDestroy: true } } });
        expect(named(S3.bucket, "edge-access-logs").inputs.forceDestroy).toBe(true);
        expect(named(S3.lifecycle, "edge-access-logs-expiry").inputs.rules[0].expiration).toEqual({ days: 90 });
        const policy = JSON.parse(named(S3.policy, "edge-access-logs-policy").inputs.policy);
        expect(policy.Statement[0].Resource).toBe(`arn:aws:s3:::${expectedBucket}/AWSLogs/${MOCK_ACCOUNT}/*`);
        expect(named(TOKENS.loadBalancer, "edge").inputs.accessLogs).toEqual({ bucket: expectedBucket, enabled: true });
    });

    it("creates the load balancer only after the bucket policy and encryption exist, and the policy after the public access block", async () => {
        setMockDelays({ [S3.bucket]: 30, [S3.policy]: 40, [S3.encryption]: 20, [S3.publicAccess]: 25 });
        await buildEdge({ accessLogs: { create: {} } });
        const lb = named(TOKENS.loadBalancer, "edge");
        const policy = named(S3.policy, "edge-access-logs-policy");
        const encryption = named(S3.encryption, "edge-access-logs-encryption");
        const publicAccess = named(S3.publicAccess, "edge-access-logs-public-access");
        expect(lb.startedAt).toBeGreaterThanOrEqual(Math.max(policy.createdAt, encryption.createdAt));
        expect(policy.startedAt).toBeGreaterThanOrEqual(publicAccess.createdAt);
    });

    it("grants only the service principal in a Region that never had an ELB account, in that Region's partition", async () => {
        setCallResult("aws:index/getRegion:getRegion", () => ({ name: "me-central-1", region: "me-central-1" }));
        await buildEdge({ accessLogs: { create: {} } });
        const bucket = logBucketName("aws-https-domain", "test", "edge-access-logs", MOCK_ACCOUNT, "me-central-1");
        expect(named(S3.bucket, "edge-access-logs").inputs.bucket).toBe(bucket);
        const statements = JSON.parse(named(S3.policy, "edge-access-logs-policy").inputs.policy).Statement;
        expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(["ElbLogDelivery", "DenyInsecureTransport"]);
    });

    it("writes GovCloud ARNs with the GovCloud ELB account", () => {
        const policy = logBucketPolicy("aws-us-gov", "us-gov-west-1", "111122223333", "logs", undefined);
        expect(policy.Statement[1]).toEqual({
            Sid: "ElbAccountLogDelivery",
            Effect: "Allow",
            Principal: { AWS: "arn:aws-us-gov:iam::048591011584:root" },
            Action: "s3:PutObject",
            Resource: "arn:aws-us-gov:s3:::logs/AWSLogs/111122223333/*",
        });
    });

    it("creates connection logs in their own bucket, beside access logs in an existing one", async () => {
        const lb = await buildEdge({
            accessLogs: { bucket: "my-logs" },
            connectionLogs: { create: {}, prefix: "conn" },
        });
        expect(ofType(S3.bucket).map((b) => b.name)).toEqual(["edge-connection-logs"]);
        const bucket = logBucketName("aws-https-domain", "test", "edge-connection-logs", MOCK_ACCOUNT, "us-east-1");
        expect(named(TOKENS.loadBalancer, "edge").inputs.connectionLogs).toEqual({
            bucket,
            prefix: "conn",
            enabled: true,
        });
        expect(named(TOKENS.loadBalancer, "edge").inputs.accessLogs).toEqual({ bucket: "my-logs", enabled: true });
        expect(await valueOf(lb.connectionLogsBucket?.bucket ?? pulumi.output("none"))).toBe(bucket);
    });
});

describe("accessLogs.bucket (an existing bucket)", () => {
    it("is used as given, after S3 was asked for its Region; nothing is created", async () => {
        setCallResult("aws:s3/getBucket:getBucket", (inputs) => ({ bucket: inputs.bucket, bucketRegion: "us-east-1" }));
        await buildEdge({ accessLogs: { bucket: "my-logs", prefix: "edge" } });
        expect(named(TOKENS.loadBalancer, "edge").inputs.accessLogs).toEqual({
            bucket: "my-logs",
            prefix: "edge",
            enabled: true,
        });
        expect(calls.filter((c) => c.token === "aws:s3/getBucket:getBucket").map((c) => c.inputs.bucket)).toEqual([
            "my-logs",
        ]);
        for (const type of Object.values(S3)) expect(ofType(type)).toEqual([]);
    });

    it("is refused at deployment when S3 reports another Region", async () => {
        setCallResult("aws:s3/getBucket:getBucket", () => ({ bucketRegion: "eu-west-1" }));
        const resource = new pulumi.ComponentResource("test:index:Parent", "parent");
        await expect(
            requireBucketRegion("HttpsLoadBalancer 'edge'", "accessLogs", "my-logs", "us-east-1", resource),
        ).rejects.toThrow(
            "HttpsLoadBalancer 'edge': `accessLogs.bucket` 'my-logs' is in Region 'eu-west-1', not the load balancer's 'us-east-1': Elastic Load Balancing delivers logs only to a bucket in its own Region; give a bucket in us-east-1, or set `accessLogs.create` to create one",
        );
    });

    it.each([
        ["same Region", "us-east-1", "us-east-1", undefined],
        ["unreadable bucket (another account's)", undefined, "us-east-1", undefined],
        ["Region not known", "eu-west-1", undefined, undefined],
    ])("passes a bucket whose Region is not a mismatch: %s", (_what, bucketRegion, region, expected) => {
        expect(bucketRegionProblem("connectionLogs", "b", bucketRegion, region)).toBe(expected);
    });

    it("passes a bucket that cannot be read (the lookup fails)", async () => {
        setCallResult("aws:s3/getBucket:getBucket", () => {
            throw new Error("AccessDenied");
        });
        const resource = new pulumi.ComponentResource("test:index:Parent", "parent2");
        await expect(requireBucketRegion("X", "accessLogs", "their-logs", "us-east-1", resource)).resolves.toBe(
            "their-logs",
        );
    });
});

describe("log inputs are refused before anything is registered", () => {
    it.each<[string, Partial<HttpsLoadBalancerArgs>, [string, string][]]>([
        [
            "neither bucket nor create",
            { accessLogs: {} },
            [
                [
                    "accessLogs",
                    "`accessLogs` names no bucket: set `accessLogs.bucket` to an existing bucket in the load balancer's Region, or `accessLogs.create: {}` to create one with the policy ELB needs",
                ],
            ],
        ],
        [
            "both bucket and create",
            { connectionLogs: { bucket: "logs", create: {} } },
            [
                [
                    "connectionLogs",
                    "`connectionLogs.bucket` and `connectionLogs.create` are both set: give an existing bucket, or let the component create one, not both",
                ],
            ],
        ],
        [
            "an S3 URI for the bucket",
            { accessLogs: { bucket: "s3://my-logs/alb" } },
            [
                [
                    "accessLogs.bucket",
                    "`accessLogs.bucket` 's3://my-logs/alb' is an S3 URI: give the bare bucket name (`accessLogs.bucket` 'my-logs') and put any path in `accessLogs.prefix`",
                ],
            ],
        ],
        [
            "an ARN for the bucket",
            { accessLogs: { bucket: "arn:aws:s3:::my-logs" } },
            [
                [
                    "accessLogs.bucket",
                    "`accessLogs.bucket` 'arn:aws:s3:::my-logs' is an ARN: give the bucket's name, the part after 'arn:aws:s3:::'",
                ],
            ],
        ],
        [
            "a bucket with a path",
            { accessLogs: { bucket: "my-logs/alb" } },
            [
                [
                    "accessLogs.bucket",
                    "`accessLogs.bucket` 'my-logs/alb' holds a '/': give the bucket name alone and the path in `accessLogs.prefix`",
                ],
            ],
        ],
        [
            "an invalid bucket name",
            { accessLogs: { bucket: "My_Logs" } },
            [
                [
                    "accessLogs.bucket",
                    "`accessLogs.bucket` 'My_Logs' is not a valid S3 bucket name: S3 needs 3 to 63 lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit",
                ],
            ],
        ],
        [
            "a bucket named like an IP address",
            { accessLogs: { bucket: "10.0.0.1" } },
            [
                [
                    "accessLogs.bucket",
                    "`accessLogs.bucket` '10.0.0.1' is not a valid S3 bucket name: S3 refuses names formatted as an IP address",
                ],
            ],
        ],
        [
            "a prefix with AWSLogs",
            { accessLogs: { create: {}, prefix: "alb/AWSLogs" } },
            [
                [
                    "accessLogs.prefix",
                    "`accessLogs.prefix` 'alb/AWSLogs' contains 'AWSLogs': Elastic Load Balancing adds 'AWSLogs/<account>/…' after the prefix itself; drop it from the prefix",
                ],
            ],
        ],
        [
            "retention of zero days",
            { accessLogs: { create: { retentionDays: 0 } } },
            [
                [
                    "accessLogs.create.retentionDays",
                    "`accessLogs.create.retentionDays` '0' is not a whole number of days, 1 or more: S3 lifecycle expiration takes positive whole days (the default is 90)",
                ],
            ],
        ],
        [
            "wrong types",
            {
                accessLogs: "my-logs" as never,
                connectionLogs: { create: { retentionDays: "30" as never, forceDestroy: "yes" as never } },
            },
            [
                [
                    "accessLogs",
                    "`accessLogs` is a string, not an object: write `accessLogs: { create: {} }` or `{ bucket }`",
                ],
                [
                    "connectionLogs.create.retentionDays",
                    "`connectionLogs.create.retentionDays` is a string, not a number: give whole days, e.g. 90",
                ],
                [
                    "connectionLogs.create.forceDestroy",
                    "`connectionLogs.create.forceDestroy` is a string, not a boolean: write true or false",
                ],
            ],
        ],
    ])("%s", (_what, args, expected) => {
        expect(inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, ...args }))).toEqual(expected);
        expect(ofType(TOKENS.loadBalancer)).toEqual([]);
    });
});

describe("CustomDomain", () => {
    it("passes accessLogs and connectionLogs to its load balancer", async () => {
        const site = new CustomDomain("site", {
            ...baseArgs,
            accessLogs: { create: {} },
            connectionLogs: { bucket: "conn-logs" },
        });
        await valueOf(site.loadBalancer.arn);
        await settle();
        expect(named(S3.bucket, "site-lb-access-logs").typeChain).toEqual([TOKENS.httpsLoadBalancer, S3.bucket]);
        expect(named(TOKENS.loadBalancer, "site-lb").inputs.connectionLogs).toEqual({
            bucket: "conn-logs",
            enabled: true,
        });
    });

    it("refuses logs on a shared load balancer: its owner sets them", () => {
        expect(
            inputProblems(
                () =>
                    new CustomDomain("site", {
                        ...baseArgs,
                        subnetIds: undefined,
                        target: { port: 8080 },
                        existingLoadBalancer: {
                            loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
                            httpsListenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2",
                            rulePriority: 10,
                        },
                        connectionLogs: { create: {} },
                    }),
            ),
        ).toEqual([
            [
                "connectionLogs",
                "`connectionLogs` is set together with `existingLoadBalancer`: the shared load balancer's owner sets it; drop it here",
            ],
        ]);
    });
});

describe("log bucket names and the Region table", () => {
    it.each([
        ["a long, odd logical name", "My_Stack.Component-with-a-very-long-name-that-goes-on-access-logs"],
        ["a reserved prefix", "sthree-access-logs"],
        ["a demo prefix", "amzn-s3-demo-access-logs"],
        ["only symbols", "___"],
    ])("is a valid S3 bucket name for %s", (_what, logical) => {
        const name = logBucketName("p", "s", logical, MOCK_ACCOUNT, "eu-west-1");
        expect(bucketNameErrors(name)).toEqual([]);
        expect(name).toBe(logBucketName("p", "s", logical, MOCK_ACCOUNT, "eu-west-1"));
        expect(name).not.toBe(logBucketName("p", "s", logical, "210987654321", "eu-west-1"));
    });

    it("lists the ELB account of every Region AWS documents for the legacy policy", () => {
        expect(Object.keys(ELB_ACCOUNT_BY_REGION)).toHaveLength(26);
        expect(Object.values(ELB_ACCOUNT_BY_REGION).every((id) => /^\d{12}$/.test(id))).toBe(true);
        expect(ELB_ACCOUNT_BY_REGION["eu-central-1"]).toBe("054676820928");
        expect(ELB_ACCOUNT_BY_REGION["ap-southeast-3"]).toBe("589379963580");
        expect(ELB_ACCOUNT_BY_REGION["me-central-1"]).toBeUndefined();
    });
});
