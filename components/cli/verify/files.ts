/**
 * Reading the files the CLI is given (`--cert`, `--key`, `--chain`, `--pfx`,
 * `--ca`, `--hosts-file`, `--from-outputs`) without ever hanging or filling
 * memory: only regular files are read (a FIFO with no writer, `/dev/zero`, a
 * directory or a socket is refused with the reason), opened non-blocking, and
 * at most `maxBytes` are read.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** The most any certificate input may hold: a PEM bundle of ~1,000 certificates (Mozilla's whole list is ~220 KB). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Why a file cannot be used; the CLI turns it into exit code 2. */
export class InputFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputFileError";
    }
}

function kind(stat: ReturnType<typeof fstatSync>): string {
    if (stat.isDirectory()) return "a directory";
    if (stat.isFIFO()) return "a named pipe (FIFO)";
    if (stat.isCharacterDevice()) return "a character device";
    if (stat.isBlockDevice()) return "a block device";
    if (stat.isSocket()) return "a socket";
    return "not a regular file";
}

const WHY: Record<string, string> = {
    ENOENT: "no such file",
    EACCES: "permission denied",
    EISDIR: "it is a directory",
    ELOOP: "too many symbolic links",
};

/** Reads a regular file of at most `maxBytes`; `flag` names the option in messages. Throws `InputFileError`. */
export function readInputFile(flag: string, file: string, maxBytes = MAX_INPUT_BYTES): Buffer {
    let fd: number;
    try {
        fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
        throw new InputFileError(`cannot read ${flag} file '${file}': ${WHY[code] ?? code}.`);
    }
    try {
        const stat = fstatSync(fd);
        if (!stat.isFile())
            throw new InputFileError(`cannot read ${flag} file '${file}': it is ${kind(stat)}; give a regular file.`);
        if (stat.size > maxBytes)
            throw new InputFileError(
                `cannot read ${flag} file '${file}': it is ${stat.size} bytes, more than the ${maxBytes} bytes a certificate input may hold.`,
            );
        const buffer = Buffer.alloc(maxBytes + 1);
        let length = 0;
        for (;;) {
            const n = readSync(fd, buffer, length, buffer.length - length, null);
            if (n === 0) break;
            length += n;
            if (length > maxBytes)
                throw new InputFileError(
                    `cannot read ${flag} file '${file}': it grew past the ${maxBytes} bytes a certificate input may hold.`,
                );
        }
        return buffer.subarray(0, length);
    } catch (err) {
        if (err instanceof InputFileError) throw err;
        const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
        throw new InputFileError(`cannot read ${flag} file '${file}': ${WHY[code] ?? code}.`);
    } finally {
        closeSync(fd);
    }
}
