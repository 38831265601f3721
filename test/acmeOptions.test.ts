/**
 * The ACME option rules (checkAcmeOptions, checkAcmeHostnames), pure: each
 * problem is recorded with its property path under the prefix the caller
 * gives, so AcmeCertificate ("") and CustomDomain ("certificate.acme") share them.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkAcmeHostnames, checkAcmeOptions } from "../components/internal/certificates/acme";
import { Problems } from "../components/internal/rules/problems";
import type { AcmeCertificateOptions } from "../components/acmeCertificateArgs";

function problemsOf(options: unknown, at = ""): [string, string][] {
    const problems = new Problems();
    checkAcmeOptions(options as AcmeCertificateOptions, problems, at);
    try {
        problems.throwIfAny("X", "x");
    } catch (e) {
        return (e as pulumi.InputPropertiesError).errors.map((x) => [x.propertyPath, x.reason]);
    }
    return [];
}

const EAB_FIX = "external account binding needs both `keyId` and `hmacBase64` from the CA";
const ZEROSSL = { server: "ZeroSsl" };

describe("checkAcmeOptions: e-mail (a mailbox addr-spec; lego adds 'mailto:'; Let's Encrypt refuses RFC 2606 domains)", () => {
    it.each([
        ["ops@yourdomain.com"],
        ["first.last+acme@mail.example.co.uk"],
        ["ops@example.com.au"],
        ["o'brien@corp.example.dev"],
    ])("accepts %s", (email) => {
        expect(problemsOf({ email, server: "LetsEncryptProduction" })).toEqual([]);
    });

    it.each<[string, unknown, [string, string][]]>([
        [
            "a 'mailto:' URI",
            "mailto:ops@corp.dev",
            [
                [
                    "email",
                    "`email` 'mailto:ops@corp.dev' starts with 'mailto:': give the bare address ('ops@corp.dev'); the ACME client adds 'mailto:' itself",
                ],
            ],
        ],
        [
            "a display name",
            "Ops Team <ops@corp.dev>",
            [["email", "`email` 'Ops Team <ops@corp.dev>' has a display name: give only the address ('ops@corp.dev')"]],
        ],
        [
            "two addresses",
            "a@corp.dev, b@corp.dev",
            [["email", "`email` 'a@corp.dev, b@corp.dev' is more than one address, or has spaces: give one mailbox"]],
        ],
        [
            "no @",
            "ops.corp.dev",
            [
                [
                    "email",
                    "`email` 'ops.corp.dev' is not an e-mail address (RFC 5322 addr-spec, local@domain): give a mailbox such as 'ops@yourdomain.com'",
                ],
            ],
        ],
        [
            "two @",
            "ops@@corp.dev",
            [
                [
                    "email",
                    "`email` 'ops@@corp.dev' is not an e-mail address (RFC 5322 addr-spec, local@domain): give a mailbox such as 'ops@yourdomain.com'",
                ],
            ],
        ],
        [
            "a leading dot",
            ".ops@corp.dev",
            [
                [
                    "email",
                    "`email` '.ops@corp.dev' is not an e-mail address (RFC 5322 addr-spec, local@domain): give a mailbox such as 'ops@yourdomain.com'",
                ],
            ],
        ],
        [
            "a one-label domain",
            "ops@localhost",
            [
                [
                    "email",
                    "`email` 'ops@localhost' has a domain that is not a DNS name ('localhost'): give a mailbox at a domain that receives mail",
                ],
            ],
        ],
        [
            "an IP domain",
            "ops@192.0.2.1",
            [
                [
                    "email",
                    "`email` 'ops@192.0.2.1' has a domain that is not a DNS name ('192.0.2.1'): give a mailbox at a domain that receives mail",
                ],
            ],
        ],
        [
            "empty",
            "",
            [["email", "`email` '' is empty: leave `email` out, or give a mailbox such as 'ops@yourdomain.com'"]],
        ],
        ["a number", 42, [["email", "`email` is a number, not a string: give a mailbox such as 'ops@yourdomain.com'"]]],
        // boulder policy/pa.go forbiddenMailDomains: example.com, example.net, example.org (RFC 2606 §3).
        [
            "example.com at Let's Encrypt",
            "ops@example.com",
            [
                [
                    "email",
                    "`email` 'ops@example.com' is at example.com, a documentation domain (RFC 2606) that Let's Encrypt refuses for contact addresses: give a mailbox at a domain that receives mail, or leave `email` out",
                ],
            ],
        ],
        [
            "Example.ORG at Let's Encrypt",
            "ops@Example.ORG",
            [
                [
                    "email",
                    "`email` 'ops@Example.ORG' is at example.org, a documentation domain (RFC 2606) that Let's Encrypt refuses for contact addresses: give a mailbox at a domain that receives mail, or leave `email` out",
                ],
            ],
        ],
    ])("refuses %s", (_, email, expected) => {
        expect(problemsOf({ email })).toEqual(expected);
    });

    it("leaves example.com to CAs other than Let's Encrypt, and secret Outputs to the provider", () => {
        expect(problemsOf({ email: "ops@example.com", server: "https://ca.internal.example/acme/directory" })).toEqual(
            [],
        );
        expect(problemsOf({ email: pulumi.output("mailto:x") })).toEqual([]);
    });
});

describe("checkAcmeOptions: external account binding (RFC 8555 §7.3.4; lego decodes the HMAC key with base64.RawURLEncoding)", () => {
    const SECRET = "c2VjcmV0LWhtYWM";
    it.each([
        [SECRET],
        ["yEmhOx4TOp0bBIiHkR-2o2k3E9T7jxTWJ4ESWXLvkgBQqxd68sQqw1H6TF1K-feCSuJz2LdkUYd9qM5mFdfY9A"],
        [`${SECRET}\n`],
    ])("accepts HMAC key %j", (hmacBase64) => {
        expect(problemsOf({ ...ZEROSSL, externalAccountBinding: { keyId: "kid-1", hmacBase64 } })).toEqual([]);
    });

    it.each<[string, unknown, [string, string][]]>([
        [
            "no keyId",
            { hmacBase64: SECRET },
            [["externalAccountBinding.keyId", `\`externalAccountBinding.keyId\` is missing: ${EAB_FIX}`]],
        ],
        [
            "no hmacBase64",
            { keyId: "kid-1" },
            [["externalAccountBinding.hmacBase64", `\`externalAccountBinding.hmacBase64\` is missing: ${EAB_FIX}`]],
        ],
        [
            "neither",
            {},
            [
                ["externalAccountBinding.keyId", `\`externalAccountBinding.keyId\` is missing: ${EAB_FIX}`],
                ["externalAccountBinding.hmacBase64", `\`externalAccountBinding.hmacBase64\` is missing: ${EAB_FIX}`],
            ],
        ],
        [
            "an empty keyId",
            { keyId: " ", hmacBase64: SECRET },
            [["externalAccountBinding.keyId", `\`externalAccountBinding.keyId\` is empty: ${EAB_FIX}`]],
        ],
        [
            "a non-ASCII keyId",
            { keyId: "kïd", hmacBase64: SECRET },
            [
                [
                    "externalAccountBinding.keyId",
                    "`externalAccountBinding.keyId` 'kïd' is not printable ASCII: RFC 8555 §7.3.4 key ids are ASCII strings; copy it exactly as the CA shows it",
                ],
            ],
        ],
        [
            "a padded HMAC key",
            { keyId: "k", hmacBase64: "c2VjcmV0LWhtYWM=" },
            [
                [
                    "externalAccountBinding.hmacBase64",
                    "`externalAccountBinding.hmacBase64` ends in '=' padding, which the ACME provider cannot decode: it reads unpadded base64url (RFC 8555 §7.3.4, lego's base64.RawURLEncoding); remove the trailing '='",
                ],
            ],
        ],
        [
            "a standard-base64 HMAC key",
            { keyId: "k", hmacBase64: "ab+c/d==" },
            [
                [
                    "externalAccountBinding.hmacBase64",
                    "`externalAccountBinding.hmacBase64` is standard base64 ('+' or '/'), not base64url: the ACME provider decodes unpadded base64url (RFC 8555 §7.3.4); copy the HMAC key exactly as the CA shows it",
                ],
            ],
        ],
        [
            "an HMAC key with other characters",
            { keyId: "k", hmacBase64: "not base64!" },
            [
                [
                    "externalAccountBinding.hmacBase64",
                    "`externalAccountBinding.hmacBase64` is not base64url: the ACME provider decodes it as unpadded base64url, letters, digits, '-' and '_' (RFC 8555 §7.3.4); copy the HMAC key exactly as the CA shows it",
                ],
            ],
        ],
        [
            "an HMAC key of impossible length",
            { keyId: "k", hmacBase64: "abcde" },
            [
                [
                    "externalAccountBinding.hmacBase64",
                    "`externalAccountBinding.hmacBase64` is not base64url: the ACME provider decodes it as unpadded base64url, letters, digits, '-' and '_' (RFC 8555 §7.3.4); copy the HMAC key exactly as the CA shows it",
                ],
            ],
        ],
        [
            "an empty HMAC key",
            { keyId: "k", hmacBase64: "" },
            [
                [
                    "externalAccountBinding.hmacBase64",
                    "`externalAccountBinding.hmacBase64` is empty: copy the HMAC key exactly as the CA shows it",
                ],
            ],
        ],
        [
            "a numeric HMAC key",
            { keyId: "k", hmacBase64: 12345 },
            [
                [
                    "externalAccountBinding.hmacBase64",
                    "`externalAccountBinding.hmacBase64` is a number, not a string: give the HMAC key the CA shows, as a secret",
                ],
            ],
        ],
        [
            "a string instead of an object",
            "kid-1:secret",
            [
                [
                    "externalAccountBinding",
                    "`externalAccountBinding` is a string, not an object: give { keyId, hmacBase64 } as the CA shows them",
                ],
            ],
        ],
    ])("refuses %s", (_, externalAccountBinding, expected) => {
        expect(problemsOf({ ...ZEROSSL, externalAccountBinding })).toEqual(expected);
    });

    it("never prints the HMAC key", () => {
        for (const hmacBase64 of ["c2VjcmV0LWhtYWM=", "se+cr/et==", "sécret-hmac", "abcde"]) {
            const messages = problemsOf({ ...ZEROSSL, externalAccountBinding: { keyId: "k", hmacBase64 } });
            expect(messages).toHaveLength(1);
            expect(JSON.stringify(messages)).not.toContain(hmacBase64.replace(/=+$/, ""));
        }
    });

    it("leaves secret Outputs to the provider, and requires EAB only for a new account at a CA that needs it", () => {
        expect(
            problemsOf({ ...ZEROSSL, externalAccountBinding: { keyId: "k", hmacBase64: pulumi.secret("c2VjcmV0=") } }),
        ).toEqual([]);
        expect(problemsOf({ ...ZEROSSL, accountKeyPem: "-----BEGIN EC PRIVATE KEY-----" })).toEqual([]);
        expect(problemsOf({ server: "GoogleTrustServices" })).toEqual([
            [
                "externalAccountBinding",
                "`externalAccountBinding` is missing: Google Trust Services requires external account binding; create EAB credentials in your Google Trust Services account and pass them as `externalAccountBinding` { keyId, hmacBase64 } (the HMAC key as a secret)",
            ],
        ]);
    });
});

describe("checkAcmeOptions: wrong types are named, never a TypeError", () => {
    it.each<[string, unknown, [string, string][]]>([
        [
            "server a number",
            { server: 443 },
            [
                [
                    "server",
                    "`server` is a number, not a string: give an AcmeServer value (e.g. AcmeServer.LetsEncryptProduction) or the CA's https directory URL",
                ],
            ],
        ],
        [
            "server not a URL",
            { server: "letsencrypt" },
            [
                [
                    "server",
                    "`server` 'letsencrypt' is neither an ACME directory URL nor one of LetsEncryptStaging, LetsEncryptProduction, ZeroSsl, GoogleTrustServices, GoogleTrustServicesStaging: pass the CA's RFC 8555 directory URL (https://…/directory)",
                ],
            ],
        ],
        [
            "keyType unknown",
            { keyType: "ed25519" },
            [
                [
                    "keyType",
                    "`keyType` 'ed25519' is not a key type: use one of AcmeKeyType.P256 (default), P384, RSA2048, RSA4096",
                ],
            ],
        ],
        [
            "keyType an object",
            { keyType: { bits: 2048 } },
            [
                [
                    "keyType",
                    "`keyType` is an object, not a key type: use one of AcmeKeyType.P256 (default), P384, RSA2048, RSA4096",
                ],
            ],
        ],
        [
            "minDaysRemaining a string",
            { minDaysRemaining: "30" },
            [["minDaysRemaining", "`minDaysRemaining` is a string, not a number: give whole days, e.g. 30"]],
        ],
        [
            "minDaysRemaining a fraction",
            { minDaysRemaining: 2.5 },
            [
                [
                    "minDaysRemaining",
                    "`minDaysRemaining` '2.5' is not a whole number of days of at least 1: below 1 the certificate is renewed only after it expires, or never; use e.g. 30, or leave it out to renew at a third of the certificate's lifetime",
                ],
            ],
        ],
        [
            "dnsChallenge a string",
            { dnsChallenge: "route53" },
            [
                [
                    "dnsChallenge",
                    "`dnsChallenge` is a string, not an object: give { provider, config, … }, or leave it out for Route 53",
                ],
            ],
        ],
        [
            "dnsChallenge.provider a number",
            { dnsChallenge: { provider: 53 } },
            [
                [
                    "dnsChallenge.provider",
                    "`dnsChallenge.provider` is a number, not a string: use the ACME solver's code in lower case, e.g. 'route53' or 'cloudflare'",
                ],
            ],
        ],
        [
            "dnsChallenge.provider not a code",
            { dnsChallenge: { provider: "Route 53" } },
            [
                [
                    "dnsChallenge.provider",
                    "`dnsChallenge.provider` 'Route 53' is not a DNS provider code: use the ACME solver's code in lower case, e.g. 'route53' or 'cloudflare'",
                ],
            ],
        ],
        [
            "dnsChallenge.zoneIds a list",
            { dnsChallenge: { zoneIds: ["Z1"] } },
            [
                [
                    "dnsChallenge.zoneIds",
                    "`dnsChallenge.zoneIds` is a list, not an object: give { 'host.example.com': zoneId }",
                ],
            ],
        ],
        [
            "dnsChallenge.config a string",
            { dnsChallenge: { config: "CF_DNS_API_TOKEN=x" } },
            [
                [
                    "dnsChallenge.config",
                    "`dnsChallenge.config` is a string, not an object: give the provider's settings as { NAME: value }",
                ],
            ],
        ],
        [
            "profile a boolean",
            { profile: true },
            [["profile", "`profile` is a boolean, not a string: give the CA's profile name, e.g. 'tlsserver'"]],
        ],
        [
            "preferredChain a list",
            { preferredChain: ["ISRG Root X1"] },
            [
                [
                    "preferredChain",
                    "`preferredChain` is a list, not a string: give the common name of the root, e.g. 'ISRG Root X1'",
                ],
            ],
        ],
        [
            "revokeOnDestroy a string",
            { revokeOnDestroy: "yes" },
            [["revokeOnDestroy", "`revokeOnDestroy` is a string, not a boolean: give true or false"]],
        ],
    ])("%s", (_, options, expected) => {
        expect(problemsOf(options)).toEqual(expected);
    });

    it("options that are not an object", () => {
        expect(problemsOf("LetsEncryptProduction", "certificate.acme")).toEqual([
            [
                "certificate.acme",
                "`certificate.acme` is a string, not an object: give the ACME options as an object, e.g. { server: 'LetsEncryptProduction' }",
            ],
        ]);
    });
});

describe("checkAcmeOptions: property paths", () => {
    it("prefixes every path and every path named in a fix", () => {
        expect(
            problemsOf(
                { email: "mailto:ops@corp.dev", profile: "shortlived", minDaysRemaining: 30, server: "ZeroSsl" },
                "certificate.acme",
            ),
        ).toEqual([
            [
                "certificate.acme.minDaysRemaining",
                "`certificate.acme.minDaysRemaining` '30' renews on every run with the 'shortlived' profile, whose certificates are valid for about 6 days, and soon hits the CA's duplicate-certificate limit (5 per week): set `certificate.acme.minDaysRemaining` to 3 and run `pulumi up` at least daily",
            ],
            [
                "certificate.acme.email",
                "`certificate.acme.email` 'mailto:ops@corp.dev' starts with 'mailto:': give the bare address ('ops@corp.dev'); the ACME client adds 'mailto:' itself",
            ],
            [
                "certificate.acme.externalAccountBinding",
                "`certificate.acme.externalAccountBinding` is missing: ZeroSSL requires external account binding; create EAB credentials in your ZeroSSL account and pass them as `certificate.acme.externalAccountBinding` { keyId, hmacBase64 } (the HMAC key as a secret)",
            ],
        ]);
    });
});

describe("checkAcmeHostnames (DNS-01 only: RFC 8738 §7 forbids dns-01 for IP identifiers)", () => {
    it.each<[string, unknown, string[]]>([
        [
            "an IPv4 address",
            ["app.example.com", "192.0.2.1"],
            [
                "`hostnames[1]` '192.0.2.1' is an IP address: this component proves control by DNS-01 only, which cannot validate IP addresses (RFC 8738 §7); certify a DNS name instead",
            ],
        ],
        [
            "an IPv6 address",
            ["2001:db8::1"],
            [
                "`hostnames[0]` '2001:db8::1' is an IP address: this component proves control by DNS-01 only, which cannot validate IP addresses (RFC 8738 §7); certify a DNS name instead",
            ],
        ],
        [
            "a URL",
            ["https://app.example.com/"],
            [
                "`hostnames[0]` 'https://app.example.com/' is a URL: give the bare host name, without scheme, port or path; did you mean 'app.example.com'?",
            ],
        ],
        [
            "not a list",
            "app.example.com",
            ["`hostnames` 'app.example.com' is a string, not a list: write ['app.example.com']"],
        ],
        [
            "a number in the list",
            [7],
            ["`hostnames[0]` is a number, not a string: give a DNS name such as 'app.example.com'"],
        ],
        ["an empty list", [], ["`hostnames` is empty: give at least one host name to certify"]],
    ])("refuses %s", (_, raw, messages) => {
        const problems = new Problems();
        checkAcmeHostnames(raw, problems);
        expect(problems.messages()).toEqual(messages);
    });

    it("normalises like every component", () => {
        const problems = new Problems();
        expect(checkAcmeHostnames(["App.Example.com", "*.Example.com."], problems)).toEqual([
            "app.example.com",
            "*.example.com",
        ]);
        expect(problems.count).toBe(0);
    });
});
