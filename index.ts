/**
 * The deployable program: one `CustomDomain` from stack config.
 *
 *   pulumi up                     # with AWS credentials
 *   npm start                     # offline preview of Pulumi.example.yaml, no cloud contacted
 *
 * Every key is declared, typed and described in Pulumi.yaml; an empty string
 * or 0 there means "not set" (Pulumi requires a default for optional keys).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    type AcmeKeyType,
    type AcmKeyAlgorithm,
    type CertificateSourceArgs,
    type CsrKeyType,
    type CsrSubjectArgs,
    CustomDomain,
    type ExpiryAlarmArgs,
    type HstsArgs,
    IpAddressType,
    RedirectMode,
    type TargetArgs,
    type TargetType,
    type TlsProfile,
} from "./components";

const config = new pulumi.Config();

/** A string key, `undefined` when unset or empty. */
function text(key: string): string | undefined {
    const value = config.get(key);
    return value === undefined || value === "" ? undefined : value;
}

/** A number key, `undefined` when unset or 0. */
function count(key: string): number | undefined {
    const value = config.getNumber(key);
    return value === undefined || value === 0 ? undefined : value;
}

function list(key: string): string[] | undefined {
    const value = config.getObject<string[]>(key);
    return value && value.length > 0 ? value : undefined;
}

/**
 * A secret key, read only through `getSecret`: a plain getter on a value set
 * with `pulumi config set --secret` would unwrap it (the CLI warns; an offline
 * preview, which cannot decrypt it, fails). Unset gives `undefined`; the empty
 * default from Pulumi.yaml resolves to `undefined` too, which the certificate
 * checks treat as not given. The value itself only ever flows as a secret.
 */
function secretText(key: string): pulumi.Output<string> | undefined {
    const value = config.getSecret(key);
    // Output<string | undefined>: the library's PEM inputs take an absent value as "not given".
    return value?.apply((v) => (v === "" ? undefined : v)) as pulumi.Output<string> | undefined;
}

function certificateFromConfig(): CertificateSourceArgs {
    const source = text("certificateSource") ?? "acm";
    switch (source) {
        case "acm":
            return { acm: { keyAlgorithm: text("acmKeyAlgorithm") as AcmKeyAlgorithm | undefined } };
        case "acme":
            return {
                acme: {
                    server: text("acmeServer"),
                    email: text("acmeEmail"),
                    keyType: text("acmeKeyType") as AcmeKeyType | undefined,
                },
            };
        case "pem":
            return {
                pem: {
                    certificate: text("pemCertificate"),
                    chain: text("pemChain"),
                    privateKey: secretText("pemPrivateKey"),
                    pfx: secretText("pemPfx"),
                    pfxPassword: secretText("pemPfxPassword"),
                    allowSelfSigned: config.getBoolean("allowSelfSigned"),
                },
            };
        case "arn":
            return { arn: config.require("certificateArn") };
        case "csr": {
            const subject: CsrSubjectArgs = {
                organization: text("csrOrganization"),
                country: text("csrCountry"),
                province: text("csrProvince"),
                locality: text("csrLocality"),
            };
            return {
                csr: {
                    // Only the fields that are set: an undefined subject field is refused as "not plain text".
                    subject: Object.fromEntries(Object.entries(subject).filter(([, v]) => v !== undefined)),
                    keyType: text("csrKeyType") as CsrKeyType | undefined,
                    certificate: text("csrCertificate"),
                    chain: text("csrChain"),
                },
            };
        }
        default:
            throw new pulumi.RunError(
                `config 'certificateSource' is '${source}': use 'acm', 'acme', 'pem', 'arn' or 'csr'`,
            );
    }
}

/** The expiry alarm's settings; `undefined` (the source's default) when none is set. */
function expiryAlarmFromConfig(): ExpiryAlarmArgs | undefined {
    const alarm: ExpiryAlarmArgs = {
        enabled: config.getBoolean("disableExpiryAlarm") ? false : undefined,
        daysBefore: count("expiryAlarmDaysBefore"),
        snsTopicArn: text("expiryAlarmTopicArn"),
        emails: list("expiryAlarmEmails"),
    };
    return Object.values(alarm).some((v) => v !== undefined) ? alarm : undefined;
}

function targetFromConfig(): TargetArgs | undefined {
    const target: TargetArgs = {
        port: count("targetPort"),
        protocol: text("targetProtocol"),
        targetType: text("targetType") as TargetType | undefined,
        targetGroupArn: text("targetGroupArn"),
        healthCheckPath: text("healthCheckPath"),
        healthCheckMatcher: text("healthCheckMatcher"),
    };
    return Object.values(target).some((v) => v !== undefined) ? target : undefined;
}

function hstsFromConfig(): HstsArgs | undefined {
    const maxAgeSeconds = count("hstsMaxAgeSeconds");
    if (maxAgeSeconds === undefined) return undefined;
    return {
        maxAgeSeconds,
        includeSubDomains: config.getBoolean("hstsIncludeSubDomains") ?? false,
        preload: config.getBoolean("hstsPreload") ?? false,
    };
}

const site = new CustomDomain(pulumi.getStack(), {
    hostname: config.require("hostname"),
    alternativeNames: list("alternativeNames"),
    zoneId: text("zoneId"),
    zoneName: text("zoneName"),
    manageDns: config.getBoolean("manageDns"),
    certificate: certificateFromConfig(),
    expiryAlarm: expiryAlarmFromConfig(),
    vpcId: config.require("vpcId"),
    subnetIds: config.requireObject<string[]>("subnetIds"),
    target: targetFromConfig(),
    httpsRedirect: {
        mode: (text("httpsRedirect") ?? RedirectMode.All) as RedirectMode,
        paths: list("redirectPaths"),
        statusCode: count("redirectStatusCode"),
    },
    sslPolicy: text("sslPolicy"),
    tlsProfile: text("tlsProfile") as TlsProfile | undefined,
    allowLegacyTls: config.getBoolean("allowLegacyTls"),
    hsts: hstsFromConfig(),
    securityHeaders: {
        contentTypeOptions: config.getBoolean("contentTypeOptions"),
        frameOptions: text("frameOptions"),
        contentSecurityPolicy: text("contentSecurityPolicy"),
        hideServerHeader: config.getBoolean("hideServerHeader"),
    },
    ipAddressType: (text("ipAddressType") ?? IpAddressType.Ipv4) as IpAddressType,
    allowedCidrs: list("allowedCidrs"),
    deletionProtection: config.getBoolean("deletionProtection"),
    tags: { "managed-by": "aws-https-domain", stack: pulumi.getStack() },
});

export const url = site.url;
export const hostnames = site.hostnames;
export const loadBalancerDnsName = site.loadBalancerDnsName;
export const certificateArn = site.certificateArn;
export const certificateNotAfter = site.certificateNotAfter;
export const zoneId = site.zoneId;
export const httpsListenerArn = site.httpsListener.arn;
export const httpListenerArn = site.httpListener?.arn;
export const recordNames = pulumi.all(site.records.map((r) => r.fqdn));
export const requiredDnsRecords = site.requiredDnsRecordsText;
export const certificateSigningRequestPem = site.certificateSigningRequestPem;
export const expiryTopicArn = site.expiryTopicArn;
