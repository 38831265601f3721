/**
 * The certificates of a `CustomDomain`: one per packed group of names, from
 * the chosen source. The first is the listener's default certificate; the
 * others are served by SNI, keyed by their group's identity.
 */
import * as pulumi from "@pulumi/pulumi";
import { AcmCertificate } from "../acmCertificate";
import { AcmeCertificate } from "../acmeCertificate";
import { ImportedCertificate } from "../importedCertificate";
import type { RequiredDnsRecord } from "../dnsRecords";
import { CertificateGroup } from "./certificatePacking";
import { CertificateSource } from "./customDomainChecks";
import { validationDomains } from "./hostnames";

/** One certificate, ready to attach. */
export interface ServedCertificate {
    /** `""` for the default certificate, else the first name of its group. */
    key: string;
    hostnames: string[];
    /** Validated (or imported, or adopted) ARN: safe to attach to a listener. */
    arn: pulumi.Output<string>;
    notAfter: pulumi.Output<string | undefined>;
    /** Validation records to create elsewhere when DNS is not managed here. */
    requiredDnsRecords: pulumi.Output<RequiredDnsRecord[]>;
}

export interface CertificateContext {
    /** Component name: certificates are `${name}-certificate` and `${name}-certificate-${key}`. */
    name: string;
    manageDns: boolean;
    /** Zone id of each validation domain (when DNS is managed). */
    zoneIdOf(domain: string): pulumi.Input<string>;
    /** The load balancer's region (adopted ARNs must be in it). */
    region: pulumi.Output<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    parent: pulumi.Resource;
}

function childName(ctx: CertificateContext, key: string): string {
    return key === "" ? `${ctx.name}-certificate` : `${ctx.name}-certificate-${key}`;
}

/** Creates the certificates for `groups` from `source`. */
export function createCertificates(source: CertificateSource, groups: CertificateGroup[], ctx: CertificateContext): ServedCertificate[] {
    switch (source.kind) {
        case "arn": {
            const arn = pulumi.all([source.arn, ctx.region]).apply(([value, region]) => source.checkRegion(value, region));
            return [{ key: "", hostnames: groups.flatMap((g) => g.hostnames), arn, notAfter: pulumi.output(undefined), requiredDnsRecords: pulumi.output([]) }];
        }
        case "pem": {
            const cert = new ImportedCertificate(childName(ctx, ""), { ...source.options, hostnames: groups[0].hostnames, tags: ctx.tags }, { parent: ctx.parent });
            return [{ key: "", hostnames: groups[0].hostnames, arn: cert.certificateArn, notAfter: cert.notAfter, requiredDnsRecords: pulumi.output([]) }];
        }
        case "acme": {
            // One ACME account for all the certificates: the first registers it, the others reuse its key.
            let accountKeyPem: pulumi.Output<string> | undefined;
            return groups.map((group) => {
                // DNS-01 records go to each name's zone (when DNS is managed here); else the user's DNS provider answers.
                const zoneIds = ctx.manageDns ? Object.fromEntries(group.hostnames.map((h) => [h, ctx.zoneIdOf(h)])) : undefined;
                const cert = new AcmeCertificate(
                    childName(ctx, group.key),
                    {
                        ...source.options,
                        hostnames: group.hostnames,
                        dnsChallenge: { ...source.options.dnsChallenge, zoneIds: { ...zoneIds, ...source.options.dnsChallenge?.zoneIds } },
                        accountKeyPem,
                        tags: ctx.tags,
                    },
                    { parent: ctx.parent },
                );
                accountKeyPem ??= cert.accountKeyPem;
                return { key: group.key, hostnames: group.hostnames, arn: cert.certificateArn, notAfter: cert.notAfter, requiredDnsRecords: pulumi.output([]) };
            });
        }
        case "acm":
            return groups.map((group) => {
                const zoneIds = ctx.manageDns ? Object.fromEntries(validationDomains(group.hostnames).map((d) => [d, ctx.zoneIdOf(d)])) : undefined;
                const cert = new AcmCertificate(
                    childName(ctx, group.key),
                    { hostnames: group.hostnames, zoneIds, createValidationRecords: ctx.manageDns, ...source.options, tags: ctx.tags },
                    { parent: ctx.parent },
                );
                return { key: group.key, hostnames: group.hostnames, arn: cert.certificateArn, notAfter: cert.notAfter, requiredDnsRecords: cert.requiredDnsRecords };
            });
    }
}

/** The earliest expiry among the certificates (ISO 8601), unknown when none is known. */
export function earliestNotAfter(certificates: ServedCertificate[]): pulumi.Output<string | undefined> {
    return pulumi.all(certificates.map((c) => c.notAfter)).apply((dates) => {
        const known = dates.filter((d): d is string => typeof d === "string" && d !== "");
        return known.length === 0 ? undefined : known.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
    });
}
