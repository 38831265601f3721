/**
 * The expiry check: every certificate of the served path (leaf, intermediates
 * and the root it ends at) is valid now and for at least `--min-days` whole
 * days more — an intermediate that expires breaks the site as surely as the
 * leaf. The evidence names issuer, names and dates.
 */
import { type X509Certificate } from "node:crypto";
import { type CheckResult } from "../types";
import { isoDate } from "../../../internal/certificates/format";
import { certificateSummary, commonName, dnsNames, notAfter, notBefore } from "./certInfo";
import { oneLine } from "../../../internal/certificates/format";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const RENEW_FIX =
    "renew it (ACME certificates renew when `pulumi up` runs; ACM renews DNS-validated certificates while their validation records exist; imported certificates must be re-imported)";

/** `12 days 3 hours` (whole units, rounded down). */
export function formatRemaining(ms: number): string {
    const days = Math.floor(ms / DAY_MS);
    const hours = Math.floor((ms - days * DAY_MS) / HOUR_MS);
    const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
    return days > 0 ? `${plural(days, "day")} ${plural(hours, "hour")}` : plural(hours, "hour");
}

/** Judges the leaf's validity period against `now` and `minDays` (whole days left must be ≥ `minDays`). */
export function checkExpiry(
    leaf: X509Certificate,
    minDays: number,
    now: Date,
    above: readonly X509Certificate[] = [],
): CheckResult {
    const end = notAfter(leaf);
    const start = notBefore(leaf);
    const remaining = end.getTime() - now.getTime();
    const daysLeft = Math.floor(remaining / DAY_MS);
    const evidence = {
        ...certificateSummary(leaf),
        daysLeft,
        minDays,
        ...(above.length > 0
            ? {
                  chainNotAfter: above.map((c) => `${oneLine(c.subject)}: ${isoDate(notAfter(c))}`),
              }
            : {}),
    };
    const fail = (message: string): CheckResult => ({ id: "expiry", status: "fail", message, evidence });
    if (start > now) {
        return fail(
            `the certificate is not valid until ${isoDate(start)}: serve a certificate that is valid now, or check this machine's clock`,
        );
    }
    if (remaining <= 0) return fail(`the certificate expired on ${isoDate(end)}: ${RENEW_FIX}`);
    if (daysLeft < minDays) {
        return fail(
            `the certificate expires on ${isoDate(end)}, in ${formatRemaining(remaining)}, less than the ${minDays} days required (--min-days): ${RENEW_FIX}`,
        );
    }
    const names = dnsNames(leaf).join(", ") || commonName(leaf.subject);
    for (const cert of above) {
        const to = notAfter(cert);
        const from = notBefore(cert);
        const left = to.getTime() - now.getTime();
        const what = `the chain certificate ${commonName(cert.subject)}`;
        if (from > now) return fail(`${what} is not valid until ${isoDate(from)}: ask your CA for the current chain`);
        if (left <= 0) return fail(`${what} expired on ${isoDate(to)}: deploy the current chain from your CA`);
        if (Math.floor(left / DAY_MS) < minDays)
            return fail(
                `${what} expires on ${isoDate(to)}, in ${formatRemaining(left)}, less than the ${minDays} days required (--min-days): deploy a chain that outlives it (your CA's current intermediates)`,
            );
    }
    return {
        id: "expiry",
        status: "pass",
        message: `valid until ${isoDate(end)} (${daysLeft} days left, at least ${minDays} required); issued by ${commonName(leaf.issuer)} for ${names}`,
        evidence,
    };
}
