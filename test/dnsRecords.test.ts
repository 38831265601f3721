import { named, ofType, resetMocks, valueOf } from "./helpers/mocks";
import { TOKENS } from "./helpers/components";
import type * as pulumi from "@pulumi/pulumi";
import { DnsRecords, dualstackAliasName } from "../components/dnsRecords";

beforeEach(resetMocks);

const alias = { aliasDnsName: "lb-1.us-east-1.elb.amazonaws.com", aliasZoneId: "Z35SXDOTRQ7X7K" };

describe("DnsRecords", () => {
    it("creates alias A records keyed by hostname, each in its own zone", async () => {
        const dns = new DnsRecords("d", {
            hostnames: ["app.example.com", "*.example.org"],
            zoneId: "ZCOM",
            zoneIds: { "*.example.org": "ZORG" },
            ...alias,
        });
        await Promise.all(dns.records.map((r) => valueOf(r.fqdn)));
        expect(ofType(TOKENS.record).map((r) => [r.name, r.inputs.zoneId, r.inputs.name, r.inputs.type])).toEqual([
            ["d-app.example.com-A", "ZCOM", "app.example.com", "A"],
            ["d-*.example.org-A", "ZORG", "*.example.org", "A"],
        ]);
        expect(named(TOKENS.record, "d-app.example.com-A").inputs.aliases).toEqual([
            { name: `dualstack.${alias.aliasDnsName}`, zoneId: alias.aliasZoneId, evaluateTargetHealth: true },
        ]);
        expect(named(TOKENS.record, "d-app.example.com-A").typeChain).toEqual([
            "aws-https-domain:index:DnsRecords",
            TOKENS.record,
        ]);
    });

    it("adds AAAA records for IPv6", async () => {
        const dns = new DnsRecords("d", { hostnames: ["app.example.com"], zoneId: "Z", ipv6: true, ...alias });
        await Promise.all(dns.records.map((r) => valueOf(r.fqdn)));
        expect(ofType(TOKENS.record).map((r) => r.name)).toEqual(["d-app.example.com-A", "d-app.example.com-AAAA"]);
    });

    // Route 53 console and AWS CDK (aws/aws-cdk#8747) alias load balancers through `dualstack.<dns name>`, which
    // answers A and AAAA; terraform-provider-aws stores alias names lower case without the trailing dot
    // (internal/service/route53 normalizeAliasName), so that is the form sent.
    it.each([
        ["lb-1.us-east-1.elb.amazonaws.com", "dualstack.lb-1.us-east-1.elb.amazonaws.com"],
        ["My-LB-1.us-east-1.elb.amazonaws.com.", "dualstack.my-lb-1.us-east-1.elb.amazonaws.com"],
        ["dualstack.lb-1.us-east-1.elb.amazonaws.com", "dualstack.lb-1.us-east-1.elb.amazonaws.com"],
        ["internal-lb-1.us-east-1.elb.amazonaws.com", "dualstack.internal-lb-1.us-east-1.elb.amazonaws.com"],
    ])("aliases %s as %s", (dnsName, expected) => {
        expect(dualstackAliasName(dnsName)).toBe(expected);
    });

    it("rejects bad, repeated and zoneless names", () => {
        let error: pulumi.InputPropertiesError | undefined;
        try {
            new DnsRecords("d", {
                hostnames: ["a..example.com", "x.example.com", "X.example.com"],
                zoneIds: {},
                ...alias,
            });
        } catch (e) {
            error = e as pulumi.InputPropertiesError;
        }
        expect(error?.errors).toEqual([
            {
                propertyPath: "hostnames[0]",
                reason: "`hostnames[0]` 'a..example.com' is not a valid DNS name: empty label (two dots in a row, or a leading dot): remove the extra dot",
            },
            {
                propertyPath: "hostnames[2]",
                reason: "`hostnames[2]` 'X.example.com' repeats `hostnames[1]`: list each name once",
            },
            {
                propertyPath: "zoneIds",
                reason: "`zoneIds` has no hosted zone for 'x.example.com' and no `zoneId` is set: give one of them",
            },
        ]);
    });
});
