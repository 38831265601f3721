/** Where a subcommand writes; tests pass a recorder, the CLI passes the process streams. */
export interface CliIo {
    out(text: string): void;
    err(text: string): void;
    /** Environment variables (for `--password-env` and the like). */
    env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
    return {
        out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
        err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
        env: process.env,
    };
}

/** An in-memory `CliIo` for tests. */
export function memoryIo(env: Record<string, string | undefined> = {}): CliIo & { stdout: string; stderr: string } {
    const io = {
        stdout: "",
        stderr: "",
        env,
        out(text: string) {
            io.stdout += text.endsWith("\n") ? text : `${text}\n`;
        },
        err(text: string) {
            io.stderr += text.endsWith("\n") ? text : `${text}\n`;
        },
    };
    return io;
}
