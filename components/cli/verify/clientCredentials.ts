/**
 * The client certificate of `verify --client-cert FILE --client-key FILE` (mutual TLS): read, checked to be a
 * certificate and its matching key, the key decrypted in memory when `--client-key-passphrase-env` names the
 * variable holding its passphrase.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { type ClientCertificate, VerifyUsageError } from "./types";

/** The options as given. */
export interface ClientCertificateFiles {
    certFile?: string;
    keyFile?: string;
    passphraseEnv?: string;
    passthrough: boolean;
}

/**
 * `--client-cert` and `--client-key`, read through `readFile` (the CLI's refusing reader, `files.ts`): both or neither, the certificate a PEM
 * certificate (intermediates may follow), the key unencrypted or decrypted with `--client-key-passphrase-env`, and
 * the key the certificate's. Every failure is a usage error (exit 2) with the reason; the key never appears in one.
 */
export function readClientCertificate(
    { certFile, keyFile, passphraseEnv, passthrough }: ClientCertificateFiles,
    readFile: (flag: string, file: string) => string,
): ClientCertificate | undefined {
    if (certFile === undefined && keyFile === undefined) {
        if (passphraseEnv !== undefined)
            throw new VerifyUsageError("--client-key-passphrase-env needs --client-cert and --client-key");
        if (passthrough) throw new VerifyUsageError("--mtls-passthrough needs --client-cert and --client-key");
        return undefined;
    }
    if (certFile === undefined || keyFile === undefined)
        throw new VerifyUsageError(
            certFile === undefined
                ? "--client-key needs --client-cert (the certificate the key belongs to)"
                : "--client-cert needs --client-key (the certificate's private key)",
        );
    const certText = readFile("--client-cert", certFile);
    const pems = certText.match(/-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g) ?? [];
    if (pems.length === 0)
        throw new VerifyUsageError(
            `--client-cert '${certFile}' contains no PEM certificate (-----BEGIN CERTIFICATE-----)`,
        );
    let leaf: X509Certificate;
    try {
        leaf = new X509Certificate(pems[0] ?? "");
        for (const pem of pems.slice(1)) new X509Certificate(pem);
    } catch {
        throw new VerifyUsageError(`--client-cert '${certFile}' contains a certificate that cannot be parsed`);
    }
    const keyText = readFile("--client-key", keyFile);
    let passphrase: string | undefined;
    if (passphraseEnv !== undefined) {
        passphrase = process.env[passphraseEnv];
        if (passphrase === undefined)
            throw new VerifyUsageError(`--client-key-passphrase-env: environment variable ${passphraseEnv} is not set`);
    }
    const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(keyText);
    if (encrypted && passphrase === undefined)
        throw new VerifyUsageError(
            `--client-key '${keyFile}' is encrypted: give its passphrase in an environment variable named by --client-key-passphrase-env`,
        );
    let key: KeyObject;
    try {
        key = createPrivateKey(encrypted ? { key: keyText, format: "pem", passphrase } : keyText);
    } catch {
        throw new VerifyUsageError(
            encrypted
                ? `--client-key '${keyFile}' cannot be decrypted with the passphrase in ${passphraseEnv}`
                : `--client-key '${keyFile}' contains no PEM private key that can be read`,
        );
    }
    const subject = leaf.subject.split("\n").filter(Boolean).join(", ");
    if (!leaf.checkPrivateKey(key))
        throw new VerifyUsageError(
            `--client-key '${keyFile}' is not the private key of --client-cert '${certFile}' ('${subject}'): give the key the certificate was issued for`,
        );
    return {
        cert: pems.map((pem) => `${pem}\n`).join(""),
        key: key.export({ type: "pkcs8", format: "pem" }) as string,
        subject,
        label: `--client-cert ${certFile}`,
    };
}
