/** Jest runs TypeScript transpile-only through SWC; `npm test` type-checks separately with `tsc --noEmit`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFiles: ["<rootDir>/test/setup.ts"],
  // Captures pulumi.log info/warning lines per test (test/helpers/logs.ts) instead of printing them.
  setupFilesAfterEnv: ["<rootDir>/test/setupLogs.ts"],
  testTimeout: 30000,
};
