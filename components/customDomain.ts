import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AcmCertificate, AcmCertificateOptions } from "./acmCertificate";
import * as d from "./defaults";
import { DnsRecords } from "./dnsRecords";
import { HttpsLoadBalancer } from "./httpsLoadBalancer";
import { checkNames, resolveCertificateSource, ZoneChoice } from "./internal/customDomainChecks";
import { checkListenerSettings } from "./internal/listenerChecks";
import { Problems } from "./internal/problems";
import { AccessLogsArgs, HstsArgs, HttpsRedirectArgs, IpAddressType, SecurityHeadersArgs, TargetArgs, TlsProfile } from "./loadBalancerArgs";

/** Where the certificate comes from: set exactly one field. */
export interface CertificateSourceArgs {
    /** Request a certificate from ACM, validated through DNS records in the hosted zone. */
    acm?: AcmCertificateOptions;
    /** Adopt an existing ACM certificate by ARN (it must be in the load balancer's region and cover the names). */
    arn?: pulumi.Input<string>;
}

/** Arguments of `CustomDomain`. */
export interface CustomDomainArgs {
    /** The hostname users visit, e.g. `app.example.com` (not a wildcard). Normalised to lower case without a trailing dot. */
    hostname: string;
    /** More names on the certificate and in DNS, e.g. `www.example.com` or `*.app.example.com`. Defaults to none. */
    alternativeNames?: string[];
    /** Route 53 hosted zone id of every name. Defaults to the zone `zoneName` names. */
    zoneId?: pulumi.Input<string>;
    /** Route 53 hosted zone name, e.g. `example.com`. Defaults to the hostname's parent domain (`app.example.com` → `example.com`). */
    zoneName?: string;
    /** The certificate source: exactly one of `acm` or `arn`. */
    certificate: CertificateSourceArgs;
    /** VPC of the load balancer and its targets. */
    vpcId: pulumi.Input<string>;
    /** Public subnets for the load balancer, at least two in different availability zones. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Where HTTPS requests go. Defaults to none: the HTTPS listener answers a fixed 503 until a target is set. */
    target?: TargetArgs;
    /** Which HTTP requests redirect to HTTPS: `all`, `paths` (only listed paths), `except` (all but listed paths) or `off`. Defaults to every request, with a 301. */
    httpsRedirect?: HttpsRedirectArgs;
    /** Most listener rules the load balancer may hold (the ALB quota). Defaults to 100. */
    maxRulesPerLoadBalancer?: number;
    /** ALB security policy name. Defaults to `ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`. */
    sslPolicy?: string;
    /** Short name for a policy instead of `sslPolicy`: `modern` (TLS 1.3 only), `compatible` (the default) or `fips`. */
    tlsProfile?: TlsProfile;
    /** Permits an `sslPolicy` that accepts TLS 1.0 or 1.1 (a warning is still logged). Defaults to false. */
    allowLegacyTls?: boolean;
    /** Strict-Transport-Security header on HTTPS responses. Defaults to none (an existing header is removed). */
    hsts?: HstsArgs;
    /** Security headers on HTTPS responses (nosniff, frame options, CSP, hiding `Server`). Defaults to none. */
    securityHeaders?: SecurityHeadersArgs;
    /** `ipv4` or `dualstack` (adds AAAA records). Defaults to `ipv4`. */
    ipAddressType?: IpAddressType;
    /** Source CIDRs allowed to reach the load balancer. Defaults to anywhere. */
    allowedCidrs?: string[];
    /** Most names one certificate may hold (ACM's quota). Defaults to 10; raise it only after AWS raises your quota. */
    maxNamesPerCertificate?: number;
    /** HTTP listener port. Defaults to 80. */
    httpPort?: number;
    /** HTTPS listener port. Defaults to 443. */
    httpsPort?: number;
    /** Protects the load balancer from deletion. Defaults to false. */
    deletionProtection?: boolean;
    /** Load balancer idle timeout in seconds. Defaults to 60. */
    idleTimeoutSeconds?: number;
    /** Load balancer access logs in S3. Defaults to off. */
    accessLogs?: AccessLogsArgs;
    /** Tags for every taggable child. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A custom hostname served over HTTPS: certificate, Application Load Balancer
 * with an HTTPS listener and an HTTP→HTTPS redirect, and Route 53 alias records.
 * The certificate and the load balancer are created in parallel; the HTTPS
 * listener waits only for the certificate to be issued.
 */
export class CustomDomain extends pulumi.ComponentResource {
    /** `https://<hostname>` (with the port when it is not 443). */
    public readonly url: pulumi.Output<string>;
    /** Every name served, normalised: the hostname first, then the alternatives. */
    public readonly hostnames: pulumi.Output<string[]>;
    /** The load balancer. */
    public readonly loadBalancer: aws.lb.LoadBalancer;
    /** The HTTPS listener. */
    public readonly httpsListener: aws.lb.Listener;
    /** The HTTP listener. */
    public readonly httpListener: aws.lb.Listener;
    /** ARN of the issued, imported or adopted certificate: safe to attach elsewhere. */
    public readonly certificateArn: pulumi.Output<string>;
    /** When the certificate expires (ISO 8601); unknown for an adopted ARN. */
    public readonly certificateNotAfter: pulumi.Output<string | undefined>;
    /** Route 53 alias records (A, and AAAA when dual-stack). */
    public readonly records: aws.route53.Record[];
    /** Hosted zone id the records are in. */
    public readonly zoneId: pulumi.Output<string>;
    /** DNS name of the load balancer. */
    public readonly loadBalancerDnsName: pulumi.Output<string>;

    constructor(name: string, args: CustomDomainArgs, opts?: pulumi.ComponentResourceOptions) {
        super(`${d.TYPE_PREFIX}:CustomDomain`, name, {}, opts);

        // Validate everything first, so that one error names every bad input.
        const problems = new Problems();
        const { hostnames, zone } = checkNames(args, problems);
        const source = resolveCertificateSource(args, problems);
        checkListenerSettings(args, problems);
        problems.throwIfAny("CustomDomain", name);

        // Defaults.
        const zoneId = resolveZoneId(zone, hostnames, this);
        const region = aws.getRegionOutput({}, { parent: this }).region;

        // Certificate and load balancer have no dependency on each other: they are created in parallel.
        let certificateArn: pulumi.Output<string>;
        let certificateNotAfter: pulumi.Output<string | undefined>;
        if (source.kind === "acm") {
            const cert = new AcmCertificate(`${name}-certificate`, { hostnames, zoneId, ...source.options, tags: args.tags }, { parent: this });
            certificateArn = cert.certificateArn;
            certificateNotAfter = cert.notAfter;
        } else {
            certificateArn = pulumi.all([source.arn, region]).apply(([arn, lbRegion]) => source.checkRegion(arn, lbRegion));
            certificateNotAfter = pulumi.output(undefined);
        }

        const lb = new HttpsLoadBalancer(
            `${name}-lb`,
            {
                vpcId: args.vpcId,
                subnetIds: args.subnetIds,
                certificateArn,
                ipAddressType: args.ipAddressType,
                allowedCidrs: args.allowedCidrs,
                target: args.target,
                httpsRedirect: args.httpsRedirect,
                maxRulesPerLoadBalancer: args.maxRulesPerLoadBalancer,
                sslPolicy: args.sslPolicy,
                tlsProfile: args.tlsProfile,
                allowLegacyTls: args.allowLegacyTls,
                hsts: args.hsts,
                securityHeaders: args.securityHeaders,
                httpPort: args.httpPort,
                httpsPort: args.httpsPort,
                deletionProtection: args.deletionProtection,
                idleTimeoutSeconds: args.idleTimeoutSeconds,
                accessLogs: args.accessLogs,
                tags: args.tags,
            },
            { parent: this },
        );

        const dns = new DnsRecords(
            `${name}-dns`,
            {
                hostnames,
                zoneId,
                aliasDnsName: lb.dnsName,
                aliasZoneId: lb.zoneId,
                ipv6: args.ipAddressType === IpAddressType.Dualstack,
            },
            { parent: this },
        );

        // Outputs.
        const httpsPort = args.httpsPort ?? d.DEFAULT_HTTPS_PORT;
        this.url = pulumi.output(`https://${hostnames[0]}${httpsPort === d.DEFAULT_HTTPS_PORT ? "" : `:${httpsPort}`}`);
        this.hostnames = pulumi.output(hostnames);
        this.loadBalancer = lb.loadBalancer;
        this.httpsListener = lb.httpsListener;
        this.httpListener = lb.httpListener;
        this.certificateArn = certificateArn;
        this.certificateNotAfter = certificateNotAfter;
        this.records = dns.records;
        this.zoneId = pulumi.output(zoneId);
        this.loadBalancerDnsName = lb.dnsName;
        this.registerOutputs({
            url: this.url,
            hostnames: this.hostnames,
            certificateArn: this.certificateArn,
            certificateNotAfter: this.certificateNotAfter,
            zoneId: this.zoneId,
            loadBalancerDnsName: this.loadBalancerDnsName,
        });
    }
}

/** The hosted zone id: given, or looked up by name; a given id is checked to contain every name. */
function resolveZoneId(zone: ZoneChoice, hostnames: string[], parent: pulumi.Resource): pulumi.Output<string> {
    if (zone.zoneId !== undefined) {
        if (zone.zoneName !== undefined) return pulumi.output(zone.zoneId);
        const found = aws.route53.getZoneOutput({ zoneId: zone.zoneId }, { parent });
        return found.apply((z) => zone.checkContains(z.name, hostnames, z.zoneId));
    }
    return aws.route53.getZoneOutput({ name: zone.zoneName, privateZone: false }, { parent }).zoneId;
}
