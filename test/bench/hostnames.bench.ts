/**
 * Benchmark: how long `CustomDomain` takes to evaluate under Pulumi mocks for
 * 1, 10, 100 and 1000 hostnames on one environment (one zone, certificates
 * packed 10 names each, served by SNI). A script, not a test: it reports
 * numbers and asserts none. Each size runs in its own process (the Pulumi
 * runtime is process-global).
 *
 *   node --import tsx test/bench/hostnames.bench.ts [--runs N]
 *
 * Time per hostname should stay flat as the count grows.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const SIZES = [1, 10, 100, 1000];

async function measure(count: number): Promise<void> {
    Error.stackTraceLimit = 0; // as in the test suite: Pulumi captures a stack per resource otherwise
    const { resources, settle, valueOf } = await import("../helpers/mocks");
    const { CustomDomain } = await import("../../components/customDomain");
    const names = Array.from({ length: count - 1 }, (_, i) => `h${i}.example.com`);
    const start = process.hrtime.bigint();
    const site = new CustomDomain("bench", {
        hostname: "app.example.com",
        alternativeNames: names,
        zoneId: "ZBENCH",
        zoneName: "example.com",
        certificate: { acm: {} },
        maxCertificatesPerLoadBalancer: 1000,
        vpcId: "vpc-1",
        subnetIds: ["subnet-a", "subnet-b"],
        target: { port: 8080 },
    });
    const constructed = process.hrtime.bigint();
    await Promise.all([
        valueOf(site.certificateArns),
        valueOf(site.httpsListener.arn),
        ...site.records.map((r) => valueOf(r.fqdn)),
    ]);
    await settle();
    const done = process.hrtime.bigint();
    const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
    process.stdout.write(
        JSON.stringify({
            count,
            resources: resources().length,
            constructMs: ms(start, constructed),
            totalMs: ms(start, done),
        }) + "\n",
    );
}

function main(): void {
    const runsAt = process.argv.indexOf("--runs");
    const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
    console.log("hostnames  resources  construct ms  total ms (median of %d)  ms per hostname", runs);
    for (const count of SIZES) {
        const results = Array.from({ length: runs }, () => {
            const r = spawnSync(process.execPath, ["--import", "tsx", __filename, "--measure", String(count)], {
                cwd: path.join(__dirname, "..", ".."),
                encoding: "utf8",
            });
            if (r.status !== 0) throw new Error(`size ${count} failed:\n${r.stderr}`);
            return JSON.parse(r.stdout.trim().split("\n").pop()!) as {
                resources: number;
                constructMs: number;
                totalMs: number;
            };
        });
        const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const total = median(results.map((r) => r.totalMs));
        const construct = median(results.map((r) => r.constructMs));
        console.log(
            `${String(count).padStart(9)}  ${String(results[0].resources).padStart(9)}  ${construct.toFixed(0).padStart(12)}  ${total.toFixed(0).padStart(23)}  ${(total / count).toFixed(2).padStart(15)}`,
        );
    }
}

const at = process.argv.indexOf("--measure");
if (at > 0) {
    measure(Number(process.argv[at + 1])).catch((e) => {
        console.error(e);
        process.exit(1);
    });
} else {
    main();
}
