/**
 * aws-https-domain: Pulumi components for a custom hostname over HTTPS on AWS.
 * An explicit barrel with no side effects.
 */
export { CustomDomain } from "./customDomain";
export type {
    CaaArgs,
    CertificateSourceArgs,
    CustomDomainArgs,
    ExistingLoadBalancerArgs,
    HostedZoneArgs,
} from "./customDomainArgs";
export { HttpsLoadBalancer } from "./httpsLoadBalancer";
export type { HttpsLoadBalancerArgs } from "./httpsLoadBalancer";
export { AcmCertificate, AcmKeyAlgorithm } from "./acmCertificate";
export type { AcmCertificateArgs, AcmCertificateOptions } from "./acmCertificate";
export { AcmeCertificate, AcmeKeyType, AcmeServer } from "./acmeCertificate";
export type {
    AcmeCertificateArgs,
    AcmeCertificateOptions,
    AcmeDnsChallengeOptions,
    AcmeExternalAccountBinding,
} from "./acmeCertificate";
export { ImportedCertificate } from "./importedCertificate";
export type { ImportedCertificateArgs, PemCertificateOptions } from "./importedCertificate";
export { CsrCertificate, CsrKeyType } from "./csrCertificate";
export type { CsrCertificateArgs, CsrCertificateOptions, CsrSubjectArgs } from "./csrCertificate";
export { DnsRecords } from "./dnsRecords";
export type { DnsRecordsArgs, RequiredDnsRecord } from "./dnsRecords";
export { ListenerAttachment } from "./listenerAttachment";
export type { ListenerAttachmentArgs } from "./listenerAttachment";
export {
    DesyncMitigationMode,
    IpAddressType,
    LoadBalancerScheme,
    MutualAuthenticationMode,
    RedirectMode,
    TargetType,
    TlsProfile,
    UnauthenticatedRequestAction,
    XffHeaderProcessingMode,
} from "./loadBalancerArgs";
export type {
    AccessLogsArgs,
    AuthenticateArgs,
    CognitoArgs,
    HostRedirectArgs,
    HostRouteArgs,
    HstsArgs,
    HttpsRedirectArgs,
    LogBucketArgs,
    LogDeliveryArgs,
    MutualAuthenticationArgs,
    OidcArgs,
    OriginSecretArgs,
    SecurityHeadersArgs,
    TargetArgs,
    TrustStoreArgs,
    TrustStoreRevocationListArgs,
    WafArgs,
    WafCreateArgs,
} from "./loadBalancerArgs";
export type { ExpiryAlarmArgs } from "./expiryAlarmArgs";
export * as defaults from "./defaults";
