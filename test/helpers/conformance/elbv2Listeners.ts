/** Listener, listener rule and action rules (terraform-provider-aws internal/service/elbv2). */
import {
    block,
    intBetween,
    known,
    lengthBetween,
    list,
    oneOf,
    problem,
    type Problem,
    type ResourceRule,
    rule,
    str,
} from "./types";

const LISTENER = "aws:lb/listener:Listener";
const RULE = "aws:lb/listenerRule:ListenerRule";
const TF = "hashicorp/terraform-provider-aws internal/service/elbv2";
/** aws-sdk-go-v2 service/elasticloadbalancingv2/types/enums.go ProtocolEnum, ActionTypeEnum, RedirectActionStatusCodeEnum. */
const PROTOCOLS = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"];
const ACTION_TYPES = [
    "forward",
    "authenticate-oidc",
    "authenticate-cognito",
    "redirect",
    "fixed-response",
    "jwt-validation",
];
const CONTENT_TYPES = ["text/plain", "text/css", "text/html", "application/javascript", "application/json"];
const CONDITION_FIELDS = ["hostHeader", "httpHeader", "httpRequestMethod", "pathPattern", "queryStrings", "sourceIp"];

/** listener.go / listener_rule.go action schema, shared by `defaultActions` and `actions`. */
function actionProblems(property: string, actions: unknown): Problem[] {
    return list(actions).flatMap((a, n) => {
        const at = `${property}[${n}]`;
        const out = [
            ...oneOf(`${at}.type`, a.type, ACTION_TYPES, true),
            ...intBetween(`${at}.order`, a.order, 1, 50000),
        ];
        const redirect = block(a.redirect);
        if (redirect) {
            out.push(
                ...lengthBetween(`${at}.redirect.host`, redirect.host, 1, 128),
                ...lengthBetween(`${at}.redirect.path`, redirect.path, 1, 128),
                ...lengthBetween(`${at}.redirect.query`, redirect.query, 0, 128),
                ...oneOf(`${at}.redirect.protocol`, redirect.protocol, ["#{protocol}", "HTTP", "HTTPS"]),
                ...oneOf(`${at}.redirect.statusCode`, redirect.statusCode, ["HTTP_301", "HTTP_302"]),
            );
        }
        const fixed = block(a.fixedResponse);
        if (fixed) {
            out.push(
                ...oneOf(`${at}.fixedResponse.contentType`, fixed.contentType, CONTENT_TYPES),
                ...lengthBetween(`${at}.fixedResponse.messageBody`, fixed.messageBody, 0, 1024),
            );
            const status = str(fixed.statusCode);
            if (status !== undefined && !/^[245]\d\d$/.test(status))
                out.push(problem(`${at}.fixedResponse.statusCode`, status, `must match ^[245]\\d\\d$`));
        }
        const groups = known(block(a.forward)?.targetGroups);
        if (Array.isArray(groups)) {
            if (groups.length < 1 || groups.length > 5)
                out.push(problem(`${at}.forward.targetGroups`, groups.length, `must hold 1 to 5 target groups`));
            list(groups).forEach((g, k) =>
                out.push(...intBetween(`${at}.forward.targetGroups[${k}].weight`, g.weight, 0, 999)),
            );
        }
        return out;
    });
}

const ACTIONS_CITATION = `${TF}/listener.go & listener_rule.go action schema (type enum.ValidateIgnoreCase[ActionTypeEnum]; order IntBetween(1, 50000); redirect host/path StringLenBetween(1, 128), query (0, 128), protocol StringInSlice, status_code enum; fixed_response content_type StringInSlice, message_body (0, 1024), status_code ^[245]\\d\\d$; forward target_group MinItems 1 MaxItems 5, weight IntBetween(0, 999))`;

const LISTENERS: ResourceRule[] = [
    rule("elbv2.listener.port", LISTENER, `${TF}/listener.go schema "port" validation.IsPortNumber`, (i) =>
        intBetween("port", i.port, 1, 65535),
    ),
    rule(
        "elbv2.listener.protocol",
        LISTENER,
        `${TF}/listener.go schema "protocol" enum.ValidateIgnoreCase[ProtocolEnum]`,
        (i) => oneOf("protocol", i.protocol, PROTOCOLS, true),
    ),
    rule(
        "elbv2.listener.emptyAttribute",
        LISTENER,
        `${TF}/listener.go listenerAttributeMap.expand (TypeString attributes are sent only when v != "", on create and update: "" never clears a header, it is a silent no-op)`,
        (i) =>
            Object.keys(i)
                .filter((k) => k.startsWith("routingHttp") && known(i[k]) === "")
                .map((k) =>
                    problem(
                        k,
                        "",
                        `empty string is never sent to AWS (silently ignored): leave it unset, or set the value to remove/replace`,
                    ),
                ),
    ),
    rule("elbv2.listener.defaultActions", LISTENER, ACTIONS_CITATION, (i) =>
        actionProblems("defaultActions", i.defaultActions),
    ),
];

/** The values one condition block contributes to the per-rule quota. */
function conditionValues(c: Record<string, any>): string[] {
    return [
        ...list(block(c.hostHeader)?.values),
        ...list(block(c.pathPattern)?.values),
        ...list(block(c.httpHeader)?.values),
        ...list(block(c.httpRequestMethod)?.values),
        ...list(block(c.sourceIp)?.values),
        ...list(c.queryStrings).map((q) => `${str(q.key) ?? ""}=${str(q.value) ?? ""}`),
    ].filter((v): v is string => typeof v === "string");
}

const RULES: ResourceRule[] = [
    rule(
        "elbv2.listenerRule.priority",
        RULE,
        `${TF}/listener_rule.go validListenerRulePriority (1-50000, or 99999 for the default rule)`,
        (i) => {
            const p = known(i.priority);
            if (typeof p !== "number" || (p >= 1 && p <= 50000) || p === 99999) return [];
            return [
                problem("priority", p, `must be in the range 1-50000 for normal rule or 99999 for the default rule`),
            ];
        },
    ),
    rule(
        "elbv2.listenerRule.conditionField",
        RULE,
        `${TF}/listener_rule.go expandRuleConditions (exactly one of host_header, http_header, http_request_method, path_pattern, query_string, source_ip per condition)`,
        (i) =>
            list(i.conditions).flatMap((c, n) => {
                const set = CONDITION_FIELDS.filter((f) =>
                    f === "queryStrings" ? list(c[f]).length > 0 : block(c[f]) !== undefined,
                );
                if (set.length === 1) return [];
                return [
                    problem(
                        `conditions[${n}]`,
                        set,
                        set.length === 0
                            ? `one of ${CONDITION_FIELDS.join(", ")} must be set`
                            : `only one of ${CONDITION_FIELDS.join(", ")} can be set`,
                    ),
                ];
            }),
    ),
    rule(
        "elbv2.listenerRule.conditionValues",
        RULE,
        `${TF}/listener_rule.go schema "condition": host_header/path_pattern/http_header values StringLenBetween(1, 128), http_header_name ^[0-9A-Za-z_!#$%&'*+,.^\`|~-]{1,40}$, http_request_method ^[A-Za-z-_]{1,40}$`,
        (i) =>
            list(i.conditions).flatMap((c, n) => {
                const at = `conditions[${n}]`;
                const out: Problem[] = [];
                for (const f of ["hostHeader", "pathPattern", "httpHeader"]) {
                    list(block(c[f])?.values).forEach((v, k) =>
                        out.push(...lengthBetween(`${at}.${f}.values[${k}]`, v, 1, 128)),
                    );
                }
                const header = str(block(c.httpHeader)?.httpHeaderName);
                if (header !== undefined && !/^[0-9A-Za-z_!#$%&'*+,.^`|~-]{1,40}$/.test(header))
                    out.push(
                        problem(
                            `${at}.httpHeader.httpHeaderName`,
                            header,
                            `must match ^[0-9A-Za-z_!#$%&'*+,.^\`|~-]{1,40}$`,
                        ),
                    );
                list(block(c.httpRequestMethod)?.values).forEach((v, k) => {
                    if (typeof v === "string" && !/^[A-Za-z-_]{1,40}$/.test(v))
                        out.push(problem(`${at}.httpRequestMethod.values[${k}]`, v, `must match ^[A-Za-z-_]{1,40}$`));
                });
                return out;
            }),
    ),
    rule(
        "elbv2.listenerRule.conditionValueQuota",
        RULE,
        `AWS ELB docs "Quotas for your Application Load Balancers" (Rules: condition values per rule 5, not adjustable)`,
        (i) => {
            const values = list(i.conditions).flatMap(conditionValues);
            return values.length <= 5
                ? []
                : [problem("conditions", values, `a rule may hold at most 5 condition values, got ${values.length}`)];
        },
    ),
    rule(
        "elbv2.listenerRule.wildcardQuota",
        RULE,
        `AWS ELB docs "Quotas for your Application Load Balancers" (Rules: condition wildcards per rule 5; counting each "*" and "?" is this layer's reading, not verified)`,
        (i) => {
            const wildcards = list(i.conditions)
                .flatMap(conditionValues)
                .reduce((n, v) => n + (v.match(/[*?]/g)?.length ?? 0), 0);
            return wildcards <= 5
                ? []
                : [problem("conditions", wildcards, `a rule may hold at most 5 condition wildcards, got ${wildcards}`)];
        },
    ),
    rule("elbv2.listenerRule.actions", RULE, ACTIONS_CITATION, (i) => actionProblems("actions", i.actions)),
];

export const LISTENER_RULES: ResourceRule[] = [...LISTENERS, ...RULES];
