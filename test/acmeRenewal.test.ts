/**
 * ACME renewal that follows the CA: the renewal threshold as terraform-provider-acme decides it, the
 * options passed through to the ACME certificate, and their checks.
 *
 * Provider source read (vancluever/terraform-provider-acme, acme/resource_acme_certificate.go):
 * `resourceACMECertificateHasExpired` renews when `min_days_remaining >= certDaysRemaining` (whole days,
 * `remaining / 86400` in acme/acme_structure.go), or with `min_days_dynamic` when
 * `remaining / lifetime <= 1/3` (`1/2` when the lifetime is 10 days or less; `certLifetimeDays` rounds
 * `NotAfter − NotBefore` to the hour); `renewal_info_max_sleep` is IntBetween(0, 900); `validity_days` must
 * exceed `min_days_remaining` (CustomizeDiff); `propagation_wait` ConflictsWith `pre_check_delay`. The
 * installed @pulumiverse/acme 0.16.2 types (certificate.d.ts) name them `minDaysDynamic`, `useRenewalInfo`,
 * `renewalInfoMaxSleep`, `validityDays`, `propagationWait`, `disableCompletePropagation`.
 */
import { named, resetMocks, valueOf } from "./helpers/mocks";
import { inputProblems, TOKENS } from "./helpers/components";
import { mockAcmeIssuance } from "./helpers/acmeMocks";
import { AcmeCertificate, type AcmeCertificateArgs } from "../components/acmeCertificate";
import { renewAfter, renewalThresholdDays } from "../components/internal/certificates/acme";

beforeAll(() => mockAcmeIssuance());
beforeEach(resetMocks);

const DAY = 86_400_000;
const base: AcmeCertificateArgs = { hostnames: ["app.example.com", "www.example.com"], zoneId: "Z1" };

/** The provider's decision, transcribed: does a run at `now` renew? */
function providerRenews(notBefore: number, notAfter: number, now: number, minDays?: number): boolean {
    const remaining = Math.floor((notAfter - now) / 1000 / 86400);
    if (minDays !== undefined) return minDays >= remaining;
    const lifetime = Math.round((notAfter - notBefore) / 3_600_000) / 24;
    return remaining / lifetime <= (lifetime <= 10 ? 0.5 : 1 / 3);
}

describe("the renewal threshold and renewAfter, as the provider decides", () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    it.each([
        [90, undefined, 30],
        [45, undefined, 15],
        [10, undefined, 5],
        [6, undefined, 3],
        [90, 20, 20],
    ])("%i-day certificate, minDaysRemaining %s: threshold %i days", (lifetime, minDays, threshold) => {
        const end = start + lifetime * DAY;
        const from = new Date(start).toISOString();
        const to = new Date(end).toISOString();
        expect(renewalThresholdDays(minDays, from, to)).toBe(threshold);
        const at = Date.parse(renewAfter(to, threshold));
        expect(at).toBe(end - (threshold + 1) * DAY);
        // Just before renewAfter the provider does not renew; just after, it does.
        expect(providerRenews(start, end, at - 1000, minDays)).toBe(false);
        expect(providerRenews(start, end, at + 1000, minDays)).toBe(true);
    });

    it("an earlier ARI selection moves renewAfter forward; a later one does not", () => {
        expect(renewAfter("2026-04-01T00:00:00Z", 30, "2026-02-15T12:00:00Z")).toBe("2026-02-15T12:00:00Z");
        expect(renewAfter("2026-04-01T00:00:00Z", 30, "2026-03-25T00:00:00Z")).toBe("2026-03-01T00:00:00Z");
        expect(renewAfter("2026-04-01T00:00:00Z", 30, "")).toBe("2026-03-01T00:00:00Z");
    });
});

describe("passthrough to the ACME certificate", () => {
    it("passes ARI, validity and propagation settings with their provider names", async () => {
        const c = new AcmeCertificate("app", {
            ...base,
            minDaysRemaining: 10,
            useRenewalInfo: true,
            renewalInfoMaxSleepSeconds: 300,
            validityDays: 30,
            dnsChallenge: { disableCompletePropagation: true, propagationWaitSeconds: 20 },
        });
        await valueOf(c.renewAfter);
        expect(named(TOKENS.acmeCert, "app-certificate").inputs).toMatchObject({
            minDaysRemaining: 10,
            useRenewalInfo: true,
            renewalInfoMaxSleep: 300,
            validityDays: 30,
            disableCompletePropagation: true,
            propagationWait: 20,
        });
        expect(named(TOKENS.acmeCert, "app-certificate").inputs.minDaysDynamic).toBeUndefined();
    });

    it("sends minDaysDynamic and no minDaysRemaining when no threshold is given (they conflict)", async () => {
        const c = new AcmeCertificate("app", base);
        await valueOf(c.renewAfter);
        const inputs = named(TOKENS.acmeCert, "app-certificate").inputs;
        expect([inputs.minDaysDynamic, inputs.minDaysRemaining]).toEqual([true, undefined]);
    });
});

describe("checks", () => {
    it.each<[string, Partial<AcmeCertificateArgs> & Record<string, unknown>, [string, string][]]>([
        [
            "a sleep over 15 minutes",
            { useRenewalInfo: true, renewalInfoMaxSleepSeconds: 901 },
            [
                [
                    "renewalInfoMaxSleepSeconds",
                    "`renewalInfoMaxSleepSeconds` '901' is not a whole number of seconds from 0 to 900: the ACME provider sleeps at most 15 minutes to reach the CA's renewal time",
                ],
            ],
        ],
        [
            "a sleep without ARI",
            { renewalInfoMaxSleepSeconds: 60 },
            [
                [
                    "renewalInfoMaxSleepSeconds",
                    "`renewalInfoMaxSleepSeconds` is set but `useRenewalInfo` is not true: it only applies to ACME Renewal Information; set `useRenewalInfo: true`, or drop it",
                ],
            ],
        ],
        [
            "a validity within the threshold",
            { minDaysRemaining: 30, validityDays: 30 },
            [
                [
                    "validityDays",
                    "`validityDays` '30' is within `minDaysRemaining` (30): every run would renew the certificate (the ACME provider refuses it); lower `minDaysRemaining`, or leave it out to follow the lifetime",
                ],
            ],
        ],
        [
            "a validity of 0",
            { validityDays: 0 },
            [["validityDays", "`validityDays` '0' is not a whole number of days of at least 1"]],
        ],
        [
            "a fixed wait and a pre-check delay",
            { dnsChallenge: { propagationWaitSeconds: 10, preCheckDelaySeconds: 5 } },
            [
                [
                    "dnsChallenge.propagationWaitSeconds",
                    "`dnsChallenge.propagationWaitSeconds` is set together with `dnsChallenge.preCheckDelaySeconds`: the ACME provider takes one of them (a fixed wait instead of propagation checks, or a delay after them); drop one",
                ],
            ],
        ],
        [
            "must-staple",
            { mustStaple: true },
            [
                [
                    "mustStaple",
                    "`mustStaple` is not supported: an Application Load Balancer does not staple OCSP responses, so browsers that enforce must-staple would refuse the certificate; leave it out",
                ],
            ],
        ],
        [
            "ARI not a boolean",
            { useRenewalInfo: "yes" as never },
            [["useRenewalInfo", "`useRenewalInfo` is a string, not a boolean: give true or false"]],
        ],
    ])("%s", (_label, args, expected) => {
        expect(inputProblems(() => new AcmeCertificate("app", { ...base, ...args }))).toEqual(expected);
    });
});
