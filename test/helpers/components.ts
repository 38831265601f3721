/**
 * Shared scaffolding for the component tests: the input problems a constructor
 * throws, and the type tokens the tests look resources up by.
 */
import * as pulumi from "@pulumi/pulumi";
import { TYPE_PREFIX } from "../../components/defaults";
import type { CustomDomainArgs } from "../../components/customDomainArgs";

/** One input problem: its property path and the reason. */
export type InputProblem = [propertyPath: string, reason: string];

/**
 * The InputPropertiesError `construct` throws. Fails (rethrows) on any other
 * error, and throws when nothing is thrown.
 */
export function inputError(construct: () => unknown): pulumi.InputPropertiesError {
    try {
        construct();
    } catch (e) {
        if (pulumi.InputPropertiesError.isInstance(e)) return e;
        throw e;
    }
    throw new Error("expected an InputPropertiesError");
}

/** The `[propertyPath, reason]` pairs of the InputPropertiesError `construct` throws (see inputError). */
export function inputProblems(construct: () => unknown): InputProblem[] {
    return inputError(construct).errors.map((x) => [x.propertyPath, x.reason]);
}

/** Type tokens: this package's components (from TYPE_PREFIX) and the provider resources the tests read. */
export const TOKENS = {
    customDomain: `${TYPE_PREFIX}:CustomDomain`,
    httpsLoadBalancer: `${TYPE_PREFIX}:HttpsLoadBalancer`,
    acmCertificate: `${TYPE_PREFIX}:AcmCertificate`,
    acmeCertificate: `${TYPE_PREFIX}:AcmeCertificate`,
    importedCertificate: `${TYPE_PREFIX}:ImportedCertificate`,
    dnsRecords: `${TYPE_PREFIX}:DnsRecords`,

    acmCert: "aws:acm/certificate:Certificate",
    acmValidation: "aws:acm/certificateValidation:CertificateValidation",
    record: "aws:route53/record:Record",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    listenerRule: "aws:lb/listenerRule:ListenerRule",
    listenerCertificate: "aws:lb/listenerCertificate:ListenerCertificate",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",

    acmeCert: "acme:index/certificate:Certificate",
    acmeRegistration: "acme:index/registration:Registration",
    acmeProvider: "pulumi:providers:acme",
    tlsPrivateKey: "tls:index/privateKey:PrivateKey",
} as const;

/**
 * The HTTP listener's redirect to HTTPS as the ALB API takes it (DESIGN.md defaults): 301, same host, path and
 * query on port 443; `#{path}` has no leading slash. Spelled out once, asserted exactly wherever a test needs it.
 */
export const HTTPS_REDIRECT_301 = {
    type: "redirect",
    redirect: {
        protocol: "HTTPS",
        port: "443",
        host: "#{host}",
        path: "/#{path}",
        query: "#{query}",
        statusCode: "HTTP_301",
    },
};

/** The smallest complete `CustomDomain` args: one name in one zone, an ACM certificate, a target on 8080. */
export const CUSTOM_DOMAIN_BASE: CustomDomainArgs = {
    hostname: "app.example.com",
    zoneId: "ZCOM",
    zoneName: "example.com",
    certificate: { acm: {} },
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    target: { port: 8080 },
};
