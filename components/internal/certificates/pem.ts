/**
 * PEM text in, PEM blocks out: tolerant of what people paste (Windows line
 * endings, a byte-order mark, `\n` written as two characters by a shell or a
 * config file, `Bag Attributes` lines from `openssl pkcs12`, a whole PEM file
 * base64-encoded once more), strict about what comes out (one canonical
 * encoding: LF, 64-column base64, no text around the blocks).
 *
 * Pure: no Pulumi, no I/O. Never puts input text into a message — it may be a
 * private key.
 */

/** One `-----BEGIN <label>-----` … `-----END <label>-----` block. */
export interface PemBlock {
    /** The label, e.g. `CERTIFICATE`, `PRIVATE KEY`, `EC PARAMETERS`. */
    label: string;
    /** RFC 1421 headers inside the block (`Proc-Type`, `DEK-Info` of legacy encrypted keys). */
    headers: Record<string, string>;
    /** The decoded body. */
    der: Buffer;
}

/** The result of reading some text as PEM. */
export interface PemText {
    blocks: PemBlock[];
    /** Why the text is not usable PEM, when it is not (no block, damaged base64, binary data…). */
    problem?: string;
}

const LABEL = /^[A-Z0-9 #]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

/** Undoes the usual damage done to PEM text on its way through shells, CI variables and config files. */
export function unwrapText(input: string): string {
    let text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    if (text.includes("-----BEGIN") && !text.includes("\n") && text.includes("\\n")) {
        text = text.replace(/\\n/g, "\n");
    }
    if (!text.includes("-----BEGIN")) {
        // A PEM file base64-encoded once more (Kubernetes secrets, some CI systems).
        const compact = text.replace(/\s+/g, "");
        if (compact.length > 0 && BASE64.test(compact)) {
            const decoded = Buffer.from(compact, "base64").toString("latin1");
            if (decoded.includes("-----BEGIN")) text = decoded.replace(/\r\n?/g, "\n");
        }
    }
    return text;
}

/** A hint for text that holds no PEM block at all: what it looks like and how to convert it. */
function notPemHint(text: string): string {
    const trimmed = text.trim();
    if (trimmed.length === 0) return "it is empty";
    if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(trimmed) || /^0[\u0080-\u00ff]/.test(trimmed)) {
        return "it looks like binary (DER or PKCS#12) data; convert DER with `openssl x509 -inform der -in cert.der -out cert.pem`, or pass a PKCS#12 bundle as `pfx`";
    }
    const compact = trimmed.replace(/\s+/g, "");
    if (BASE64.test(compact)) {
        const first = Buffer.from(compact, "base64")[0];
        if (first === 0x30) {
            return "it looks like base64 DER without the PEM header and footer lines; if it is a PKCS#12 (.pfx/.p12) bundle pass it as `pfx`, otherwise add the `-----BEGIN …-----` / `-----END …-----` lines your CA sent";
        }
    }
    return "it holds no `-----BEGIN …-----` block";
}

/** One `BEGIN`…`END` match: labels and where the body is. */
interface RawBlock {
    label: string;
    endLabel: string;
    body: string;
}

/**
 * The `-----BEGIN X-----` … `-----END Y-----` blocks of `text`, found with
 * forward-only `indexOf` scans: linear in the text, however many unmatched
 * BEGIN lines it holds (a backtracking regular expression was quadratic).
 */
function* rawBlocks(text: string): Generator<RawBlock> {
    const BEGIN = "-----BEGIN ";
    const END = "-----END ";
    const DASHES = "-----";
    let at = 0;
    for (;;) {
        const begin = text.indexOf(BEGIN, at);
        if (begin < 0) return;
        const labelEnd = text.indexOf(DASHES, begin + BEGIN.length);
        if (labelEnd < 0) return;
        const label = text.slice(begin + BEGIN.length, labelEnd);
        if (!LABEL.test(label)) {
            at = begin + BEGIN.length;
            continue;
        }
        const end = text.indexOf(END, labelEnd + DASHES.length);
        if (end < 0) return;
        const endLabelEnd = text.indexOf(DASHES, end + END.length);
        if (endLabelEnd < 0) return;
        const endLabel = text.slice(end + END.length, endLabelEnd);
        if (!LABEL.test(endLabel)) {
            at = end + END.length;
            continue;
        }
        yield { label, endLabel, body: text.slice(labelEnd + DASHES.length, end) };
        at = endLabelEnd + DASHES.length;
    }
}

/** Reads text as a sequence of PEM blocks. */
export function readPem(input: string): PemText {
    const text = unwrapText(input);
    const blocks: PemBlock[] = [];
    for (const { label, body, endLabel } of rawBlocks(text)) {
        if (label !== endLabel) {
            return { blocks, problem: `a '-----BEGIN ${label}-----' block ends with '-----END ${endLabel}-----'` };
        }
        const headers: Record<string, string> = {};
        const lines = body.split("\n");
        const base64Lines: string[] = [];
        for (const line of lines) {
            const trimmed = line.trim();
            if (trimmed === "") continue;
            const header = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(trimmed);
            if (header && base64Lines.length === 0) headers[header[1]] = header[2];
            else base64Lines.push(trimmed);
        }
        const base64 = base64Lines.join("");
        if (!BASE64.test(base64)) {
            return {
                blocks,
                problem: `the '${label}' block holds characters that are not base64 (was it edited, or copied with formatting?)`,
            };
        }
        const der = Buffer.from(base64.replace(/\s+/g, ""), "base64");
        if (der.length === 0) return { blocks, problem: `the '${label}' block is empty` };
        blocks.push({ label, headers, der });
    }
    if (blocks.length === 0) return { blocks, problem: notPemHint(text) };
    return { blocks };
}

/** The canonical PEM encoding of one block: LF line endings, 64-column base64, trailing newline. */
export function encodePem(label: string, der: Buffer, headers: Record<string, string> = {}): string {
    const body = der
        .toString("base64")
        .replace(/(.{64})/g, "$1\n")
        .replace(/\n$/, "");
    const headerLines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\n`);
    const gap = headerLines.length > 0 ? "\n" : "";
    return `-----BEGIN ${label}-----\n${headerLines.join("")}${gap}${body}\n-----END ${label}-----\n`;
}

/** Labels of the blocks, for messages (`CERTIFICATE, CERTIFICATE, PRIVATE KEY`). */
export function labelsOf(blocks: PemBlock[]): string {
    return blocks.map((b) => b.label).join(", ");
}
