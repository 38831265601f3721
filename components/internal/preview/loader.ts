/**
 * TypeScript loading at run time, for `preview --program DIR` from the
 * published (compiled) CLI and for the repository's own `index.ts`.
 *
 * The hook is `tsx` (esbuild): transpile-only like Pulumi's own default
 * (`ts-node` with `transpileOnly`), a single small runtime dependency with a
 * prebuilt binary, no peer requirements on the consumer (unlike
 * `@swc-node/register`, which needs `@swc/core` installed beside it), and it
 * honours the program's `tsconfig.json` paths. Type errors are `tsc`'s job.
 */

let registered = false;

/**
 * Registers the CommonJS TypeScript hook once per process. Does nothing when a
 * `.ts` handler is already installed (running under `node -r tsx/cjs`, jest,
 * or ts-node).
 */
export function loadTypeScript(): void {
    if (registered || require.extensions[".ts"]) return;
    const api = require("tsx/cjs/api") as { register(): () => void };
    api.register();
    registered = true;
}
