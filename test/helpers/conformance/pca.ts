/** ACM certificates from AWS Private CA, and ACM request options. */
import { block, isSet, oneOf, problem, type ResourceRule, rule, str } from "./types";

const CERT = "aws:acm/certificate:Certificate";
const ACM = "hashicorp/terraform-provider-aws internal/service/acm/certificate.go resourceCertificate";

export const PCA_RULES: ResourceRule[] = [
    rule(
        "acm.certificate.certificateAuthorityArn",
        CERT,
        `${ACM} schema "certificate_authority_arn" verify.ValidARN, ConflictsWith(certificate_body, private_key, validation_method)`,
        (i) => {
            const ca = str(i.certificateAuthorityArn);
            if (ca === undefined) return [];
            const out = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+/.test(ca)
                ? []
                : [problem("certificateAuthorityArn", ca, "is not a valid ARN")];
            for (const other of ["validationMethod", "certificateBody", "privateKey"])
                if (isSet(i, other))
                    out.push(problem(other, str(i[other]) ?? "(set)", `conflicts with certificate_authority_arn`));
            return out;
        },
    ),
    rule(
        "acm.certificate.options",
        CERT,
        `${ACM} schema "options": certificate_transparency_logging_preference enum.Validate[types.CertificateTransparencyLoggingPreference] ConflictsWith(certificate_body, certificate_chain, private_key), export enum.Validate[types.CertificateExport] (ENABLED, DISABLED)`,
        (i) => {
            const options = block(i.options);
            if (options === undefined) return [];
            const out = [
                ...oneOf(
                    "options.certificateTransparencyLoggingPreference",
                    options.certificateTransparencyLoggingPreference,
                    ["ENABLED", "DISABLED"],
                ),
                ...oneOf("options.export", options.export, ["ENABLED", "DISABLED"]),
            ];
            if (isSet(options, "certificateTransparencyLoggingPreference") && isSet(i, "privateKey"))
                out.push(
                    problem(
                        "options.certificateTransparencyLoggingPreference",
                        str(options.certificateTransparencyLoggingPreference),
                        "conflicts with private_key (imported certificates)",
                    ),
                );
            return out;
        },
    ),
];
