/**
 * Packing names into certificates when they are more than one certificate
 * holds. A name and its wildcard (`x`, `*.x`) share one DNS validation record,
 * so they go into the same certificate. Validation records themselves are
 * keyed by domain and owned by `CustomDomain`, not by a certificate, so
 * repacking never deletes a record another certificate still needs.
 */
import { createHash } from "node:crypto";
import { validationDomain } from "./hostnames";
import { DEFAULT_MAX_CERTIFICATES_PER_LOAD_BALANCER } from "../../defaults";
export { DEFAULT_MAX_CERTIFICATES_PER_LOAD_BALANCER };

/** One certificate's names, and its stable identity. */
export interface CertificateGroup {
    /** `""` for the first (the listener's default certificate), else the group's first name. */
    key: string;
    hostnames: string[];
}

/** Validation units in order of first appearance: a name and its wildcard (`x`, `*.x`) together. */
function validationUnits(hostnames: readonly string[]): { domain: string; hosts: string[] }[] {
    const units = new Map<string, string[]>();
    for (const host of hostnames) {
        const domain = validationDomain(host);
        const unit = units.get(domain);
        if (unit) unit.push(host);
        else units.set(domain, [host]);
    }
    return [...units].map(([domain, hosts]) => ({ domain, hosts }));
}

/** Fills groups in order; `cutAfter(domain, size)` may end a group early (after a unit). Units larger than a group are split. */
function fill(
    units: { domain: string; hosts: string[] }[],
    maxNames: number,
    cutAfter: (domain: string, size: number) => boolean,
): string[][] {
    const groups: string[][] = [];
    let current: string[] = [];
    const close = () => {
        if (current.length > 0) groups.push(current);
        current = [];
    };
    for (const unit of units) {
        if (current.length + unit.hosts.length > maxNames) close();
        for (const host of unit.hosts) {
            if (current.length === maxNames) close();
            current.push(host);
        }
        if (cutAfter(unit.domain, current.length)) close();
    }
    close();
    return groups;
}

/** One in `ANCHOR_RATE` validation domains ends a certificate early (once it holds half its names). */
export const ANCHOR_RATE = 4;

/** True for a domain that ends a certificate: decided by the domain alone, so it does not move when other names do. */
export function isAnchor(domain: string): boolean {
    return createHash("sha256").update(domain).digest().readUInt32BE(0) % ANCHOR_RATE === 0;
}

/**
 * Packs names, in order, into groups of at most `maxNames`, keyed by their
 * first name (the first group by `""`: the listener's default certificate).
 *
 * Where the boundaries fall is decided by the names themselves (content-
 * defined chunking): a group ends after an *anchor* domain once it holds at
 * least half of `maxNames`, or when the next unit would not fit. Removing or
 * inserting a name then changes its own group (and, rarely, the next one),
 * not every group after it, so few certificates are re-issued. Names that fit
 * in one certificate always share one. When anchored
 * groups would exceed `maxGroups`, names are packed densely instead (every
 * group full), which holds the most names per load balancer.
 */
export function packCertificates(
    hostnames: readonly string[],
    maxNames: number,
    maxGroups = Number.POSITIVE_INFINITY,
): CertificateGroup[] {
    const units = validationUnits(hostnames);
    const minFill = Math.ceil(maxNames / 2);
    // Names that fit in one certificate stay in one: anchors only matter past that.
    let groups =
        hostnames.length <= maxNames
            ? fill(units, maxNames, () => false)
            : fill(units, maxNames, (domain, size) => size >= minFill && isAnchor(domain));
    if (groups.length > maxGroups) groups = fill(units, maxNames, () => false);
    return groups.map((names, i) => ({ key: i === 0 ? "" : names[0], hostnames: names }));
}

/** Why this many certificates do not fit on one load balancer, or `undefined`. */
export function certificateQuotaProblem(
    nameCount: number,
    certificateCount: number,
    maxNames: number,
    maxExtra: number,
): string | undefined {
    if (certificateCount - 1 <= maxExtra) return undefined;
    return (
        `\`alternativeNames\` makes ${nameCount} names with \`hostname\`, which take ${certificateCount} certificates of at most ${maxNames} names; ` +
        `a load balancer serves its default certificate plus at most ${maxExtra} more: remove names, or raise \`maxNamesPerCertificate\`/\`maxCertificatesPerLoadBalancer\` once AWS has raised your quotas`
    );
}
