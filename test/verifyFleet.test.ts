/**
 * `verify` fleet mode through `run(argv, io)`: many hostnames from the
 * arguments, a file, or `pulumi stack output --json`, checked by a bounded
 * pool, one summary table, one JSON record per host, the worst exit code.
 * Real servers on 127.0.0.1; a wildcard certificate serves every name.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../components/cli/commands/verify";
import { memoryIo } from "../components/cli/io";
import { type LookupFn } from "../components/cli/verify";
import { type FleetReport, targetsFromOutputs, targetsFromText } from "../components/cli/verify/fleet";
import { makePki, type TestPki } from "./helpers/pki";
import { plainPage, redirectHandler, ServerPool } from "./helpers/tlsServers";

const pool = new ServerPool();
const lookups: string[] = [];
const lookup: LookupFn = async (name) => {
    lookups.push(name);
    return { address: "127.0.0.1", family: 4 };
};
let pki: TestPki;
let dir: string;
let httpPort: number;
let httpsPort: number;
let plainPort: number;
/** Host headers of the HTTP requests in flight, for the concurrency bound. */
const inFlight = new Map<string, number>();
let mostHostsAtOnce = 0;

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "verify-fleet-"));
    pki = await makePki("Fleet");
    writeFileSync(join(dir, "root.pem"), pki.root.pem);
    const leaf = await pki.leaf({ commonName: "*.fleet.test", dnsNames: ["*.fleet.test"] });
    const redirect = redirectHandler();
    httpPort = (
        await pool.http((req, res) => {
            const host = req.headers.host ?? "";
            inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
            mostHostsAtOnce = Math.max(mostHostsAtOnce, inFlight.size);
            setTimeout(() => {
                const left = (inFlight.get(host) ?? 1) - 1;
                if (left === 0) inFlight.delete(host);
                else inFlight.set(host, left);
                redirect(req, res);
            }, 40);
        })
    ).port;
    plainPort = (await pool.http(plainPage)).port;
    httpsPort = await pool.https({ cert: leaf.pem + pki.intermediate.pem, key: leaf.key.pem });
});
afterAll(async () => {
    await pool.closeAll();
    rmSync(dir, { recursive: true, force: true });
});

/** Every name goes to the loopback servers (the lookup resolves the rule's target name). */
function routed(): string[] {
    return [
        "--connect-to",
        `broken.fleet.test:80:127.0.0.1:${plainPort}`,
        "--connect-to",
        `:80:lb.fleet.test:${httpPort}`,
        "--connect-to",
        `:443:lb.fleet.test:${httpsPort}`,
        "--ca",
        join(dir, "root.pem"),
    ];
}

async function verify(argv: string[]) {
    const io = memoryIo();
    const code = await run([...argv, ...routed()], io, { lookup });
    return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("fleet mode", () => {
    it("checks every host, prints one summary table and exits 1 when one fails", async () => {
        const { code, stdout } = await verify(["a.fleet.test", "b.fleet.test", "broken.fleet.test"]);
        expect(code).toBe(1);
        const lines = stdout.trimEnd().split("\n");
        expect(lines.slice(0, 4)).toEqual([
            "STATUS  HOST                        RESULT",
            "PASS    https://a.fleet.test/       7 checks passed",
            "PASS    https://b.fleet.test/       7 checks passed",
            "FAIL    https://broken.fleet.test/  redirect fail",
        ]);
        expect(lines[5]).toMatch(
            /^FAIL {4}https:\/\/broken\.fleet\.test\/ redirect: http:\/\/broken\.fleet\.test\/ answered 200 instead of redirecting to HTTPS/,
        );
        expect(lines[lines.length - 1]).toBe("3 hosts: 2 passed (0 with warnings), 1 failed, 0 could not be checked");
    });

    it("--json gives one record per host and the worst exit code", async () => {
        const { code, stdout } = await verify(["a.fleet.test", "broken.fleet.test", "--json"]);
        expect(code).toBe(1);
        const report = JSON.parse(stdout) as FleetReport;
        expect(report.result).toBe("failed");
        expect(report.exitCode).toBe(1);
        expect(report.hosts.map((h) => [h.url, h.result, h.exitCode])).toEqual([
            ["https://a.fleet.test/", "passed", 0],
            ["https://broken.fleet.test/", "failed", 1],
        ]);
    });

    it("reads hosts from --hosts-file and --from-outputs (pulumi stack output --json), skipping duplicates and wildcards", async () => {
        writeFileSync(join(dir, "hosts.txt"), "# fleet\na.fleet.test\n\nhttps://b.fleet.test/  # comment\n");
        writeFileSync(
            join(dir, "outputs.json"),
            JSON.stringify({
                url: "https://c.fleet.test",
                hostnames: ["c.fleet.test", "*.fleet.test", "a.fleet.test"],
                certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x",
                eu: { hostnames: ["d.fleet.test"] },
            }),
        );
        lookups.length = 0;
        const { code, stdout } = await verify([
            "--hosts-file",
            join(dir, "hosts.txt"),
            "--from-outputs",
            join(dir, "outputs.json"),
            "--json",
        ]);
        expect(code).toBe(0);
        const report = JSON.parse(stdout) as FleetReport;
        expect(report.hosts.map((h) => h.url)).toEqual([
            "https://a.fleet.test/",
            "https://b.fleet.test/",
            "https://c.fleet.test/",
            "https://d.fleet.test/",
        ]);
        // One lookup per host and name, shared by its HTTP and HTTPS endpoints.
        expect(lookups).toEqual(["lb.fleet.test", "lb.fleet.test", "lb.fleet.test", "lb.fleet.test"]);
    });

    it("never has more hosts in progress than --concurrency", async () => {
        mostHostsAtOnce = 0;
        const hosts = ["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => `${h}.fleet.test`);
        const { code } = await verify([...hosts, "--concurrency", "2"]);
        expect(code).toBe(0);
        expect(mostHostsAtOnce).toBe(2);
    });

    it("parses host files and stack outputs", () => {
        expect(targetsFromText("a\r\n # x\n b # y\n\n")).toEqual(["a", "b"]);
        expect(targetsFromOutputs('{"url":"https://x.test/app","other":{"url":"http://y.test"}}', "o.json")).toEqual([
            "https://x.test/app",
        ]);
        expect(() => targetsFromOutputs("nope", "o.json")).toThrow(
            "--from-outputs 'o.json' is not JSON: pass the output of `pulumi stack output --json`",
        );
    });
});
