/**
 * How certificate fields are written in every message and output (check-cert,
 * verify, the certificate components), so that all of them read alike.
 */

/** A distinguished name as Node prints it (one attribute per line) on one line: `CN=app.example.com, O=Example`. */
export function oneLine(name: string): string {
    return name.split("\n").filter(Boolean).join(", ");
}

/** ISO 8601 without milliseconds (certificates have second precision): `2026-11-30T13:16:55Z`. */
export function isoDate(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
