/**
 * Process-level hooks an offline run needs around a program: secret config
 * that cannot be decrypted, console output kept out of the plan's stdout, and
 * error messages rendered the way a person needs to read them.
 */
import { type LogLine } from "./plan";

type Method = (this: { fullKey(key: string): string }, key: string, ...rest: unknown[]) => unknown;

const SECRET_GETTERS = [
    "getSecret",
    "getSecretBoolean",
    "getSecretNumber",
    "getSecretObject",
    "requireSecret",
    "requireSecretBoolean",
    "requireSecretNumber",
    "requireSecretObject",
];
const PLAIN_GETTERS = [
    "get",
    "getBoolean",
    "getNumber",
    "getObject",
    "require",
    "requireBoolean",
    "requireNumber",
    "requireObject",
];

/** The parts of `@pulumi/pulumi` used to stand in for undecryptable secrets. */
export interface SecretHost {
    Config: { prototype: Record<string, unknown> };
    /** The `Output` class, to build an Output that is secret and unknown. */
    Output: unknown;
}

/**
 * Makes `secure:` config keys that cannot be decrypted read as unknown secrets
 * (`requireSecret` and friends return an Output that is secret and not known
 * until deploy), and makes the plain getters fail with a message saying how to
 * supply the value. Call {@link SecretConfig.restore} to undo.
 */
export class SecretConfig {
    private readonly saved = new Map<string, unknown>();

    constructor(host: SecretHost, unavailable: string[]) {
        if (unavailable.length === 0) return;
        const proto = host.Config.prototype;
        const OutputCtor = host.Output as new (...args: unknown[]) => unknown;
        const keys = new Set(unavailable);
        const patch = (name: string, replacement: (fullKey: string, key: string) => unknown) => {
            const original = proto[name] as Method | undefined;
            if (typeof original !== "function") return;
            this.saved.set(name, original);
            proto[name] = function (this: { fullKey(key: string): string }, key: string, ...rest: unknown[]) {
                const fullKey = this.fullKey(key);
                return keys.has(fullKey) ? replacement(fullKey, key) : original.call(this, key, ...rest);
            };
        };
        for (const name of SECRET_GETTERS) {
            patch(
                name,
                () =>
                    new OutputCtor(
                        [],
                        Promise.resolve(undefined),
                        Promise.resolve(false),
                        Promise.resolve(true),
                        Promise.resolve([]),
                    ),
            );
        }
        for (const name of PLAIN_GETTERS) {
            patch(name, (fullKey, key) => {
                throw new Error(
                    `Configuration '${fullKey}' is a secret (secure:) that cannot be decrypted offline, and the program reads it with ${name}(); ` +
                        `read it with a secret getter (e.g. requireSecret) or give a value with --config ${key}=VALUE.`,
                );
            });
        }
        this.restore = () => {
            for (const [name, original] of this.saved) proto[name] = original;
        };
    }

    /** Puts the original `Config` methods back. */
    restore: () => void = () => undefined;
}

const LEVELS: Record<string, LogLine["level"]> = {
    log: "info",
    info: "info",
    debug: "info",
    warn: "warning",
    error: "error",
};

/**
 * Routes `console.*` (which is where `pulumi.log` writes when there is no
 * engine) into `logs` until the returned function is called. Runtime prefixes
 * (`warning: [runtime] `) are stripped; the program's own `console.error`
 * lines count as warnings, only `pulumi.log.error` lines as errors.
 */
export function captureConsole(logs: LogLine[]): () => void {
    const saved = new Map<string, unknown>();
    const target = console as unknown as Record<string, unknown>;
    for (const [method, level] of Object.entries(LEVELS)) {
        saved.set(method, target[method]);
        target[method] = (...args: unknown[]) => {
            const text = args
                .map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : safeJson(a)))
                .join(" ");
            const runtime = /^(info|warning|error): \[runtime\] ([\s\S]*)$/.exec(text);
            if (runtime) logs.push({ level: runtime[1] as LogLine["level"], message: runtime[2] });
            else logs.push({ level: level === "error" ? "warning" : level, message: text });
        };
    }
    return () => {
        for (const [method, original] of saved) target[method] = original;
    };
}

function safeJson(value: unknown): string {
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

/**
 * `message` without the `error serializing property "NAME": ` prefixes Pulumi
 * adds once per level of nesting as a failure inside an input's Output travels
 * up (`"outputs"`, then each key): the cause is what is left. The SDK adds
 * them to the *same* error object as it is rethrown, so they are removed
 * wherever they stand, not only at the start.
 */
export function withoutSerializingPrefixes(message: string): string {
    return message.replace(/error serializing property "[^"]*": /g, "");
}

/**
 * The text to show for a program error: the message itself (Pulumi's
 * `InputPropertiesError` with one `- property: reason` line per problem), and
 * the stack only when one was kept.
 */
export function errorText(err: unknown): string {
    if (!(err instanceof Error) && !(typeof err === "object" && err !== null && "message" in err)) return String(err);
    const e = err as Error & {
        errors?: { propertyPath?: string; reason?: string }[];
        __pulumiInputPropertiesError?: boolean;
    };
    const lines = [withoutSerializingPrefixes(String(e.message))];
    if (e.__pulumiInputPropertiesError && Array.isArray(e.errors)) {
        for (const p of e.errors) {
            const line = `  - ${p.propertyPath ?? "?"}: ${p.reason ?? ""}`;
            if (!lines[0].includes(`${p.reason}`)) lines.push(line);
        }
    }
    const frames = typeof e.stack === "string" ? e.stack.split("\n").filter((l) => /^\s+at /.test(l)) : [];
    if (frames.length) lines.push(...frames);
    return lines.join("\n");
}
