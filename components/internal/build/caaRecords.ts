/**
 * CAA record sets that allow only the issuing CA, one per validation domain
 * (`*.x` is governed by `x`'s record, RFC 8659 §3). Shared by `DnsRecords` and
 * `CustomDomain`, which creates them before any certificate is issued: a CA
 * checks CAA at issuance, so the certificates depend on these records.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { caaValues, REQUIRED_RECORD_TTL } from "../rules/requiredRecords";

export interface CaaRecordSpec {
    /** Names that get a record set (validation domains). */
    domains: readonly string[];
    issuers: readonly string[];
    zoneIdOf(domain: string): pulumi.Input<string>;
    parent: pulumi.Resource;
    /** The record's earlier name and parent, per domain, kept as an alias so upgrades update in place. */
    aliasOf?(domain: string): pulumi.Alias;
}

/** Warns once about taking over CAA, then creates `${prefix}-${domain}-CAA` for each domain. */
export function createCaaRecords(prefix: string, spec: CaaRecordSpec): aws.route53.Record[] {
    if (spec.domains.length === 0) return [];
    pulumi.log.warn(
        `CAA records for ${spec.domains.join(", ")} allow only ${spec.issuers.join(", ")}. If a name already has CAA records managed elsewhere, creating ours fails with "already exists": import that record set into this stack, or add its issuers here.`,
        spec.parent,
    );
    return spec.domains.map(
        (domain) =>
            new aws.route53.Record(
                `${prefix}-${domain}-CAA`,
                {
                    zoneId: spec.zoneIdOf(domain),
                    name: domain,
                    type: "CAA",
                    ttl: REQUIRED_RECORD_TTL,
                    records: caaValues(spec.issuers),
                    // Never take over CAA records someone else manages.
                    allowOverwrite: false,
                },
                { parent: spec.parent, aliases: spec.aliasOf ? [spec.aliasOf(domain)] : undefined },
            ),
    );
}
