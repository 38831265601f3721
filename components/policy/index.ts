/**
 * aws-https-domain/policy: Pulumi policies that hold every load balancer in a
 * stack to the HTTPS rules the package's components follow, whether it was
 * made by these components or from raw `@pulumi/aws` resources.
 *
 * Written with `@pulumi/policy` (an optional peer). Importing this module
 * starts nothing: a pack is `new PolicyPack(name, { policies })` in a policy
 * pack directory (see `pack/`), and the offline runner
 * (`aws-https-domain preview --policy-pack DIR`) evaluates the same objects.
 */
import { type Policies } from "@pulumi/policy";
import { acmeStagingPolicy } from "./acmeServer";
import { expiryAlarmPolicy } from "./expiryAlarm";
import { httpRedirectPolicy } from "./httpRedirect";
import { hstsPolicy, tlsPolicyPolicy } from "./httpsListener";
import { accessLogsPolicy, loadBalancerHardeningPolicy } from "./loadBalancer";
import { securityGroupIngressPolicy } from "./securityGroupIngress";
import { validatedCertificatePolicy } from "./validatedCertificate";

export { acmeStagingPolicy, type AcmeStagingConfig } from "./acmeServer";
export { expiryAlarmPolicy, type ExpiryAlarmConfig } from "./expiryAlarm";
export { httpRedirectPolicy, type HttpRedirectConfig } from "./httpRedirect";
export { hstsPolicy, type HstsConfig, tlsPolicyPolicy, type TlsPolicyConfig } from "./httpsListener";
export { accessLogsPolicy, loadBalancerHardeningPolicy, type LoadBalancerHardeningConfig } from "./loadBalancer";
export { securityGroupIngressPolicy } from "./securityGroupIngress";
export { validatedCertificatePolicy, type ValidatedCertificateConfig } from "./validatedCertificate";
export * as policyDefaults from "./defaults";

/** Every policy of the pack, in the order they are reported. */
export const httpsPolicies: Policies = [
    httpRedirectPolicy,
    tlsPolicyPolicy,
    validatedCertificatePolicy,
    loadBalancerHardeningPolicy,
    accessLogsPolicy,
    hstsPolicy,
    securityGroupIngressPolicy,
    acmeStagingPolicy,
    expiryAlarmPolicy,
];
