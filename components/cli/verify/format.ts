/**
 * How `verify` reports: a plain-text table with the evidence under each check,
 * or one JSON document. Both are pure functions of the outcome.
 */
import { describeEndpoint, type Endpoint } from "./endpoint";
import { type VerifyOutcome } from "./runner";
import { type CheckResult, type EvidenceValue } from "./types";

/** The exit code of an outcome: 0 passed, 1 a check failed, 2 could not check. */
export function exitCode(outcome: VerifyOutcome): 0 | 1 | 2 {
    return outcome.result === "passed" ? 0 : outcome.result === "failed" ? 1 : 2;
}

function via(endpoint: Endpoint): string {
    return endpoint.via ? `${describeEndpoint(endpoint)} by --connect-to` : describeEndpoint(endpoint);
}

const STATUS_WIDTH = 8;

function evidenceText(value: EvidenceValue): string {
    if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.join(", ");
    return value === null ? "(none)" : String(value);
}

function checkLines(check: CheckResult, width: number): string[] {
    const head = `${check.status.toUpperCase().padEnd(STATUS_WIDTH)}${check.id.padEnd(width)}${check.message}`;
    const evidence = Object.entries(check.evidence).map(
        ([key, value]) => `${" ".repeat(STATUS_WIDTH + width)}${key}: ${evidenceText(value)}`,
    );
    return [head, ...evidence];
}

/** The human report: what was checked, one row per check with its evidence indented beneath, and a summary line. */
export function formatTable(url: string, outcome: VerifyOutcome): string {
    const lines: string[] = [];
    const endpoints = outcome.endpoints;
    lines.push(
        endpoints
            ? `Verifying ${url} (HTTPS at ${via(endpoints.https)}, HTTP at ${via(endpoints.http)})`
            : `Verifying ${url}`,
    );
    if (outcome.result === "error") {
        lines.push("", `ERROR ${outcome.error?.message ?? "could not check"}`);
        return lines.join("\n");
    }
    const width = Math.max(...outcome.checks.map((c) => c.id.length)) + 2;
    lines.push("", `${"STATUS".padEnd(STATUS_WIDTH)}${"CHECK".padEnd(width)}RESULT`);
    for (const check of outcome.checks) lines.push(...checkLines(check, width));
    const count = (status: string) => outcome.checks.filter((c) => c.status === status).length;
    const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : "";
    lines.push(
        "",
        `${outcome.checks.length} checks: ${count("pass")} passed, ${count("warn")} warned, ${count("fail")} failed${tries}`,
    );
    return lines.join("\n");
}

/** The `--json` document. */
export interface VerifyReport {
    url: string;
    result: VerifyOutcome["result"];
    exitCode: 0 | 1 | 2;
    attempts: number;
    elapsedMs: number;
    connectedTo: { https: string; http: string } | null;
    checks: CheckResult[];
    error: { kind: string; code: string | null; message: string } | null;
}

/** The machine-readable report (stable field names; `checks` in report order). */
export function toReport(url: string, outcome: VerifyOutcome): VerifyReport {
    const { endpoints, error } = outcome;
    return {
        url,
        result: outcome.result,
        exitCode: exitCode(outcome),
        attempts: outcome.attempts,
        elapsedMs: outcome.elapsedMs,
        connectedTo: endpoints
            ? { https: describeEndpoint(endpoints.https), http: describeEndpoint(endpoints.http) }
            : null,
        checks: outcome.checks,
        error: error ? { kind: error.kind, code: error.code ?? null, message: error.message } : null,
    };
}
