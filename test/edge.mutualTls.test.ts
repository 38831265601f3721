/**
 * Mutual TLS: the trust store (and, for a PEM bundle, the private bucket and
 * object holding it) wired into the HTTPS listener, passthrough mode, and the
 * CA bundle checked first with real certificates made here (every one a CA,
 * none expired or not yet valid, no leaf). `verify --client-cert` is not part
 * of this change.
 */
import { named, ofType, registerMockOutputs, resetMocks, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { HttpsLoadBalancer } from "../components/httpsLoadBalancer";
import { CustomDomain } from "../components/customDomain";
import { MutualAuthenticationMode } from "../components/loadBalancerArgs";
import { makeCert, makePki, type TestPki } from "./helpers/pki";
import { buildEdge, EDGE_BASE } from "./helpers/edge";

beforeEach(resetMocks);
// The trust store's ARN as ELB returns it.
registerMockOutputs("aws:lb/trustStore:TrustStore", (args) => ({
    arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore/${args.inputs.name}/0123456789abcdef`,
}));

const TRUST_STORE = "aws:lb/trustStore:TrustStore";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
const BUCKET = "aws:s3/bucket:Bucket";

let pki: TestPki;
let bundle: string;
beforeAll(async () => {
    pki = await makePki("Clients");
    bundle = pki.root.pem + pki.intermediate.pem;
});

describe("mutualAuthentication", () => {
    it("uploads a checked PEM bundle to a private bucket and verifies client certificates against it", async () => {
        const lb = await buildEdge({
            mutualAuthentication: { mode: MutualAuthenticationMode.Verify, trustStore: { caBundlePem: bundle } },
        });
        const object = named(OBJECT, "edge-trust-store-bundle");
        expect(object.inputs).toMatchObject({
            bucket: "edge-trust-store-id",
            key: expect.stringMatching(/^ca-bundle-[0-9a-f]{16}\.pem$/),
            content: bundle,
            contentType: "application/x-pem-file",
        });
        expect(
            named("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "edge-trust-store-public-access").inputs,
        ).toMatchObject({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        const bucketName = named(BUCKET, "edge-trust-store").inputs.bucket;
        const store = named(TRUST_STORE, "edge-trust-store");
        expect(store.typeChain).toEqual([TOKENS.httpsLoadBalancer, TRUST_STORE]);
        expect(store.inputs).toEqual({
            name: expect.stringMatching(/^edge-trust-store-[0-9a-f]{8}$/),
            caCertificatesBundleS3Bucket: bucketName,
            caCertificatesBundleS3Key: object.inputs.key,
        });
        // The trust store reads the object: it is created after it.
        expect(store.startedAt).toBeGreaterThanOrEqual(object.createdAt);
        expect(named(TOKENS.listener, "edge-https").inputs.mutualAuthentication).toEqual({
            mode: "verify",
            trustStoreArn: await valueOf(lb.trustStore?.arn ?? lb.dnsName),
            ignoreClientCertificateExpiry: false,
        });
    });

    it("gives a new bundle a new key, so the trust store re-reads it", async () => {
        await buildEdge({
            mutualAuthentication: { mode: MutualAuthenticationMode.Verify, trustStore: { caBundlePem: bundle } },
        });
        const first = named(OBJECT, "edge-trust-store-bundle").inputs.key;
        await resetMocks();
        await buildEdge({
            mutualAuthentication: { mode: MutualAuthenticationMode.Verify, trustStore: { caBundlePem: pki.root.pem } },
        });
        expect(named(OBJECT, "edge-trust-store-bundle").inputs.key).not.toBe(first);
    });

    it("reads a bundle already in S3, and can ignore client certificate expiry", async () => {
        await buildEdge({
            mutualAuthentication: {
                mode: MutualAuthenticationMode.Verify,
                trustStore: { s3Uri: "s3://pki-bundles/clients/ca.pem" },
                ignoreClientCertificateExpiry: true,
            },
        });
        expect(named(TRUST_STORE, "edge-trust-store").inputs).toMatchObject({
            caCertificatesBundleS3Bucket: "pki-bundles",
            caCertificatesBundleS3Key: "clients/ca.pem",
        });
        expect(ofType(OBJECT)).toEqual([]);
        expect(ofType(BUCKET)).toEqual([]);
        expect(named(TOKENS.listener, "edge-https").inputs.mutualAuthentication.ignoreClientCertificateExpiry).toBe(
            true,
        );
    });

    it("passes certificates through without a trust store", async () => {
        await buildEdge({ mutualAuthentication: { mode: MutualAuthenticationMode.Passthrough } });
        expect(named(TOKENS.listener, "edge-https").inputs.mutualAuthentication).toEqual({ mode: "passthrough" });
        expect(ofType(TRUST_STORE)).toEqual([]);
    });

    it("is passed through by CustomDomain", async () => {
        const site = new CustomDomain("site", {
            ...CUSTOM_DOMAIN_BASE,
            mutualAuthentication: {
                mode: MutualAuthenticationMode.Verify,
                trustStore: { s3Uri: "s3://pki-bundles/ca.pem" },
            },
        });
        await valueOf(site.httpsListener.arn);
        await settle();
        expect(named(TOKENS.listener, "site-lb-https").inputs.mutualAuthentication.mode).toBe("verify");
    });
});

describe("mutualAuthentication refusals", () => {
    it("refuses a bundle holding a leaf, an expired CA and a CA not valid yet, naming each", async () => {
        const leaf = await pki.leaf({ commonName: "client.example.com" });
        const expired = await makeCert({ commonName: "Old CA", isCa: true, notBeforeDays: -400, notAfterDays: -5 });
        const future = await makeCert({ commonName: "Future CA", isCa: true, notBeforeDays: 3, notAfterDays: 400 });
        const problems = inputProblems(
            () =>
                new HttpsLoadBalancer("edge", {
                    ...EDGE_BASE,
                    mutualAuthentication: {
                        mode: MutualAuthenticationMode.Verify,
                        trustStore: { caBundlePem: pki.root.pem + leaf.pem + expired.pem + future.pem },
                    },
                }),
        );
        const at = "`mutualAuthentication.trustStore.caBundlePem`";
        expect(problems).toEqual([
            [
                "mutualAuthentication.trustStore.caBundlePem",
                `${at} certificate 2 of 4 ('CN=client.example.com') is not a CA certificate (a leaf): a trust store holds only the root and intermediate CAs that issue client certificates; remove it`,
            ],
            [
                "mutualAuthentication.trustStore.caBundlePem",
                `${at} certificate 3 of 4 ('CN=Old CA') expired on ${expired.cert.notAfter.toISOString()}: renew the CA or remove it`,
            ],
            [
                "mutualAuthentication.trustStore.caBundlePem",
                `${at} certificate 4 of 4 ('CN=Future CA') is not valid before ${future.cert.notBefore.toISOString()}: add it once it is valid`,
            ],
        ]);
        expect(ofType(TOKENS.loadBalancer)).toEqual([]);
    });

    it.each<[string, unknown, [string, string][]]>([
        [
            "verify without a trust store",
            { mode: "verify" },
            [
                [
                    "mutualAuthentication.trustStore",
                    "`mutualAuthentication.trustStore` is missing: 'verify' checks client certificates against the CAs it holds; give `caBundlePem` or `s3Uri`",
                ],
            ],
        ],
        [
            "passthrough with a trust store and expiry setting",
            { mode: "passthrough", trustStore: { s3Uri: "s3://b/k" }, ignoreClientCertificateExpiry: true },
            [
                [
                    "mutualAuthentication.trustStore",
                    "`mutualAuthentication.trustStore` is set but mode 'passthrough' checks nothing: drop it, or use 'verify'",
                ],
                [
                    "mutualAuthentication.ignoreClientCertificateExpiry",
                    "`mutualAuthentication.ignoreClientCertificateExpiry` applies to mode 'verify' only: drop it",
                ],
            ],
        ],
        [
            "an unknown mode",
            { mode: "off" },
            [
                [
                    "mutualAuthentication.mode",
                    "`mutualAuthentication.mode` 'off' is not a mode: use 'verify' or 'passthrough'",
                ],
            ],
        ],
        [
            "both bundle sources",
            { mode: "verify", trustStore: { s3Uri: "s3://b/k", caBundlePem: "x" } },
            [
                [
                    "mutualAuthentication.trustStore",
                    "`mutualAuthentication.trustStore` needs exactly one of `caBundlePem` and `s3Uri`",
                ],
            ],
        ],
        [
            "a bucket ARN for the URI",
            { mode: "verify", trustStore: { s3Uri: "arn:aws:s3:::b/k" } },
            [
                [
                    "mutualAuthentication.trustStore.s3Uri",
                    "`mutualAuthentication.trustStore.s3Uri` 'arn:aws:s3:::b/k' is not an S3 URI: write 's3://bucket/path/ca-bundle.pem'",
                ],
            ],
        ],
        [
            "a private key for the bundle",
            {
                mode: "verify",
                trustStore: {
                    caBundlePem: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIB3k\n-----END PRIVATE KEY-----\n",
                },
            },
            [
                [
                    "mutualAuthentication.trustStore.caBundlePem",
                    "`mutualAuthentication.trustStore.caBundlePem` holds a private key (PRIVATE KEY), not a certificate",
                ],
            ],
        ],
    ])("refuses %s", (_what, mtls, expected) => {
        expect(
            inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, mutualAuthentication: mtls as never })),
        ).toEqual(expected);
    });
});
