/**
 * The `verify` library: checks that a deployed hostname is served securely
 * (redirect, TLS versions, trust, hostname, expiry, HSTS, expected certificate),
 * used by the `aws-https-domain verify` command.
 */
export * from "./types";
export { parseTarget, parseConnectTo, applyConnectTo, resolveEndpoint, systemLookup, hostPort } from "./endpoint";
export type { Endpoint } from "./endpoint";
export { verify, verifyOnce } from "./runner";
export type { VerifyOutcome, VerifyRound, WaitOptions } from "./runner";
export { formatTable, toReport, exitCode } from "./format";
export type { VerifyReport } from "./format";
export { validateRedirectPath, validateRedirectStatus, patternToRegExp, redirectProblems } from "./checks/redirect";
export { normalizeFingerprint, normalizeSerial } from "./checks/expected";
export { parseSts } from "./checks/hsts";
