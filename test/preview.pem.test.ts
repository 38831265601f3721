/**
 * Offline preview of a program importing a PEM certificate: the library's
 * certificate checks run offline on real certificates made at test time, a
 * key that does not match fails the preview with the library's exact message
 * (whether checked at construction or inside an `apply`), and neither PEM
 * text nor key material is ever printed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type CliRun, preview, runLimited } from "./fixtures/preview/cli";
import { makeCert, makeKey, P256 } from "./helpers/pki";

const PEM = path.join("test", "fixtures", "preview", "pem");
let dir: string;
let runs: Record<string, CliRun>;
let certPem: string;
let keyPem: string;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-pem-"));
    const key = await makeKey(P256);
    const other = await makeKey(P256);
    const cert = await makeCert({
        commonName: "app.example.com",
        dnsNames: ["app.example.com", "www.example.com"],
        key,
    });
    certPem = cert.pem;
    keyPem = key.pem;
    fs.writeFileSync(path.join(dir, "cert.pem"), cert.pem);
    fs.writeFileSync(path.join(dir, "key.pem"), key.pem);
    fs.writeFileSync(path.join(dir, "other-key.pem"), other.pem);
    const args = (keyFile: string, ...more: string[]) => [
        "--program",
        PEM,
        "-c",
        "hostname=app.example.com",
        "-c",
        `certificateFile=${path.join(dir, "cert.pem")}`,
        "-c",
        `keyFile=${path.join(dir, keyFile)}`,
        ...more,
    ];
    // The repository's root program with the example stack, switched to a PEM source whose key is `keyPem`.
    const rootPreview = (keyPem: string) =>
        preview(
            "--stack",
            "example",
            "-c",
            "certificateSource=pem",
            "-c",
            `pemCertificate=${cert.pem}`,
            "-c",
            `pemPrivateKey=${keyPem}`,
            "-c",
            "allowSelfSigned=true",
        );
    runs = await runLimited({
        good: () => preview(...args("key.pem")),
        mismatchSecret: () => preview(...args("other-key.pem")),
        mismatchPlain: () => preview(...args("other-key.pem", "-c", "plainKey=true")),
        // The repository's own program and example stack (`npm start`), switched to a PEM source by config.
        rootMismatch: () => rootPreview(other.pem),
        rootGood: () => rootPreview(key.pem),
    });
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MISMATCH =
    /the private key does not match the certificate: its public key \(.+\) is not the certificate's \(.+\)\. Pass the key the certificate's CSR was made with\./;

describe("preview of a PEM import", () => {
    it("shows the import with the certificate summarised and the key hidden", () => {
        const { code, stdout, stderr } = runs.good;
        expect(stderr).toBe("");
        expect(code).toBe(0);
        expect(stdout).toContain("+ aws-https-domain:index:ImportedCertificate  site");
        expect(stdout).toMatch(/source: imported into ACM from PEM/);
        expect(stdout).toContain("private key: [secret]");
        expect(stdout).not.toContain("BEGIN");
        expect(stdout).not.toContain(certPem.split("\n")[1]);
        expect(stdout).not.toContain(keyPem.split("\n")[1]);
    });

    it("runs the root program's PEM source offline, the key hidden", () => {
        const { code, stdout, stderr } = runs.rootGood;
        expect(stderr).toBe("");
        expect(code).toBe(0);
        expect(stdout).toContain("+ aws-https-domain:index:ImportedCertificate  example-certificate");
        expect(stdout).not.toContain(keyPem.split("\n")[1]);
    });

    it.each(["mismatchSecret", "mismatchPlain", "rootMismatch"])(
        "%s: a key that does not match exits 1 with the library's message",
        (key) => {
            const { code, stdout, stderr } = runs[key];
            expect(code).toBe(1);
            expect(stdout).toBe("");
            expect(stderr).toContain("Preview failed: the program reported 1 error.");
            expect(stderr).toMatch(MISMATCH);
            expect(stderr).not.toContain("error serializing property");
            expect(stderr).not.toContain(keyPem.split("\n")[1]);
        },
    );
});
