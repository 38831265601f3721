import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { TYPE_PREFIX } from "./defaults";
import { checkNameList } from "./internal/rules/hostnames";
import { Problems } from "./internal/rules/problems";
import { caaIssuerProblem, caaNames } from "./internal/rules/requiredRecords";
import { createCaaRecords } from "./internal/build/caaRecords";

export type { RequiredDnsRecord } from "./types";

/** Arguments of `DnsRecords`. */
export interface DnsRecordsArgs {
    /** Names that point at the load balancer (wildcards allowed). */
    hostnames: string[];
    /** Hosted zone of every name, unless `zoneIds` names another for it. */
    zoneId?: pulumi.Input<string>;
    /** Hosted zone per hostname, for names spread over several zones. Defaults to `zoneId` for every name. */
    zoneIds?: Record<string, pulumi.Input<string>>;
    /** DNS name of the load balancer (the alias target); records point at its `dualstack.` form, which answers A and AAAA queries. */
    aliasDnsName: pulumi.Input<string>;
    /** Hosted zone id of the load balancer's DNS name. */
    aliasZoneId: pulumi.Input<string>;
    /** Also creates AAAA records (for a dual-stack load balancer). Defaults to false. */
    ipv6?: boolean;
    /** Creates A records; false for a load balancer without public IPv4 (`dualstack-without-public-ipv4`), whose clients use AAAA only. Defaults to true. */
    ipv4?: boolean;
    /**
     * CA domains for CAA records (`0 issue "<ca>"`), one record set per name (`*.x` is governed by `x`'s),
     * in the zone `zoneIds` gives for that name. Defaults to none.
     */
    caaIssuers?: string[];
}

/**
 * Route 53 alias records (A, and AAAA when dual-stack) from each hostname to
 * a load balancer, keyed by hostname and record type so that adding a name
 * never replaces the records of the others.
 */
export class DnsRecords extends pulumi.ComponentResource {
    /** Every alias record, A before AAAA for each hostname. */
    public readonly records: aws.route53.Record[];
    /** CAA records, one per name that governs issuance. */
    public readonly caaRecords: aws.route53.Record[];
    /** The names the records serve, normalised. */
    public readonly fqdns: pulumi.Output<string[]>;

    constructor(name: string, args: DnsRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const hostnames = checkNameList(
            args.hostnames,
            problems,
            "hostnames",
            "give at least one name to point at the load balancer",
        );
        const caaNamesHere = (args.caaIssuers ?? []).length > 0 ? caaNames(hostnames) : [];
        for (const host of new Set([...hostnames, ...caaNamesHere])) {
            if (args.zoneIds?.[host] === undefined && args.zoneId === undefined) {
                problems.add(
                    "zoneIds",
                    `\`zoneIds\` has no hosted zone for '${host}' and no \`zoneId\` is set: give one of them`,
                );
            }
        }
        (args.caaIssuers ?? []).forEach((issuer, i) => {
            const problem = caaIssuerProblem(issuer, `caaIssuers[${i}]`);
            if (problem) problems.add(`caaIssuers[${i}]`, problem);
        });
        if (recordTypes(args).length === 0)
            problems.add(
                "ipv4",
                "`ipv4` is false and `ipv6` is not true: no record would be created; set `ipv6: true`",
            );
        problems.throwIfAny("DnsRecords", name);
        super(`${TYPE_PREFIX}:DnsRecords`, name, {}, opts);

        const types = recordTypes(args);
        const aliasName = pulumi.output(args.aliasDnsName).apply(dualstackAliasName);
        this.records = hostnames.flatMap((host) =>
            types.map(
                (type) =>
                    new aws.route53.Record(
                        `${name}-${host}-${type}`,
                        {
                            zoneId: (args.zoneIds?.[host] ?? args.zoneId)!,
                            name: host,
                            type,
                            aliases: [{ name: aliasName, zoneId: args.aliasZoneId, evaluateTargetHealth: true }],
                        },
                        { parent: this },
                    ),
            ),
        );
        this.caaRecords = createCaaRecords(name, {
            domains: caaNamesHere,
            issuers: args.caaIssuers ?? [],
            zoneIdOf: (domain) => (args.zoneIds?.[domain] ?? args.zoneId)!,
            parent: this,
        });
        this.fqdns = pulumi.output(hostnames);
        this.registerOutputs({ records: this.records, caaRecords: this.caaRecords, fqdns: this.fqdns });
    }
}

/**
 * The alias target for a load balancer's DNS name: `dualstack.<name>`, in
 * lower case without a trailing dot. The Route 53 console prefixes load
 * balancer alias targets with `dualstack.` (Route 53 Developer Guide, "Routing
 * traffic to an ELB load balancer"), as AWS CDK does (aws/aws-cdk#8747): that
 * name answers both A and AAAA queries, so AAAA aliases of a dual-stack
 * load balancer resolve. terraform-provider-aws stores alias names lower-cased
 * without the trailing dot (internal/service/route53 `normalizeAliasName`),
 * so sending that form keeps the plan free of spurious diffs.
 */
export function dualstackAliasName(dnsName: string): string {
    const name = dnsName.toLowerCase().replace(/\.$/, "");
    return name.startsWith("dualstack.") ? name : `dualstack.${name}`;
}

/** The alias record types for `args`: A unless `ipv4` is false, AAAA when `ipv6`. */
function recordTypes(args: Pick<DnsRecordsArgs, "ipv4" | "ipv6">): ("A" | "AAAA")[] {
    return [...(args.ipv4 === false ? [] : (["A"] as const)), ...(args.ipv6 ? (["AAAA"] as const) : [])];
}
