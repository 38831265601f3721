/**
 * Test-only require hook: lets `node -r ./test/helpers/verifyTsRegister.js
 * components/cli/main.ts …` run the TypeScript sources directly, transpiled by
 * SWC with the same settings as jest (no type-checking, no build step), so a
 * test can run the real CLI as a subprocess.
 */
"use strict";
const fs = require("node:fs");
const { transformSync } = require("@swc/core");

require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const { code } = transformSync(fs.readFileSync(filename, "utf8"), {
        filename,
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "commonjs" },
        sourceMaps: "inline",
    });
    module._compile(code, filename);
};
