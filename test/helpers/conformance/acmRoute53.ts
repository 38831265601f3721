/** ACM certificate and Route 53 record rules. */
import { block, isSet, known, lengthBetween, list, oneOf, problem, type ResourceRule, rule, str } from "./types";

const CERT = "aws:acm/certificate:Certificate";
const RECORD = "aws:route53/record:Record";
const TF = "hashicorp/terraform-provider-aws";

/** aws-sdk-go-v2 service/acm/types KeyAlgorithm (RSA_1024 … EC_secp521r1). */
const KEY_ALGORITHMS = [
    "RSA_1024",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
];
/** AWS ACM API reference RequestCertificate KeyAlgorithm: "Algorithms supported for an ACM certificate request include RSA_2048, EC_prime256v1, EC_secp384r1. Other listed algorithms are for imported certificates only." */
const REQUEST_KEY_ALGORITHMS = ["RSA_2048", "EC_prime256v1", "EC_secp384r1"];

const ACM = `${TF} internal/service/acm/certificate.go resourceCertificate`;

export const ACM_RULES: ResourceRule[] = [
    rule("acm.certificate.source", CERT, `${ACM} schema ExactlyOneOf(domain_name, private_key)`, (i) => {
        const set = ["domainName", "privateKey"].filter((k) => isSet(i, k));
        return set.length === 1
            ? []
            : [problem("domainName|privateKey", set, `exactly one of domainName, privateKey must be set`)];
    }),
    rule(
        "acm.certificate.domainName.trailingDot",
        CERT,
        `${ACM} schema "domain_name" StringDoesNotMatch(\\.$)`,
        (i) => {
            const d = str(i.domainName);
            return d?.endsWith(".") ? [problem("domainName", d, `cannot end with a period`)] : [];
        },
    ),
    rule(
        "acm.certificate.domainName.length",
        CERT,
        "AWS ACM API reference RequestCertificate DomainName (the Common Name cannot exceed 64 octets, including periods; longer names only as SANs)",
        (i) => {
            const d = str(i.domainName);
            return d !== undefined && Buffer.byteLength(d, "utf8") > 64
                ? [
                      problem(
                          "domainName",
                          d,
                          `the domain name (CN) cannot exceed 64 octets, got ${Buffer.byteLength(d, "utf8")}: put it in subjectAlternativeNames`,
                      ),
                  ]
                : [];
        },
    ),
    rule(
        "acm.certificate.subjectAlternativeNames",
        CERT,
        `${ACM} schema "subject_alternative_names" elem StringLenBetween(1, 253) + StringDoesNotMatch(\\.$)`,
        (i) =>
            list(i.subjectAlternativeNames).flatMap((san, n) => [
                ...lengthBetween(`subjectAlternativeNames[${n}]`, san, 1, 253),
                ...(typeof san === "string" && san.endsWith(".")
                    ? [problem(`subjectAlternativeNames[${n}]`, san, `cannot end with a period`)]
                    : []),
            ]),
    ),
    rule("acm.certificate.keyAlgorithm", CERT, `${ACM} schema "key_algorithm" enum.Validate[types.KeyAlgorithm]`, (i) =>
        oneOf("keyAlgorithm", i.keyAlgorithm, KEY_ALGORITHMS),
    ),
    rule(
        "acm.certificate.keyAlgorithm.request",
        CERT,
        "AWS ACM API reference RequestCertificate KeyAlgorithm (requested certificates: RSA_2048, EC_prime256v1, EC_secp384r1)",
        (i) => {
            const alg = str(i.keyAlgorithm);
            if (
                !isSet(i, "domainName") ||
                alg === undefined ||
                !KEY_ALGORITHMS.includes(alg) ||
                REQUEST_KEY_ALGORITHMS.includes(alg)
            )
                return [];
            return [
                problem(
                    "keyAlgorithm",
                    alg,
                    `ACM issues requested certificates only with ${REQUEST_KEY_ALGORITHMS.join(", ")}`,
                ),
            ];
        },
    ),
    rule(
        "acm.certificate.validationMethod",
        CERT,
        `${ACM}Create ("certificate_authority_arn or validation_method must be set when creating an ACM certificate")`,
        (i) => {
            if (!isSet(i, "domainName") || isSet(i, "validationMethod") || isSet(i, "certificateAuthorityArn"))
                return [];
            return [
                problem(
                    "validationMethod",
                    undefined,
                    "`certificate_authority_arn` or `validation_method` must be set when creating an ACM certificate",
                ),
            ];
        },
    ),
];

/** aws-sdk-go-v2 service/route53/types/enums.go RRType (the stored copy lists SOA … DS; TLSA, SSHFP, SVCB, HTTPS are newer and not verified). */
const RR_TYPES = [
    "SOA",
    "A",
    "TXT",
    "NS",
    "CNAME",
    "MX",
    "NAPTR",
    "PTR",
    "SRV",
    "SPF",
    "AAAA",
    "CAA",
    "DS",
    "TLSA",
    "SSHFP",
    "SVCB",
    "HTTPS",
];
const R53 = `${TF} internal/service/route53/record.go resourceRecord`;

export const ROUTE53_RULES: ResourceRule[] = [
    rule("route53.record.type", RECORD, `${R53} schema "type" enum.Validate[awstypes.RRType]`, (i) =>
        oneOf("type", i.type, RR_TYPES),
    ),
    rule("route53.record.zoneId", RECORD, `${R53} schema "zone_id" validation.NoZeroValues`, (i) =>
        known(i.zoneId) === "" ? [problem("zoneId", "", "must not be empty")] : [],
    ),
    rule(
        "route53.record.aliasOrRecords",
        RECORD,
        `${R53} schema "alias"/"records" ExactlyOneOf(alias, records)`,
        (i) => {
            const set = ["aliases", "records"].filter(
                (k) => isSet(i, k) && (!Array.isArray(known(i[k])) || known(i[k]).length > 0),
            );
            return set.length === 1
                ? []
                : [
                      problem(
                          "aliases|records",
                          set,
                          set.length === 0
                              ? "one of `alias,records` must be specified"
                              : "only one of `alias,records` can be specified",
                      ),
                  ];
        },
    ),
    rule("route53.record.aliasTtl", RECORD, `${R53} schema "alias" ConflictsWith(ttl)`, (i) =>
        list(i.aliases).length > 0 && isSet(i, "ttl") ? [problem("ttl", known(i.ttl), "conflicts with alias")] : [],
    ),
    rule(
        "route53.record.ttlNeedsRecords",
        RECORD,
        `${R53} schema "ttl" RequiredWith(records, ttl) (checked only when ttl is set: terraform-plugin-sdk helper/schema validateRequiredWithAttribute)`,
        (i) =>
            isSet(i, "ttl") && !isSet(i, "records")
                ? [problem("records", undefined, '"ttl": all of `records,ttl` must be specified')]
                : [],
    ),
    rule(
        "route53.record.recordsNeedTtl",
        RECORD,
        "AWS Route 53 API ChangeResourceRecordSets (InvalidInput: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId]; the TF schema does not catch it, as seen in ministryofjustice/modernisation-platform pull request #10072)",
        (i) =>
            list(i.records).length > 0 && !isSet(i, "ttl")
                ? [
                      problem(
                          "ttl",
                          undefined,
                          "required with records (no alias): Route 53 refuses a record set without TTL",
                      ),
                  ]
                : [],
    ),
    rule(
        "route53.record.alias",
        RECORD,
        `${R53} schema "alias": name StringLenBetween(1, 1024), zone_id StringLenBetween(1, 32)`,
        (i) =>
            list(i.aliases).flatMap((a, n) => [
                ...lengthBetween(`aliases[${n}].name`, a.name, 1, 1024),
                ...lengthBetween(`aliases[${n}].zoneId`, block(a)?.zoneId, 1, 32),
            ]),
    ),
];
