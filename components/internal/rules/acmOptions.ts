/**
 * Checks of `AcmCertificateOptions`, under the property path they are given
 * at: `""` for `AcmCertificate` itself, `certificate.acm` for `CustomDomain`.
 */
import { type AcmCertificateOptions, AcmKeyAlgorithm } from "../../acmCertificateArgs";
import { DEFAULT_ACM_KEY_ALGORITHM, DEFAULT_VALIDATION_RECORD_TTL } from "../../defaults";
import { knownNow, quote } from "./problems";
import { wrongType } from "./inputTypes";

interface ProblemSink {
    add(path: string, reason: string): void;
}

/** `at.field`, or `field` at the top. */
export function pathOf(at: string, field: string): string {
    return at === "" ? field : `${at}.${field}`;
}

/** The largest TTL Route 53 accepts (2^31 − 1 seconds; Route 53 API reference, ResourceRecordSet.TTL). */
export const MAX_RECORD_TTL = 2147483647;

/** Records every problem of ACM certificate options; returns the key algorithm and TTL to use. */
export function checkAcmOptions(
    options: AcmCertificateOptions | undefined,
    problems: ProblemSink,
    at = "",
): { keyAlgorithm: string; ttl: number; privateCa: boolean } {
    if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options))) {
        problems.add(
            at || "options",
            `${quote(at || "options", JSON.stringify(options))} is not an object: give ACM options like { keyAlgorithm: AcmKeyAlgorithm.EC_prime256v1 }, or {} for the defaults`,
        );
        return { keyAlgorithm: DEFAULT_ACM_KEY_ALGORITHM, ttl: DEFAULT_VALIDATION_RECORD_TTL, privateCa: false };
    }
    const keyAlgorithm = options?.keyAlgorithm ?? DEFAULT_ACM_KEY_ALGORITHM;
    if (!Object.values(AcmKeyAlgorithm).includes(keyAlgorithm as AcmKeyAlgorithm)) {
        const path = pathOf(at, "keyAlgorithm");
        problems.add(
            path,
            `${quote(path, keyAlgorithm)} is not a key algorithm ACM issues: use one of ${Object.values(AcmKeyAlgorithm).join(", ")}`,
        );
    }
    const ttl = options?.validationRecordTtl ?? DEFAULT_VALIDATION_RECORD_TTL;
    if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_RECORD_TTL) {
        const path = pathOf(at, "validationRecordTtl");
        problems.add(
            path,
            `${quote(path, ttl)} must be a whole number of seconds, at least 1 and at most ${MAX_RECORD_TTL}`,
        );
    }
    const retain = options?.retainValidationRecords;
    if (retain !== undefined && typeof retain !== "boolean") {
        const path = pathOf(at, "retainValidationRecords");
        problems.add(path, `${quote(path, retain)} is not true or false`);
    }
    for (const field of ["certificateTransparencyLogging", "exportable"] as const) {
        const flag = options?.[field];
        const path = pathOf(at, field);
        if (flag !== undefined && typeof flag !== "boolean")
            problems.add(path, wrongType(path, flag, "true or false", "give true or false"));
    }
    const caPath = pathOf(at, "certificateAuthorityArn");
    const ca = knownNow(options?.certificateAuthorityArn);
    if (ca !== undefined) {
        const problem = privateCaProblem(ca, caPath);
        if (problem) problems.add(caPath, problem);
    }
    return {
        keyAlgorithm: String(keyAlgorithm),
        ttl: Number(ttl),
        privateCa: options?.certificateAuthorityArn !== undefined,
    };
}

/** An AWS Private CA ARN (ACM API reference, RequestCertificate `CertificateAuthorityArn`). */
const PRIVATE_CA_ARN = /^arn:aws[a-z-]*:acm-pca:([a-z0-9-]+):(\d{12}):certificate-authority\/[0-9a-f-]{36}$/;

/** Why `arn` (at `path`) is not an AWS Private CA ARN, or `undefined`. */
export function privateCaProblem(arn: unknown, path: string): string | undefined {
    if (typeof arn !== "string") return wrongType(path, arn, "a string", "give the private CA's ARN");
    return PRIVATE_CA_ARN.test(arn)
        ? undefined
        : `${quote(path, arn)} is not an AWS Private CA ARN: expected 'arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>'`;
}

/**
 * The private CA's region and account (from its ARN, checked with `privateCaProblem`); throws the refusal when the
 * CA is in another region than the certificate.
 */
export function checkPrivateCaPlace(arn: string, region: string, path: string): { region: string; account: string } {
    const problem = privateCaProblem(arn, path);
    if (problem) throw new Error(problem);
    const [, caRegion, account] = PRIVATE_CA_ARN.exec(arn)!;
    if (caRegion !== region) {
        throw new Error(
            `${quote(path, arn)} is in region '${caRegion}' but the certificate is requested in '${region}': ACM requests private certificates from a CA in its own region (and an ALB uses certificates from its own region); create or use a CA in '${region}'`,
        );
    }
    return { region: caRegion, account };
}

/** The longest domain name (common name) ACM accepts: 64 octets (ACM API reference, RequestCertificate `DomainName`). */
export const MAX_ACM_DOMAIN_NAME_LENGTH = 64;

/**
 * Orders names for ACM: the first name of at most 64 octets becomes the
 * domain name (ACM puts it in the certificate's common name, which X.509
 * limits to 64), and every name is a subject alternative name.
 * Returns `undefined` when no name is short enough.
 */
export function acmNameOrder(
    hostnames: readonly string[],
): { domainName: string; subjectAlternativeNames: string[] } | undefined {
    const domainName = hostnames.find((h) => Buffer.byteLength(h) <= MAX_ACM_DOMAIN_NAME_LENGTH);
    if (domainName === undefined) return undefined;
    return { domainName, subjectAlternativeNames: hostnames.filter((h) => h !== domainName) };
}
