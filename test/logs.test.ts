/**
 * Every warning (and the one info) the components write through pulumi.log,
 * read from the per-test capture in test/helpers/logs.ts (test/setupLogs.ts
 * keeps them out of the test output).
 */
import { resetMocks, settle, valueOf } from "./helpers/mocks";
import { loggedInfos, loggedWarnings } from "./helpers/logs";
import { CustomDomain, type CustomDomainArgs } from "../components/customDomain";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../components/httpsLoadBalancer";
import { ImportedCertificate } from "../components/importedCertificate";
import { RedirectMode } from "../components/loadBalancerArgs";
import { bundle, makeDeepPki } from "./helpers/certChain";

beforeEach(resetMocks);

const lbBase: HttpsLoadBalancerArgs = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
};
const siteBase: CustomDomainArgs = {
    hostname: "app.example.com",
    certificate: { acm: {} },
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    target: { port: 8080 },
};

async function loadBalancer(args: Partial<HttpsLoadBalancerArgs>): Promise<void> {
    const lb = new HttpsLoadBalancer("edge", { ...lbBase, ...args });
    await Promise.all([valueOf(lb.dnsName), valueOf(lb.httpsListener.arn), valueOf(lb.httpListener.arn)]);
    await settle();
}

async function site(args: Partial<CustomDomainArgs>): Promise<void> {
    const s = new CustomDomain("site", { ...siteBase, ...args });
    await Promise.all([valueOf(s.url), valueOf(s.requiredDnsRecords), valueOf(s.httpsListener.arn)]);
    await settle();
}

describe("pulumi.log.warn", () => {
    it.each<[string, () => Promise<void>, string]>([
        [
            "a legacy TLS policy allowed by allowLegacyTls",
            () => loadBalancer({ sslPolicy: "ELBSecurityPolicy-2016-08", allowLegacyTls: true }),
            "sslPolicy 'ELBSecurityPolicy-2016-08' accepts TLS 1.0/1.1 (allowed by allowLegacyTls): these versions are deprecated and insecure.",
        ],
        [
            "the HTTP→HTTPS redirect off",
            () => loadBalancer({ target: {}, httpsRedirect: { mode: RedirectMode.Off } }),
            "HTTP→HTTPS redirect is off: port 80 serves plain HTTP, unencrypted and open to tampering.",
        ],
        [
            "the paths redirect mode",
            () =>
                loadBalancer({
                    target: {},
                    httpsRedirect: { mode: RedirectMode.Paths, paths: ["/admin/*", "/login"] },
                }),
            "HTTP→HTTPS redirect covers only httpsRedirect.paths (/admin/*, /login): every other path on port 80 is served over plain HTTP, unencrypted and open to tampering. Use mode 'except' to redirect everything but a few paths.",
        ],
        [
            "a security header off",
            () => loadBalancer({ securityHeaders: { contentTypeOptions: true, frameOptions: "DENY" } }),
            "securityHeaders.contentSecurityPolicy is off: a new HTTPS listener sends no Content-Security-Policy header, but one set by an earlier deployment stays, because the AWS provider never sends an empty attribute value and Content-Security-Policy has no value that means off. To remove it, clear \"routing.http.response.content_security_policy.header_value\" by hand: in the console (listener → Attributes → Add response headers) or with aws elbv2 modify-listener-attributes --listener-arn <HTTPS listener ARN> --attributes 'Key=routing.http.response.content_security_policy.header_value,Value='",
        ],
        [
            "an IPv6 CIDR rewritten to canonical form",
            () => loadBalancer({ allowedCidrs: ["2001:DB8::/32"] }),
            "allowedCidrs '2001:DB8::/32' is written as '2001:db8::/32' in the security group: EC2 stores IPv6 blocks in canonical form (RFC 5952), so any other spelling would show a diff after every refresh; write '2001:db8::/32' to silence this warning.",
        ],
        [
            "CAA records",
            () => site({ zoneName: "example.com", caa: {} }),
            'CAA records for app.example.com allow only amazon.com. If a name already has CAA records managed elsewhere, creating ours fails with "already exists": import that record set into this stack, or add its issuers here.',
        ],
    ])("%s", async (_name, run, message) => {
        await run();
        expect(loggedWarnings()).toContain(message);
    });

    it("an ImportedCertificate whose chain was moved out of the certificate field", async () => {
        const pki = await makeDeepPki("Logs");
        const leaf = await pki.leaf({ commonName: "app.example.com", dnsNames: ["app.example.com"] });
        const cert = new ImportedCertificate("full", {
            certificate: bundle(leaf, pki.int2, pki.int1),
            privateKey: leaf.key.pem,
        });
        await valueOf(cert.certificateArn);
        expect(loggedWarnings()).toEqual([
            "ImportedCertificate 'full': the certificate field held 3 certificates: used 'CN=app.example.com' as the certificate and moved the other 2 to the chain.",
        ]);
    });
});

describe("pulumi.log.info", () => {
    it("DNS not managed here: the records to create", async () => {
        await site({ manageDns: false });
        const infos = loggedInfos();
        expect(infos).toHaveLength(1);
        expect(infos[0]).toMatch(
            /^DNS is not managed here: create these records at your DNS provider \(validation waits for them\):\napp\.example\.com\. +300 IN CNAME /,
        );
    });
});
