import { HTTPS_REDIRECT_301 } from "./helpers/components";
import {
    cidrProblem,
    hstsHeaderValue,
    hstsProblems,
    httpsRedirectAction,
    isIpv6Cidr,
    matcherProblem,
    portProblem,
} from "../components/internal/rules/listenerValues";
import { minimumTlsMinor, sslPolicyProblem } from "../components/internal/rules/tlsPolicies";

describe("httpsRedirectAction", () => {
    it("redirects to the same host, path and query over HTTPS with a 301", () => {
        expect(httpsRedirectAction()).toEqual(HTTPS_REDIRECT_301);
    });
    it("takes 302 and another port", () => {
        expect(httpsRedirectAction(302, 8443).redirect).toMatchObject({ port: "8443", statusCode: "HTTP_302" });
    });
});

describe("HSTS", () => {
    it.each([
        [{ maxAgeSeconds: 300 }, "max-age=300"],
        [{ maxAgeSeconds: 31536000, includeSubDomains: true }, "max-age=31536000; includeSubDomains"],
        [
            { maxAgeSeconds: 63072000, includeSubDomains: true, preload: true },
            "max-age=63072000; includeSubDomains; preload",
        ],
    ])("%j → %s", (hsts, header) => {
        expect(hstsProblems(hsts)).toEqual([]);
        expect(hstsHeaderValue(hsts)).toBe(header);
    });
    it.each([
        [
            { maxAgeSeconds: -1 },
            [
                "`hsts.maxAgeSeconds` '-1' must be a whole number of seconds, 0 or more (start small, e.g. 300, then raise it)",
            ],
        ],
        [
            { maxAgeSeconds: 1.5 },
            [
                "`hsts.maxAgeSeconds` '1.5' must be a whole number of seconds, 0 or more (start small, e.g. 300, then raise it)",
            ],
        ],
        [
            { maxAgeSeconds: 300, preload: true },
            [
                "`hsts.preload` needs `hsts.maxAgeSeconds` of at least 31536000 (one year), got 300",
                "`hsts.preload` needs `hsts.includeSubDomains: true`: browsers' preload lists only accept policies that cover every subdomain",
            ],
        ],
    ])("rejects %j", (hsts, problems) => expect(hstsProblems(hsts)).toEqual(problems));
});

describe("TLS policies", () => {
    it.each([
        ["ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", 2],
        ["ELBSecurityPolicy-TLS13-1-3-PQ-2025-09", 3],
        ["ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09", 2],
        ["ELBSecurityPolicy-TLS-1-2-Ext-2018-06", 2],
        ["ELBSecurityPolicy-FS-1-2-Res-2020-10", 2],
        ["ELBSecurityPolicy-TLS13-1-1-2021-06", 1],
        ["ELBSecurityPolicy-TLS13-1-0-2021-06", 0],
        ["ELBSecurityPolicy-TLS-1-1-2017-01", 1],
        ["ELBSecurityPolicy-FS-1-1-2019-08", 1],
        ["ELBSecurityPolicy-2016-08", 0],
        ["ELBSecurityPolicy-FS-2018-06", 0],
        ["MyPolicy", undefined],
    ])("%s accepts TLS 1.%s and up", (policy, minor) => expect(minimumTlsMinor(policy)).toBe(minor));

    it("refuses TLS 1.0/1.1 policies unless allowed, and unknown names", () => {
        expect(sslPolicyProblem("ELBSecurityPolicy-2016-08", false)).toBe(
            "`sslPolicy` 'ELBSecurityPolicy-2016-08' allows TLS 1.0, which is deprecated and insecure: use a TLS 1.2+ policy such as 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', or set `allowLegacyTls: true` if old clients really need it",
        );
        expect(sslPolicyProblem("ELBSecurityPolicy-2016-08", true)).toBeUndefined();
        expect(sslPolicyProblem("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", false)).toBeUndefined();
        expect(sslPolicyProblem("TLS13", true)).toBe(
            "`sslPolicy` 'TLS13' is not an ALB security policy name this package knows: use a name such as 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' (see 'aws elbv2 describe-ssl-policies')",
        );
    });
});

describe("small checks", () => {
    it.each([["10.0.0.0/8"], ["203.0.113.7/32"], ["2001:db8::/32"], ["::/0"]])("accepts CIDR %s", (cidr) =>
        expect(cidrProblem(cidr, "c")).toBeUndefined(),
    );
    it.each([["10.0.0.0"], ["10.0.0.0/33"], ["2001:db8::/129"], ["example.com/24"], ["10.0.0.0/8/1"], ["10.0.0.0/x"]])(
        "rejects CIDR %s",
        (cidr) =>
            expect(cidrProblem(cidr, "allowedCidrs[0]")).toBe(
                `\`allowedCidrs[0]\` '${cidr}' is not a CIDR block: write it as '203.0.113.0/24' or '2001:db8::/32'`,
            ),
    );
    it("tells IPv6 CIDRs apart", () => {
        expect(isIpv6Cidr("2001:db8::/32")).toBe(true);
        expect(isIpv6Cidr("10.0.0.0/8")).toBe(false);
    });
    it.each([[0], [65536], [80.5]])("rejects port %s", (port) =>
        expect(portProblem(port, "target.port")).toBe(
            `\`target.port\` '${port}' is not a TCP port: use a whole number from 1 to 65535`,
        ),
    );
    it.each([["200"], ["200-399"], ["200,204"], ["200-299,301"]])("accepts matcher %s", (m) =>
        expect(matcherProblem(m, "m")).toBeUndefined(),
    );
    it.each([["2xx"], ["200-"], [""], ["200;204"]])("rejects matcher %j", (m) =>
        expect(matcherProblem(m, "m")).toBe(
            `\`m\` '${m}' is not an HTTP code matcher: use codes like '200', '200-399' or '200,204'`,
        ),
    );
});
