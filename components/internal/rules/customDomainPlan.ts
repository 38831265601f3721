/**
 * Everything `CustomDomain` decides before creating anything: names, zones,
 * certificate source and packing, CAA issuers, and whether it owns a load
 * balancer or shares one. Every problem is recorded; the component throws
 * them together.
 */
import type { CustomDomainArgs } from "../../customDomainArgs";
import { checkAcmeOptions, resolveAcmeServer } from "../certificates/acme";
import { checkPemOptions } from "../certificates/pemOptions";
import { LOAD_BALANCER_OPTION_KEYS } from "../../loadBalancerArgs";
import { type CertificateGroup } from "./certificatePacking";
import { checkNames, type CertificateSource, planCertificates, resolveCertificateSource } from "./customDomainChecks";
import { isInZone, normalizeHostname } from "./hostnames";
import { checkListenerSettings, checkTarget } from "./loadBalancerChecks";
import { checkRedirectCoverage } from "./loadBalancerAttributes";
import { checkPrivateDns } from "./privateDns";
import { hostHeaderProblem } from "./listenerValues";
import { type Problems, quote } from "./problems";
import { rulePriorityProblem, ruleCount } from "./rulePacking";
import { caaIssuerProblem } from "./requiredRecords";
import { planZones, type ZonePlan } from "../build/zones";
import { checkLoadBalancerName } from "./physicalNames";
import { checkAcmOptions } from "./acmOptions";

/** The CA domain published for CAA by each certificate source that has a known CA. */
const CAA_ISSUER_OF_SOURCE: Record<string, string> = { acm: "amazon.com" };

/**
 * The CAA issuer domain of each known ACME CA, by the host suffix of its
 * directory URL: Let's Encrypt publishes 'letsencrypt.org'; ZeroSSL issues as
 * Sectigo and asks for 'sectigo.com' (help.zerossl.com, "Invalid CAA Records");
 * Google Trust Services publishes 'pki.goog'.
 */
const CAA_ISSUER_OF_ACME_HOST: readonly (readonly [suffix: string, issuer: string])[] = [
    ["letsencrypt.org", "letsencrypt.org"],
    ["zerossl.com", "sectigo.com"],
    ["pki.goog", "pki.goog"],
];

/**
 * The CAA domain of a known ACME server (staging and production alike), if it
 * is one. A host matches a suffix only exactly or at a label boundary
 * (`acme-v02.api.letsencrypt.org`), never by bare string suffix
 * (`evilletsencrypt.org` is not Let's Encrypt).
 */
export function acmeCaaIssuer(server: string | undefined): string | undefined {
    const resolved = resolveAcmeServer(server);
    if (resolved === undefined) return undefined; // checkAcmeOptions reports the bad server
    const host = new URL(resolved.url).hostname.toLowerCase().replace(/\.$/, "");
    return CAA_ISSUER_OF_ACME_HOST.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`))?.[1];
}

/** Settings that belong to the owner of a shared load balancer, not to a tenant. */
const TENANT_SETTINGS: readonly string[] = ["target", "ipAddressType", "tags"];
const OWNER_SETTINGS = [
    "subnetIds",
    ...LOAD_BALANCER_OPTION_KEYS.filter((key) => !TENANT_SETTINGS.includes(key)),
] as const;

export interface CustomDomainPlan {
    hostnames: string[];
    manageDns: boolean;
    zones?: ZonePlan;
    source: CertificateSource;
    groups: CertificateGroup[];
    caaIssuers: string[];
}

/** The CA domains CAA records allow: `caa.issuers`, else the certificate source's CA; none without `caa`. */
export function caaIssuersOf(args: Pick<CustomDomainArgs, "caa">, source: CertificateSource): string[] {
    if (args.caa === undefined) return [];
    const fallback = source.kind === "acme" ? acmeCaaIssuer(source.options.server) : CAA_ISSUER_OF_SOURCE[source.kind];
    return args.caa.issuers ?? (fallback ? [fallback] : []);
}

/** Checks every input of a `CustomDomain` and decides what to build. */
export function planCustomDomain(args: CustomDomainArgs, problems: Problems): CustomDomainPlan {
    const { hostnames, where } = checkNames(args, problems);
    const manageDns = args.manageDns ?? true;
    checkRedirectCoverage(args.redirects, hostnames, problems);
    checkPrivateDns(args, hostnames, problems);
    const zones = manageDns ? planZones(args, hostnames, where, problems) : undefined;
    if (!manageDns && (args.zoneId !== undefined || args.zoneName !== undefined || args.zones !== undefined)) {
        problems.add(
            "manageDns",
            "`manageDns` is false but `zoneId`/`zoneName`/`zones` is set: with DNS outside Route 53 no zone is used; drop the zone, or manage DNS",
        );
    }
    const source = resolveCertificateSource(args, problems);
    // The certificate components' own option rules, reported here under `certificate.<source>`.
    if (source.kind === "acm") checkAcmOptions(source.options, problems, "certificate.acm");
    if (source.kind === "acme") checkAcmeOptions(source.options, problems, "certificate.acme");
    // Plain PEM values only; secret Outputs are checked by ImportedCertificate once known.
    if (source.kind === "pem")
        checkPemOptions(source.options, problems, "certificate.pem", {
            hostnames,
            path: "certificate.pem.certificate",
        });
    if (source.kind === "acme" && !manageDns && (source.options.dnsChallenge?.provider ?? "route53") === "route53") {
        problems.add(
            "certificate.acme.dnsChallenge.provider",
            "`manageDns` is false but the ACME DNS-01 challenge is answered in Route 53: set `certificate.acme.dnsChallenge.provider` (and its `config`) to your DNS provider",
        );
    }
    // An adopted or imported certificate is one certificate, whatever the names.
    const single = source.kind === "arn" || source.kind === "pem" || source.kind === "csr";
    const groups = planCertificates(args, hostnames, single, problems);

    const caaIssuers = caaIssuersOf(args, source);
    if (args.caa !== undefined) {
        if (caaIssuers.length === 0) {
            problems.add(
                "caa.issuers",
                `\`caa.issuers\` is empty and the '${source.kind}' certificate source has no known CA: list the CA domains that issue your certificates, e.g. ['amazon.com']`,
            );
        }
        caaIssuers.forEach((issuer, i) => {
            const problem = caaIssuerProblem(issuer, `caa.issuers[${i}]`);
            if (problem) problems.add(`caa.issuers[${i}]`, problem);
        });
    }

    const hostSet = new Set(hostnames);
    (args.routes ?? []).forEach((route, i) =>
        (route.hostnames ?? []).forEach((raw, j) => {
            const host = normalizeHostname(raw);
            const covered =
                hostSet.has(host) ||
                hostnames.some(
                    (h) =>
                        h.startsWith("*.") &&
                        isInZone(host, h.slice(2)) &&
                        host.split(".").length === h.split(".").length,
                );
            if (!covered) {
                problems.add(
                    `routes[${i}].hostnames[${j}]`,
                    `${quote(`routes[${i}].hostnames[${j}]`, raw)} is not among \`hostname\`/\`alternativeNames\`: add it there so that it gets a certificate and DNS`,
                );
            }
        }),
    );

    if (args.existingLoadBalancer !== undefined) {
        checkSharedLoadBalancer(args, hostnames.length, problems);
        // Every name becomes a host-header condition on the shared listener.
        for (const host of hostnames) {
            const path = where.get(host)!;
            const problem = hostHeaderProblem(host, host, path);
            if (problem) problems.add(path, problem);
        }
        return { hostnames, manageDns, zones, source, groups, caaIssuers };
    }
    if (args.subnetIds === undefined) {
        problems.add(
            "subnetIds",
            "`subnetIds` is missing: give at least 2 public subnets for the load balancer, or share one with `existingLoadBalancer`",
        );
    }
    // Checked here so that one error names every problem; HttpsLoadBalancer resolves the policy itself.
    checkListenerSettings(args, problems);
    checkLoadBalancerName(args.loadBalancerName, problems);
    return { hostnames, manageDns, zones, source, groups, caaIssuers };
}

function checkSharedLoadBalancer(args: CustomDomainArgs, nameCount: number, problems: Problems): void {
    const shared = args.existingLoadBalancer!;
    for (const key of OWNER_SETTINGS) {
        if (args[key] !== undefined) {
            problems.add(
                key,
                `\`${key}\` is set together with \`existingLoadBalancer\`: the shared load balancer's owner sets it; drop it here`,
            );
        }
    }
    if (args.target === undefined) {
        problems.add(
            "target",
            "`target` is missing: on a shared load balancer this stack's hostnames need a target to forward to",
        );
    }
    checkTarget(args.target, problems);
    const priorityProblem = rulePriorityProblem(
        shared.rulePriority,
        ruleCount(nameCount),
        "existingLoadBalancer.rulePriority",
        "this stack",
    );
    if (priorityProblem) problems.add("existingLoadBalancer.rulePriority", priorityProblem);
}
