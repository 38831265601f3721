/**
 * Argument types of certificate expiry alarms, shared by every certificate component and `CustomDomain`
 * (`expiryAlarm`). Their checks are in `internal/rules/expiryAlarm.ts`, the resources in
 * `internal/build/expiryAlarms.ts`.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * A CloudWatch alarm per certificate on ACM's `DaysToExpiry` metric, notifying an SNS topic (created here unless
 * one is given), and optionally an EventBridge rule for ACM's "Certificate Approaching Expiration" events.
 */
export interface ExpiryAlarmArgs {
    /**
     * Creates the alarms. Defaults to true for ACME, imported and CSR certificates (their renewal depends on you)
     * and to false for ACM-issued and adopted ones (ACM renews them); giving `expiryAlarm` at all turns it on.
     */
    enabled?: boolean;
    /**
     * Alarm when this many whole days or fewer are left. Defaults to half the ACME renewal window (15 for a
     * 90-day certificate renewed 30 days before expiry, so that 15 daily renewal runs have failed first), and to
     * 30 for ACM-issued, imported and CSR certificates. Must stay below an ACME certificate's `minDaysRemaining`.
     */
    daysBefore?: number;
    /** SNS topic the alarms notify (in the certificate's region). Defaults to a new topic created here. */
    snsTopicArn?: pulumi.Input<string>;
    /** E-mail addresses subscribed to the topic; each must confirm the subscription AWS mails it. Defaults to none. */
    emails?: string[];
    /**
     * Also routes ACM's daily "ACM Certificate Approaching Expiration" EventBridge events for these certificates
     * (with `DaysToExpiry` at most `daysBefore`) to the topic. Defaults to false.
     */
    eventBridge?: boolean;
}
