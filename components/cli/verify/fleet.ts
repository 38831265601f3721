/**
 * Fleet mode: many hostnames in one run, checked concurrently by a bounded
 * pool (each host's checks are themselves concurrent), one summary table and
 * one JSON record per host. Hostnames come from the arguments, a file, or the
 * JSON of `pulumi stack output --json`.
 */
import { type VerifyReport, toReport } from "./format";
import { verify, type VerifyOutcome, type WaitOptions } from "./runner";
import { type VerifyOptions, VerifyUsageError } from "./types";

/** One host of the fleet and how it came out. */
export interface FleetResult {
    url: string;
    outcome: VerifyOutcome;
}

/**
 * Verifies every target, at most `concurrency` at once, in the order given
 * (results keep that order whatever finishes first).
 */
export async function runFleet(
    targets: readonly { url: string; options: VerifyOptions }[],
    wait: WaitOptions,
    concurrency: number,
): Promise<FleetResult[]> {
    const results: FleetResult[] = new Array(targets.length);
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < targets.length; i = next++) {
            const { url, options } = targets[i];
            const onProgress = wait.onProgress && ((line: string) => wait.onProgress?.(`${url}: ${line}`));
            results[i] = { url, outcome: await verify(options, { ...wait, onProgress }) };
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, targets.length)) }, worker));
    return results;
}

/** The fleet's `--json` document: the worst exit code and one record per host. */
export interface FleetReport {
    result: "passed" | "failed" | "error";
    exitCode: 0 | 1 | 2;
    hosts: VerifyReport[];
}

export function fleetReport(results: readonly FleetResult[]): FleetReport {
    const hosts = results.map((r) => toReport(r.url, r.outcome));
    const code = Math.max(0, ...hosts.map((h) => h.exitCode)) as 0 | 1 | 2;
    return { result: code === 0 ? "passed" : code === 1 ? "failed" : "error", exitCode: code, hosts };
}

/** The summary: one row per host (result and the checks that did not pass), then each problem in full. */
export function formatFleet(results: readonly FleetResult[]): string {
    const rows = results.map((r) => {
        const notPassed = r.outcome.checks.filter((c) => c.status !== "pass");
        const status =
            r.outcome.result === "passed"
                ? notPassed.length > 0
                    ? "WARN"
                    : "PASS"
                : r.outcome.result === "failed"
                  ? "FAIL"
                  : "ERROR";
        const what =
            r.outcome.result === "error"
                ? (r.outcome.error?.message ?? "could not check")
                : notPassed.length === 0
                  ? `${r.outcome.checks.length} checks passed`
                  : notPassed.map((c) => `${c.id} ${c.status}`).join(", ");
        return { status, url: r.url, what, notPassed };
    });
    const width = Math.max(4, ...rows.map((r) => r.url.length)) + 2;
    const lines = [`${"STATUS".padEnd(8)}${"HOST".padEnd(width)}RESULT`];
    for (const row of rows) lines.push(`${row.status.padEnd(8)}${row.url.padEnd(width)}${row.what}`);
    const details = rows.filter((r) => r.notPassed.length > 0);
    if (details.length > 0) lines.push("");
    for (const row of details)
        for (const c of row.notPassed)
            lines.push(`${c.status.toUpperCase().padEnd(8)}${row.url} ${c.id}: ${c.message}`);
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    lines.push(
        "",
        `${rows.length} hosts: ${count("PASS") + count("WARN")} passed (${count("WARN")} with warnings), ${count("FAIL")} failed, ${count("ERROR")} could not be checked`,
    );
    return lines.join("\n");
}

/** Hostnames or URLs from a text file: one per line, blank lines and `#` comments ignored. */
export function targetsFromText(text: string): string[] {
    return text
        .split(/\r?\n/)
        .map((line) => line.replace(/#.*$/, "").trim())
        .filter((line) => line !== "");
}

/**
 * Hostnames from the JSON of `pulumi stack output --json`: every string in a
 * `hostnames` list and every `url` string, at any depth (a stack may export
 * several domains). Wildcards cannot be visited and are left out.
 */
export function targetsFromOutputs(text: string, file: string): string[] {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch {
        throw new VerifyUsageError(
            `--from-outputs '${file}' is not JSON: pass the output of \`pulumi stack output --json\``,
        );
    }
    const hostnames: string[] = [];
    const urls: string[] = [];
    const visit = (value: unknown, depth: number) => {
        if (depth > 32 || value === null || typeof value !== "object") return;
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
            if (key === "hostnames" && Array.isArray(v))
                hostnames.push(...v.filter((h): h is string => typeof h === "string"));
            else if (key === "url" && typeof v === "string" && /^https:\/\//i.test(v)) urls.push(v);
            else visit(v, depth + 1);
        }
    };
    visit(doc, 0);
    const known = new Set(hostnames.map((h) => h.toLowerCase()));
    // A url whose host is also in a hostnames list adds nothing.
    const extra = urls.filter((u) => !known.has(new URL(u).hostname.toLowerCase()));
    return [...hostnames, ...extra].filter((h) => !h.includes("*"));
}
