/**
 * Internal load balancers and private DNS: the scheme, private hosted zones,
 * and the public zone certificate validation needs.
 *
 * - An internal load balancer has private addresses only; its alias records
 *   belong in a private hosted zone (in a public one they publish addresses no
 *   one outside the VPC can reach).
 * - ACM DNS validation reads the validation CNAME from public DNS (ACM User
 *   Guide, "DNS validation": the record must be publicly resolvable), and an
 *   ACME CA resolves DNS-01 TXT records and CAA records publicly too. With a
 *   private zone these go to a separate public zone, or the setup is refused
 *   with that reason.
 * - `dualstack-without-public-ipv4` is for internet-facing load balancers
 *   (AWS Networking blog, "Introducing dual-stack without public IPv4
 *   Application Load Balancer").
 */
import type { CustomDomainArgs } from "../../customDomainArgs";
import { IpAddressType, type LoadBalancerOptions, LoadBalancerScheme } from "../../loadBalancerArgs";
import { hostnameProblems, isInZone, normalizeHostname, validationDomain } from "./hostnames";
import { display } from "./listenerValues";
import { type Problems, quote } from "./problems";

/** Records problems of `scheme` shared by both components. */
export function checkScheme(args: LoadBalancerOptions, problems: Problems): void {
    const scheme = args.scheme;
    if (scheme !== undefined && !Object.values(LoadBalancerScheme).includes(scheme)) {
        problems.add(
            "scheme",
            `${quote("scheme", display(scheme))} is not a scheme: use 'internet-facing' or 'internal'`,
        );
        return;
    }
    if (scheme === LoadBalancerScheme.Internal && args.ipAddressType === IpAddressType.DualstackWithoutPublicIpv4)
        problems.add(
            "ipAddressType",
            "`ipAddressType` 'dualstack-without-public-ipv4' is for internet-facing load balancers; an internal one has no public address to drop: use 'ipv4' or 'dualstack'",
        );
}

/** Whether a certificate source validates through DNS records (ACM requested, ACME DNS-01). */
function validatesInDns(args: CustomDomainArgs): boolean {
    return args.certificate?.acm !== undefined || args.certificate?.acme !== undefined;
}

/** Records `CustomDomain`'s problems of private zones and the validation zone; `hostnames` are normalised. */
export function checkPrivateDns(args: CustomDomainArgs, hostnames: readonly string[], problems: Problems): void {
    const manageDns = args.manageDns ?? true;
    const validationZone = args.validationZoneId !== undefined || args.validationZoneName !== undefined;
    if (args.privateZone !== undefined && typeof args.privateZone !== "boolean")
        problems.add("privateZone", `${quote("privateZone", display(args.privateZone))} is not true or false`);
    const internal = args.scheme === LoadBalancerScheme.Internal && args.existingLoadBalancer === undefined;
    if (internal && manageDns && args.privateZone !== true)
        problems.add(
            "privateZone",
            "`scheme` is 'internal' but the hosted zones are public: an internal load balancer's records in a public zone publish private addresses nobody outside the VPC can reach; set `privateZone: true` for a private zone of `vpcId`, or `manageDns: false`",
        );
    if (args.privateZone === true && manageDns && !validationZone && (validatesInDns(args) || args.caa !== undefined))
        problems.add(
            "validationZoneId",
            "`privateZone` is true but no public zone is given for validation: ACM and ACME CAs read validation and CAA records from public DNS only, so they would never see records in a private zone; set `validationZoneName` (or `validationZoneId`) to a public zone containing the names, or use `certificate.pem`/`certificate.arn`",
        );
    if (!validationZone) return;
    if (!manageDns)
        problems.add(
            "validationZoneId",
            "`validationZoneId`/`validationZoneName` is set but `manageDns` is false: no record is created in Route 53; drop it, or manage DNS",
        );
    else if (!validatesInDns(args) && args.caa === undefined)
        problems.add(
            "validationZoneId",
            "`validationZoneId`/`validationZoneName` is set but nothing is validated through DNS (an imported or adopted certificate, no `caa`): drop it",
        );
    const name = args.validationZoneName;
    if (name === undefined) return;
    const reasons = typeof name === "string" ? hostnameProblems(name, "validationZoneName") : [];
    if (typeof name !== "string" || reasons.length > 0)
        return problems.addAll(
            "validationZoneName",
            reasons.length > 0 ? reasons : ["`validationZoneName` is not a string"],
        );
    const zone = normalizeHostname(name);
    const outside = [...new Set(hostnames.map(validationDomain))].filter((d) => !isInZone(d, zone));
    if (outside.length > 0)
        problems.add(
            "validationZoneName",
            `${quote("validationZoneName", name)} does not contain ${outside.map((d) => `'${d}'`).join(", ")}: the validation zone must hold a record for every name; give the public zone that contains them`,
        );
}
