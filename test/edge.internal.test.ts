/**
 * Internal load balancers and private DNS: `scheme: internal` (private
 * addresses, the VPC as the default source), alias records in a private zone
 * of the VPC, and validation/CAA records in a separate public zone, refused
 * with the reason when none is given.
 */
import { calls, named, ofType, resetMocks, setCallResult, settle, valueOf } from "./helpers/mocks";
import { CUSTOM_DOMAIN_BASE, inputProblems, TOKENS } from "./helpers/components";
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../components/httpsLoadBalancer";
import { CustomDomain, type CustomDomainArgs } from "../components/customDomain";
import { IpAddressType, LoadBalancerScheme } from "../components/loadBalancerArgs";
import { buildEdge, EDGE_BASE, EDGE_CERT_ARN } from "./helpers/edge";

beforeEach(resetMocks);

const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const ZONE_CALL = "aws:route53/getZone:getZone";

describe("scheme: internal", () => {
    it("creates an internal load balancer under a new name, open to the VPC's own blocks", async () => {
        await buildEdge({ scheme: LoadBalancerScheme.Internal, target: { port: 8080 } });
        const internal = named(TOKENS.loadBalancer, "edge").inputs;
        expect(internal.internal).toBe(true);
        expect(ofType(PREFIX_LIST).map((l) => l.name)).toEqual(["edge-sg-vpc-ipv4"]);
        expect(
            ofType(TOKENS.ingressRule)
                .map((r) => [r.name, r.inputs.fromPort, r.inputs.prefixListId, r.inputs.description])
                .sort(),
        ).toEqual([
            ["edge-sg-in-tcp-443-vpc-ipv4", 443, "edge-sg-vpc-ipv4-id", "HTTPS from inside the VPC"],
            ["edge-sg-in-tcp-80-vpc-ipv4", 80, "edge-sg-vpc-ipv4-id", "HTTP from inside the VPC"],
        ]);
        expect(named(TOKENS.egressRule, "edge-sg-out-8080").inputs.prefixListId).toBe("edge-sg-vpc-ipv4-id");
        for (const r of ofType(TOKENS.ingressRule)) expect(r.inputs.cidrIpv4).toBeUndefined();

        // The scheme is ForceNew: the replacement gets another physical name, so create-before-delete never collides.
        await resetMocks();
        await buildEdge({ target: { port: 8080 } });
        expect(named(TOKENS.loadBalancer, "edge").inputs.internal).toBe(false);
        expect(named(TOKENS.loadBalancer, "edge").inputs.name).not.toBe(internal.name);
    });

    it("admits the VPC over IPv6 too when dual-stack, and only the given sources when listed", async () => {
        await buildEdge({ scheme: LoadBalancerScheme.Internal, ipAddressType: IpAddressType.Dualstack });
        expect(
            ofType(TOKENS.ingressRule)
                .map((r) => r.name)
                .sort(),
        ).toEqual([
            "edge-sg-in-tcp-443-vpc-ipv4",
            "edge-sg-in-tcp-443-vpc-ipv6",
            "edge-sg-in-tcp-80-vpc-ipv4",
            "edge-sg-in-tcp-80-vpc-ipv6",
        ]);
        await resetMocks();
        await buildEdge({ scheme: LoadBalancerScheme.Internal, allowedCidrs: ["10.8.0.0/16"] });
        expect(ofType(TOKENS.ingressRule).map((r) => r.inputs.cidrIpv4)).toEqual(["10.8.0.0/16", "10.8.0.0/16"]);
        expect(ofType(PREFIX_LIST)).toEqual([]);
    });

    it.each<[string, Partial<HttpsLoadBalancerArgs>, [string, string][]]>([
        [
            "an unknown scheme",
            { scheme: "private" as never },
            [["scheme", "`scheme` 'private' is not a scheme: use 'internet-facing' or 'internal'"]],
        ],
        [
            "internal without public IPv4 to drop",
            { scheme: LoadBalancerScheme.Internal, ipAddressType: IpAddressType.DualstackWithoutPublicIpv4 },
            [
                [
                    "ipAddressType",
                    "`ipAddressType` 'dualstack-without-public-ipv4' is for internet-facing load balancers; an internal one has no public address to drop: use 'ipv4' or 'dualstack'",
                ],
            ],
        ],
    ])("refuses %s", (_what, args, expected) => {
        expect(inputProblems(() => new HttpsLoadBalancer("edge", { ...EDGE_BASE, ...args }))).toEqual(expected);
    });
});

describe("private zones and a public validation zone", () => {
    const internalSite: CustomDomainArgs = {
        ...CUSTOM_DOMAIN_BASE,
        zoneId: undefined,
        zoneName: "example.com",
        scheme: LoadBalancerScheme.Internal,
        privateZone: true,
        validationZoneName: "example.com",
        caa: {},
    };

    it("puts the alias records in the VPC's private zone and validation and CAA records in the public one", async () => {
        setCallResult(ZONE_CALL, (inputs) => ({
            name: inputs.name,
            zoneId: inputs.privateZone ? "ZPRIVATE" : "ZPUBLIC",
            id: inputs.privateZone ? "ZPRIVATE" : "ZPUBLIC",
        }));
        const site = new CustomDomain("site", internalSite);
        await valueOf(site.certificateArn);
        await settle();
        expect(
            calls
                .filter((c) => c.token === ZONE_CALL)
                .map((c) => c.inputs)
                .sort((a, b) => String(a.privateZone).localeCompare(String(b.privateZone))),
        ).toEqual([
            { name: "example.com", privateZone: false },
            { name: "example.com", privateZone: true, vpcId: "vpc-1" },
        ]);
        expect(named(TOKENS.record, "site-dns-app.example.com-A").inputs.zoneId).toBe("ZPRIVATE");
        expect(named(TOKENS.record, "site-validation-app.example.com").inputs.zoneId).toBe("ZPUBLIC");
        expect(named(TOKENS.record, "site-dns-app.example.com-CAA").inputs.zoneId).toBe("ZPUBLIC");
        expect(named(TOKENS.loadBalancer, "site-lb").inputs.internal).toBe(true);
        expect(await valueOf(site.zoneId)).toBe("ZPRIVATE");
    });

    it("takes the validation zone by id, and needs none for an adopted certificate", async () => {
        const site = new CustomDomain("site", {
            ...internalSite,
            validationZoneName: undefined,
            validationZoneId: "ZPUB",
        });
        await valueOf(site.certificateArn);
        await settle();
        expect(named(TOKENS.record, "site-validation-app.example.com").inputs.zoneId).toBe("ZPUB");
        await resetMocks();
        expect(
            () =>
                new CustomDomain("site2", {
                    ...internalSite,
                    caa: undefined,
                    validationZoneName: undefined,
                    certificate: { arn: EDGE_CERT_ARN },
                }),
        ).not.toThrow();
        await settle();
    });

    it.each<[string, Partial<CustomDomainArgs>, [string, string][]]>([
        [
            "an internal load balancer in a public zone",
            { privateZone: undefined, validationZoneName: undefined, caa: undefined },
            [
                [
                    "privateZone",
                    "`scheme` is 'internal' but the hosted zones are public: an internal load balancer's records in a public zone publish private addresses nobody outside the VPC can reach; set `privateZone: true` for a private zone of `vpcId`, or `manageDns: false`",
                ],
            ],
        ],
        [
            "a private zone with ACM validation and no public zone",
            { validationZoneName: undefined },
            [
                [
                    "validationZoneId",
                    "`privateZone` is true but no public zone is given for validation: ACM and ACME CAs read validation and CAA records from public DNS only, so they would never see records in a private zone; set `validationZoneName` (or `validationZoneId`) to a public zone containing the names, or use `certificate.pem`/`certificate.arn`",
                ],
            ],
        ],
        [
            "a validation zone that does not contain the names",
            { validationZoneName: "example.org" },
            [
                [
                    "validationZoneName",
                    "`validationZoneName` 'example.org' does not contain 'app.example.com': the validation zone must hold a record for every name; give the public zone that contains them",
                ],
            ],
        ],
        [
            "a validation zone with nothing to validate",
            { certificate: { arn: EDGE_CERT_ARN }, caa: undefined },
            [
                [
                    "validationZoneId",
                    "`validationZoneId`/`validationZoneName` is set but nothing is validated through DNS (an imported or adopted certificate, no `caa`): drop it",
                ],
            ],
        ],
        [
            "a validation zone without managed DNS",
            { manageDns: false, zoneName: undefined, scheme: undefined, privateZone: undefined, caa: undefined },
            [
                [
                    "validationZoneId",
                    "`validationZoneId`/`validationZoneName` is set but `manageDns` is false: no record is created in Route 53; drop it, or manage DNS",
                ],
            ],
        ],
    ])("refuses %s", (_what, args, expected) => {
        expect(inputProblems(() => new CustomDomain("site", { ...internalSite, ...args }))).toEqual(expected);
    });
});
