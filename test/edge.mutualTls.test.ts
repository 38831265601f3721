/**
 * Mutual TLS: the trust store (and, for a PEM bundle, the private bucket and
 * object holding it) wired into the HTTPS listener, passthrough mode, and the
 * CA bundle checked first with real certificates made here (every one a CA,
 * none expired or not yet valid, no leaf); certificate revocation lists
 * (real CRLs made here with @peculiar/x509 and with `openssl ca -gencrl`),
 * each one trust store revocation named by its content or URI.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { named, ofType, registerMockOutputs, resetMocks, setMockDelays, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { HttpsLoadBalancer } from "../components/httpsLoadBalancer";
import { CustomDomain } from "../components/customDomain";
import { MutualAuthenticationMode, type TrustStoreRevocationListArgs } from "../components/loadBalancerArgs";
import { makeCert, makeCrl, makePki, type TestPki } from "./helpers/pki";
import { parseCrl } from "../components/internal/certificates/crl";
import { buildEdge, EDGE_BASE } from "./helpers/edge";

beforeEach(resetMocks);
// The trust store's ARN as ELB returns it.
registerMockOutputs("aws:lb/trustStore:TrustStore", (args) => ({
    arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore/${args.inputs.name}/0123456789abcdef`,
}));

const TRUST_STORE = "aws:lb/trustStore:TrustStore";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
const BUCKET = "aws:s3/bucket:Bucket";
const REVOCATION = "aws:lb/trustStoreRevocation:TrustStoreRevocation";

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

const hash16 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex").slice(0, 16);
const verifyWith = (revocationLists: TrustStoreRevocationListArgs[], caBundlePem = bundle) => ({
    mutualAuthentication: {
        mode: MutualAuthenticationMode.Verify,
        trustStore: { caBundlePem, revocationLists },
    },
});
const revocationProblems = (mtls: unknown) =>
    inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, mutualAuthentication: mtls as never }));

describe("mutualAuthentication.trustStore.revocationLists", () => {
    let intermediateCrl: { pem: string; id: string };
    let rootCrl: { pem: string; id: string };
    beforeAll(async () => {
        const a = await makeCrl({ issuer: pki.intermediate, revoked: ["1a2b", "3c4d"] });
        const b = await makeCrl({ issuer: pki.root, revoked: ["77"] });
        intermediateCrl = { pem: a.pem, id: hash16(new Uint8Array(a.crl.rawData)) };
        rootCrl = { pem: b.pem, id: hash16(new Uint8Array(b.crl.rawData)) };
    });

    it("uploads an inline CRL beside the bundle and adds it to the trust store once the object exists", async () => {
        setMockDelays({ [OBJECT]: 30 });
        const lb = await buildEdge(verifyWith([{ crlPem: intermediateCrl.pem }]));
        const object = named(OBJECT, `edge-trust-store-crl-${intermediateCrl.id}`);
        expect(object.typeChain).toEqual([TOKENS.httpsLoadBalancer, OBJECT]);
        expect(object.inputs).toEqual({
            bucket: "edge-trust-store-id",
            key: `crl-${intermediateCrl.id}.pem`,
            content: intermediateCrl.pem,
            contentType: "application/x-pem-file",
        });
        const revocation = named(REVOCATION, `edge-trust-store-revocation-${intermediateCrl.id}`);
        expect(revocation.typeChain).toEqual([TOKENS.httpsLoadBalancer, REVOCATION]);
        expect(revocation.inputs).toEqual({
            trustStoreArn: await valueOf(lb.trustStore?.arn ?? lb.dnsName),
            revocationsS3Bucket: named(BUCKET, "edge-trust-store").inputs.bucket,
            revocationsS3Key: `crl-${intermediateCrl.id}.pem`,
        });
        expect(revocation.startedAt).toBeGreaterThanOrEqual(object.createdAt);
        expect(await Promise.all(lb.trustStoreRevocations.map((r) => valueOf(r.urn)))).toEqual([
            expect.stringMatching(new RegExp(`::edge-trust-store-revocation-${intermediateCrl.id}$`)),
        ]);
        expect(ofType(BUCKET)).toHaveLength(1);
    });

    it("reads a CRL already in S3 at a pinned version, and makes a bucket only for inline CRLs", async () => {
        await buildEdge({
            mutualAuthentication: {
                mode: MutualAuthenticationMode.Verify,
                trustStore: {
                    s3Uri: "s3://pki-bundles/ca.pem",
                    revocationLists: [{ s3Uri: "s3://pki-crls/clients/crl.pem", s3ObjectVersion: "v2" }],
                },
            },
        });
        expect(
            named(REVOCATION, `edge-trust-store-revocation-${hash16("s3://pki-crls/clients/crl.pem")}`).inputs,
        ).toEqual({
            trustStoreArn: expect.stringMatching(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore\//),
            revocationsS3Bucket: "pki-crls",
            revocationsS3Key: "clients/crl.pem",
            revocationsS3ObjectVersion: "v2",
        });
        expect(ofType(BUCKET)).toEqual([]);
        expect(ofType(OBJECT)).toEqual([]);

        await resetMocks();
        await buildEdge({
            mutualAuthentication: {
                mode: MutualAuthenticationMode.Verify,
                trustStore: { s3Uri: "s3://pki-bundles/ca.pem", revocationLists: [{ crlPem: rootCrl.pem }] },
            },
        });
        expect(named(TRUST_STORE, "edge-trust-store").inputs.caCertificatesBundleS3Key).toBe("ca.pem");
        expect(ofType(OBJECT).map((o) => o.name)).toEqual([`edge-trust-store-crl-${rootCrl.id}`]);
        expect(ofType(BUCKET).map((b) => b.name)).toEqual(["edge-trust-store"]);
    });

    it("keeps every child's name and inputs when the lists are reordered", async () => {
        const lists = [
            { crlPem: intermediateCrl.pem },
            { s3Uri: "s3://pki-crls/partner.pem" },
            { crlPem: rootCrl.pem },
        ];
        const children = () =>
            [...ofType(REVOCATION), ...ofType(OBJECT)]
                .map((r) => [r.name, r.inputs.revocationsS3Key ?? r.inputs.key] as const)
                .sort(([a], [b]) => a.localeCompare(b));
        await buildEdge(verifyWith(lists));
        const before = children();
        await resetMocks();
        await buildEdge(verifyWith([...lists].reverse()));
        expect(children()).toEqual(before);
        expect(before.filter(([n]) => n.includes("-revocation-"))).toHaveLength(3);
    });

    it("is passed through by CustomDomain", async () => {
        const site = new CustomDomain("site", {
            ...CUSTOM_DOMAIN_BASE,
            ...verifyWith([{ crlPem: intermediateCrl.pem }]),
        });
        await valueOf(site.httpsListener.arn);
        await settle();
        const revocation = named(REVOCATION, `site-lb-trust-store-revocation-${intermediateCrl.id}`);
        expect(revocation.typeChain).toEqual([TOKENS.httpsLoadBalancer, REVOCATION]);
        expect(revocation.inputs.revocationsS3Key).toBe(`crl-${intermediateCrl.id}.pem`);
    });

    it("reads a CRL made by `openssl ca -gencrl`, and uploads it in a form OpenSSL verifies against its CA", async () => {
        const dir = mkdtempSync(join(tmpdir(), "crl-"));
        try {
            const at = (f: string) => join(dir, f);
            const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
            run(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "30",
                "-subj",
                "/O=Partner/CN=Partner Client CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            );
            writeFileSync(at("index.txt"), "");
            writeFileSync(
                at("ca.cnf"),
                `[ca]\ndefault_ca=d\n[d]\ndatabase=${at("index.txt")}\ncrlnumber=${at("crlnumber")}\ndefault_md=sha256\ndefault_crl_days=7\n`,
            );
            writeFileSync(at("crlnumber"), "01\n");
            run("ca", "-gencrl", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-out", "crl.pem");
            const ca = readFileSync(at("ca.pem"), "utf8");
            await buildEdge(verifyWith([{ crlPem: readFileSync(at("crl.pem"), "utf8") }], ca));
            const [object] = ofType(OBJECT).filter((o) => o.name.startsWith("edge-trust-store-crl-"));
            writeFileSync(at("uploaded.pem"), object.inputs.content);
            const check = spawnSync("openssl", ["crl", "-in", "uploaded.pem", "-CAfile", "ca.pem", "-noout"], {
                cwd: dir,
                encoding: "utf8",
            });
            expect([check.status, check.stderr.trim()]).toEqual([0, "verify OK"]);
            expect(ofType(REVOCATION)).toHaveLength(1);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("mutualAuthentication.trustStore.revocationLists refusals", () => {
    const at = "mutualAuthentication.trustStore.revocationLists";
    let crl: string;
    beforeAll(async () => {
        crl = (await makeCrl({ issuer: pki.intermediate })).pem;
    });

    it.each<[string, () => unknown, [string, string][]]>([
        [
            "revocation lists in passthrough mode",
            () => ({ mode: "passthrough", trustStore: { revocationLists: [{ crlPem: crl }] } }),
            [
                [
                    "mutualAuthentication.trustStore",
                    "`mutualAuthentication.trustStore` is set but mode 'passthrough' checks nothing: drop it, or use 'verify'",
                ],
                [
                    at,
                    `\`${at}\` is set but mode 'passthrough' checks no client certificate, so nothing is revoked: drop it, or use 'verify'`,
                ],
            ],
        ],
        [
            "a single object for the list",
            () => verifyWith({ crlPem: crl } as never).mutualAuthentication,
            [[at, `\`${at}\` is an object, not an array: write \`[{ crlPem }]\` or \`[{ s3Uri }]\``]],
        ],
        [
            "both and neither source",
            () => verifyWith([{ crlPem: crl, s3Uri: "s3://b/crl.pem" }, {}]).mutualAuthentication,
            [
                [`${at}[0]`, `\`${at}[0]\` needs exactly one of \`crlPem\` and \`s3Uri\``],
                [`${at}[1]`, `\`${at}[1]\` needs exactly one of \`crlPem\` and \`s3Uri\``],
            ],
        ],
        [
            "a certificate for the CRL, and a CRL's base64 without its PEM lines",
            () =>
                verifyWith([
                    { crlPem: pki.root.pem },
                    { crlPem: "MIHrMIGRAgEBMAoGCCqGSM49BAMCMB0xGzAZBgNVBAMTElggSW50ZXJtZWRpYXRl" },
                ]).mutualAuthentication,
            [
                [
                    `${at}[0].crlPem`,
                    `\`${at}[0].crlPem\` holds no CRL (found CERTIFICATE), expected '-----BEGIN X509 CRL-----'`,
                ],
                [
                    `${at}[1].crlPem`,
                    `\`${at}[1].crlPem\` is not PEM text: it looks like base64 DER without the PEM header and footer lines; if it is a PKCS#12 (.pfx/.p12) bundle pass it as \`pfx\`, otherwise add the \`-----BEGIN …-----\` / \`-----END …-----\` lines your CA sent`,
                ],
            ],
        ],
        [
            "two CRLs in one entry, and a damaged one",
            () =>
                verifyWith([
                    { crlPem: crl + crl },
                    { crlPem: "-----BEGIN X509 CRL-----\nMAMCAQE=\n-----END X509 CRL-----\n" },
                ]).mutualAuthentication,
            [
                [
                    `${at}[0].crlPem`,
                    `\`${at}[0].crlPem\` holds 2 CRLs: give each one as its own entry of \`revocationLists\``,
                ],
                [
                    `${at}[1].crlPem`,
                    `\`${at}[1].crlPem\` has an 'X509 CRL' block that is not a certificate revocation list (damaged or truncated?)`,
                ],
            ],
        ],
        [
            "a bad URI, a version without a URI, an empty version",
            () =>
                verifyWith([
                    { s3Uri: "https://b.s3.amazonaws.com/crl.pem" },
                    { crlPem: crl, s3ObjectVersion: "v1" },
                    { s3Uri: "s3://pki-crls/a.pem", s3ObjectVersion: "" },
                ]).mutualAuthentication,
            [
                [
                    `${at}[0].s3Uri`,
                    `\`${at}[0].s3Uri\` 'https://b.s3.amazonaws.com/crl.pem' is not an S3 URI: write 's3://bucket/path/crl.pem'`,
                ],
                [`${at}[1].s3ObjectVersion`, `\`${at}[1].s3ObjectVersion\` applies to \`s3Uri\` only: drop it`],
                [
                    `${at}[2].s3ObjectVersion`,
                    `\`${at}[2].s3ObjectVersion\` is empty: give the object's version id, or drop it`,
                ],
            ],
        ],
        [
            "the same CRL twice (however it is wrapped) and the same URI twice",
            () =>
                verifyWith([
                    { crlPem: crl },
                    { s3Uri: "s3://pki-crls/a.pem" },
                    { crlPem: crl.replace(/\n/g, "\r\n") },
                    { s3Uri: "s3://pki-crls/a.pem", s3ObjectVersion: "v2" },
                ]).mutualAuthentication,
            [
                [`${at}[2]`, `\`${at}[2]\` is the same revocation list as \`${at}[0]\`: give each CRL once`],
                [`${at}[3]`, `\`${at}[3]\` is the same revocation list as \`${at}[1]\`: give each CRL once`],
            ],
        ],
        [
            "more lists than a trust store holds",
            () =>
                verifyWith(Array.from({ length: 31 }, (_, i) => ({ s3Uri: `s3://pki-crls/${i}.pem` })))
                    .mutualAuthentication,
            [
                [
                    at,
                    `\`${at}\` has 31 lists: a trust store holds at most 30 revocation lists (ELB quota); merge or drop some`,
                ],
            ],
        ],
    ])("refuses %s", (_what, mtls, expected) => {
        expect(revocationProblems(mtls())).toEqual(expected);
    });

    it("refuses a stale CRL, one from a CA outside the bundle, and one the named CA did not sign", async () => {
        const stale = await makeCrl({ issuer: pki.intermediate, thisUpdateDays: -10, nextUpdateDays: -2 });
        const other = await makePki("Partner");
        const foreign = await makeCrl({ issuer: other.intermediate });
        const forged = await makeCrl({ issuer: pki.root, signingKey: other.root.key });
        const next = stale.crl.nextUpdate?.toISOString();
        expect(
            revocationProblems(
                verifyWith([{ crlPem: stale.pem }, { crlPem: foreign.pem }, { crlPem: forged.pem }])
                    .mutualAuthentication,
            ),
        ).toEqual([
            [
                `${at}[0].crlPem`,
                `\`${at}[0].crlPem\` ('CN=Clients Intermediate CA') was due for its next update on ${next}: a stale CRL misses the revocations published since; give the CA's current CRL`,
            ],
            [
                `${at}[1].crlPem`,
                `\`${at}[1].crlPem\` is issued by 'CN=Partner Intermediate CA', which is not a CA of \`mutualAuthentication.trustStore.caBundlePem\`: give the CRL of one of the trust store's CAs, or add its CA to the bundle`,
            ],
            [
                `${at}[2].crlPem`,
                `\`${at}[2].crlPem\` names 'CN=Clients Root CA' as its issuer, but its signature does not verify with that CA's key: give the CRL that CA published`,
            ],
        ]);
        // Without an inline bundle there is nothing to match the issuer against; staleness is still checked.
        expect(
            revocationProblems({
                mode: "verify",
                trustStore: {
                    s3Uri: "s3://pki-bundles/ca.pem",
                    revocationLists: [{ crlPem: foreign.pem }, { crlPem: stale.pem }],
                },
            }).map(([p]) => p),
        ).toEqual([`${at}[1].crlPem`]);
    });

    it("refuses more revocation entries than a trust store holds, counted over every inline CRL", () => {
        // A CertificateList (RFC 5280 §5.1) with 250,001 entries, built directly: @peculiar/x509 would take minutes.
        const tlv = (tag: number, body: Buffer) => {
            const n = body.length;
            const len =
                n < 0x80
                    ? [n]
                    : n < 0x100
                      ? [0x81, n]
                      : n < 0x10000
                        ? [0x82, n >> 8, n & 0xff]
                        : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
            return Buffer.concat([Buffer.from([tag, ...len]), body]);
        };
        const utc = tlv(0x17, Buffer.from("491231235959Z"));
        const alg = tlv(0x30, Buffer.from("06082a8648ce3d040302", "hex"));
        const issuer = (cn: string) =>
            tlv(
                0x30,
                tlv(0x31, tlv(0x30, Buffer.concat([Buffer.from("0603550403", "hex"), tlv(0x0c, Buffer.from(cn))]))),
            );
        const entry = tlv(0x30, Buffer.concat([tlv(0x02, Buffer.from([1])), utc]));
        const big = (cn: string) =>
            tlv(
                0x30,
                Buffer.concat([
                    tlv(
                        0x30,
                        Buffer.concat([
                            tlv(0x02, Buffer.from([1])),
                            alg,
                            issuer(cn),
                            utc,
                            utc,
                            tlv(0x30, Buffer.concat(Array(250_001).fill(entry))),
                        ]),
                    ),
                    alg,
                    tlv(0x03, Buffer.from([0, 0])),
                ]),
            );
        const pem = (der: Buffer) => `-----BEGIN X509 CRL-----\n${der.toString("base64")}\n-----END X509 CRL-----\n`;
        expect(
            revocationProblems({
                mode: "verify",
                trustStore: {
                    s3Uri: "s3://pki-bundles/ca.pem",
                    revocationLists: [{ crlPem: pem(big("A")) }, { crlPem: pem(big("B")) }],
                },
            }),
        ).toEqual([
            [
                at,
                `\`${at}\` revoke 500002 certificates in all: a trust store holds at most 500000 revocation entries (ELB quota)`,
            ],
        ]);
    });

    it("reads every truncation and single-byte change of a CRL without throwing, and no truncation as a CRL", async () => {
        const der = Buffer.from((await makeCrl({ issuer: pki.intermediate, revoked: ["01", "02"] })).crl.rawData);
        expect(parseCrl(der)?.revokedCount).toBe(2);
        for (let n = 0; n < der.length; n++) expect(parseCrl(der.subarray(0, n))).toBeUndefined();
        for (let i = 0; i < der.length; i++) {
            const changed = Buffer.from(der);
            changed[i] ^= 0xff;
            expect(() => parseCrl(changed)).not.toThrow();
        }
    });
});
