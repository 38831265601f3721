/**
 * The published shape of `preview --json` (components/cli/preview/plan.schema.json, shipped as
 * `aws-https-domain/plan.schema.json` and printed by `preview --schema`): every fixture plan, the failure
 * documents (exit 1 and 2) included, validates against it with ajv, and the schema is strict enough to fail
 * on a plan that drifts from it.
 */
import Ajv from "ajv";
import * as path from "node:path";
import schema from "../components/cli/preview/plan.schema.json";
import { type CliRun, PROGRAMS, preview, runLimited, SITE } from "./fixtures/preview/cli";

const topologies = path.join(PROGRAMS, "topologies");
// strictRequired off: the `then` branch requires properties declared at the top level, as JSON Schema allows.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validate = ajv.compile(schema);

let runs: Record<string, CliRun>;

beforeAll(async () => {
    runs = await runLimited({
        example: () => preview("--stack", "example", "--json"),
        site: () => preview("--program", SITE, "--stack", "other", "--json", "-c", "apiToken=x"),
        owned: () => preview("--program", topologies, "--json"),
        shared: () => preview("--program", topologies, "-c", "topology=shared", "--json"),
        routes: () => preview("--program", topologies, "-c", "topology=routes", "--json"),
        many: () => preview("--program", topologies, "-c", "topology=many", "--json"),
        externalDns: () => preview("--program", topologies, "-c", "topology=externalDns", "--json"),
        acme: () => preview("--program", topologies, "-c", "certificateSource=acme", "--json"),
        esm: () => preview("--program", path.join(PROGRAMS, "esm-tla"), "--json"),
        failed: () => preview("--program", path.join(PROGRAMS, "cjs-tla"), "--json"),
        usage: () => preview("--program", topologies, "--json", "-c", "targetPort=eighty"),
        schemaFlag: () => preview("--schema"),
    });
}, 180_000);

const documents = () =>
    Object.entries(runs)
        .filter(([name]) => name !== "schemaFlag")
        .map(([name, run]) => [name, run] as const);

describe("preview --json against its JSON Schema", () => {
    it("every fixture plan and failure document is valid", () => {
        const results = documents().map(([name, run]) => {
            const doc: unknown = JSON.parse(run.stdout);
            return [name, validate(doc) ? "valid" : ajv.errorsText(validate.errors)];
        });
        expect(Object.fromEntries(results)).toEqual(Object.fromEntries(documents().map(([name]) => [name, "valid"])));
    });

    it("the documents cover success (0), a failed program (1) and a usage error (2)", () => {
        const codes = Object.fromEntries(
            documents().map(([name, run]) => [name, [run.code, JSON.parse(run.stdout).exitCode]]),
        );
        expect(codes).toMatchObject({ example: [0, 0], shared: [0, 0], failed: [1, 1], usage: [2, 2] });
    });

    it("--schema prints the shipped schema", () => {
        expect(runs.schemaFlag.code).toBe(0);
        expect(JSON.parse(runs.schemaFlag.stdout)).toEqual(schema);
    });

    it.each<[string, (doc: any) => void, string]>([
        ["an unknown top-level field", (d) => (d.surprise = 1), "must NOT have additional properties"],
        ["a resource without its kind", (d) => delete d.resources[0].kind, "must have required property 'kind'"],
        ["an exit code the CLI never uses", (d) => (d.exitCode = 5), "must be equal to one of the allowed values"],
        ["a plan without checks", (d) => delete d.checks, "must have required property 'checks'"],
        ["a non-string displayed property", (d) => (d.resources[1].properties.port = 80), "must be string"],
    ])("rejects %s", (_label, mutate, message) => {
        const doc = JSON.parse(runs.owned.stdout);
        mutate(doc);
        expect(validate(doc)).toBe(false);
        expect(ajv.errorsText(validate.errors)).toContain(message);
    });
});
