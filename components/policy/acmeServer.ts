/**
 * Policy: ACME certificates from a staging server (which no browser trusts)
 * are not deployed to production stacks.
 *
 * `@pulumiverse/acme` takes the ACME directory from its provider's
 * `serverUrl`; `AcmeCertificate` sets it on an explicit `acme.Provider`
 * (Let's Encrypt staging unless production is asked for by name). The stack
 * is read from the provider's URN (`urn:pulumi:<stack>::…`), so the check
 * needs no stack configuration. Under the Pulumi CLI a default provider
 * (configured with `acme:serverUrl`) is a provider resource too and is
 * checked the same way.
 */
import { type ResourceValidationPolicy } from "@pulumi/policy";
import { ACME_PROVIDER_TYPE, globToRegExp, quoted, stackOfUrn } from "./common";
import { DEFAULT_PRODUCTION_STACKS, DEFAULT_STAGING_SERVER_URLS } from "./defaults";

/** Configuration of {@link acmeStagingPolicy}. */
export interface AcmeStagingConfig {
    /** Stack-name globs (`*`, `?`) that are production. Defaults to `["prod*"]`. */
    productionStacks?: string[];
    /** ACME directory URLs that are staging servers. Defaults to Let's Encrypt's and Google Trust Services' staging directories. */
    stagingServerUrls?: string[];
}

/** No ACME staging server in stacks whose name matches a production pattern. */
export const acmeStagingPolicy: ResourceValidationPolicy = {
    name: "acme-no-staging-in-production",
    description: "ACME certificates in production stacks come from a trusted (non-staging) ACME server.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            productionStacks: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_PRODUCTION_STACKS,
                description: "Stack-name globs (* and ?) that are production.",
            },
            stagingServerUrls: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_STAGING_SERVER_URLS,
                description: "ACME directory URLs of staging servers.",
            },
        },
    },
    validateResource: (args, report) => {
        if (args.type !== ACME_PROVIDER_TYPE) return;
        const config = args.getConfig<AcmeStagingConfig>();
        const stack = stackOfUrn(args.urn);
        const patterns = config.productionStacks ?? DEFAULT_PRODUCTION_STACKS;
        const pattern = patterns.find((p) => globToRegExp(p).test(stack));
        if (pattern === undefined) return;
        const url = String(args.props.serverUrl ?? "");
        if ((config.stagingServerUrls ?? DEFAULT_STAGING_SERVER_URLS).includes(url)) {
            report(
                `ACME provider '${args.name}' uses the staging server '${url}' in stack '${stack}', which matches the production pattern '${pattern}': browsers do not trust its certificates. Use a production directory (AcmeCertificate: server: AcmeServer.LetsEncryptProduction), or deploy staging only to stacks that match none of ${quoted(patterns)}.`,
            );
        }
    },
};
