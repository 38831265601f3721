import * as pulumi from "@pulumi/pulumi";

/**
 * Collects every bad input of a component before anything is created, then
 * throws them together as one `pulumi.InputPropertiesError` so that a user
 * fixes all of them in one round.
 */
export class Problems {
    private readonly errors: pulumi.InputPropertyErrorDetails[] = [];

    /** Records that `propertyPath` is wrong; `reason` says what is wrong and how to fix it. */
    add(propertyPath: string, reason: string): void {
        this.errors.push({ propertyPath, reason });
    }

    /** Records every reason for one property. */
    addAll(propertyPath: string, reasons: readonly string[]): void {
        for (const reason of reasons) this.add(propertyPath, reason);
    }

    get count(): number {
        return this.errors.length;
    }

    /** The reasons recorded so far, each as "`property` reason". */
    messages(): string[] {
        return this.errors.map((e) => e.reason);
    }

    /** Throws one error naming every problem, if there are any. */
    throwIfAny(component: string, name: string): void {
        if (this.errors.length === 0) return;
        const lines = this.errors.map((e) => `  - ${e.reason}`).join("\n");
        const noun = this.errors.length === 1 ? "problem" : "problems";
        throw new pulumi.InputPropertiesError({
            message: `${component} '${name}' has ${this.errors.length} input ${noun}:\n${lines}`,
            errors: [...this.errors],
        });
    }
}

/** Formats a property and value the same way in every message: "`hostname` 'a..b'". */
export function quote(property: string, value: unknown): string {
    return `\`${property}\` '${String(value)}'`;
}

/**
 * Returns `value` when it is a plain (not `Output`/`Promise`) value, so that it
 * can be checked before any resource exists; `undefined` when it is only known later.
 */
export function knownNow<T>(value: pulumi.Input<T> | undefined): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (pulumi.Output.isInstance(value)) return undefined;
    if (typeof (value as { then?: unknown }).then === "function") return undefined;
    return value as T;
}
