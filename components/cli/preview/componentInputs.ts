/**
 * The arguments a program gives its components, for the plan. A component
 * passes `{}` to `ComponentResource`'s constructor, so the engine never sees
 * them; here each component class a program imports (from this package or
 * its own modules, not node_modules) is wrapped so that `new CustomDomain(name,
 * args)` records `args`. Values are resolved as the engine would show them:
 * an unknown Output as `{"$unknown": true}`, a secret one, or any field whose
 * name says private key, key PEM, password, secret, token, hmac or pfx, as `{"$secret": true}`.
 * Components created inside other components are not seen (their parent's
 * inputs say what they got).
 */
import * as path from "node:path";
import { type PlanValue, SECRET, UNKNOWN } from "./values";

/** A field that holds key material or a password, whatever its value looks like. */
const SENSITIVE = /private.?key|keyPem|password|passphrase|secret|token|hmac|pfx/i;

interface OutputLike {
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
    promise(withUnknowns?: boolean): Promise<unknown>;
}

function isOutput(v: unknown): v is OutputLike {
    return typeof v === "object" && v !== null && (v as { __pulumiOutput?: unknown }).__pulumiOutput === true;
}

/** Resolves one argument value into a plan value (bounded depth: arguments are data, not graphs). */
async function resolve(value: unknown, field: string, depth: number): Promise<PlanValue | undefined> {
    if (SENSITIVE.test(field) && value !== undefined && value !== null && typeof value !== "boolean") return SECRET;
    if (depth > 8) return "(…)";
    if (isOutput(value)) {
        if (await value.isSecret) return SECRET;
        if (!(await value.isKnown)) return UNKNOWN;
        return resolve(await value.promise(true), field, depth + 1);
    }
    if (value instanceof Promise) return resolve(await value, field, depth + 1);
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
        return value;
    if (value === undefined || typeof value === "function") return undefined;
    if (Array.isArray(value)) return Promise.all(value.map(async (v) => (await resolve(v, field, depth + 1)) ?? null));
    if (typeof value === "object") {
        const name = (value as { __pulumiType?: unknown; __name?: unknown }).__pulumiType;
        if (typeof name === "string") return `(resource ${name})`;
        const out: Record<string, PlanValue> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            const r = await resolve(v, k, depth + 1);
            if (r !== undefined) out[k] = r;
        }
        return out;
    }
    return String(value);
}

/** Recorded arguments, by component type and name. */
export interface ComponentInputs {
    /** `type::name` → the resolved arguments. */
    readonly byKey: Map<string, Record<string, PlanValue>>;
    /** Waits until every recorded argument has resolved. */
    settled(): Promise<void>;
}

/**
 * Wraps the component classes exported by modules outside node_modules (and
 * by this package wherever it is installed), except the entry module itself.
 */
export function recordComponentInputs(componentBase: unknown, main: string): ComponentInputs {
    const Module = require("node:module") as { _load: (...a: unknown[]) => unknown };
    const byKey = new Map<string, Record<string, PlanValue>>();
    const pending: Promise<void>[] = [];
    const base = componentBase as { prototype: object } | undefined;
    const wrapped = new WeakMap<object, unknown>();
    const wrap = (cls: unknown): unknown => {
        if (typeof cls !== "function" || !base || !(cls.prototype instanceof (base as unknown as new () => object)))
            return cls;
        if (!wrapped.has(cls))
            wrapped.set(
                cls,
                new Proxy(cls, {
                    construct(target, args, newTarget) {
                        const instance = Reflect.construct(target, args, newTarget) as { __pulumiType?: string };
                        const [name, input] = args as [unknown, unknown];
                        if (typeof name === "string" && typeof instance.__pulumiType === "string")
                            pending.push(
                                resolve(input, "", 0).then(
                                    (v) => {
                                        if (v && typeof v === "object" && !Array.isArray(v))
                                            byKey.set(
                                                `${instance.__pulumiType}::${name}`,
                                                v as Record<string, PlanValue>,
                                            );
                                    },
                                    () => undefined,
                                ),
                            );
                        return instance;
                    },
                }),
            );
        return wrapped.get(cls);
    };
    const ours = (file: string) => {
        const parts = file.split(path.sep);
        const nm = parts.lastIndexOf("node_modules");
        return file !== main && (nm < 0 || parts[nm + 1] === "aws-https-domain");
    };
    const original = Module._load;
    Module._load = function (this: unknown, request: unknown, parent: unknown, ...rest: unknown[]) {
        const exports = original.call(this, request, parent, ...rest);
        if (typeof request !== "string" || !exports || typeof exports !== "object") return exports;
        let file: string;
        try {
            file = (require("node:module") as { _resolveFilename(r: string, p: unknown): string })._resolveFilename(
                request,
                parent,
            );
        } catch {
            return exports;
        }
        if (!ours(file)) return exports;
        return new Proxy(exports as object, {
            get: (target, key, receiver) => wrap(Reflect.get(target, key, receiver)),
        });
    };
    return {
        byKey,
        settled: async () => {
            await Promise.all(pending);
        },
    };
}
