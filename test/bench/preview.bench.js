#!/usr/bin/env node
/**
 * Benchmark of the offline preview: wall time of whole CLI processes, as a
 * user sees them. A script, not a test: it reports numbers and asserts none.
 *
 *   node test/bench/preview.bench.js [--runs N]
 *
 * Cases:
 *   - cold: `npm start` with an empty TypeScript transform cache (a fresh
 *     TMPDIR, so tsx recompiles index.ts and the components, as on a fresh clone);
 *   - warm `npm start` (npm's own start-up included), the CLI directly
 *     (`node --import tsx components/cli/main.ts preview --stack example`),
 *     `--json`, and `--program` on the test fixture program.
 * Target: under 3 s for the example stack on the 2-core machine.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const MAIN = path.join(ROOT, "components", "cli", "main.ts");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!Number.isInteger(RUNS) || RUNS < 1) {
    console.error("usage: node test/bench/preview.bench.js [--runs N]");
    process.exit(2);
}

/** Runs one process to completion and returns its wall time in ms; exits if it fails. */
function timed(command, args, env = process.env) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) {
        console.error(`${command} ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
        process.exit(1);
    }
    return ms;
}

function stats(samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    const median =
        sorted.length % 2
            ? sorted[(sorted.length - 1) / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [];

// Cold: a fresh TMPDIR holds tsx's transform cache, so nothing is cached.
const cold = [];
for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "preview-bench-"));
    try {
        cold.push(timed("npm", ["start", "--silent"], { ...process.env, TMPDIR: tmp }));
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
rows.push(["npm start, cold transform cache", stats(cold), cold.length]);

const cases = [
    ["npm start, warm", "npm", ["start", "--silent"]],
    ["CLI, example stack (text)", process.execPath, ["--import", "tsx", MAIN, "preview", "--stack", "example"]],
    [
        "CLI, example stack --json",
        process.execPath,
        ["--import", "tsx", MAIN, "preview", "--stack", "example", "--json"],
    ],
    [
        "CLI, --program test fixture",
        process.execPath,
        ["--import", "tsx", MAIN, "preview", "--program", "test/fixtures/preview/site", "--stack", "dev"],
    ],
];
for (const [label, command, args] of cases) {
    timed(command, args); // warm-up run, not counted
    const samples = Array.from({ length: RUNS }, () => timed(command, args));
    rows.push([label, stats(samples), RUNS]);
}

console.log(
    `Offline preview wall time on ${os.cpus().length} CPU(s), Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
);
console.log(
    `${"case".padEnd(34)} ${"runs".padStart(4)} ${"min".padStart(8)} ${"median".padStart(8)} ${"max".padStart(8)}`,
);
for (const [label, st, n] of rows) {
    console.log(
        `${label.padEnd(34)} ${String(n).padStart(4)} ${s(st.min).padStart(8)} ${s(st.median).padStart(8)} ${s(st.max).padStart(8)}`,
    );
}
const worst = Math.max(...rows.map(([, st]) => st.median));
console.log(`slowest median ${s(worst)} (target: under 3.00 s)`);
