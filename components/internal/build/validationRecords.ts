/**
 * ACM DNS validation CNAMEs in Route 53, one per validation domain.
 *
 * ACM answers `x` and `*.x` with the same record, and every certificate for
 * `x` in the account with the same record too (ACM User Guide, "DNS
 * validation"). So a record is keyed by its domain, never by the certificate
 * that asked for it: when names are repacked into other certificates the
 * record keeps its URN and is never deleted while a name still needs it.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { RequiredDnsRecord } from "../../types";

/** One validation domain to create a record for. */
export interface ValidationRecordSpec {
    domain: string;
    /** The record ACM asks for (from any certificate that covers the domain: they are all the same). */
    record: pulumi.Output<RequiredDnsRecord>;
    zoneId: pulumi.Input<string>;
    /** The record's name in 0.1.0, where it was a child of the certificate: kept as an alias so upgrades update, not replace. */
    alias?: pulumi.Alias;
}

export interface ValidationRecordSettings {
    ttl: number;
    /** `retainOnDelete`: leave the record in Route 53 when it leaves the stack (names shared with other stacks). */
    retain: boolean;
    parent: pulumi.Resource;
}

/** Creates `${prefix}-${domain}` for each spec, in order. */
export function createValidationRecords(
    prefix: string,
    specs: readonly ValidationRecordSpec[],
    settings: ValidationRecordSettings,
): Map<string, aws.route53.Record> {
    const records = new Map<string, aws.route53.Record>();
    for (const spec of specs) {
        const record = new aws.route53.Record(
            `${prefix}-${spec.domain}`,
            {
                zoneId: spec.zoneId,
                name: spec.record.name,
                type: spec.record.type,
                records: [spec.record.value],
                ttl: settings.ttl,
                // Every certificate for this name in the account shares this record.
                allowOverwrite: true,
            },
            {
                parent: settings.parent,
                // Never create-then-delete the same record name: the delete would remove the record just written.
                deleteBeforeReplace: true,
                retainOnDelete: settings.retain,
                aliases: spec.alias ? [spec.alias] : undefined,
            },
        );
        records.set(spec.domain, record);
    }
    return records;
}
