/**
 * DNS records for names whose DNS is not in Route 53 (or not managed here):
 * what a person creates at their DNS provider, in zone-file form, and what a
 * pipeline parses (the structured list). Also the CAA record values.
 */
import type { RequiredDnsRecord } from "../../types";
import { validationDomains } from "./hostnames";
import { wrongType } from "./inputTypes";
import { quote } from "./problems";
import { REQUIRED_RECORD_TTL } from "../../defaults";
export { REQUIRED_RECORD_TTL };

/** CAA record values allowing only `issuers` (`0 issue "amazon.com"`); `issue` also governs wildcards. */
export function caaValues(issuers: readonly string[]): string[] {
    return issuers.map((issuer) => `0 issue "${issuer}"`);
}

/** The names that get CAA records: one per validation domain (`*.x` is governed by `x`'s record). */
export function caaNames(hostnames: readonly string[]): string[] {
    return validationDomains(hostnames);
}

/**
 * RFC 8659 §4.2: `issuer-domain-name = label *("." label)`,
 * `label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))` — letters and digits,
 * hyphens only inside a label, no trailing dot. (A single label is allowed by
 * the grammar.)
 */
const ISSUER_DOMAIN_NAME = /^[A-Za-z0-9](?:-*[A-Za-z0-9])*(?:\.[A-Za-z0-9](?:-*[A-Za-z0-9])*)*$/;

/** Why a CAA issuer domain is wrong, or `undefined`. */
export function caaIssuerProblem(issuer: string, property: string): string | undefined {
    const fix = "use the domain the CA publishes for CAA, e.g. 'amazon.com' or 'letsencrypt.org'";
    if (typeof issuer !== "string") return wrongType(property, issuer, "a string", fix);
    if (issuer.trim() === "") {
        return `${quote(property, issuer)} is empty: an empty issuer forbids every CA (RFC 8659 §4.2); ${fix}`;
    }
    if (issuer.includes(";")) {
        return `${quote(property, issuer)} has CAA parameters: give only the issuer domain name (RFC 8659 §4.2), e.g. '${issuer.split(";")[0].trim() || "letsencrypt.org"}'`;
    }
    return ISSUER_DOMAIN_NAME.test(issuer) ? undefined : `${quote(property, issuer)} is not a CA domain: ${fix}`;
}

/** The records that point each hostname at the load balancer. */
export function aliasRecords(
    hostnames: readonly string[],
    loadBalancerDnsName: string,
    apexNames: ReadonlySet<string>,
): RequiredDnsRecord[] {
    return hostnames.map((host) => ({
        name: host,
        type: "CNAME",
        value: loadBalancerDnsName,
        purpose: apexNames.has(host)
            ? `points ${host} at the load balancer; a zone apex cannot hold a CNAME: use your provider's ALIAS/ANAME (CNAME flattening) record`
            : `points ${host} at the load balancer`,
    }));
}

/** CAA records for hostnames, as records to create elsewhere. */
export function caaRecords(hostnames: readonly string[], issuers: readonly string[]): RequiredDnsRecord[] {
    return caaNames(hostnames).flatMap((name) =>
        caaValues(issuers).map((value) => ({
            name,
            type: "CAA",
            value,
            purpose: `only ${issuers.join(", ")} may issue certificates for ${name}`,
        })),
    );
}

function fqdn(name: string): string {
    return name.endsWith(".") ? name : `${name}.`;
}

/** Zone-file lines, one per record, with its purpose as a comment: ready to paste. */
export function formatRequiredRecords(records: readonly RequiredDnsRecord[]): string {
    const width = Math.max(0, ...records.map((r) => fqdn(r.name).length));
    return records
        .map((r) => {
            const value = r.type === "CNAME" ? fqdn(r.value) : r.value;
            return `${fqdn(r.name).padEnd(width)} ${REQUIRED_RECORD_TTL} IN ${r.type.padEnd(5)} ${value}  ; ${r.purpose}`;
        })
        .join("\n");
}
