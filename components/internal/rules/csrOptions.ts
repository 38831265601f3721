/**
 * Checks of `CsrCertificateOptions`, under the property path they are given at (`""` for `CsrCertificate`,
 * `certificate.csr` for `CustomDomain`), and the key settings each key type stands for.
 */
import { type CsrCertificateOptions, CsrKeyType, type CsrSubjectArgs } from "../../csrCertificateArgs";
import { isRecord, wrongType } from "./inputTypes";
import { knownNow, quote } from "./problems";

interface ProblemSink {
    add(path: string, reason: string): void;
}

const under = (at: string, field: string) => (at ? `${at}.${field}` : field);

/** `tls.PrivateKey` arguments and ACM's algorithm name of each key type. */
export const CSR_KEYS: Record<
    CsrKeyType,
    { tls: { algorithm: string; ecdsaCurve?: string; rsaBits?: number }; acm: string }
> = {
    [CsrKeyType.P256]: { tls: { algorithm: "ECDSA", ecdsaCurve: "P256" }, acm: "EC_prime256v1" },
    [CsrKeyType.P384]: { tls: { algorithm: "ECDSA", ecdsaCurve: "P384" }, acm: "EC_secp384r1" },
    [CsrKeyType.RSA2048]: { tls: { algorithm: "RSA", rsaBits: 2048 }, acm: "RSA_2048" },
    [CsrKeyType.RSA3072]: { tls: { algorithm: "RSA", rsaBits: 3072 }, acm: "RSA_3072" },
    [CsrKeyType.RSA4096]: { tls: { algorithm: "RSA", rsaBits: 4096 }, acm: "RSA_4096" },
};

/** RFC 5280 appendix A.1 upper bounds (ub-common-name 64, ub-organization-name 64, …) and `CountryName` SIZE (2). */
const MAX_LENGTH: Record<string, number> = {
    commonName: 64,
    organization: 64,
    organizationalUnit: 64,
    province: 128,
    locality: 128,
    postalCode: 40,
    serialNumber: 64,
};
const SUBJECT_FIELDS = [...Object.keys(MAX_LENGTH), "country", "streetAddresses"];

function checkSubject(subject: unknown, problems: ProblemSink, at: string): void {
    if (subject === undefined) return;
    if (!isRecord(subject)) {
        problems.add(at, wrongType(at, subject, "an object", "give { commonName, organization, country, … }"));
        return;
    }
    for (const key of Object.keys(subject)) {
        const path = `${at}.${key}`;
        const value = (subject as Record<string, unknown>)[key];
        if (!SUBJECT_FIELDS.includes(key)) {
            problems.add(path, `\`${path}\` is not a subject field: use ${SUBJECT_FIELDS.join(", ")}`);
        } else if (key === "streetAddresses") {
            if (!Array.isArray(value) || value.some((line) => typeof line !== "string"))
                problems.add(path, wrongType(path, value, "a list of strings", "give ['1 Main Street']"));
        } else if (typeof value !== "string") {
            problems.add(path, wrongType(path, value, "a string", "give plain text"));
        } else if (key === "country" && !/^[A-Z]{2}$/.test(value)) {
            problems.add(
                path,
                `${quote(path, value)} is not a two-letter country code (ISO 3166, e.g. 'DE', 'US'): X.509 country names are exactly 2 characters (RFC 5280)`,
            );
        } else if (value.trim() === "") {
            problems.add(path, `\`${path}\` is empty: leave it out, or give a value`);
        } else if (MAX_LENGTH[key] !== undefined && value.length > MAX_LENGTH[key]) {
            problems.add(
                path,
                `${quote(path, value)} has ${value.length} characters; X.509 allows at most ${MAX_LENGTH[key]} (RFC 5280 appendix A.1)`,
            );
        }
    }
}

/** Records every problem of CSR options; returns the key type to use. */
export function checkCsrOptions(
    options: CsrCertificateOptions | undefined,
    problems: ProblemSink,
    at = "",
): CsrKeyType {
    if (options !== undefined && !isRecord(options)) {
        problems.add(
            at || "options",
            wrongType(at || "options", options, "an object", "give { subject, keyType }, or {}"),
        );
        return CsrKeyType.P256;
    }
    checkSubject(options?.subject, problems, under(at, "subject"));
    const keyPath = under(at, "keyType");
    const keyType = (options?.keyType ?? CsrKeyType.P256) as CsrKeyType;
    if (!Object.values(CsrKeyType).includes(keyType)) {
        problems.add(
            keyPath,
            `${quote(keyPath, keyType)} is not a key type ACM import and the ALB accept: use one of ${Object.values(CsrKeyType).join(", ")}`,
        );
    }
    for (const field of ["certificate", "chain"] as const) {
        const path = under(at, field);
        const value = knownNow(options?.[field]);
        if (value === undefined) continue;
        if (typeof value !== "string") problems.add(path, wrongType(path, value, "a string", "give the PEM text"));
        else if (!value.includes("-----BEGIN CERTIFICATE-----"))
            problems.add(
                path,
                `\`${path}\` holds no PEM certificate ('-----BEGIN CERTIFICATE-----'): paste the PEM the CA sent (convert DER with 'openssl x509 -inform der -in cert.cer')`,
            );
    }
    if (options?.chain !== undefined && options?.certificate === undefined) {
        const path = under(at, "chain");
        problems.add(
            path,
            `\`${path}\` is set without \`${under(at, "certificate")}\`: give the chain together with the signed certificate`,
        );
    }
    const rotation = options?.keyRotation;
    if (rotation !== undefined && typeof rotation !== "string")
        problems.add(
            under(at, "keyRotation"),
            wrongType(under(at, "keyRotation"), rotation, "a string", "give any text, e.g. '2026-12'"),
        );
    const days = options?.expiryWarningDays;
    if (days !== undefined && (typeof days !== "number" || !Number.isInteger(days) || days < 0))
        problems.add(
            under(at, "expiryWarningDays"),
            `${quote(under(at, "expiryWarningDays"), days)} is not a whole number of days of at least 0`,
        );
    return keyType;
}

/** The subject the CSR carries: the user's, with the common name defaulting to `defaultCommonName`. */
export function csrSubject(subject: CsrSubjectArgs | undefined, defaultCommonName: string): CsrSubjectArgs {
    return { ...subject, commonName: subject?.commonName ?? defaultCommonName };
}

/** The command that shows a CSR saved to `file`, and checks its signature. */
export function csrInspectCommand(file: string): string {
    return `openssl req -in ${file} -noout -text -verify`;
}
