/**
 * Policies on Application Load Balancers themselves: request hardening
 * (drop header fields that are not valid, no `monitor` desync mode) and
 * (advisory) access logs.
 *
 * Provider defaults, from pulumi-aws `aws.lb.LoadBalancer`: `loadBalancerType`
 * "application"; `dropInvalidHeaderFields` "The default is false";
 * `desyncMitigationMode` "`monitor`, `defensive` (default), `strictest`"
 * (terraform-provider-aws internal/service/elbv2/load_balancer.go:
 * `Default: "defensive"`, `StringInSlice(monitor, defensive, strictest)`);
 * `accessLogs.enabled` "Defaults to `false`, even when `bucket` is specified".
 */
import { type ResourceValidationArgs, type ResourceValidationPolicy } from "@pulumi/policy";
import { LOAD_BALANCER_TYPES, quoted } from "./common";
import { DEFAULT_ALLOWED_DESYNC_MODES, PROVIDER_DEFAULT_DESYNC_MODE } from "./defaults";

/** Configuration of {@link loadBalancerHardeningPolicy}. */
export interface LoadBalancerHardeningConfig {
    /** Desync mitigation modes allowed. Defaults to `["defensive", "strictest"]`. */
    allowedDesyncModes?: string[];
}

/** True for an Application Load Balancer (the type these rules are about; unset means application). */
function isApplicationLoadBalancer(args: ResourceValidationArgs): boolean {
    if (!LOAD_BALANCER_TYPES.includes(args.type)) return false;
    const type = args.props.loadBalancerType;
    return type === undefined || type === "application";
}

/** Load balancers drop header fields that are not valid and mitigate HTTP desync (not `monitor`). */
export const loadBalancerHardeningPolicy: ResourceValidationPolicy = {
    name: "load-balancer-request-hardening",
    description:
        "Application Load Balancers drop header fields that are not valid and use a desync mitigation mode other than monitor.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedDesyncModes: {
                type: "array",
                items: { type: "string", enum: ["monitor", "defensive", "strictest"] },
                default: DEFAULT_ALLOWED_DESYNC_MODES,
                description: "Desync mitigation modes a load balancer may use.",
            },
        },
    },
    validateResource: (args, report) => {
        if (!isApplicationLoadBalancer(args)) return;
        const allowed =
            args.getConfig<LoadBalancerHardeningConfig>().allowedDesyncModes ?? DEFAULT_ALLOWED_DESYNC_MODES;
        if (args.props.dropInvalidHeaderFields !== true) {
            report(
                `Load balancer '${args.name}' passes header fields that are not valid on to its targets (dropInvalidHeaderFields is ${String(args.props.dropInvalidHeaderFields ?? "unset, which means false")}): set dropInvalidHeaderFields: true.`,
            );
        }
        const mode = String(args.props.desyncMitigationMode ?? PROVIDER_DEFAULT_DESYNC_MODE);
        if (!allowed.includes(mode)) {
            report(
                `Load balancer '${args.name}' uses desyncMitigationMode '${mode}', which lets requests that risk HTTP desync through to its targets: use one of ${quoted(allowed)}.`,
            );
        }
    },
};

/** Load balancers write access logs (advisory). */
export const accessLogsPolicy: ResourceValidationPolicy = {
    name: "load-balancer-access-logs",
    description: "Application Load Balancers write access logs to S3.",
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        if (!isApplicationLoadBalancer(args)) return;
        const logs = args.props.accessLogs as Record<string, unknown> | undefined;
        if (logs?.enabled !== true) {
            report(
                `Load balancer '${args.name}' writes no access logs (accessLogs.enabled is not true): set accessLogs: { bucket, enabled: true } (HttpsLoadBalancer: accessLogs: { bucket }) to keep a record of requests and their TLS versions.`,
            );
        }
    },
};
