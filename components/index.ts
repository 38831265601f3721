/**
 * aws-https-domain: Pulumi components for a custom hostname over HTTPS on AWS.
 * An explicit barrel with no side effects.
 */
export { CustomDomain } from "./customDomain";
export type { CustomDomainArgs, CertificateSourceArgs } from "./customDomain";
export { HttpsLoadBalancer } from "./httpsLoadBalancer";
export type { HttpsLoadBalancerArgs } from "./httpsLoadBalancer";
export { AcmCertificate, AcmKeyAlgorithm } from "./acmCertificate";
export type { AcmCertificateArgs, AcmCertificateOptions } from "./acmCertificate";
export { DnsRecords } from "./dnsRecords";
export type { DnsRecordsArgs } from "./dnsRecords";
export { IpAddressType, RedirectMode, TargetType, TlsProfile } from "./loadBalancerArgs";
export type { AccessLogsArgs, HstsArgs, HttpsRedirectArgs, SecurityHeadersArgs, TargetArgs } from "./loadBalancerArgs";
export * as defaults from "./defaults";
