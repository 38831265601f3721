/**
 * The environment the previewed program runs with: the caller's, less
 * anything that grants access to a cloud or a service (AWS keys and
 * profiles, Pulumi access tokens and passphrases, any *TOKEN / *SECRET /
 * *PASSWORD variable), and with the AWS SDK's other credential sources (shared
 * files, instance metadata) turned off, so that a program cannot print a key
 * or reach AWS with it. `--keep-env` passes the environment on unchanged.
 */
import * as os from "node:os";
import * as path from "node:path";

/** Variables kept although they start with AWS_: they name a region, not an identity. */
const KEPT = new Set(["AWS_REGION", "AWS_DEFAULT_REGION"]);

/** Names that carry credentials (matched case-insensitively against the whole name). */
const CREDENTIAL_NAME =
    /^AWS_|^PULUMI_(ACCESS_TOKEN|CONFIG_PASSPHRASE|CONFIG_PASSPHRASE_FILE|BACKEND_URL)$|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE_KEY|API_KEY|APIKEY|ACCESS_KEY|AUTH/i;

/** True when an environment variable of this name is removed for the program. */
export function isCredentialName(name: string): boolean {
    return !KEPT.has(name.toUpperCase()) && CREDENTIAL_NAME.test(name);
}

/** The program's environment and the names removed from it (sorted; values are never reported). */
export interface ProgramEnvironment {
    env: Record<string, string>;
    removed: string[];
    kept: boolean;
}

/** Builds the program's environment from the caller's; `keep` passes it on unchanged. */
export function programEnvironment(callerEnv: Record<string, string | undefined>, keep: boolean): ProgramEnvironment {
    const env: Record<string, string> = {};
    const removed: string[] = [];
    for (const [name, value] of Object.entries(callerEnv)) {
        if (value === undefined) continue;
        if (!keep && isCredentialName(name)) {
            if (value !== "") removed.push(name);
            continue;
        }
        env[name] = value;
    }
    if (!keep) {
        // The AWS SDKs also read ~/.aws and the instance metadata service: point them at nothing.
        const none = path.join(os.tmpdir(), "aws-https-domain-preview-no-credentials");
        env.AWS_SHARED_CREDENTIALS_FILE = none;
        env.AWS_CONFIG_FILE = none;
        env.AWS_EC2_METADATA_DISABLED = "true";
    }
    return { env, removed: removed.sort(), kept: keep };
}
