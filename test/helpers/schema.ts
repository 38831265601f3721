/**
 * The package's Pulumi schema, generated the way a source-based plugin's host generates it when
 * `pulumi package add` asks the plugin for it: `@pulumi/pulumi`'s component analyzer reads the
 * TypeScript sources from the package root (its `package.json` and `tsconfig.json`), for the
 * component classes that the package's entry point exports.
 *
 * `components/schema.json` is this schema committed: `npm run schema:update` rewrites it, and
 * `test/schema.test.ts` fails when it no longer matches the sources.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as library from "../../components";

export const ROOT = path.join(__dirname, "..", "..");
export const SCHEMA_FILE = path.join(ROOT, "components", "schema.json");
export const SCHEMA_UPDATE_COMMAND = "npm run schema:update";

/** The provider name the Node.js plugin host derives from package.json's `name` (cmd/run-plugin/run.ts). */
export function providerName(): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string };
    const match = /^(@.*?\/)?(.+)$/.exec(pkg.name)!;
    return match[2].replace(/[^-a-zA-Z0-9_]/g, "-");
}

/** The schema as the plugin would return it from `GetSchema`, parsed. */
export async function generateSchema(): Promise<Record<string, any>> {
    const provider = new ComponentProvider({
        name: providerName(),
        dirname: ROOT,
        components: getPulumiComponents(library),
    });
    return JSON.parse(await provider.getSchema());
}

/**
 * Where two schemas differ, as paths down to a property (`resources.<token>.inputProperties.hostname changed`,
 * `types.<token> added`).
 */
export function schemaDifferences(committed: unknown, generated: unknown, at = "", depth = 4): string[] {
    if (JSON.stringify(committed) === JSON.stringify(generated)) return [];
    const isObject = (v: unknown): v is Record<string, unknown> =>
        typeof v === "object" && v !== null && !Array.isArray(v);
    if (depth === 0 || !isObject(committed) || !isObject(generated)) return [`${at || "schema"} changed`];
    const out: string[] = [];
    for (const key of new Set([...Object.keys(committed), ...Object.keys(generated)])) {
        const where = at ? `${at}.${key}` : key;
        if (!(key in generated)) out.push(`${where} removed`);
        else if (!(key in committed)) out.push(`${where} added`);
        else out.push(...schemaDifferences(committed[key], generated[key], where, depth - 1));
    }
    return out;
}
