/** Outputs that fail on purpose: their error, without jest counting Pulumi's re-raised rejections as failures. */
import type * as pulumi from "@pulumi/pulumi";

/** Resolves when an Output fails, with its error; fails the test if it resolves. */
export async function rejectionOf(output: pulumi.Output<unknown>): Promise<Error> {
    try {
        await (output as any).promise();
    } catch (err) {
        return err as Error;
    }
    throw new Error("expected the output to fail");
}

/**
 * Collects unhandled rejections while `fn` runs. Pulumi fails a program whose resource input
 * rejects by re-raising the error as an unhandled rejection; jest would count those as test
 * failures, so jest's own listeners on the real process (jest's sandbox hands tests a copy of
 * `process`) step aside meanwhile.
 */
export async function withUnhandled<T>(fn: (seen: unknown[]) => Promise<T>): Promise<T> {
    const realProcess: NodeJS.Process = require("node:vm").runInThisContext("process");
    const saved = realProcess.listeners("unhandledRejection");
    const seen: unknown[] = [];
    realProcess.removeAllListeners("unhandledRejection");
    realProcess.on("unhandledRejection", (reason) => seen.push(reason));
    try {
        return await fn(seen);
    } finally {
        await new Promise((r) => setTimeout(r, 50));
        realProcess.removeAllListeners("unhandledRejection");
        for (const listener of saved) realProcess.on("unhandledRejection", listener as (...a: unknown[]) => void);
    }
}
