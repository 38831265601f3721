import {
    checkNameList,
    defaultZoneName,
    hostnameProblems,
    isInZone,
    isIpAddress,
    normalizeHostname,
    validationDomain,
    validationDomains,
} from "../components/internal/rules/hostnames";
import { Problems } from "../components/internal/rules/problems";

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
        [
            "a..b.com",
            "`hostname` 'a..b.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot",
        ],
        [
            ".example.com",
            "`hostname` '.example.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot",
        ],
        [
            "app.example.com..",
            "`hostname` 'app.example.com..' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot",
        ],
        [
            `${"a".repeat(64)}.example.com`,
            "`hostname` '" +
                "a".repeat(64) +
                ".example.com' is not a valid DNS name: label 'aaaaaaaaaaaaaaaaaaaa…' is 64 characters, the limit is 63",
        ],
        [
            `${"a.".repeat(127)}com`,
            "`hostname` '" + "a.".repeat(127) + "com' is not a valid DNS name: 257 characters, the limit is 253",
        ],
        [
            "my_app.example.com",
            "`hostname` 'my_app.example.com' is not a valid DNS name: label 'my_app' has '_': use only letters, digits and hyphens",
        ],
        [
            "my app.example.com",
            "`hostname` 'my app.example.com' is not a valid DNS name: label 'my app' has ' ': use only letters, digits and hyphens",
        ],
        [
            "-app.example.com",
            "`hostname` '-app.example.com' is not a valid DNS name: label '-app' starts or ends with a hyphen",
        ],
        [
            "app-.example.com",
            "`hostname` 'app-.example.com' is not a valid DNS name: label 'app-' starts or ends with a hyphen",
        ],
        [
            "bücher.example.com",
            "`hostname` 'bücher.example.com' is not ASCII: ACM and Route 53 need the punycode (IDNA) form 'xn--bcher-kva.example.com'; convert it (for example with 'idn2') and use that",
        ],
        [
            "a.*.example.com",
            "`hostname` 'a.*.example.com' has a wildcard that is not the whole leftmost label: only names like '*.example.com' are allowed",
        ],
        [
            "app*.example.com",
            "`hostname` 'app*.example.com' has a wildcard that is not the whole leftmost label: only names like '*.example.com' are allowed",
        ],
        [
            "*.com",
            "`hostname` '*.com' is a wildcard over a top-level domain: a wildcard needs at least two labels after it ('*.example.com')",
        ],
        [
            "localhost",
            "`hostname` 'localhost' is not a fully qualified name: it needs at least two labels ('app.example.com')",
        ],
        ["10.0.0.1", "`hostname` '10.0.0.1' is an IP address: certificates and alias records need a DNS name"],
        ["2001:db8::1", "`hostname` '2001:db8::1' is an IP address: certificates and alias records need a DNS name"],
        [
            "app.example.123",
            "`hostname` 'app.example.123' is not a valid DNS name: the top-level label '123' is all digits",
        ],
        // IPv6 and bracketed/ported addresses are IP addresses too.
        [
            "[2001:db8::1]",
            "`hostname` '[2001:db8::1]' is an IP address: certificates and alias records need a DNS name",
        ],
        [
            "[2001:db8::1]:443",
            "`hostname` '[2001:db8::1]:443' is an IP address: certificates and alias records need a DNS name",
        ],
        ["::1", "`hostname` '::1' is an IP address: certificates and alias records need a DNS name"],
        [
            "10.0.0.1:8080",
            "`hostname` '10.0.0.1:8080' is an IP address: certificates and alias records need a DNS name",
        ],
        // A URL, a port or a path where a bare name belongs: say what it is and suggest the name.
        [
            "https://app.example.com/",
            "`hostname` 'https://app.example.com/' is a URL: give the bare host name, without scheme, port or path; did you mean 'app.example.com'?",
        ],
        [
            "https://App.Example.com:8443/login?x=1",
            "`hostname` 'https://App.Example.com:8443/login?x=1' is a URL: give the bare host name, without scheme, port or path; did you mean 'app.example.com'?",
        ],
        [
            "http://10.0.0.1/",
            "`hostname` 'http://10.0.0.1/' is a URL: give the bare host name, without scheme, port or path",
        ],
        ["https://", "`hostname` 'https://' is a URL: give the bare host name, without scheme, port or path"],
        [
            "app.example.com:8443",
            "`hostname` 'app.example.com:8443' has a port: certificates and DNS records name hosts, not ports; give the bare host name; did you mean 'app.example.com'?",
        ],
        [
            "app_x.example.com:443",
            "`hostname` 'app_x.example.com:443' has a port: certificates and DNS records name hosts, not ports; give the bare host name",
        ],
        [
            "app.example.com/admin",
            "`hostname` 'app.example.com/admin' has a path: give the bare host name, without the path; did you mean 'app.example.com'?",
        ],
        [
            "my:app.example.com",
            "`hostname` 'my:app.example.com' is not a valid DNS name: label 'my:app' has ':': use only letters, digits and hyphens",
        ],
        // No one-character TLD is delegated in the root zone (IANA Root Zone Database; ccTLDs are
        // two letters per RFC 1591, gTLDs at least three per ICANN's Applicant Guidebook §2.2.1.3.2).
        [
            "app.example.c",
            "`hostname` 'app.example.c' is not a valid DNS name: the top-level label 'c' is one character, and no one-character top-level domain exists; check the end of the name for a typo",
        ],
        [
            "*.example.c.",
            "`hostname` '*.example.c.' is not a valid DNS name: the top-level label 'c' is one character, and no one-character top-level domain exists; check the end of the name for a typo",
        ],
        // Wrong types are named, never a TypeError.
        [42, "`hostname` is a number, not a string: give a DNS name such as 'app.example.com'"],
        [["app.example.com"], "`hostname` is a list, not a string: give a DNS name such as 'app.example.com'"],
        [undefined, "`hostname` is missing: give a DNS name such as 'app.example.com'"],
    ])("rejects %j", (name, message) => {
        expect(hostnameProblems(name as string, "hostname")).toEqual([message]);
    });

    it.each([
        ["10.0.0.1", true],
        ["2001:db8::1", true],
        ["[::1]:443", true],
        ["app.example.com", false],
        ["app.example.com:443", false],
        ["1.2.3", false],
    ])("isIpAddress(%j) is %s", (raw, ip) => {
        expect(isIpAddress(raw)).toBe(ip);
    });

    it("names the property it was given", () => {
        expect(hostnameProblems("a..b", "alternativeNames[2]")[0]).toMatch(/^`alternativeNames\[2\]` 'a\.\.b'/);
    });
});

describe("checkNameList", () => {
    it.each<[string, unknown, string[]]>([
        [
            "a string instead of a list",
            "app.example.com",
            ["`hostnames` 'app.example.com' is a string, not a list: write ['app.example.com']"],
        ],
        [
            "a number instead of a list",
            7,
            ["`hostnames` is a number, not a list: give a list of names, e.g. ['app.example.com']"],
        ],
        [
            "an object instead of a list",
            { a: 1 },
            ["`hostnames` is an object, not a list: give a list of names, e.g. ['app.example.com']"],
        ],
        ["an empty list", [], ["`hostnames` is empty: name one"]],
        ["missing", undefined, ["`hostnames` is empty: name one"]],
        [
            "a number in the list",
            ["app.example.com", 42],
            ["`hostnames[1]` is a number, not a string: give a DNS name such as 'app.example.com'"],
        ],
        [
            "a repeat after normalising",
            ["App.Example.com.", "app.example.com"],
            ["`hostnames[1]` 'app.example.com' repeats `hostnames[0]`: list each name once"],
        ],
    ])("reports %s with the property path", (_, raw, messages) => {
        const problems = new Problems();
        checkNameList(raw as string[], problems, "hostnames", "name one");
        expect(problems.messages()).toEqual(messages);
    });

    it("normalises case and one trailing dot", () => {
        const problems = new Problems();
        expect(checkNameList(["App.Example.COM.", "*.Example.com"], problems, "hostnames", "name one")).toEqual([
            "app.example.com",
            "*.example.com",
        ]);
        expect(problems.count).toBe(0);
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
        expect(validationDomains(["example.com", "*.example.com", "www.example.com"])).toEqual([
            "example.com",
            "www.example.com",
        ]);
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
