/**
 * The option rules of an imported (PEM or PFX) certificate, for
 * `ImportedCertificate` (at `""`) and `CustomDomain` (at `certificate.pem`):
 * the types of the inputs, then — when every PEM value is plain — the full
 * certificate checks, each failure recorded at its property path. Values that
 * are `Output`s are checked when known, by `ImportedCertificate` itself.
 */
import type { PemCertificateOptions } from "../../importedCertificateArgs";
import { isRecord, wrongType } from "../rules/inputTypes";
import { knownNow, quote } from "../rules/problems";
import {
    type CertificateCheckReport,
    type CertificateProperty,
    checkCertificate,
    DEFAULT_EXPIRY_WARNING_DAYS,
} from "./checks";

/** Anything that records problems (`Problems`, or a test double). */
interface ProblemSink {
    add(path: string, reason: string): void;
}

/** The PEM/PFX inputs, which may be secrets. */
export const PEM_INPUTS = ["certificate", "privateKey", "chain", "pfx", "pfxPassword"] as const;
export type PemValues = { [K in (typeof PEM_INPUTS)[number]]?: string };

/** Which names the certificate must cover, and the property a failure of that check is reported at. */
export interface CoveredNames {
    hostnames: readonly string[];
    path: string;
}

function under(at: string, field: string): string {
    return at ? `${at}.${field}` : field;
}

/** Runs the certificate checks on known values. */
export function checkPemValues(
    values: PemValues,
    options: PemCertificateOptions,
    names?: CoveredNames,
): CertificateCheckReport {
    return checkCertificate({
        certificatePem: values.certificate,
        privateKeyPem: values.privateKey,
        chainPem: values.chain,
        pfx: values.pfx,
        pfxPassword: values.pfxPassword,
        hostnames: names ? [...names.hostnames] : undefined,
        minDays: options.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        allowSelfSigned: options.allowSelfSigned ?? false,
        requireKey: true,
    });
}

/**
 * Records each failed check as "`path`: reason". The value is never quoted: it is
 * PEM text or key material; the checks' messages never contain key material.
 */
export function recordPemFailures(
    report: CertificateCheckReport,
    problems: ProblemSink,
    at = "",
    names?: CoveredNames,
): void {
    const pathOf = (property: CertificateProperty) =>
        property === "hostnames" && names ? names.path : under(at, property);
    for (const failure of report.results.filter((r) => r.status === "fail")) {
        const path = pathOf(failure.property);
        problems.add(path, `\`${path}\`: ${failure.message}`);
    }
}

/** The PEM values when every one is plain (a string or absent); `undefined` when any is an `Output`. */
export function plainPemValues(options: PemCertificateOptions): PemValues | undefined {
    const values: PemValues = {};
    for (const field of PEM_INPUTS) {
        const value = options[field];
        if (value === undefined) continue;
        const known = knownNow(value);
        if (known === undefined) return undefined;
        values[field] = known;
    }
    return values;
}

/**
 * Checks the options of an imported certificate and records every problem at `at` + the field. Returns the
 * check report when the values were plain and well-typed (so the caller can import what it normalised),
 * else `undefined`.
 */
export function checkPemOptions(
    options: PemCertificateOptions,
    problems: ProblemSink,
    at = "",
    names?: CoveredNames,
): CertificateCheckReport | undefined {
    if (!isRecord(options)) {
        const path = at || "args";
        problems.add(
            path,
            wrongType(
                path,
                options,
                "an object",
                "give { certificate, privateKey, chain } (PEM) or { pfx, pfxPassword }",
            ),
        );
        return undefined;
    }
    let typed = true;
    for (const field of PEM_INPUTS) {
        const value = knownNow(options[field]);
        if (value !== undefined && typeof value !== "string") {
            const path = under(at, field);
            problems.add(
                path,
                wrongType(
                    path,
                    value,
                    "a string",
                    field === "pfx"
                        ? "give the PFX bundle as base64 text"
                        : field === "pfxPassword"
                          ? "give the password as text"
                          : "give the PEM text",
                ),
            );
            typed = false;
        }
    }
    if (options.allowSelfSigned !== undefined && typeof options.allowSelfSigned !== "boolean") {
        const path = under(at, "allowSelfSigned");
        problems.add(path, wrongType(path, options.allowSelfSigned, "a boolean", "give true or false"));
        typed = false;
    }
    const days = options.expiryWarningDays;
    let daysValid = true;
    if (days !== undefined) {
        const path = under(at, "expiryWarningDays");
        if (typeof days !== "number") {
            problems.add(
                path,
                wrongType(path, days, "a number", `give whole days, e.g. ${DEFAULT_EXPIRY_WARNING_DAYS}`),
            );
            daysValid = false;
        } else if (!Number.isInteger(days) || days < 0) {
            problems.add(
                path,
                `${quote(path, days)} is not a whole number of days of at least 0: give the days before expiry to warn at, e.g. ${DEFAULT_EXPIRY_WARNING_DAYS}`,
            );
            daysValid = false;
        }
    }
    const values = plainPemValues(options);
    if (!typed || values === undefined) return undefined;
    // A bad warning threshold is reported above; the checks still run, with the default.
    const report = checkPemValues(values, daysValid ? options : { ...options, expiryWarningDays: undefined }, names);
    recordPemFailures(report, problems, at, names);
    return report.ok ? report : undefined;
}
