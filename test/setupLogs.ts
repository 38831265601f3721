// Keeps pulumi.log's info and warning lines (written to the console when there
// is no engine) out of the test output, for tests to read through
// test/helpers/logs.ts. Other console output, and pulumi.log errors, still
// print. SHOW_PULUMI_LOGS=1 prints everything. Code that swaps console methods
// itself (the preview's captureConsole) saves and restores these wrappers.
import { clearLogs, recordRuntimeLine } from "./helpers/logs";

const show = !!process.env.SHOW_PULUMI_LOGS;
for (const method of ["log", "info", "warn", "error"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
        const line = typeof args[0] === "string" && args.length === 1 ? recordRuntimeLine(args[0]) : undefined;
        if (!line || line.level === "error" || show) original(...args);
    };
}

afterEach(clearLogs);
