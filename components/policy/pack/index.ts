/**
 * The ready-to-use policy pack: every policy of `aws-https-domain/policy` with
 * its defaults. Copy this directory, `npm install` in it, then
 *
 *     pulumi preview --policy-pack ./policy             # under the Pulumi CLI
 *     npx aws-https-domain preview --policy-pack ./policy  # offline, no cloud
 *
 * Change levels and settings with `--policy-pack-config config.json`, or pass
 * an initial config as the third argument of `PolicyPack`.
 */
import { PolicyPack } from "@pulumi/policy";
import { httpsPolicies, policyDefaults } from "aws-https-domain/policy";

new PolicyPack(policyDefaults.POLICY_PACK_NAME, {
    description:
        "HTTPS rules for every AWS load balancer in a stack: redirects, TLS policy, validated certificates, request hardening, HSTS, security groups, ACME servers.",
    policies: httpsPolicies,
});
