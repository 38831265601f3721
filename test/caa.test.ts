/**
 * CAA issuer rules: the issuer-domain-name syntax of RFC 8659 §4.2, and the
 * issuer domain derived from a known ACME server's host.
 */
import { acmeCaaIssuer } from "../components/internal/rules/customDomainPlan";
import { caaIssuerProblem } from "../components/internal/rules/requiredRecords";

describe("caaIssuerProblem (RFC 8659 §4.2 issuer-domain-name)", () => {
    // issuer-domain-name = label *("." label); label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))
    it.each([
        ["amazon.com"],
        ["letsencrypt.org"],
        ["pki.goog"],
        ["sectigo.com"],
        ["Amazon.COM"],
        ["ca1.example.net"],
        ["a--b.example"],
        ["internalca"],
    ])("accepts %s", (issuer) => {
        expect(caaIssuerProblem(issuer, "caa.issuers[0]")).toBeUndefined();
    });

    it.each<[unknown, string]>([
        [
            "Let's Encrypt",
            "`caa.issuers[0]` 'Let's Encrypt' is not a CA domain: use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
        ],
        [
            "letsencrypt.org.",
            "`caa.issuers[0]` 'letsencrypt.org.' is not a CA domain: use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
        ],
        [
            "-ca.example",
            "`caa.issuers[0]` '-ca.example' is not a CA domain: use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
        ],
        [
            "ca-.example",
            "`caa.issuers[0]` 'ca-.example' is not a CA domain: use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
        ],
        [
            "ca..example",
            "`caa.issuers[0]` 'ca..example' is not a CA domain: use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
        ],
        [
            "https://letsencrypt.org",
            "`caa.issuers[0]` 'https://letsencrypt.org' is not a CA domain: use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
        ],
        [
            "",
            "`caa.issuers[0]` '' is empty: an empty issuer forbids every CA (RFC 8659 §4.2); use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
        ],
        [
            "letsencrypt.org; validationmethods=dns-01",
            "`caa.issuers[0]` 'letsencrypt.org; validationmethods=dns-01' has CAA parameters: give only the issuer domain name (RFC 8659 §4.2), e.g. 'letsencrypt.org'",
        ],
        [
            42,
            "`caa.issuers[0]` is a number, not a string: use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'",
        ],
    ])("rejects %j", (issuer, message) => {
        expect(caaIssuerProblem(issuer as string, "caa.issuers[0]")).toBe(message);
    });
});

describe("acmeCaaIssuer", () => {
    it.each([
        [undefined, "letsencrypt.org"],
        ["LetsEncryptProduction", "letsencrypt.org"],
        ["https://acme-v02.api.letsencrypt.org/directory", "letsencrypt.org"],
        ["https://letsencrypt.org/acme/directory", "letsencrypt.org"],
        ["ZeroSsl", "sectigo.com"],
        ["https://acme.zerossl.com/v2/DV90", "sectigo.com"],
        ["GoogleTrustServices", "pki.goog"],
        // A bare suffix is not a domain boundary: these are someone else's hosts.
        ["https://evilletsencrypt.org/directory", undefined],
        ["https://acme.notzerossl.com/directory", undefined],
        ["https://letsencrypt.org.evil.example/directory", undefined],
        ["https://ca.internal.example/acme/directory", undefined],
        ["not a url", undefined],
    ])("maps server %j to issuer %j", (server, issuer) => {
        expect(acmeCaaIssuer(server)).toBe(issuer);
    });
});
