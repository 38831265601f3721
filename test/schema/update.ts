/**
 * Rewrites components/schema.json from the sources: `npm run schema:update`.
 * Review the diff (it is the package's API in every language) and add a CHANGELOG line for it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { generateSchema, ROOT, SCHEMA_FILE, schemaDifferences } from "../helpers/schema";

/** The schema file's text: the JSON formatted with the repository's prettier settings. */
async function formatSchema(schema: Record<string, any>): Promise<string> {
    const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
    return prettier.format(JSON.stringify(schema), { ...options, filepath: SCHEMA_FILE });
}

async function main(): Promise<void> {
    const schema = await generateSchema();
    const before = fs.existsSync(SCHEMA_FILE) ? JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) : {};
    fs.writeFileSync(SCHEMA_FILE, await formatSchema(schema));
    const changes = schemaDifferences(before, schema);
    const file = path.relative(ROOT, SCHEMA_FILE);
    console.log(changes.length === 0 ? `${file}: unchanged` : `${file}:\n  ${changes.join("\n  ")}`);
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
