/**
 * Mermaid flowchart of the request path a plan builds:
 * hostname → DNS record → load balancer → :80 (redirect) and :443
 * (certificate) listeners → target. Edges come from the program's own
 * property dependencies (which resource an input's value comes from), so the
 * diagram shows the wiring the program really made.
 */
import { type Plan, type PlannedResource } from "./plan";
import { propertiesFor } from "./properties";
import { subtree } from "./requiredRecords";
import { formatValue, pick, type PlanValue } from "./values";

const T = {
    record: /^aws:route53\/record:Record$/,
    alb: /^aws:(lb|alb)\/loadBalancer:LoadBalancer$/,
    listener: /^aws:(lb|alb)\/listener:Listener$/,
    rule: /^aws:(lb|alb)\/listenerRule:ListenerRule$/,
    sni: /^aws:(lb|alb)\/listenerCertificate:ListenerCertificate$/,
    targetGroup: /^aws:(lb|alb)\/targetGroup:TargetGroup$/,
    certificate: /^aws:acm\/certificate:Certificate$/,
    acme: /^acme:index\/certificate:Certificate$/,
};

const ENTITIES: Record<string, string> = { "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;" };

/** Escapes a label for a quoted Mermaid node; `\n` becomes a line break. */
export function label(text: string): string {
    return `"${text.replace(/[#"<>]/g, (c) => ENTITIES[c]).replace(/\n/g, "<br/>")}"`;
}

/** Resources whose values feed `key` of `resource` (all inputs when `key` is omitted). */
function sources(plan: Plan, resource: PlannedResource, key?: string): PlannedResource[] {
    const urns = key ? (resource.propertyDependencies[key] ?? []) : Object.values(resource.propertyDependencies).flat();
    return plan.resources.filter((r) => urns.includes(r.urn));
}

/** Follows dependencies back from `start` until a resource matching `type` (breadth first). */
function trace(plan: Plan, start: PlannedResource[], type: RegExp): PlannedResource | undefined {
    const queue = [...start];
    const seen = new Set<string>();
    while (queue.length) {
        const r = queue.shift()!;
        if (seen.has(r.urn)) continue;
        seen.add(r.urn);
        if (type.test(r.type)) return r;
        queue.push(...sources(plan, r));
    }
    return undefined;
}

/** A resource the program read (not created) whose id is `arn`. */
function readById(plan: Plan, arn: PlanValue | undefined): PlannedResource | undefined {
    return typeof arn === "string" ? plan.resources.find((r) => r.kind === "read" && r.id === arn) : undefined;
}

/**
 * The load balancer a listener belongs to: traced through the program's
 * wiring, or, for a listener read by ARN, the read load balancer whose ARN
 * it extends (`…:listener/app/NAME/LB-ID/LISTENER-ID` is on `…:loadbalancer/app/NAME/LB-ID`).
 */
function loadBalancerOf(plan: Plan, listener: PlannedResource): PlannedResource | undefined {
    const traced = trace(plan, sources(plan, listener, "loadBalancerArn"), T.alb);
    if (traced || !listener.id) return traced ?? readById(plan, listener.inputs.loadBalancerArn);
    const lbArn = listener.id.replace(":listener/", ":loadbalancer/").split("/").slice(0, -1).join("/");
    return readById(plan, lbArn);
}

/** The listener `key` of `resource` points at: traced, or read by its ARN (a shared listener). */
function listenerOf(plan: Plan, resource: PlannedResource, key: string): PlannedResource | undefined {
    return trace(plan, sources(plan, resource, key), T.listener) ?? readById(plan, pick(resource.inputs, key));
}

function certificateLabel(plan: Plan, listener: PlannedResource, key: string): string {
    // An ACME certificate reaches the listener through its ACM import: name the ACME one.
    const cert =
        trace(plan, sources(plan, listener, key), T.acme) ?? trace(plan, sources(plan, listener, key), T.certificate);
    if (!cert) return `certificate ${formatValue(pick(listener.inputs, key))}`;
    const names = [
        cert.inputs.domainName ?? cert.inputs.commonName,
        ...((cert.inputs.subjectAlternativeNames as PlanValue[] | undefined) ?? []),
    ];
    const source = cert.type.startsWith("acme:")
        ? "ACME"
        : cert.inputs.certificateBody !== undefined
          ? "imported PEM"
          : "ACM, DNS-validated";
    return `certificate ${formatValue(names.filter((n) => n !== undefined))} (${source})`;
}

/** Renders the plan's request path as a Mermaid `flowchart LR`. */
export function renderDiagram(plan: Plan): string {
    const ids = new Map<string, string>();
    const id = (key: string) => ids.get(key) ?? (ids.set(key, `n${ids.size + 1}`), ids.get(key)!);
    const lines = ["flowchart LR"];
    const nodes = new Set<string>();
    const node = (key: string, text: string) => {
        if (!nodes.has(key)) lines.push(`    ${id(key)}[${label(text)}]`);
        nodes.add(key);
        return id(key);
    };
    const edge = (from: string, to: string, text?: string, dotted = false) =>
        lines.push(`    ${from} ${dotted ? "-.->" : "-->"}${text ? `|${label(text)}|` : ""} ${to}`);
    const of = (type: RegExp) => plan.resources.filter((r) => type.test(r.type));
    const targetGroup = (tg: PlannedResource) => {
        const p = propertiesFor(plan, tg);
        return node(
            tg.urn,
            `target group ${tg.name}\n${p["target type"] ?? "instance"} ${p.protocol ?? ""}:${p.port ?? ""}`,
        );
    };

    for (const alb of of(T.alb)) {
        const props = propertiesFor(plan, alb);
        node(
            alb.urn,
            alb.kind === "read"
                ? `ALB ${alb.name}\nshared, not created here`
                : `ALB ${alb.name}\n${props.scheme ?? "internet-facing"}, ${props["ip address type"] ?? "ipv4"}`,
        );
    }
    for (const record of of(T.record).filter((r) => Array.isArray(r.inputs.aliases))) {
        const alb = trace(plan, sources(plan, record, "aliases"), T.alb);
        const host = formatValue(record.inputs.name);
        const dns = node(record.urn, `Route 53 ${formatValue(record.inputs.type)} alias\n${host}`);
        edge(node(`host:${host}`, host), dns);
        if (alb) edge(dns, id(alb.urn));
    }
    // Names whose DNS is elsewhere (manageDns: false) point at the component's load balancer.
    for (const r of plan.requiredDnsRecords ?? []) {
        if (typeof r.name !== "string") continue;
        const domain = plan.resources.find((c) => c.name === r.component && c.type.endsWith(":CustomDomain"));
        const alb = domain ? subtree(plan, domain.urn).find((a) => T.alb.test(a.type)) : undefined;
        const dns = node(`dns:${r.name}`, `DNS elsewhere: ${r.type}\n${r.name}`);
        edge(node(`host:${r.name}`, r.name), dns);
        if (alb) edge(dns, id(alb.urn));
    }
    for (const listener of of(T.listener)) {
        const alb = loadBalancerOf(plan, listener);
        const props = propertiesFor(plan, listener);
        const tls = props["tls policy"] ? `\n${props["tls policy"]}` : "";
        const l = node(
            listener.urn,
            listener.kind === "read"
                ? `listener ${listener.name}\nshared, not created here`
                : `:${formatValue(listener.inputs.port)} ${formatValue(listener.inputs.protocol)}${tls}`,
        );
        if (alb) edge(id(alb.urn), l);
        if (listener.inputs.certificateArn !== undefined)
            edge(
                node(`cert:${listener.urn}`, certificateLabel(plan, listener, "certificateArn")),
                l,
                "certificate",
                true,
            );
        const tg = trace(plan, sources(plan, listener, "defaultActions"), T.targetGroup);
        const action = props["default action"] ?? "";
        if (tg) {
            edge(l, targetGroup(tg), "forward");
        } else if (action) {
            edge(l, node(`action:${listener.urn}`, action));
        }
    }
    for (const rule of of(T.rule)) {
        const listener = listenerOf(plan, rule, "listenerArn");
        const props = propertiesFor(plan, rule);
        const tg = trace(plan, sources(plan, rule, "actions"), T.targetGroup);
        // A rule that forwards goes to the target group's node; any other action gets its own.
        const to = tg ? targetGroup(tg) : node(rule.urn, props.then ?? rule.name);
        if (listener) edge(id(listener.urn), to, `${props.when ?? "rule"}${tg ? ": forward" : ""}`);
    }
    for (const sni of of(T.sni)) {
        const listener = listenerOf(plan, sni, "listenerArn");
        if (listener)
            edge(
                node(sni.urn, certificateLabel(plan, sni, "certificateArn")),
                id(listener.urn),
                "extra certificate (SNI)",
                true,
            );
    }
    return lines.join("\n");
}
