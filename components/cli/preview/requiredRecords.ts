/**
 * The DNS records a `CustomDomain` with `manageDns: false` needs created at
 * another DNS provider, by name. The component's `requiredDnsRecords` output
 * is one Output over the load balancer's DNS name and ACM's validation
 * records, so offline it is unknown as a whole; the names are not: each
 * hostname needs a record pointing at the load balancer (the library's own
 * `aliasRecords`, which also says when a zone apex needs ALIAS/ANAME), and
 * each validation domain of an ACM certificate (`validationDomains`) a CNAME
 * whose name and value ACM chooses; with `caa`, each CAA record, name and
 * value, from the component's inputs as the component decides them
 * (`caaIssuersOf`).
 */
import { childrenOf, type Plan, type PlannedDnsRecord, type PlannedResource } from "./plan";
import { isUnknown, UNKNOWN } from "./values";

const CUSTOM_DOMAIN = "aws-https-domain:index:CustomDomain";

/** Every resource below `urn`. */
export function subtree(plan: Plan, urn: string): PlannedResource[] {
    const direct = childrenOf(plan, urn);
    return direct.flatMap((r) => [r, ...subtree(plan, r.urn)]);
}

/** The records each CustomDomain without Route 53 records (manageDns: false) needs elsewhere. */
export function requiredDnsRecords(plan: Plan): PlannedDnsRecord[] {
    const out: PlannedDnsRecord[] = [];
    for (const domain of plan.resources.filter((r) => r.type === CUSTOM_DOMAIN)) {
        const below = subtree(plan, domain.urn);
        const hostnames = domain.outputs?.hostnames;
        if (below.some((r) => r.type === "aws:route53/record:Record") || !Array.isArray(hostnames)) continue;
        if (!isUnknown(domain.outputs?.requiredDnsRecords) && domain.outputs?.requiredDnsRecords !== undefined)
            continue;
        // The library's own rules, loaded only here: they bring @pulumi/pulumi, which the CLI process otherwise never loads.
        const { defaultZoneName, isWildcard, validationDomains } =
            require("../../internal/rules/hostnames") as typeof import("../../internal/rules/hostnames");
        const { aliasRecords } =
            require("../../internal/rules/requiredRecords") as typeof import("../../internal/rules/requiredRecords");
        const names = hostnames.filter((h): h is string => typeof h === "string");
        const apexes = new Set(names.filter((h) => !isWildcard(h) && defaultZoneName(h) === h));
        for (const r of aliasRecords(names, "", apexes))
            out.push({ component: domain.name, name: r.name, type: r.type, value: UNKNOWN, purpose: r.purpose });
        const acm = below.some(
            (r) => r.type === "aws:acm/certificate:Certificate" && r.inputs.certificateBody === undefined,
        );
        // In the component's order: alias records, validation records, CAA records.
        const caa = caaRecordsOf(domain, names).map((r) => ({ component: domain.name, ...r }));
        if (!acm) {
            out.push(...caa);
            continue;
        }
        for (const d of validationDomains(names))
            out.push({
                component: domain.name,
                name: UNKNOWN,
                type: "CNAME",
                value: UNKNOWN,
                purpose: `validates the ACM certificate for ${d} (ACM chooses the name and value)`,
            });
        out.push(...caa);
    }
    return out;
}

/**
 * The CAA records of a domain with `caa`, known before deploy: the names from its hostnames, the issuers from its
 * inputs (`caa.issuers`, else its certificate source's CA), as the component computes them.
 */
function caaRecordsOf(domain: PlannedResource, names: string[]): Omit<PlannedDnsRecord, "component">[] {
    if (domain.inputs.caa === undefined || isUnknown(domain.inputs.caa)) return [];
    const { caaRecords } =
        require("../../internal/rules/requiredRecords") as typeof import("../../internal/rules/requiredRecords");
    const { caaIssuersOf } =
        require("../../internal/rules/customDomainPlan") as typeof import("../../internal/rules/customDomainPlan");
    const { resolveCertificateSource } =
        require("../../internal/rules/customDomainChecks") as typeof import("../../internal/rules/customDomainChecks");
    const { Problems } = require("../../internal/rules/problems") as typeof import("../../internal/rules/problems");
    const args = domain.inputs as unknown as Parameters<typeof resolveCertificateSource>[0] &
        Parameters<typeof caaIssuersOf>[0];
    const issuers = caaIssuersOf(args, resolveCertificateSource(args, new Problems()));
    if (!issuers.every((i) => typeof i === "string")) return [];
    return caaRecords(names, issuers);
}
