import { defaultZoneName, hostnameProblems, isInZone, normalizeHostname, validationDomain, validationDomains } from "../components/internal/hostnames";

describe("hostnameProblems", () => {
    it.each([
        ["app.example.com"],
        ["example.com"],
        ["*.example.com"],
        ["a-b.c-d.example.co.uk"],
        ["xn--bcher-kva.example.com"],
        ["App.Example.COM."],
        [`${"a".repeat(63)}.example.com`],
    ])("accepts %s", (name) => {
        expect(hostnameProblems(name, "hostname")).toEqual([]);
    });

    it.each([
        ["", "`hostname` '' is empty: give a DNS name such as 'app.example.com'"],
        ["a..b.com", "`hostname` 'a..b.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot"],
        [".example.com", "`hostname` '.example.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot"],
        ["app.example.com..", "`hostname` 'app.example.com..' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot"],
        [`${"a".repeat(64)}.example.com`, "`hostname` '" + "a".repeat(64) + ".example.com' is not a valid DNS name: label 'aaaaaaaaaaaaaaaaaaaa…' is 64 characters, the limit is 63"],
        [`${"a.".repeat(127)}com`, "`hostname` '" + "a.".repeat(127) + "com' is not a valid DNS name: 257 characters, the limit is 253"],
        ["my_app.example.com", "`hostname` 'my_app.example.com' is not a valid DNS name: label 'my_app' has '_': use only letters, digits and hyphens"],
        ["my app.example.com", "`hostname` 'my app.example.com' is not a valid DNS name: label 'my app' has ' ': use only letters, digits and hyphens"],
        ["-app.example.com", "`hostname` '-app.example.com' is not a valid DNS name: label '-app' starts or ends with a hyphen"],
        ["app-.example.com", "`hostname` 'app-.example.com' is not a valid DNS name: label 'app-' starts or ends with a hyphen"],
        ["bücher.example.com", "`hostname` 'bücher.example.com' is not ASCII: ACM and Route 53 need the punycode (IDNA) form 'xn--bcher-kva.example.com'; convert it (for example with 'idn2') and use that"],
        ["a.*.example.com", "`hostname` 'a.*.example.com' has a wildcard that is not the whole leftmost label: only names like '*.example.com' are allowed"],
        ["app*.example.com", "`hostname` 'app*.example.com' has a wildcard that is not the whole leftmost label: only names like '*.example.com' are allowed"],
        ["*.com", "`hostname` '*.com' is a wildcard over a top-level domain: a wildcard needs at least two labels after it ('*.example.com')"],
        ["localhost", "`hostname` 'localhost' is not a fully qualified name: it needs at least two labels ('app.example.com')"],
        ["10.0.0.1", "`hostname` '10.0.0.1' is an IP address: certificates and alias records need a DNS name"],
        ["2001:db8::1", "`hostname` '2001:db8::1' is an IP address: certificates and alias records need a DNS name"],
        ["app.example.123", "`hostname` 'app.example.123' is not a valid DNS name: the top-level label '123' is all digits"],
    ])("rejects %j", (name, message) => {
        expect(hostnameProblems(name, "hostname")).toEqual([message]);
    });

    it("names the property it was given", () => {
        expect(hostnameProblems("a..b", "alternativeNames[2]")[0]).toMatch(/^`alternativeNames\[2\]` 'a\.\.b'/);
    });
});

describe("name helpers", () => {
    it.each([
        ["App.Example.COM.", "app.example.com"],
        ["app.example.com", "app.example.com"],
        ["*.Example.com", "*.example.com"],
    ])("normalizes %s to %s", (raw, normal) => expect(normalizeHostname(raw)).toBe(normal));

    it.each([
        ["*.example.com", "example.com"],
        ["example.com", "example.com"],
        ["*.app.example.com", "app.example.com"],
    ])("validation domain of %s is %s", (host, domain) => expect(validationDomain(host)).toBe(domain));

    it("dedupes wildcard and apex into one validation domain", () => {
        expect(validationDomains(["example.com", "*.example.com", "www.example.com"])).toEqual(["example.com", "www.example.com"]);
    });

    it.each([
        ["app.example.com", "example.com", true],
        ["example.com", "example.com", true],
        ["*.example.com", "example.com", true],
        ["example.com", "app.example.com", false],
        ["badexample.com", "example.com", false],
        ["app.example.com", "Example.com.", true],
    ])("%s in zone %s: %s", (host, zone, inside) => expect(isInZone(host, zone)).toBe(inside));

    it.each([
        ["app.example.com", "example.com"],
        ["example.com", "example.com"],
        ["*.example.com", "example.com"],
        ["api.eu.example.com", "eu.example.com"],
    ])("default zone of %s is %s", (host, zone) => expect(defaultZoneName(host)).toBe(zone));
});
