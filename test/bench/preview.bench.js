#!/usr/bin/env node
/**
 * Benchmark of the offline preview: wall time of whole CLI processes, as a
 * user sees them, each run side by side with the floor (A B A B …) and
 * reported as a ratio to it. A script, not a test: it reports numbers and
 * asserts none.
 *
 *   node test/bench/preview.bench.js [--runs N]
 *
 * The floor is what no preview can beat: plain node loading @pulumi/pulumi
 * and @pulumi/aws and registering one resource under the same mocks
 * (`node test/bench/preview.bench.js --floor` is that program).
 * Cases, all on the example stack after a warm-up run (warm caches):
 *   - the published bin (the CLI as plain JavaScript), --no-type-check;
 *   - `node --require tsx/cjs components/cli/main.ts preview` (what `npm start` runs), --no-type-check;
 *   - the same with the type check (as pulumi preview does by default): its cost;
 *   - a Pulumi.yaml stack file with 40,000 config keys (linear, not quadratic).
 * Target: without the type check (the published bin and npm start's command) within 1.3× of the floor.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");

/** The floor: the SDKs loaded and one resource registered under the mocks, nothing else. */
function floorProgram() {
    const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [ROOT] }));
    pulumi.runtime.setMocks(
        { newResource: (a) => ({ id: undefined, state: a.inputs }), call: () => ({}) },
        "floor",
        "floor",
        true,
    );
    const aws = require(require.resolve("@pulumi/aws", { paths: [ROOT] }));
    pulumi.runtime.runInPulumiStack(async () => {
        new aws.ssm.Parameter("floor", { type: "String", value: "v" });
        return {};
    });
}

if (process.argv[2] === "--floor") floorProgram();
else bench();

function bench() {
    const MAIN = path.join(ROOT, "components", "cli", "main.ts");
    const runsArg = process.argv.indexOf("--runs");
    const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
    if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) {
        console.error("usage: node test/bench/preview.bench.js [--runs N]   (1 ≤ N ≤ 50)");
        process.exit(2);
    }

    /** Runs one process to completion and returns its wall time in ms; exits if it fails. */
    function timed([command, ...args]) {
        const start = process.hrtime.bigint();
        const r = spawnSync(command, args, {
            cwd: ROOT,
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
            timeout: 300_000,
        });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (r.status !== 0) {
            console.error(`${command} ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
            process.exit(1);
        }
        return ms;
    }

    const median = (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };

    /** The CLI as plain JavaScript (as `npm run build` emits it, without the type check), as the published bin runs. */
    function buildPlainCli(out) {
        const esbuild = require(
            require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json"))] }),
        );
        const files = fs
            .readdirSync(path.join(ROOT, "components"), { recursive: true })
            .map((f) => path.join("components", f))
            .filter((f) => /\.(ts|json)$/.test(f));
        for (const file of files) {
            const target = path.join(out, file.replace(/\.ts$/, ".js"));
            fs.mkdirSync(path.dirname(target), { recursive: true });
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            const code = file.endsWith(".json")
                ? text
                : esbuild.transformSync(text, {
                      loader: "ts",
                      format: "cjs",
                      target: "node20",
                      supported: { "dynamic-import": false },
                  }).code;
            fs.writeFileSync(target, code);
        }
        return path.join(out, "components", "cli", "main.js");
    }

    const out = path.join(ROOT, "node_modules", ".cache", `aws-https-domain-preview-bench-${process.pid}`);
    const big = fs.mkdtempSync(path.join(os.tmpdir(), "preview-bench-big-"));
    try {
        const bin = buildPlainCli(out);
        fs.writeFileSync(path.join(big, "Pulumi.yaml"), "name: big\nruntime: nodejs\n");
        fs.writeFileSync(path.join(big, "index.js"), "exports.n = 1;\n");
        const lines = Array.from({ length: 40_000 }, (_, i) => `  big:k${i}: v${i}`);
        fs.writeFileSync(path.join(big, "Pulumi.big.yaml"), `config:\n${lines.join("\n")}\n`);

        const floor = [process.execPath, __filename, "--floor"];
        const example = ["preview", "--stack", "example"];
        const cases = [
            ["published bin, --no-type-check", [process.execPath, bin, ...example, "--no-type-check"]],
            [
                "npm start's command, --no-type-check",
                [process.execPath, "--require", "tsx/cjs", MAIN, ...example, "--no-type-check"],
            ],
            ["npm start's command, type-checked", [process.execPath, "--require", "tsx/cjs", MAIN, ...example]],
            [
                "40,000 config keys (published bin)",
                [process.execPath, bin, "preview", "--program", big, "--no-type-check"],
            ],
        ];
        console.log(
            `Offline preview, wall time against the floor, ${RUNS} pairs each, on ${os.cpus().length} CPU(s), Node ${process.version}, load ${os
                .loadavg()
                .map((l) => l.toFixed(2))
                .join(" ")}`,
        );
        console.log(`${"case".padEnd(40)} ${"median".padStart(8)} ${"floor".padStart(8)} ${"ratio".padStart(6)}`);
        for (const [label, command] of cases) {
            timed(command); // warm-up: caches filled, not counted
            timed(floor);
            const a = [];
            const b = [];
            const ratios = [];
            for (let i = 0; i < RUNS; i++) {
                a.push(timed(command));
                b.push(timed(floor));
                ratios.push(a[i] / b[i]);
            }
            console.log(
                `${label.padEnd(40)} ${`${(median(a) / 1000).toFixed(2)} s`.padStart(8)} ${`${(median(b) / 1000).toFixed(2)} s`.padStart(8)} ${`${median(ratios).toFixed(2)}×`.padStart(6)}`,
            );
        }
        console.log(
            "ratio: median of the per-pair ratios (target without the type check, published bin and npm start: 1.3×)",
        );
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
        fs.rmSync(big, { recursive: true, force: true });
    }
}
