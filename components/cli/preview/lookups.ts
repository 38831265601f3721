/**
 * Offline answers to provider functions (`aws.getRegion`, `aws.route53.getZone`, …).
 *
 * Each answer states only what the question itself or the stack config
 * settles; everything else is the unknown wire value, exactly as a real
 * preview shows data it has not read yet. A function not in the table gets a
 * wholly unknown result and is listed as unanswered.
 */
import { UNKNOWN_WIRE } from "./values";

/** What a lookup answer is built from. */
export interface LookupContext {
    /** `aws:region` from config, else `AWS_REGION` / `AWS_DEFAULT_REGION`, as the provider reads them. */
    region?: string;
    /** Where `region` came from, for the plan's notes (e.g. "config aws:region"). */
    regionSource?: string;
}

/** One offline answer: the fields returned, and a sentence for the plan saying what was assumed. */
export interface LookupAnswer {
    result: Record<string, unknown>;
    note: string;
}

type Answerer = (args: Record<string, unknown>, ctx: LookupContext) => LookupAnswer;

const U = UNKNOWN_WIRE;

function partitionOf(region: string): { partition: string; dnsSuffix: string } {
    if (region.startsWith("cn-")) return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
    if (region.startsWith("us-gov-")) return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
    return { partition: "aws", dnsSuffix: "amazonaws.com" };
}

function str(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** Provider function token → offline answer. */
export const LOOKUPS: Record<string, Answerer> = {
    "aws:index/getRegion:getRegion": (args, ctx) => {
        const region = str(args.region) ?? str(args.name) ?? ctx.region;
        if (!region)
            return {
                result: { name: U, region: U, id: U, endpoint: U, description: U },
                note: "region unknown: set aws:region",
            };
        return {
            result: { name: region, region, id: region, endpoint: U, description: U },
            note: `region ${region} (${args.region || args.name ? "as asked" : `from ${ctx.regionSource ?? "config"}`})`,
        };
    },
    "aws:index/getPartition:getPartition": (_args, ctx) => {
        if (!ctx.region)
            return {
                result: { partition: U, id: U, dnsSuffix: U, reverseDnsPrefix: U },
                note: "partition unknown: set aws:region",
            };
        const { partition, dnsSuffix } = partitionOf(ctx.region);
        return {
            result: { partition, id: partition, dnsSuffix, reverseDnsPrefix: U },
            note: `partition ${partition} (from region ${ctx.region})`,
        };
    },
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        result: { accountId: U, arn: U, userId: U, id: U },
        note: "account looked up at deploy",
    }),
    "aws:route53/getZone:getZone": (args) => {
        const asked = str(args.name)?.replace(/\.$/, "");
        const zoneId = str(args.zoneId);
        return {
            result: {
                name: asked ?? U,
                zoneId: zoneId ?? U,
                id: zoneId ?? U,
                privateZone: typeof args.privateZone === "boolean" ? args.privateZone : false,
                arn: U,
                nameServers: U,
                callerReference: U,
                comment: U,
                resourceRecordSetCount: U,
                tags: U,
            },
            note: zoneId ? `zone ${zoneId} as given` : `zone ${asked ?? "?"}: id looked up at deploy`,
        };
    },
    "aws:ec2/getVpc:getVpc": (args) => {
        const id = str(args.id);
        return {
            result: { id: id ?? U, arn: U, cidrBlock: U, ipv6CidrBlock: U, cidrBlockAssociations: U, ownerId: U },
            note: `VPC ${id ?? "?"}: CIDR looked up at deploy`,
        };
    },
};

/** Answers one call, or returns `undefined` when the function has no offline answer. */
export function answerLookup(
    token: string,
    args: Record<string, unknown>,
    ctx: LookupContext,
): LookupAnswer | undefined {
    const answer = LOOKUPS[token];
    return answer ? answer(args, ctx) : undefined;
}
