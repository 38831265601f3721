/**
 * Conformance layer for the mock-based tests: what the real providers refuse
 * (or silently drop) at preview/up, checked at registration under the mocks.
 *
 * Mocks accept anything, so every rule here mirrors one check in a provider's
 * own code (terraform-provider-aws, pulumi-aws, the Pulumi Terraform bridge,
 * terraform-provider-tls, terraform-provider-acme) or AWS's API reference, and
 * names that source in its `citation`. Rules live by service in
 * `./conformance/*.ts`; each is written once. A rule sees the inputs the engine
 * sent to the mock and must skip what it cannot see (unknown or unset values).
 */
import { ELBV2_RULES } from "./conformance/elbv2";
import { EC2_RULES } from "./conformance/ec2";
import { ACM_RULES, ROUTE53_RULES } from "./conformance/acmRoute53";
import { TLS_ACME_RULES } from "./conformance/tlsAcme";
import { TAG_RULES } from "./conformance/tags";
import { MONITORING_RULES } from "./conformance/monitoring";
import { PCA_RULES } from "./conformance/pca";
import { S3_RULES } from "./conformance/s3";
import { PREFIX_LIST_RULES } from "./conformance/ec2PrefixList";
import { ELBV2_ATTRIBUTE_RULES } from "./conformance/elbv2Attributes";
import { WAFV2_RULES } from "./conformance/wafv2";
import { TRUST_STORE_RULES } from "./conformance/elbv2TrustStore";
import { AUTHENTICATE_RULES } from "./conformance/elbv2Authenticate";
import { CROSS_RULES } from "./conformance/cross";
import type { Problem, RegisteredInputs, ResourceRule } from "./conformance/types";

export type { CrossRule, Problem, RegisteredInputs, ResourceRule } from "./conformance/types";

/** Every per-resource rule, keyed by the type token it applies to (`*` = any type). */
export const RULES: ResourceRule[] = [
    ...ELBV2_RULES,
    ...EC2_RULES,
    ...ACM_RULES,
    ...ROUTE53_RULES,
    ...TLS_ACME_RULES,
    ...TAG_RULES,
    ...MONITORING_RULES,
    ...PCA_RULES,
    ...S3_RULES,
    ...PREFIX_LIST_RULES,
    ...ELBV2_ATTRIBUTE_RULES,
    ...WAFV2_RULES,
    ...TRUST_STORE_RULES,
    ...AUTHENTICATE_RULES,
];

/** Every rule over the set of resources registered in one test. */
export { CROSS_RULES };

/** One refused value, with everything needed to find and fix it. */
export interface Violation extends Problem {
    type: string;
    name: string;
    rule: string;
    citation: string;
}

/** Thrown from the mock's `newResource`: the real provider would refuse this registration. */
export class ConformanceError extends Error {
    constructor(readonly violations: Violation[]) {
        super(violations.map(formatViolation).join("\n"));
        this.name = "ConformanceError";
    }
}

/** `conformance: <type> '<name>': <property> = <value>: <message> [<rule>; <citation>]` */
export function formatViolation(v: Violation): string {
    return `conformance: ${v.type} '${v.name}': ${v.property} = ${JSON.stringify(v.value)}: ${v.message} [${v.rule}; ${v.citation}]`;
}

/** Problems the per-resource rules find in one registration (reads, `Resource.get`, are never checked). */
export function checkResource(resource: RegisteredInputs): Violation[] {
    if (resource.readId) return [];
    const out: Violation[] = [];
    for (const rule of RULES) {
        if (rule.type !== "*" && rule.type !== resource.type) continue;
        for (const problem of rule.check(resource.inputs, resource)) {
            out.push({ ...problem, type: resource.type, name: resource.name, rule: rule.id, citation: rule.citation });
        }
    }
    return out;
}

/**
 * Problems the cross-resource rules find when `added` joins `existing` (what
 * was registered before it in the same test): reported on the newcomer, the
 * registration that the real API would refuse.
 */
export function checkAgainst(existing: readonly RegisteredInputs[], added: RegisteredInputs): Violation[] {
    if (added.readId) return [];
    const out: Violation[] = [];
    for (const rule of CROSS_RULES) {
        for (const problem of rule.check(
            existing.filter((r) => !r.readId),
            added,
        )) {
            out.push({ ...problem, type: added.type, name: added.name, rule: rule.id, citation: rule.citation });
        }
    }
    return out;
}

/** Every cross-resource problem in a whole set, each reported on the later registration. */
export function checkAll(all: readonly RegisteredInputs[]): Violation[] {
    return all.flatMap((r, i) => checkAgainst(all.slice(0, i), r));
}
