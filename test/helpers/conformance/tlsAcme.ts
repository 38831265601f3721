/** tls and ACME provider rules (terraform-provider-tls, terraform-provider-acme behind @pulumiverse/acme). */
import { list, oneOf, problem, type ResourceRule, rule, str } from "./types";

const TLS_KEY = "tls:index/privateKey:PrivateKey";
const ACME_CERT = "acme:index/certificate:Certificate";

export const TLS_ACME_RULES: ResourceRule[] = [
    rule(
        "tls.privateKey.algorithm",
        TLS_KEY,
        'hashicorp/terraform-provider-tls internal/provider/resource_private_key.go privateKeyResourceSchemaV1 "algorithm" stringvalidator.OneOf(supportedAlgorithmsStr()) (internal/provider/types.go: RSA, ECDSA, ED25519)',
        (i) => oneOf("algorithm", i.algorithm, ["RSA", "ECDSA", "ED25519"]),
    ),
    rule(
        "tls.privateKey.ecdsaCurve",
        TLS_KEY,
        'hashicorp/terraform-provider-tls internal/provider/resource_private_key.go "ecdsa_curve" stringvalidator.OneOf(supportedECDSACurvesStr()) (internal/provider/types.go: P224, P256, P384, P521)',
        (i) => oneOf("ecdsaCurve", i.ecdsaCurve, ["P224", "P256", "P384", "P521"]),
    ),
    rule(
        "acme.certificate.keyType",
        ACME_CERT,
        "vancluever/terraform-provider-acme acme/acme_structure.go validateKeyType (v2: P256, P384, 2048, 4096, 8192 — the list the installed @pulumiverse/acme 0.16.2 documents; a later provider version's acme/helper_validations.go renames the RSA ones RSA2048, RSA4096, RSA8192)",
        (i) => {
            const keyType = str(i.keyType);
            return keyType === undefined || ["P256", "P384", "2048", "4096", "8192"].includes(keyType)
                ? []
                : [problem("keyType", keyType, "certificate key type must be one of P256, P384, 2048, 4096, or 8192")];
        },
    ),
    rule(
        "acme.certificate.commonNameInSans",
        ACME_CERT,
        'vancluever/terraform-provider-acme acme/resource_acme_certificate.go resourceACMECertificateCreate ("common name %s should not appear in SAN list"; read in an older stored version)',
        (i) => {
            const cn = str(i.commonName);
            return cn !== undefined && list(i.subjectAlternativeNames).includes(cn)
                ? [problem("subjectAlternativeNames", cn, `common name ${cn} should not appear in SAN list`)]
                : [];
        },
    ),
];
