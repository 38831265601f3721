/**
 * `CustomDomain`'s own input rules: the name list and its hosted zone, and the
 * certificate source. Each records problems instead of throwing, so that the
 * component reports every bad input at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { AcmCertificateOptions } from "../acmCertificate";
import { DEFAULT_MAX_NAMES_PER_CERTIFICATE } from "../defaults";
import { defaultZoneName, hostnameProblems, isInZone, isWildcard, normalizeHostname } from "./hostnames";
import { knownNow, Problems, quote } from "./problems";

/** The fields of `CustomDomainArgs` these checks read. */
export interface NameArgs {
    hostname: string;
    alternativeNames?: string[];
    zoneId?: pulumi.Input<string>;
    zoneName?: string;
    maxNamesPerCertificate?: number;
    certificate: { acm?: AcmCertificateOptions; arn?: pulumi.Input<string> };
}

/** The hosted zone as far as it is known before deployment. */
export interface ZoneChoice {
    zoneId?: pulumi.Input<string>;
    /** The zone name given, or derived from the hostname when neither id nor name is given. */
    zoneName?: string;
    /** True when the zone name was derived from the hostname. */
    derived: boolean;
    /** Checks, once a zone id has been looked up, that its zone contains every name; returns `zoneId`. */
    checkContains(zoneName: string, hostnames: string[], zoneId: string): string;
}

function outsideZone(property: string, value: string, zoneName: string, derived: boolean): string {
    const how = derived ? ` (derived from \`hostname\`)` : "";
    return `${quote(property, value)} is not in the hosted zone '${zoneName}'${how}: use a name under '${zoneName}', or set \`zoneName\`/\`zoneId\` to a zone that contains every name`;
}

/** Validates `hostname`, `alternativeNames`, the zone and the name quota; returns normalised names (hostname first). */
export function checkNames(args: NameArgs, problems: Problems): { hostnames: string[]; zone: ZoneChoice } {
    const hostnames: string[] = [];
    const where = new Map<string, string>();
    const entries: [string, string][] = [["hostname", args.hostname], ...(args.alternativeNames ?? []).map((n, i): [string, string] => [`alternativeNames[${i}]`, n])];
    for (const [property, value] of entries) {
        const reasons = hostnameProblems(value, property);
        if (reasons.length > 0) {
            problems.addAll(property, reasons);
            continue;
        }
        const host = normalizeHostname(value);
        if (property === "hostname" && isWildcard(host)) {
            problems.add(property, `${quote(property, value)} is a wildcard: the hostname is the URL users visit; use a concrete name and put the wildcard in \`alternativeNames\``);
            continue;
        }
        const first = where.get(host);
        if (first) {
            problems.add(property, `${quote(property, value)} repeats \`${first}\`: list each name once`);
            continue;
        }
        where.set(host, property);
        hostnames.push(host);
    }

    let zoneName: string | undefined;
    if (args.zoneName !== undefined) {
        const reasons = hostnameProblems(args.zoneName, "zoneName");
        if (reasons.length > 0) problems.addAll("zoneName", reasons);
        else zoneName = normalizeHostname(args.zoneName);
    }
    const derived = zoneName === undefined && args.zoneId === undefined && hostnames.length > 0 && where.get(hostnames[0]) === "hostname";
    if (derived) zoneName = defaultZoneName(hostnames[0]);
    if (zoneName !== undefined) {
        for (const host of hostnames) {
            if (!isInZone(host, zoneName)) problems.add(where.get(host)!, outsideZone(where.get(host)!, host, zoneName, derived));
        }
    }

    const max = args.maxNamesPerCertificate ?? DEFAULT_MAX_NAMES_PER_CERTIFICATE;
    if (!Number.isInteger(max) || max < 1) {
        problems.add("maxNamesPerCertificate", `${quote("maxNamesPerCertificate", max)} must be a whole number, at least 1`);
    } else if (args.certificate?.arn === undefined && hostnames.length > max) {
        problems.add(
            "alternativeNames",
            `\`alternativeNames\` makes ${hostnames.length} names with \`hostname\`, more than the ${max} one certificate may hold: remove names, or raise \`maxNamesPerCertificate\` once AWS has raised your ACM quota`,
        );
    }

    const zone: ZoneChoice = {
        zoneId: args.zoneId,
        zoneName,
        derived,
        checkContains(foundName, names, zoneId) {
            const name = normalizeHostname(foundName);
            const outside = names.filter((h) => !isInZone(h, name));
            if (outside.length > 0) {
                throw new Error(`CustomDomain: ${outside.map((h) => outsideZone(where.get(h) ?? "hostname", h, name, false)).join("; ")}`);
            }
            return zoneId;
        },
    };
    return { hostnames, zone };
}

const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

/** The chosen certificate source, checked. */
export type CertificateSource =
    | { kind: "acm"; options: AcmCertificateOptions }
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
                ? "`certificate` sets no source: set exactly one of `acm` (request from ACM) or `arn` (adopt an existing ACM certificate)"
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
                if (certRegion !== lbRegion) throw new Error(`CustomDomain: ${regionMismatch(value, certRegion, lbRegion)}`);
                return value;
            },
        };
    }
    return { kind: "acm", options: cert.acm ?? {} };
}
