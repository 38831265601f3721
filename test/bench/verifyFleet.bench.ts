/**
 * Benchmark: `verify` on 1 host vs 100 hosts in one fleet run, against real
 * servers on 127.0.0.1 (a wildcard certificate serves every name), and the
 * same 100 hosts verified one after another (what a shell loop does, minus
 * the process start-up). A script, not a test: it reports ratios and asserts
 * none.
 *
 *   node --import tsx test/bench/verifyFleet.bench.ts [--runs N] [--latency MS] [--concurrency N]
 *
 * The servers run in a child process (as a load balancer is another
 * machine), so that the figures are verify's own. `--latency MS` puts a
 * relay in front of them that delays every chunk by MS in each direction (a
 * round trip of 2×MS, as to a load balancer in another region); loopback alone
 * measures only CPU.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { run } from "../../components/cli/commands/verify";
import { memoryIo } from "../../components/cli/io";
import { makePki } from "../helpers/pki";
import { redirectHandler, ServerPool } from "../helpers/tlsServers";

const { values } = parseArgs({
    options: {
        runs: { type: "string" },
        latency: { type: "string" },
        concurrency: { type: "string" },
        serve: { type: "string" },
    },
});
const RUNS = Number(values.runs ?? 3);
const LATENCY = Number(values.latency ?? 0);
const FLEET = 100;

/** A TCP relay to `port` that delays each chunk by `ms` in both directions. */
function relay(port: number, ms: number): Promise<{ port: number; close(): void }> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
        const upstream = net.connect(port, "127.0.0.1");
        for (const s of [client, upstream]) {
            sockets.add(s);
            s.on("error", () => undefined);
            s.on("close", () => sockets.delete(s));
        }
        const pipe = (from: net.Socket, to: net.Socket) => {
            from.on("data", (chunk) => setTimeout(() => to.write(chunk), ms));
            from.on("end", () => setTimeout(() => to.end(), ms));
        };
        pipe(client, upstream);
        pipe(upstream, client);
    });
    return new Promise((resolve) =>
        server.listen(0, "127.0.0.1", () =>
            resolve({
                port: (server.address() as net.AddressInfo).port,
                close: () => {
                    for (const s of sockets) s.destroy();
                    server.close();
                },
            }),
        ),
    );
}

/** The child: starts the servers (and relays), reports their ports, and serves until told to stop. */
async function serve(dir: string): Promise<void> {
    const pool = new ServerPool();
    const pki = await makePki("Bench");
    writeFileSync(join(dir, "root.pem"), pki.root.pem);
    const leaf = await pki.leaf({ commonName: "*.bench.test", dnsNames: ["*.bench.test"] });
    let httpPort = (await pool.http(redirectHandler())).port;
    let httpsPort = await pool.https({ cert: leaf.pem + pki.intermediate.pem, key: leaf.key.pem });
    const relays: { close(): void }[] = [];
    if (LATENCY > 0) {
        const [h, s] = await Promise.all([relay(httpPort, LATENCY), relay(httpsPort, LATENCY)]);
        relays.push(h, s);
        httpPort = h.port;
        httpsPort = s.port;
    }
    process.send?.({ httpPort, httpsPort });
    process.once("message", () => {
        for (const r of relays) r.close();
        void pool.closeAll().then(() => process.exit(0));
    });
}

async function main(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), "verify-bench-"));
    const child = fork(__filename, ["--serve", dir, "--latency", String(LATENCY)], {
        execArgv: process.execArgv,
    });
    try {
        const { httpPort, httpsPort } = await new Promise<{ httpPort: number; httpsPort: number }>(
            (resolve, reject) => {
                child.once("message", (m) => resolve(m as { httpPort: number; httpsPort: number }));
                child.once("exit", (code) => reject(new Error(`server process exited ${code}`)));
            },
        );
        const common = [
            "--connect-to",
            `:80:127.0.0.1:${httpPort}`,
            "--connect-to",
            `:443:127.0.0.1:${httpsPort}`,
            "--ca",
            join(dir, "root.pem"),
            "--json",
            ...(values.concurrency ? ["--concurrency", values.concurrency] : []),
        ];
        const hosts = Array.from({ length: FLEET }, (_, i) => `h${i}.bench.test`);
        const once = async (argv: string[]): Promise<number> => {
            const io = memoryIo();
            const started = process.hrtime.bigint();
            const code = await run([...argv, ...common], io);
            if (code !== 0) throw new Error(`verify exited ${code}: ${io.stdout.slice(0, 2000)}${io.stderr}`);
            return Number(process.hrtime.bigint() - started) / 1e6;
        };
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        await once([hosts[0]]); // warm-up
        const one: number[] = [];
        const fleet: number[] = [];
        const loop: number[] = [];
        let fleetCpu = 0;
        for (let r = 0; r < RUNS; r++) {
            one.push(await once([hosts[0]]));
            const cpu = process.cpuUsage();
            fleet.push(await once(hosts));
            const used = process.cpuUsage(cpu);
            fleetCpu += used.user + used.system;
            const started = process.hrtime.bigint();
            for (const host of hosts) await once([host]);
            loop.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        const [t1, t100, tLoop] = [median(one), median(fleet), median(loop)];
        const where = LATENCY > 0 ? `loopback + ${LATENCY} ms each way` : "loopback";
        console.log(`verify fleet benchmark (${where}, median of ${RUNS} runs)`);
        console.log(`  1 host:                          ${t1.toFixed(0)} ms`);
        console.log(`  ${FLEET} hosts in one run:           ${t100.toFixed(0)} ms`);
        console.log(`  ${FLEET} hosts one after another:    ${tLoop.toFixed(0)} ms`);
        console.log(`  verify's CPU per host (fleet):   ${(fleetCpu / 1000 / (RUNS * FLEET)).toFixed(2)} ms`);
        console.log(`  ratio ${FLEET} hosts / 1 host:       ${(t100 / t1).toFixed(2)}`);
        console.log(`  ratio sequential / one run:      ${(tLoop / t100).toFixed(2)}`);
    } finally {
        child.send("stop");
        await new Promise((resolve) => child.once("exit", resolve));
        rmSync(dir, { recursive: true, force: true });
    }
}

if (values.serve) void serve(values.serve);
else void main();
