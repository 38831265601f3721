/**
 * Turns property values as Pulumi sends them over the wire (unknown
 * sentinels, secret wrappers, resource references, assets) into a plain,
 * JSON-safe plan value, and formats plan values for people.
 */

/** The wire value Pulumi uses for "not known until the resource exists". */
export const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** A value only the cloud can supply (an ARN, an id, a DNS name). */
export interface UnknownValue {
    $unknown: true;
}
/** A secret: never printed, even when known. */
export interface SecretValue {
    $secret: true;
}
/** A reference to another resource in the plan, by URN. */
export interface ResourceRef {
    $resource: string;
}

/** A JSON-safe value in the plan. */
export type PlanValue =
    | null
    | boolean
    | number
    | string
    | UnknownValue
    | SecretValue
    | ResourceRef
    | PlanValue[]
    | { [key: string]: PlanValue };

/** The plan's marker for a value known only after deploy (`{"$unknown": true}` in JSON). */
export const UNKNOWN: UnknownValue = Object.freeze({ $unknown: true as const });
/** The plan's marker for a secret, known or not (`{"$secret": true}` in JSON). */
export const SECRET: SecretValue = Object.freeze({ $secret: true as const });

/** How an unknown value reads in the text output. */
export const UNKNOWN_TEXT = "(known after deploy)";
/** How a secret reads in the text output. */
export const SECRET_TEXT = "[secret]";

/** True for the {@link UNKNOWN} marker. */
export function isUnknown(v: unknown): v is UnknownValue {
    return typeof v === "object" && v !== null && (v as UnknownValue).$unknown === true;
}
/** True for the {@link SECRET} marker. */
export function isSecret(v: unknown): v is SecretValue {
    return typeof v === "object" && v !== null && (v as SecretValue).$secret === true;
}
/** True for a reference to another resource of the plan. */
export function isRef(v: unknown): v is ResourceRef {
    return typeof v === "object" && v !== null && typeof (v as ResourceRef).$resource === "string";
}

/** Normalises one wire value (as from `Struct.toJavaScript()`). `undefined` members are dropped. */
export function fromWire(value: unknown): PlanValue | undefined {
    if (value === undefined) return undefined;
    if (value === UNKNOWN_WIRE) return UNKNOWN;
    if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string")
        return value;
    if (Array.isArray(value)) return value.map((v) => fromWire(v) ?? null);
    if (typeof value !== "object") return String(value);
    const obj = value as Record<string, unknown>;
    switch (obj[SIG]) {
        case SECRET_SIG:
            return SECRET;
        case RESOURCE_SIG:
            return { $resource: String(obj.urn) };
        case ASSET_SIG:
        case ARCHIVE_SIG:
            return `(${obj[SIG] === ASSET_SIG ? "asset" : "archive"} ${String(obj.path ?? obj.uri ?? "inline")})`;
        case OUTPUT_SIG:
            if (obj.secret === true) return SECRET;
            return obj.value === undefined ? UNKNOWN : fromWire(obj.value);
        default: {
            const out: Record<string, PlanValue> = {};
            for (const [k, v] of Object.entries(obj)) {
                const n = fromWire(v);
                if (n !== undefined) out[k] = n;
            }
            return out;
        }
    }
}

/** Reads a dotted path (`defaultActions.0.redirect.statusCode`) out of a plan value. */
export function pick(value: PlanValue | undefined, dotted: string): PlanValue | undefined {
    let cur: PlanValue | undefined = value;
    for (const part of dotted.split(".")) {
        if (
            cur === undefined ||
            cur === null ||
            typeof cur !== "object" ||
            isUnknown(cur) ||
            isSecret(cur) ||
            isRef(cur)
        ) {
            return isUnknown(cur) || isSecret(cur) ? cur : undefined;
        }
        cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Record<string, PlanValue>)[part];
    }
    return cur;
}

/** One-line text for a plan value; `refName` turns a URN into a readable name. */
export function formatValue(value: PlanValue | undefined, refName: (urn: string) => string = (u) => u): string {
    if (value === undefined) return "-";
    if (value === null) return "null";
    if (isUnknown(value)) return UNKNOWN_TEXT;
    if (isSecret(value)) return SECRET_TEXT;
    if (isRef(value)) return refName(value.$resource);
    if (typeof value === "string") return value === "" ? '""' : value;
    if (typeof value !== "object") return String(value);
    if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(v, refName)).join(", ") : "(none)";
    const entries = Object.entries(value);
    if (!entries.length) return "{}";
    return `{ ${entries.map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${formatValue(v, refName)}]` : formatValue(v, refName)}`).join(", ")} }`;
}
