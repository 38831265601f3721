/**
 * Keeps a list of the timers the program itself starts (`setTimeout`,
 * `setInterval`, from a file of the project outside node_modules), with where
 * each was started, so that a preview that runs out of time can say what it
 * is still waiting for ("setInterval every 1000 ms at index.ts:4:1").
 * Handles that are not timers (sockets, servers, child processes) are
 * counted by kind from `process.getActiveResourcesInfo()`.
 */
import * as path from "node:path";
import { sourcePosition } from "./bootstrap";

interface TimerInfo {
    kind: "setTimeout" | "setInterval";
    ms: number;
    where: string;
    started: number;
}

type TimerFn = (cb: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => NodeJS.Timeout;
type ClearFn = (t: NodeJS.Timeout | string | number | undefined) => void;

/** The first stack frame inside `dir` (not in node_modules), as `file:line:column` relative to `dir`. */
function callSite(dir: string): string | undefined {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 12;
    const stack = new Error().stack ?? "";
    Error.stackTraceLimit = limit;
    for (const line of stack.split("\n").slice(2)) {
        const m = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/.exec(line.trim());
        if (!m) continue;
        const file = m[1].startsWith("file://") ? new URL(m[1]).pathname : m[1];
        const rel = path.relative(dir, file);
        if (rel.startsWith("..") || path.isAbsolute(rel) || rel.split(path.sep).includes("node_modules")) continue;
        const at = sourcePosition(file, Number(m[2]), Number(m[3]));
        return `${rel}:${at.line}:${at.column}`;
    }
    return undefined;
}

/** Starts tracking the program's timers; `pending()` describes those still holding the event loop. */
export function trackTimers(dir: string): { pending(): string[] } {
    const live = new Map<NodeJS.Timeout, TimerInfo>();
    const g = globalThis as unknown as Record<string, unknown>;
    // The module object itself (an `import *` namespace would be read-only).
    const t = require("node:timers") as Record<string, unknown>;
    const wrap = (kind: TimerInfo["kind"]) => {
        const original = g[kind] as TimerFn;
        const wrapped: TimerFn = (cb, ms, ...args) => {
            const where = callSite(dir);
            if (where === undefined || typeof cb !== "function") return original(cb, ms, ...args);
            const handle: NodeJS.Timeout = original(
                (...a: unknown[]) => {
                    if (kind === "setTimeout") live.delete(handle);
                    cb(...a);
                },
                ms,
                ...args,
            );
            live.set(handle, { kind, ms: Number(ms ?? 0), where, started: Date.now() });
            return handle;
        };
        g[kind] = wrapped;
        t[kind] = wrapped;
    };
    const unwrapClear = (name: string) => {
        const original = g[name] as ClearFn;
        const wrapped: ClearFn = (handle) => {
            if (handle && typeof handle === "object") live.delete(handle);
            original(handle);
        };
        g[name] = wrapped;
        t[name] = wrapped;
    };
    wrap("setTimeout");
    wrap("setInterval");
    unwrapClear("clearTimeout");
    unwrapClear("clearInterval");
    return {
        pending() {
            const now = Date.now();
            const lines: string[] = [];
            let timers = 0;
            for (const [handle, info] of live) {
                if (!handle.hasRef()) continue;
                timers++;
                lines.push(
                    info.kind === "setInterval"
                        ? `setInterval every ${info.ms} ms at ${info.where}`
                        : `setTimeout of ${info.ms} ms at ${info.where} (due in ${Math.max(0, Math.round((info.started + info.ms - now) / 1000))} s)`,
                );
            }
            const others = new Map<string, number>();
            let allTimers = 0;
            for (const kind of process.getActiveResourcesInfo?.() ?? []) {
                if (kind === "Timeout") allTimers++;
                // The process's own stdio pipes and the supervisor's channel.
                else if (!/^(PipeWrap|TTYWrap|FSReqCallback)$/.test(kind))
                    others.set(kind, (others.get(kind) ?? 0) + 1);
            }
            if (allTimers > timers) lines.push(`${allTimers - timers} other timer(s) started by a package`);
            for (const [kind, n] of others)
                lines.push(`${n} × ${kind} (a socket, server or child process the program opened)`);
            return lines;
        },
    };
}
