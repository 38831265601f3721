import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { CustomDomainArgs } from "./customDomainArgs";
import * as d from "./defaults";
import { DnsRecords } from "./dnsRecords";
import type { RequiredDnsRecord } from "./types";
import { HttpsLoadBalancer } from "./httpsLoadBalancer";
import {
    checkCustomDomainAlarm,
    createCertificateAlarms,
    createCertificates,
    earliestNotAfter,
} from "./customDomain/certificates";
import { planCustomDomain } from "./internal/rules/customDomainPlan";
import { defaultZoneName, isWildcard } from "./internal/rules/hostnames";
import { Problems } from "./internal/rules/problems";
import { aliasRecords, caaNames, caaRecords, formatRequiredRecords } from "./internal/rules/requiredRecords";
import { createCaaRecords } from "./internal/build/caaRecords";
import { resolveZoneIds } from "./internal/build/zones";
import { validationZoneResolver } from "./internal/build/validationZone";
import { ListenerAttachment } from "./listenerAttachment";
import type { CsrCertificate } from "./csrCertificate";
import { IpAddressType, LOAD_BALANCER_OPTION_KEYS, type LoadBalancerOptions } from "./loadBalancerArgs";

export type { CertificateSourceArgs, CustomDomainArgs } from "./customDomainArgs";

/**
 * A custom hostname served over HTTPS: certificates, an Application Load
 * Balancer (created, or shared with other stacks) with an HTTPS listener and an
 * HTTP→HTTPS redirect, and DNS records in Route 53 or listed for another provider.
 * Certificates and the load balancer are created in parallel; the HTTPS
 * listener waits only for the certificates to be issued.
 */
export class CustomDomain extends pulumi.ComponentResource {
    /** `https://<hostname>` (with the port when it is not 443). */
    public readonly url: pulumi.Output<string>;
    /** Every name served, normalised: the hostname first, then the alternatives. */
    public readonly hostnames: pulumi.Output<string[]>;
    /** The load balancer (created here, or the shared one as read from AWS). */
    public readonly loadBalancer: aws.lb.LoadBalancer;
    /** The HTTPS listener (created here, or the shared one). */
    public readonly httpsListener: aws.lb.Listener;
    /** The HTTP listener; none when sharing a load balancer. */
    public readonly httpListener?: aws.lb.Listener;
    /** ARN of the default certificate (issued, imported or adopted): safe to attach elsewhere. */
    public readonly certificateArn: pulumi.Output<string>;
    /** ARNs of every certificate, the default first, then those served by SNI. */
    public readonly certificateArns: pulumi.Output<string[]>;
    /** When the first certificate expires (ISO 8601); unknown for an adopted ARN. */
    public readonly certificateNotAfter: pulumi.Output<string | undefined>;
    /** Route 53 alias records (A, and AAAA when dual-stack); none when `manageDns` is false. */
    public readonly records: aws.route53.Record[];
    /** CAA records allowing only the issuing CA (with `caa`), created before any certificate is issued. */
    public readonly caaRecords: aws.route53.Record[];
    /** Hosted zone id of the hostname; unknown when `manageDns` is false. */
    public readonly zoneId: pulumi.Output<string | undefined>;
    /** DNS name of the load balancer. */
    public readonly loadBalancerDnsName: pulumi.Output<string>;
    /** Records to create at your DNS provider when `manageDns` is false (alias CNAMEs, ACM validation, CAA); empty otherwise. */
    public readonly requiredDnsRecords: pulumi.Output<RequiredDnsRecord[]>;
    /** The same records as zone-file lines, ready to paste. */
    public readonly requiredDnsRecordsText: pulumi.Output<string>;
    /** With `certificate.csr`: the CSR to submit to the CA (PEM); unknown for other sources. */
    public readonly certificateSigningRequestPem: pulumi.Output<string | undefined>;
    /** One expiry alarm per certificate (see `expiryAlarm`); none when off. */
    public readonly expiryAlarms: aws.cloudwatch.MetricAlarm[];
    /** The SNS topic the expiry alarms notify; unknown when they are off. */
    public readonly expiryTopicArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: CustomDomainArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate everything first, before anything is registered, so that one error names every bad input.
        const problems = new Problems();
        const plan = planCustomDomain(args, problems);
        const alarmPlan = checkCustomDomainAlarm(args.expiryAlarm, plan.source, problems);
        problems.throwIfAny("CustomDomain", name);
        super(`${d.TYPE_PREFIX}:CustomDomain`, name, {}, opts);
        const { hostnames, manageDns } = plan;

        // Zones and region.
        const zoneIds = plan.zones
            ? resolveZoneIds(plan.zones, hostnames, this, args.privateZone ? args.vpcId : undefined)
            : new Map<string, pulumi.Output<string>>();
        const zoneIdOf = (host: string): pulumi.Output<string> => zoneIds.get(plan.zones!.zoneOf.get(host)!)!;
        // Validation and CAA records go to the public validation zone when one is given (CAs read public DNS).
        const validationZoneOf = validationZoneResolver(args, zoneIdOf, this);
        const region = aws.getRegionOutput({}, { parent: this }).region;

        // CAA records before issuance: a CA checks them when it issues. (0.1.0 made them children of `${name}-dns`.)
        const oldDnsUrn = pulumi.createUrn(`${name}-dns`, `${d.TYPE_PREFIX}:DnsRecords`, this);
        const caa = manageDns
            ? createCaaRecords(`${name}-dns`, {
                  domains: plan.caaIssuers.length > 0 ? caaNames(hostnames) : [],
                  issuers: plan.caaIssuers,
                  zoneIdOf: validationZoneOf,
                  parent: this,
                  aliasOf: (domain) => ({ name: `${name}-dns-${domain}-CAA`, parentUrn: oldDnsUrn }),
              })
            : [];
        this.caaRecords = caa;

        // Certificates: no dependency on the load balancer, so both are created in parallel.
        let csr: CsrCertificate | undefined;
        const certificates = createCertificates(plan.source, plan.groups, {
            name,
            manageDns,
            zoneIdOf: validationZoneOf,
            region,
            tags: args.tags,
            issueAfter: caa,
            parent: this,
            onCsr: (cert) => (csr = cert),
        });
        this.certificateSigningRequestPem = csr ? csr.certificateSigningRequestPem : pulumi.output(undefined);
        const alarms = createCertificateAlarms(name, certificates, alarmPlan, { tags: args.tags, parent: this });
        this.expiryAlarms = alarms.alarms;
        this.expiryTopicArn = alarms.topicArn;
        const [primary, ...extra] = certificates;
        const sni = Object.fromEntries(extra.map((c) => [c.key, c.arn]));

        // The load balancer: our own, or a share of an existing one. `serving` is what must exist before DNS points at it.
        let dnsName: pulumi.Output<string>;
        let serving: pulumi.Output<string>[];
        if (args.existingLoadBalancer) {
            const shared = args.existingLoadBalancer;
            const attachment = new ListenerAttachment(
                `${name}-share`,
                {
                    listenerArn: shared.httpsListenerArn,
                    certificateArns: { default: primary.arn, ...sni },
                    hostnames,
                    rulePriority: shared.rulePriority,
                    target: args.target!,
                    vpcId: args.vpcId,
                    tags: args.tags,
                },
                { parent: this },
            );
            this.loadBalancer = aws.lb.LoadBalancer.get(`${name}-shared-lb`, shared.loadBalancerArn, undefined, {
                parent: this,
            });
            this.httpsListener = aws.lb.Listener.get(`${name}-shared-https`, shared.httpsListenerArn, undefined, {
                parent: this,
            });
            dnsName = this.loadBalancer.dnsName;
            serving = [...attachment.listenerCertificates, ...attachment.rules].map((r) => r.urn);
        } else {
            const options = Object.fromEntries(
                LOAD_BALANCER_OPTION_KEYS.map((key) => [key, args[key]]),
            ) as LoadBalancerOptions;
            const lb = new HttpsLoadBalancer(
                `${name}-lb`,
                {
                    ...options,
                    vpcId: args.vpcId,
                    subnetIds: args.subnetIds!,
                    certificateArn: primary.arn,
                    additionalCertificateArns: sni,
                },
                { parent: this },
            );
            this.loadBalancer = lb.loadBalancer;
            this.httpsListener = lb.httpsListener;
            this.httpListener = lb.httpListener;
            dnsName = lb.dnsName;
            serving = [lb.httpsListener, ...lb.listenerCertificates, ...lb.routeRules].map((r) => r.urn);
        }

        // DNS last: alias records once the HTTPS listener serves every certificate and rule, so that a name never
        // resolves before :443 answers for it.
        const ipAddressType = args.ipAddressType ?? IpAddressType.Ipv4;
        const dns = manageDns
            ? new DnsRecords(
                  `${name}-dns`,
                  {
                      hostnames,
                      zoneIds: Object.fromEntries([...plan.zones!.zoneOf.keys()].map((host) => [host, zoneIdOf(host)])),
                      aliasDnsName: pulumi.all([dnsName, ...serving]).apply(([lbName]) => lbName),
                      aliasZoneId: this.loadBalancer.zoneId,
                      ipv6: ipAddressType !== IpAddressType.Ipv4,
                      ipv4: ipAddressType !== IpAddressType.DualstackWithoutPublicIpv4,
                  },
                  { parent: this },
              )
            : undefined;

        // DNS outside Route 53: the records to create at the user's provider.
        if (dns) {
            this.records = dns.records;
            this.requiredDnsRecords = pulumi.output([]);
        } else {
            this.records = [];
            const apexes = new Set(hostnames.filter((h) => !isWildcard(h) && defaultZoneName(h) === h));
            this.requiredDnsRecords = pulumi
                .all([dnsName, pulumi.all(certificates.map((c) => c.requiredDnsRecords))])
                .apply(([lbName, validation]) => [
                    ...aliasRecords(hostnames, lbName, apexes),
                    ...validation.flat(),
                    ...caaRecords(hostnames, plan.caaIssuers),
                ]);
            // Shown while `pulumi up` waits for validation, so the records can be created right then.
            this.requiredDnsRecords.apply((records) =>
                pulumi.log.info(
                    `DNS is not managed here: create these records at your DNS provider (validation waits for them):\n${formatRequiredRecords(records)}`,
                    this,
                ),
            );
        }

        // Outputs.
        const httpsPort = args.httpsPort ?? d.DEFAULT_HTTPS_PORT;
        this.url = pulumi.output(`https://${hostnames[0]}${httpsPort === d.DEFAULT_HTTPS_PORT ? "" : `:${httpsPort}`}`);
        this.hostnames = pulumi.output(hostnames);
        this.certificateArn = primary.arn;
        this.certificateArns = pulumi.all(certificates.map((c) => c.arn));
        this.certificateNotAfter = earliestNotAfter(certificates);
        this.zoneId = manageDns ? zoneIdOf(hostnames[0]) : pulumi.output(undefined);
        this.loadBalancerDnsName = dnsName;
        this.requiredDnsRecordsText = this.requiredDnsRecords.apply(formatRequiredRecords);
        this.registerOutputs({
            url: this.url,
            hostnames: this.hostnames,
            certificateArn: this.certificateArn,
            certificateArns: this.certificateArns,
            certificateNotAfter: this.certificateNotAfter,
            zoneId: this.zoneId,
            loadBalancerDnsName: this.loadBalancerDnsName,
            loadBalancer: this.loadBalancer,
            httpsListener: this.httpsListener,
            httpListener: this.httpListener,
            records: this.records,
            caaRecords: this.caaRecords,
            requiredDnsRecords: this.requiredDnsRecords,
            requiredDnsRecordsText: this.requiredDnsRecordsText,
            certificateSigningRequestPem: this.certificateSigningRequestPem,
            expiryAlarms: this.expiryAlarms,
            expiryTopicArn: this.expiryTopicArn,
        });
    }
}
