/**
 * `check-cert` on hostile and damaged inputs: non-regular files and files
 * over the size cap are refused (exit 2, with the reason) instead of filling
 * memory or blocking; PEM scanning stays linear; every damaged certificate is
 * a FAIL row (exit 1) with valid JSON; non-ASCII PFX passwords work as with
 * `openssl pkcs12`. Ends with a seeded, bounded fuzz run over mutated PEM and
 * PFX inputs: no crash, no hang, JSON always valid.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../components/cli/commands/checkCert";
import { memoryIo } from "../components/cli/io";
import { checkCertificate } from "../components/internal/certificates/checks";
import { makePfx } from "./helpers/pfx";
import { makePki, type TestCert, type TestPki } from "./helpers/pki";

let dir: string;
let pki: TestPki;
let leaf: TestCert;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "check-inputs-"));
    pki = await makePki("Inputs");
    leaf = await pki.leaf({ commonName: "app.example.test", dnsNames: ["app.example.test"] });
    writeFileSync(file("key.pem"), leaf.key.pem);
    writeFileSync(file("chain.pem"), pki.intermediate.pem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string> = {}) {
    const io = memoryIo(env);
    const code = await run(args, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
}

interface Doc {
    ok: boolean;
    exitCode: number;
    error?: string;
    results?: { id: string; status: string; message: string }[];
}

describe("files that are not certificate inputs are refused with exit 2 and the reason", () => {
    it.each([
        ["--cert", "/dev/zero", "it is a character device; give a regular file"],
        ["--pfx", "/dev/zero", "it is a character device; give a regular file"],
        ["--ca", "/dev/zero", "it is a character device; give a regular file"],
        ["--cert", "/", "it is a directory; give a regular file"],
    ])("%s %s", async (flag, path, why) => {
        const args = flag === "--pfx" ? ["--pfx", path] : ["--cert", file("key.pem"), "--key", file("key.pem")];
        if (flag === "--ca") args.push("--ca", path);
        if (flag === "--cert") args.splice(1, 1, path);
        const { code, stdout } = await cli([...args, "--json"]);
        expect(code).toBe(2);
        expect(JSON.parse(stdout)).toEqual({
            ok: false,
            exitCode: 2,
            error: `cannot read ${flag} file '${path}': ${why}.`,
        });
    });

    it("a FIFO with no writer does not block", async () => {
        const fifo = file("fifo");
        execFileSync("mkfifo", [fifo]);
        const { code, stderr } = await cli(["--cert", fifo, "--key", file("key.pem")]);
        expect(code).toBe(2);
        expect(stderr).toContain(`cannot read --cert file '${fifo}': it is a named pipe (FIFO); give a regular file.`);
    });

    it("a file over 1 MiB", async () => {
        writeFileSync(file("big.pem"), Buffer.alloc(1024 * 1024 + 1, 0x41));
        const { code, stderr } = await cli(["--cert", file("big.pem"), "--key", file("key.pem")]);
        expect(code).toBe(2);
        expect(stderr).toContain(
            `cannot read --cert file '${file("big.pem")}': it is 1048577 bytes, more than the 1048576 bytes a certificate input may hold.`,
        );
    });
});

it("560 KB of repeated BEGIN lines are read in linear time (a FAIL row, not a 10 s stall)", async () => {
    writeFileSync(file("begins.pem"), "-----BEGIN CERTIFICATE-----\n".repeat(20_000));
    const { code, stdout } = await cli(["--cert", file("begins.pem"), "--key", file("key.pem"), "--json"]);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as Doc;
    expect(doc.results?.[0]).toMatchObject({
        id: "certificate.format",
        status: "fail",
        message: "the certificate is not PEM text: it holds no `-----BEGIN …-----` block.",
    });
}, 5000);

describe("damaged certificates are FAIL rows with exit 1 and valid JSON", () => {
    function pem(der: Buffer): string {
        return `-----BEGIN CERTIFICATE-----\n${der.toString("base64")}\n-----END CERTIFICATE-----\n`;
    }

    it.each([
        [
            "an unreadable public key (decode error)",
            (der: Buffer) => {
                const at = der.indexOf(Buffer.from("06072a8648ce3d0201", "hex")); // id-ecPublicKey
                der[at + 8] = 0x09;
            },
            "the certificate has a damaged certificate (block 1 of 1): its public key cannot be read.",
        ],
        [
            "a validity date that is not a date (Invalid time value)",
            (der: Buffer) => {
                der.write("991399", der.indexOf(Buffer.from([0x17, 0x0d])) + 2, "latin1"); // UTCTime month 13
            },
            "the certificate has a damaged certificate (block 1 of 1): its validity start 'Bad time value' is not a date.",
        ],
    ])("%s", async (_name, damage, message) => {
        const der = Buffer.from(new Uint8Array(leaf.cert.rawData)); // a copy: Buffer.from(ArrayBuffer) shares memory
        damage(der);
        writeFileSync(file("damaged.pem"), pem(der));
        const { code, stdout } = await cli(["--cert", file("damaged.pem"), "--key", file("key.pem"), "--json"]);
        expect(code).toBe(1);
        const doc = JSON.parse(stdout) as Doc;
        expect(doc.results?.find((r) => r.status === "fail")).toMatchObject({ id: "certificate.format", message });
    });
});

describe("non-ASCII PFX passwords, as openssl pkcs12 accepts them", () => {
    it.each([
        ["OpenSSL 3 default (PBES2, AES-256-CBC, PBKDF2)", false],
        ["-legacy (PKCS#12 PBE, 3DES/RC2)", true],
    ])("%s", async (_name, legacy) => {
        for (const password of ["pässwörd", "密码🔑"]) {
            const bundle = makePfx({
                certificatePem: leaf.pem,
                keyPem: leaf.key.pem,
                chainPem: pki.intermediate.pem,
                password,
                legacy,
            });
            writeFileSync(file("u.pfx"), bundle);
            const ok = await cli(["--pfx", file("u.pfx"), "--password-env", "P", "--json"], { P: password });
            expect(JSON.parse(ok.stdout).results[0]).toMatchObject({ id: "pfx", status: "pass" });
            const wrong = await cli(["--pfx", file("u.pfx"), "--password-env", "P"], { P: `${password}x` });
            expect(wrong.code).toBe(1);
            expect(wrong.stdout).toContain("the PFX bundle could not be opened: the password is wrong.");
        }
    });
});

describe("fuzz: mutated PEM and PFX inputs never crash, hang or print invalid JSON", () => {
    /** A seeded generator (xorshift32): the same inputs on every run. */
    function random(seed: number): () => number {
        let x = seed;
        return () => {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            return (x >>> 0) / 0x1_0000_0000;
        };
    }

    function mutate(input: Buffer, next: () => number): Buffer {
        const out = Buffer.from(input);
        const edits = 1 + Math.floor(next() * 4);
        for (let i = 0; i < edits; i++) {
            const at = Math.floor(next() * out.length);
            const kind = next();
            if (kind < 0.6) out[at] = Math.floor(next() * 256);
            else if (kind < 0.8) out[at] ^= 1 << Math.floor(next() * 8);
            else return Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + Math.floor(next() * 16))]);
        }
        return out;
    }

    it("checkCertificate on 300 mutated DER, PEM and PFX inputs", () => {
        const next = random(0x12c0ffee);
        const der = Buffer.from(new Uint8Array(leaf.cert.rawData)); // a copy: Buffer.from(ArrayBuffer) shares memory
        const text = Buffer.from(leaf.pem + pki.intermediate.pem);
        const pfx = makePfx({ certificatePem: leaf.pem, keyPem: leaf.key.pem, password: "fuzz" });
        const kinds = { pass: 0, fail: 0 };
        for (let i = 0; i < 300; i++) {
            const which = i % 3;
            const input =
                which === 0
                    ? {
                          certificatePem: `-----BEGIN CERTIFICATE-----\n${mutate(der, next).toString("base64")}\n-----END CERTIFICATE-----\n`,
                          privateKeyPem: leaf.key.pem,
                          chainPem: pki.intermediate.pem,
                      }
                    : which === 1
                      ? { certificatePem: mutate(text, next).toString("latin1"), privateKeyPem: leaf.key.pem }
                      : { pfx: mutate(pfx, next), pfxPassword: "fuzz" };
            const report = checkCertificate({ ...input, requireKey: true });
            expect(report.results.length).toBeGreaterThan(0);
            expect(report.ok).toBe(!report.results.some((r) => r.status === "fail"));
            expect(JSON.parse(JSON.stringify(report.results))).toEqual(report.results);
            kinds[report.ok ? "pass" : "fail"]++;
        }
        // The mutations mostly damage the input; a test that only ever saw passes would prove nothing.
        expect(kinds.fail).toBeGreaterThan(200);
    });

    it("the CLI on 30 mutated files: valid JSON, exit 1 or 0, never 2 or a throw", async () => {
        const next = random(0x5eed);
        mkdirSync(file("fuzz"), { recursive: true });
        const pfx = makePfx({ certificatePem: leaf.pem, keyPem: leaf.key.pem, password: "fuzz" });
        for (let i = 0; i < 30; i++) {
            const asPfx = i % 2 === 1;
            const target = file(`fuzz/${i}`);
            writeFileSync(target, asPfx ? mutate(pfx, next) : mutate(Buffer.from(leaf.pem), next));
            const args = asPfx
                ? ["--pfx", target, "--password-env", "P"]
                : ["--cert", target, "--key", file("key.pem"), "--chain", file("chain.pem")];
            const { code, stdout } = await cli([...args, "--json"], { P: "fuzz" });
            const doc = JSON.parse(stdout) as Doc;
            expect([0, 1]).toContain(code);
            expect(doc.exitCode).toBe(code);
        }
    });
});
