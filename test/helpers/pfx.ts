/**
 * PKCS#12 / PFX bundles made at test time with the `openssl` CLI, the way
 * users make them (`openssl pkcs12 -export`), with or without a password and
 * with OpenSSL 3's default or `-legacy` encryption.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PfxOptions {
    certificatePem: string;
    keyPem: string;
    /** Extra certificates (`-certfile`). */
    chainPem?: string;
    /** Export password; "" for none. Defaults to "". */
    password?: string;
    /** `-legacy` (RC2/3DES, what older Windows exports look like). */
    legacy?: boolean;
}

/** Returns the bundle's bytes. */
export function makePfx(options: PfxOptions): Buffer {
    const dir = mkdtempSync(join(tmpdir(), "pfx-"));
    try {
        writeFileSync(join(dir, "cert.pem"), options.certificatePem);
        writeFileSync(join(dir, "key.pem"), options.keyPem);
        const args = [
            "pkcs12",
            "-export",
            "-in",
            join(dir, "cert.pem"),
            "-inkey",
            join(dir, "key.pem"),
            "-out",
            join(dir, "b.pfx"),
            "-passout",
            "env:PFX_PASS",
        ];
        if (options.chainPem) {
            writeFileSync(join(dir, "chain.pem"), options.chainPem);
            args.push("-certfile", join(dir, "chain.pem"));
        }
        if (options.legacy) args.push("-legacy");
        execFileSync("openssl", args, {
            env: { ...process.env, PFX_PASS: options.password ?? "" },
            stdio: ["ignore", "ignore", "pipe"],
        });
        return readFileSync(join(dir, "b.pfx"));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
