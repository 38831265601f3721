/**
 * Arguments of `CustomDomain`, readable by Pulumi's schema generator
 * (interfaces, enums, no unions).
 */
import type * as pulumi from "@pulumi/pulumi";
import { type AcmCertificateOptions } from "./acmCertificateArgs";
import { type AcmeCertificateOptions } from "./acmeCertificateArgs";
import { type PemCertificateOptions } from "./importedCertificateArgs";
import { type CsrCertificateOptions } from "./csrCertificateArgs";
import { type ExpiryAlarmArgs } from "./expiryAlarmArgs";
import { type LoadBalancerOptions } from "./loadBalancerArgs";

/** Where the certificate comes from: set exactly one field. */
export interface CertificateSourceArgs {
    /** Request certificates from ACM, validated through DNS records. */
    acm?: AcmCertificateOptions;
    /** Get certificates from an ACME CA (Let's Encrypt staging by default) over DNS-01, imported into ACM. */
    acme?: AcmeCertificateOptions;
    /** Import your own certificate (PEM or PFX, checked before anything is sent) into ACM. It must cover every name. */
    pem?: PemCertificateOptions;
    /** Adopt an existing ACM certificate by ARN (it must be in the load balancer's region and cover the names). */
    arn?: pulumi.Input<string>;
    /**
     * Buy a certificate from a CA with a CSR made here (the key never leaves the deployment): a self-signed
     * placeholder serves until the signed certificate is given as `certificate`. It must cover every name.
     */
    csr?: CsrCertificateOptions;
}

/** A Route 53 hosted zone, for names spread over several zones. */
export interface HostedZoneArgs {
    /** The zone's name, e.g. `example.com`. Each hostname goes to the most specific zone containing it. */
    name: string;
    /** The zone's id. Defaults to looking up the public zone by name. */
    id?: pulumi.Input<string>;
}

/** CAA records allowing only the CA that issues the certificates (opt-in). */
export interface CaaArgs {
    /**
     * CA domains allowed to issue, e.g. `amazon.com`. Defaults to the certificate source's CA:
     * `amazon.com` for ACM, the CA of a known ACME server (`letsencrypt.org`, `sectigo.com` for ZeroSSL,
     * `pki.goog`); required for other ACME servers, adopted and imported certificates.
     */
    issuers?: string[];
}

/** An existing load balancer shared by several stacks: this stack adds only its certificates, rules and DNS. */
export interface ExistingLoadBalancerArgs {
    /** ARN of the shared Application Load Balancer. */
    loadBalancerArn: pulumi.Input<string>;
    /** ARN of its HTTPS listener. */
    httpsListenerArn: pulumi.Input<string>;
    /** Priority of this stack's first host rule; ceil(names/5) consecutive priorities are used. Unique per listener, across stacks. */
    rulePriority: number;
}

/** Arguments of `CustomDomain`: its names, zones, certificate and DNS, plus the load balancer settings it shares with `HttpsLoadBalancer`. */
export interface CustomDomainArgs extends LoadBalancerOptions {
    /** The hostname users visit, e.g. `app.example.com` (not a wildcard). Normalised to lower case without a trailing dot. */
    hostname: string;
    /** More names on the certificate and in DNS, e.g. `www.example.com` or `*.app.example.com`. Defaults to none. */
    alternativeNames?: string[];
    /** Route 53 hosted zone id of every name. Defaults to the zone `zoneName` names. */
    zoneId?: pulumi.Input<string>;
    /** Route 53 hosted zone name, e.g. `example.com`. Defaults to the hostname's parent domain (`app.example.com` → `example.com`). */
    zoneName?: string;
    /** Several hosted zones, instead of `zoneId`/`zoneName`: each name goes to the most specific zone containing it. */
    zones?: HostedZoneArgs[];
    /**
     * The hosted zones are private (associated with `vpcId`): zones given by name are looked up as private zones of
     * that VPC. Needed for an internal load balancer. Certificates validated through DNS then need `validationZoneId`
     * or `validationZoneName`: ACM and ACME CAs read public DNS only. Defaults to false.
     */
    privateZone?: boolean;
    /**
     * A public hosted zone for the certificate's DNS validation records (ACM validation CNAMEs, ACME DNS-01 TXT
     * records) and CAA records, separate from the zone of the alias records (e.g. a private one). Defaults to the
     * alias records' zone.
     */
    validationZoneId?: pulumi.Input<string>;
    /** Name of that public zone (`example.com`), looked up when `validationZoneId` is not given; it must contain every name. Defaults to none. */
    validationZoneName?: string;
    /**
     * Manages DNS in Route 53. With false, no Route 53 resource is created or looked up, and `requiredDnsRecords`
     * lists what to create at your DNS provider (they are also logged during `pulumi up`). Defaults to true.
     */
    manageDns?: boolean;
    /** CAA records allowing only the issuing CA, one per name. Defaults to none. */
    caa?: CaaArgs;
    /** The certificate source: exactly one of `acm`, `acme`, `pem` or `arn`. */
    certificate: CertificateSourceArgs;
    /**
     * One CloudWatch alarm per certificate on its days to expiry, notifying one SNS topic. Defaults to on for
     * `acme` and `pem` certificates (at half the ACME renewal window, or 30 days) and off for `acm` and `arn`.
     */
    expiryAlarm?: ExpiryAlarmArgs;
    /** VPC of the load balancer and its targets. */
    vpcId: pulumi.Input<string>;
    /** Public subnets for the load balancer, at least two in different availability zones (not used with `existingLoadBalancer`). */
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Most names one certificate holds (ACM's quota); more names are packed into further certificates served by SNI. Defaults to 10. */
    maxNamesPerCertificate?: number;
    /** Most certificates besides the default one a load balancer serves (the ALB quota). Defaults to 25. */
    maxCertificatesPerLoadBalancer?: number;
    /** Share an existing load balancer instead of creating one. Defaults to creating one. */
    existingLoadBalancer?: ExistingLoadBalancerArgs;
}
