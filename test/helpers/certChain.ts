/**
 * A three-level test hierarchy (root → intermediate 1 → intermediate 2 → leaf)
 * for chain-ordering tests, plus a few helpers to read results. Built on
 * ./pki (real certificates at test time).
 */
import { X509Certificate } from "node:crypto";
import { makeCert, type TestCert, type CertOptions } from "./pki";
import type { CertificateCheckReport, CheckResult } from "../../components/internal/certificates/checks";

export interface DeepPki {
    root: TestCert;
    int1: TestCert;
    int2: TestCert;
    /** Issues a leaf from intermediate 2. */
    leaf(options: Omit<CertOptions, "issuer" | "isCa">): Promise<TestCert>;
}

/** root → "<name> Intermediate 1" → "<name> Intermediate 2". */
export async function makeDeepPki(name = "Deep"): Promise<DeepPki> {
    const root = await makeCert({ commonName: `${name} Root`, isCa: true, notAfterDays: 3650 });
    const int1 = await makeCert({ commonName: `${name} Intermediate 1`, isCa: true, issuer: root, notAfterDays: 1825 });
    const int2 = await makeCert({ commonName: `${name} Intermediate 2`, isCa: true, issuer: int1, notAfterDays: 1000 });
    return { root, int1, int2, leaf: (options) => makeCert({ ...options, issuer: int2 }) };
}

/** Concatenated PEM of several test certificates. */
export function bundle(...certs: TestCert[]): string {
    return certs.map((c) => c.pem).join("");
}

/** Subjects (CN=…) of the certificates in PEM text, in order. */
export function subjectsOf(pem: string): string[] {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((b) => new X509Certificate(b).subject);
}

/** The result with an id (the first one); throws listing the ids present when absent. */
export function resultOf(report: CertificateCheckReport, id: string): CheckResult {
    const found = report.results.find((r) => r.id === id);
    if (!found) throw new Error(`no result '${id}'; have: ${report.results.map((r) => r.id).join(", ")}`);
    return found;
}

/** `id=status` for every result, for compact whole-report assertions. */
export function statuses(report: CertificateCheckReport): string[] {
    return report.results.map((r) => `${r.id}=${r.status}`);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A time `days` and `hours` after a certificate's notBefore/notAfter (the hours keep day counts clear of rounding). */
export function around(cert: TestCert, edge: "notBefore" | "notAfter", days: number, hours = Math.sign(days)): Date {
    const base = edge === "notBefore" ? cert.cert.notBefore : cert.cert.notAfter;
    return new Date(base.getTime() + days * DAY_MS + hours * 60 * 60 * 1000);
}
