/**
 * Formatters for the preview's property lines: listener actions, security
 * group rules, alias targets, and how an unknown value names its source (the
 * resource it comes from, or the provider lookup that will answer it).
 */
import { type PlannedLookup, type PlannedResource } from "./plan";
import { formatValue, isUnknown, pick, type PlanValue } from "./values";

/** What a formatter needs: the resource and a way to name the resource a URN points at. */
export interface FieldContext {
    resource: PlannedResource;
    nameOf(urn: string): string;
    /** The plan's provider lookups, to say where a looked-up value will come from. */
    lookups: PlannedLookup[];
}

/** Turns a property value (or, for rule formatters, the whole resource) into its display text; `undefined` hides the line. */
export type Formatter = (
    value: PlanValue | undefined,
    ctx: FieldContext,
    key: string,
    lookup?: string,
) => string | undefined;

/** Where an unknown value comes from: the resources feeding `key`, or the lookup the field names. */
function origin(ctx: FieldContext, key: string, lookup?: string): string | undefined {
    const from = (ctx.resource.propertyDependencies[key.split(".")[0]] ?? []).map(ctx.nameOf);
    if (from.length) return `← ${from.join(", ")}`;
    const asked = lookup ? ctx.lookups.filter((l) => l.token === lookup) : [];
    if (!asked.length) return undefined;
    const args = asked.map((l) =>
        Object.entries(l.args)
            .map(([k, v]) => `${k}=${formatValue(v)}`)
            .join(" "),
    );
    return `← lookup ${lookup!.split(":").pop()} ${args.join("; ")}`;
}

/** Text for a value; an unknown one says which resource (or lookup) it comes from, when that is known. */
export function describe(value: PlanValue | undefined, ctx: FieldContext, key: string, lookup?: string): string {
    const text =
        Array.isArray(value) && value.length
            ? value.map((v) => formatValue(v, ctx.nameOf)).join(", ")
            : formatValue(value, ctx.nameOf);
    const unknown = isUnknown(value) || (Array.isArray(value) && value.some(isUnknown));
    const from = unknown ? origin(ctx, key, lookup) : undefined;
    return from ? `${text} ${from}` : text;
}

function obj(value: PlanValue | undefined): Record<string, PlanValue> {
    return value && typeof value === "object" && !Array.isArray(value) && !isUnknown(value)
        ? (value as Record<string, PlanValue>)
        : {};
}

function ports(rule: Record<string, PlanValue>, ctx: FieldContext, key: string): string {
    const from = describe(rule.fromPort, ctx, key);
    const to = describe(rule.toPort, ctx, key);
    return from === to ? from : `${from}-${to}`;
}

function action(a: Record<string, PlanValue>, ctx: FieldContext, key: string): string {
    const r = obj(a.redirect);
    switch (a.type) {
        case "redirect": {
            // Unset redirect fields keep the request's own value, which ALB writes as #{field}.
            const part = (field: string, keep: string) => (r[field] === undefined ? keep : formatValue(r[field]));
            const url = `${part("protocol", "#{protocol}")}://${part("host", "#{host}")}:${part("port", "#{port}")}${part("path", "/#{path}")}?${part("query", "#{query}")}`;
            return `redirect ${describe(r.statusCode, ctx, key)} to ${url}`;
        }
        case "forward":
            return `forward to ${describe(a.targetGroupArn ?? pick(a, "forward.targetGroups.0.arn"), ctx, key)}`;
        case "fixed-response": {
            const f = obj(a.fixedResponse);
            return `fixed response ${formatValue(f.statusCode)} ${formatValue(f.contentType)}${f.messageBody ? ` "${formatValue(f.messageBody)}"` : ""}`;
        }
        default:
            return formatValue(a, ctx.nameOf);
    }
}

/** Named formatters the table refers to. */
export const FORMATS = {
    actions: ((v, ctx, key) =>
        Array.isArray(v) ? v.map((a) => action(obj(a), ctx, key)).join("; ") : undefined) as Formatter,
    conditions: ((v) =>
        Array.isArray(v)
            ? v
                  .map((c) =>
                      Object.entries(obj(c))
                          .map(([kind, spec]) => `${kind} ${formatValue(pick(spec, "values") ?? spec)}`)
                          .join(" "),
                  )
                  .join(" and ")
            : undefined) as Formatter,
    aliases: ((v, ctx, key) =>
        Array.isArray(v) ? v.map((a) => alias(obj(a), ctx, key)).join("; ") : undefined) as Formatter,
    inlineRules: ((v, ctx, key) =>
        Array.isArray(v) && v.length ? v.map((r) => inlineRule(obj(r), ctx, key)).join("; ") : undefined) as Formatter,
    ruleIn: ((_v, ctx) => vpcRule(ctx, "from")) as Formatter,
    ruleOut: ((_v, ctx) => vpcRule(ctx, "to")) as Formatter,
    healthCheck: ((v) =>
        v
            ? `${formatValue(obj(v).protocol ?? "HTTP")} ${formatValue(obj(v).path ?? "/")} expects ${formatValue(obj(v).matcher ?? "200")}`
            : undefined) as Formatter,
    pem: ((v) =>
        typeof v === "string"
            ? `PEM, ${(v.match(/-----BEGIN /g) ?? []).length} block(s)`
            : v === undefined
              ? undefined
              : formatValue(v)) as Formatter,
    tags: ((v, ctx) => {
        if (!v || typeof v !== "object" || Array.isArray(v) || isUnknown(v))
            return v === undefined ? undefined : formatValue(v);
        const entries = Object.entries(v as Record<string, PlanValue>);
        return entries.length ? entries.map(([k, t]) => `${k}=${formatValue(t, ctx.nameOf)}`).join(", ") : undefined;
    }) as Formatter,
    scheme: ((v) => (v === true ? "internal" : v === false ? "internet-facing" : undefined)) as Formatter,
    /** A response-header attribute: "" means the listener sends no such header (and clears an old one). */
    header: ((v) => (v === "" ? "none (cleared)" : typeof v === "string" ? v : undefined)) as Formatter,
    serverHeader: ((v) => (v === false ? "removed" : v === true ? "sent" : undefined)) as Formatter,
    certificateSource: ((_v, ctx) => {
        const i = ctx.resource.inputs;
        if (isUnknown(i.certificateBody)) {
            const from = (ctx.resource.propertyDependencies.certificateBody ?? []).map(ctx.nameOf);
            return `imported into ACM from ${from.length ? from.join(", ") : "a PEM known after deploy"}`;
        }
        if (i.certificateBody !== undefined)
            return "imported into ACM from PEM (certificate, chain and key checked before import)";
        if (i.domainName !== undefined)
            return `requested from ACM, ${formatValue(i.validationMethod ?? "EMAIL")} validation`;
        return undefined;
    }) as Formatter,
};

function alias(a: Record<string, PlanValue>, ctx: FieldContext, key: string): string {
    const health = a.evaluateTargetHealth === true ? ", evaluates target health" : "";
    if (isUnknown(a.name)) {
        const from = (ctx.resource.propertyDependencies[key] ?? []).map(ctx.nameOf);
        return `alias to ${from.length ? from.join(", ") : "a target"} (its DNS name and zone known after deploy)${health}`;
    }
    return `alias to ${formatValue(a.name)} (zone ${describe(a.zoneId, ctx, key)})${health}`;
}

function inlineRule(rule: Record<string, PlanValue>, ctx: FieldContext, key: string): string {
    const peers = [rule.cidrBlocks, rule.ipv6CidrBlocks, rule.securityGroups].flatMap((p) =>
        Array.isArray(p) ? p : p === undefined ? [] : [p],
    );
    return `${formatValue(rule.protocol)} ${ports(rule, ctx, key)} ${peers.length ? formatValue(peers, ctx.nameOf) : "(no peers)"}`;
}

function vpcRule(ctx: FieldContext, direction: "from" | "to"): string {
    const i = ctx.resource.inputs;
    const peer = i.cidrIpv4 ?? i.cidrIpv6 ?? i.referencedSecurityGroupId ?? i.prefixListId;
    const peerKey =
        ["cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"].find((k) => i[k] !== undefined) ??
        "cidrIpv4";
    return `${formatValue(i.ipProtocol)} ${ports(i, ctx, "fromPort")} ${direction} ${describe(peer, ctx, peerKey, "aws:ec2/getVpc:getVpc")}`;
}
