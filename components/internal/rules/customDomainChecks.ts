/**
 * `CustomDomain`'s own input rules: the name list, how names are packed into
 * certificates, and the certificate source (zones are in `zones.ts`). Each records problems instead of throwing, so that the
 * component reports every bad input at once.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type AcmCertificateOptions } from "../../acmCertificateArgs";
import type { AcmeCertificateOptions } from "../../acmeCertificateArgs";
import type { PemCertificateOptions } from "../../importedCertificateArgs";
import type { CsrCertificateOptions } from "../../csrCertificateArgs";
import { DEFAULT_MAX_NAMES_PER_CERTIFICATE } from "../../defaults";
import {
    type CertificateGroup,
    certificateQuotaProblem,
    DEFAULT_MAX_CERTIFICATES_PER_LOAD_BALANCER,
    packCertificates,
} from "./certificatePacking";
import { checkNameEntries, hostnameProblems, isWildcard, normalizeHostname } from "./hostnames";
import { knownNow, type Problems, quote } from "./problems";

/** The fields of `CustomDomainArgs` these checks read. */
export interface NameArgs {
    hostname: string;
    alternativeNames?: string[];
    maxNamesPerCertificate?: number;
    maxCertificatesPerLoadBalancer?: number;
    certificate: {
        acm?: AcmCertificateOptions;
        acme?: AcmeCertificateOptions;
        pem?: PemCertificateOptions;
        arn?: pulumi.Input<string>;
        csr?: CsrCertificateOptions;
    };
}

/** Normalised names (the hostname first) and the property each came from. */
export interface CheckedNames {
    hostnames: string[];
    where: Map<string, string>;
}

/** Validates `hostname` and `alternativeNames`: DNS syntax, no wildcard hostname, no repeats. */
export function checkNames(args: NameArgs, problems: Problems): CheckedNames {
    const entries: (readonly [string, string])[] = [
        ["hostname", args.hostname],
        ...(args.alternativeNames ?? []).map((n, i) => [`alternativeNames[${i}]`, n] as const),
    ];
    if (hostnameProblems(args.hostname, "hostname").length === 0 && isWildcard(normalizeHostname(args.hostname))) {
        problems.add(
            "hostname",
            `${quote("hostname", args.hostname)} is a wildcard: the hostname is the URL users visit; use a concrete name and put the wildcard in \`alternativeNames\``,
        );
        entries.shift();
    }
    const { names, where } = checkNameEntries(entries, problems);
    return { hostnames: names, where };
}

/**
 * Packs the names into certificates (one for an adopted ARN or imported PEM,
 * which are single certificates) and checks the load balancer's certificate quota.
 */
export function planCertificates(
    args: NameArgs,
    hostnames: string[],
    single: boolean,
    problems: Problems,
): CertificateGroup[] {
    const maxNames = args.maxNamesPerCertificate ?? DEFAULT_MAX_NAMES_PER_CERTIFICATE;
    const maxExtra = args.maxCertificatesPerLoadBalancer ?? DEFAULT_MAX_CERTIFICATES_PER_LOAD_BALANCER;
    let valid = true;
    for (const [property, value] of [
        ["maxNamesPerCertificate", maxNames],
        ["maxCertificatesPerLoadBalancer", maxExtra],
    ] as const) {
        const least = property === "maxNamesPerCertificate" ? 1 : 0;
        if (!Number.isInteger(value) || value < least) {
            problems.add(property, `${quote(property, value)} must be a whole number, at least ${least}`);
            valid = false;
        }
    }
    if (single || !valid || hostnames.length === 0) return [{ key: "", hostnames }];
    const groups = packCertificates(hostnames, maxNames, maxExtra + 1);
    const quota = certificateQuotaProblem(hostnames.length, groups.length, maxNames, maxExtra);
    if (quota) problems.add("alternativeNames", quota);
    return groups;
}

const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

/** The chosen certificate source, checked. */
export type CertificateSource =
    | { kind: "acm"; options: AcmCertificateOptions }
    | { kind: "acme"; options: AcmeCertificateOptions }
    | { kind: "pem"; options: PemCertificateOptions }
    | { kind: "csr"; options: CsrCertificateOptions }
    | { kind: "arn"; arn: pulumi.Input<string>; checkRegion(arn: string, lbRegion: string): string };

function regionMismatch(arn: string, certRegion: string, lbRegion: string): string {
    return `\`certificate.arn\` '${arn}' is in region '${certRegion}' but the load balancer is in '${lbRegion}': an ALB can only use ACM certificates from its own region; request or import the certificate in '${lbRegion}'`;
}

function arnProblem(arn: string): string | undefined {
    return ACM_ARN.test(arn)
        ? undefined
        : `${quote("certificate.arn", arn)} is not an ACM certificate ARN: expected 'arn:aws:acm:<region>:<account>:certificate/<id>'`;
}

/** Checks that exactly one certificate source is set and returns it. */
export function resolveCertificateSource(args: NameArgs, problems: Problems): CertificateSource {
    const cert = args.certificate ?? {};
    const set = (Object.keys(cert) as (keyof typeof cert)[]).filter((k) => cert[k] !== undefined);
    if (set.length !== 1) {
        problems.add(
            "certificate",
            set.length === 0
                ? "`certificate` sets no source: set exactly one of `acm` (request from ACM), `acme` (Let's Encrypt or another ACME CA), `pem` (import your own), `arn` (adopt an existing ACM certificate) or `csr` (buy one with a CSR made here)"
                : `\`certificate\` sets ${set.map((k) => `\`${k}\``).join(" and ")}: set exactly one source`,
        );
    }
    if (cert.arn !== undefined) {
        const arn = knownNow(cert.arn);
        const problem = arn === undefined ? undefined : arnProblem(arn);
        if (problem) problems.add("certificate.arn", problem);
        return {
            kind: "arn",
            arn: cert.arn,
            checkRegion(value, lbRegion) {
                const late = arnProblem(value);
                if (late) throw new Error(`CustomDomain: ${late}`);
                const certRegion = ACM_ARN.exec(value)![1];
                if (certRegion !== lbRegion)
                    throw new Error(`CustomDomain: ${regionMismatch(value, certRegion, lbRegion)}`);
                return value;
            },
        };
    }
    if (cert.acme !== undefined) return { kind: "acme", options: cert.acme };
    if (cert.pem !== undefined) return { kind: "pem", options: cert.pem };
    if (cert.csr !== undefined) return { kind: "csr", options: cert.csr };
    return { kind: "acm", options: cert.acm ?? {} };
}
