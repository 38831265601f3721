/**
 * What `pulumi.log` wrote during the current test. Without an engine (as under
 * mocks) `pulumi.log.info/warn/error` write `info: [runtime] …`, `warning:
 * [runtime] …` and `error: [runtime] …` lines to the console; test/setupLogs.ts
 * keeps the info and warning lines here instead of printing them, and clears
 * them after each test. Error lines are still printed (and kept here too), so
 * an unexpected failure stays visible. `SHOW_PULUMI_LOGS=1 npx jest` prints
 * everything as before.
 */

export type LogLevel = "info" | "warning" | "error";
export interface LoggedLine {
    level: LogLevel;
    message: string;
}

const lines: LoggedLine[] = [];
const RUNTIME = /^(info|warning|error): \[runtime\] ([\s\S]*)$/;

/** Records a console line if it is a `pulumi.log` line; returns whether it was. */
export function recordRuntimeLine(text: string): LoggedLine | undefined {
    const m = RUNTIME.exec(text);
    if (!m) return undefined;
    const line = { level: m[1] as LogLevel, message: m[2] };
    lines.push(line);
    return line;
}

/** Forgets what was logged so far (done after each test). */
export function clearLogs(): void {
    lines.length = 0;
}

/** Every `pulumi.log` line since the last clear, in order. */
export function loggedLines(): LoggedLine[] {
    return [...lines];
}

/** The messages of `pulumi.log.warn` since the last clear, without the `warning: [runtime] ` prefix. */
export function loggedWarnings(): string[] {
    return lines.filter((l) => l.level === "warning").map((l) => l.message);
}

/** The messages of `pulumi.log.info` since the last clear. */
export function loggedInfos(): string[] {
    return lines.filter((l) => l.level === "info").map((l) => l.message);
}

/** The messages of `pulumi.log.error` since the last clear. */
export function loggedErrors(): string[] {
    return lines.filter((l) => l.level === "error").map((l) => l.message);
}
