/**
 * Policy: the certificate an HTTPS listener (or a listener certificate) uses
 * comes from an `aws.acm.CertificateValidation` or an imported certificate,
 * never from a requested `aws.acm.Certificate` directly.
 *
 * Why: a listener created before its certificate is ISSUED fails with a
 * misleading `UnsupportedCertificate` error, and `aws.acm.Certificate.arn` is
 * known as soon as the request is made, long before DNS validation finishes.
 * `CertificateValidation.certificateArn` is only known once it has.
 *
 * A stack policy over the resource graph: during a preview the ARN itself is
 * unknown, but its property dependencies name the resources it comes from.
 * An ARN with no dependency in the stack is a certificate that already
 * exists (given as a plain value, or found by a lookup): allowed unless
 * `allowExistingCertificateArns` is false.
 */
import { type PolicyResource, type StackValidationPolicy } from "@pulumi/policy";
import {
    ACM_CERTIFICATE_TYPE,
    CERTIFICATE_VALIDATION_TYPE,
    isImportedCertificate,
    LISTENER_CERTIFICATE_TYPES,
    LISTENER_TYPES,
    listenerLabel,
    peek,
    sourcesOf,
    terminatesTls,
    UNKNOWN,
} from "./common";

/** Configuration of {@link validatedCertificatePolicy}. */
export interface ValidatedCertificateConfig {
    /** Whether a certificate ARN that no resource in the stack produces is accepted. Defaults to true. */
    allowExistingCertificateArns?: boolean;
}

/** What is wrong with where `holder`'s `certificateArn` comes from, or `undefined`. */
function certificateProblem(holder: PolicyResource, allowExisting: boolean): string | undefined {
    const sources = sourcesOf(holder, "certificateArn");
    if (sources.some((s) => s.type === CERTIFICATE_VALIDATION_TYPE || isImportedCertificate(s))) return undefined;
    const requested = sources.find((s) => s.type === ACM_CERTIFICATE_TYPE);
    if (requested) {
        return `takes its certificate from aws.acm.Certificate '${requested.name}' directly, a requested certificate that may not be issued yet: use the certificateArn of an aws.acm.CertificateValidation for it (a listener created before its certificate is ISSUED fails with UnsupportedCertificate), or an imported certificate`;
    }
    if (sources.length > 0) {
        const names = sources.map((s) => `${s.type} '${s.name}'`).join(", ");
        return `takes its certificate ARN from ${names}, not from an aws.acm.CertificateValidation or an imported certificate`;
    }
    const arn = peek(() => holder.props.certificateArn);
    if (arn === undefined || arn === "" || allowExisting) return undefined;
    const shown = arn === UNKNOWN ? "a value known only after deployment" : `'${String(arn)}'`;
    return `uses the certificate ARN ${shown}, which no resource in this stack produces, and allowExistingCertificateArns is false: take it from an aws.acm.CertificateValidation or an imported certificate`;
}

/** HTTPS listeners and listener certificates use a validated or imported certificate. */
export const validatedCertificatePolicy: StackValidationPolicy = {
    name: "https-listener-validated-certificate",
    description:
        "HTTPS listeners use a certificate from an aws.acm.CertificateValidation or an import, never a bare requested certificate.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowExistingCertificateArns: {
                type: "boolean",
                default: true,
                description: "Accept certificate ARNs that no resource in the stack produces (existing certificates).",
            },
        },
    },
    validateStack: (args, report) => {
        const allowExisting = args.getConfig<ValidatedCertificateConfig>().allowExistingCertificateArns ?? true;
        for (const resource of args.resources) {
            let label: string;
            if (LISTENER_TYPES.includes(resource.type) && terminatesTls(resource.props))
                label = listenerLabel(resource.name, resource.props);
            else if (LISTENER_CERTIFICATE_TYPES.includes(resource.type))
                label = `Listener certificate '${resource.name}'`;
            else continue;
            const problem = certificateProblem(resource, allowExisting);
            if (problem) report(`${label} ${problem}.`, resource.urn);
        }
    },
};
