/**
 * Packing names into certificates when they are more than one certificate
 * holds. A name and its wildcard (`x`, `*.x`) share one DNS validation record,
 * so they always go into the same certificate: then every validation record
 * belongs to exactly one certificate, and removing a certificate never removes
 * a record another one still needs.
 */
import { validationDomain } from "./hostnames";

/** The load balancer's default quota of certificates besides its default one (served by SNI). */
export const DEFAULT_MAX_CERTIFICATES_PER_LOAD_BALANCER = 25;

/** One certificate's names, and its stable identity. */
export interface CertificateGroup {
    /** `""` for the first (the listener's default certificate), else the group's first name. */
    key: string;
    hostnames: string[];
}

/**
 * Packs names, in order, into groups of at most `maxNames`. Groups fill in
 * order of first appearance and are keyed by their first name, so appending
 * names only grows the last group or adds groups after it: the others keep
 * their names and their identity.
 */
export function packCertificates(hostnames: readonly string[], maxNames: number): CertificateGroup[] {
    const units = new Map<string, string[]>();
    for (const host of hostnames) {
        const domain = validationDomain(host);
        const unit = units.get(domain);
        if (unit) unit.push(host);
        else units.set(domain, [host]);
    }
    const groups: string[][] = [];
    let current: string[] = [];
    for (const unit of units.values()) {
        if (current.length > 0 && current.length + unit.length > maxNames) {
            groups.push(current);
            current = [];
        }
        // A unit larger than a whole certificate (only with maxNames 1) is split.
        for (const host of unit) {
            if (current.length === maxNames) {
                groups.push(current);
                current = [];
            }
            current.push(host);
        }
    }
    if (current.length > 0) groups.push(current);
    return groups.map((names, i) => ({ key: i === 0 ? "" : names[0], hostnames: names }));
}

/** Why this many certificates do not fit on one load balancer, or `undefined`. */
export function certificateQuotaProblem(nameCount: number, certificateCount: number, maxNames: number, maxExtra: number): string | undefined {
    if (certificateCount - 1 <= maxExtra) return undefined;
    return (
        `\`alternativeNames\` makes ${nameCount} names with \`hostname\`, which take ${certificateCount} certificates of at most ${maxNames} names; ` +
        `a load balancer serves its default certificate plus at most ${maxExtra} more: remove names, or raise \`maxNamesPerCertificate\`/\`maxCertificatesPerLoadBalancer\` once AWS has raised your quotas`
    );
}
