/**
 * Jest runs TypeScript transpile-only through SWC; `npm test` type-checks separately with `tsc --noEmit`.
 *
 * `npm run test:quick` runs jest without the slowest suites (measured, 2 CPUs, cold): the preview CLI
 * subprocess suites and in-process previews (preview.cli ~12 s, preview.pem ~8 s, preview.secrets ~5 s),
 * the verify CLI subprocess and TLS server suites (verifyCli, verifyServers), schema (~7 s, builds the
 * Pulumi schema from the TypeScript sources) and plugin (~40 s: builds the package and runs it as a Pulumi
 * plugin process). `npm test` still runs everything.
 */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    transform: {
        "^.+\\.ts$": [
            "@swc/jest",
            { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
        ],
    },
    setupFiles: ["<rootDir>/test/setup.ts"],
    // Captures pulumi.log info/warning lines per test (test/helpers/logs.ts) instead of printing them.
    setupFilesAfterEnv: ["<rootDir>/test/setupLogs.ts"],
    testTimeout: 30000,
};
