/**
 * Offline preview: reading Pulumi.yaml, Pulumi.<stack>.yaml and --config
 * overrides into the config map a program sees (pure file handling, no Pulumi runtime).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    configString,
    containsSecure,
    loadProject,
    namespaced,
    PreviewUsageError,
} from "../components/cli/preview/project";

let dir: string;

function write(files: Record<string, string>): string {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const PROJECT = `name: demo
runtime: nodejs
config:
  hostname:
    type: string
    description: required, no default
  port:
    type: integer
    default: 8080
  names:
    type: array
    items:
      type: string
    default: []
  password:
    type: string
    secret: true
  plain: just-a-value
  aws:region:
    value: eu-central-1
`;

/** Values for PROJECT's keys that have no default (the Pulumi CLI refuses to run without them). */
const REQUIRED = ["hostname=h.example.com", "password=pw"];

beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-config-"));
    fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("preview project loading", () => {
    it("namespaces project defaults and keeps provider keys, as the Pulumi CLI passes them", () => {
        const p = loadProject({ dir: write({ "Pulumi.yaml": PROJECT }), overrides: REQUIRED });
        expect(p.name).toBe("demo");
        expect(p.stack).toBe("dev");
        expect(p.stackFile).toBeUndefined();
        expect(p.main).toBe(path.join(dir, "index.ts"));
        expect(p.config).toEqual({
            "demo:hostname": "h.example.com",
            "demo:password": "pw",
            "demo:port": "8080",
            "demo:names": "[]",
            "demo:plain": "just-a-value",
            "aws:region": "eu-central-1",
        });
        expect(p.unavailable).toEqual([]);
    });

    it("layers the stack file over defaults: scalars as text, lists and maps as JSON", () => {
        write({
            "Pulumi.yaml": PROJECT,
            "Pulumi.prod.yaml":
                "config:\n  demo:hostname: app.example.com\n  demo:port: 9090\n  demo:names: [a.example.com, b.example.com]\n  demo:tags:\n    team: web\n  aws:region: us-west-2\n  flag: true\n",
        });
        const p = loadProject({ dir, overrides: ["password=pw"] });
        expect(p.stack).toBe("prod");
        expect(p.stackFile).toBe(path.join(dir, "Pulumi.prod.yaml"));
        expect(p.config["demo:hostname"]).toBe("app.example.com");
        expect(p.config["demo:port"]).toBe("9090");
        expect(p.config["demo:names"]).toBe('["a.example.com","b.example.com"]');
        expect(p.config["demo:tags"]).toBe('{"team":"web"}');
        expect(p.config["demo:flag"]).toBe("true");
        expect(p.config["aws:region"]).toBe("us-west-2");
    });

    it("reports secure values as unavailable and never passes the ciphertext on", () => {
        write({
            "Pulumi.yaml": PROJECT,
            "Pulumi.dev.yaml":
                "config:\n  demo:password:\n    secure: v1:abc:ZGVhZGJlZWY=\n  demo:nested:\n    user: x\n    token:\n      secure: v1:def:Y2FmZQ==\n  demo:hostname: h.example.com\n",
        });
        const p = loadProject({ dir, stack: "dev" });
        expect(p.unavailable).toEqual(["demo:nested", "demo:password"]);
        expect(p.config["demo:password"]).toBeUndefined();
        expect(p.config["demo:nested"]).toBeUndefined();
        expect(JSON.stringify(p.config)).not.toContain("v1:");
        expect(p.secretKeys).toEqual([]);
    });

    it("applies --config overrides last; a value given for a secure or secret key becomes a secret", () => {
        write({
            "Pulumi.yaml": PROJECT,
            "Pulumi.dev.yaml": "config:\n  demo:password:\n    secure: v1:abc:ZGVhZGJlZWY=\n",
        });
        const p = loadProject({
            dir,
            overrides: ["password=hunter2", "hostname=x.example.com", "aws:region=ap-south-1", "note=a=b"],
        });
        expect(p.unavailable).toEqual([]);
        expect(p.config["demo:password"]).toBe("hunter2");
        expect(p.config["demo:hostname"]).toBe("x.example.com");
        expect(p.config["aws:region"]).toBe("ap-south-1");
        expect(p.config["demo:note"]).toBe("a=b");
        expect(p.secretKeys).toEqual(["demo:password"]);
    });

    it.each<[string, Record<string, string>, { stack?: string; overrides?: string[] }, string]>([
        ["no Pulumi.yaml", {}, {}, `no Pulumi.yaml in `],
        ["no name", { "Pulumi.yaml": "runtime: nodejs\n" }, {}, "Pulumi.yaml: project is missing a 'name' attribute"],
        ["a missing stack", { "Pulumi.yaml": PROJECT }, { stack: "qa" }, "stack 'qa': Pulumi.qa.yaml not found"],
        [
            "several stacks and none chosen",
            { "Pulumi.yaml": PROJECT, "Pulumi.a.yaml": "", "Pulumi.b.yaml": "" },
            {},
            "several stacks (a, b): choose one with --stack NAME",
        ],
        [
            "an override without '='",
            { "Pulumi.yaml": PROJECT },
            { overrides: ["hostname"] },
            "--config expects key=value, got 'hostname'",
        ],
        [
            "a stack file that is a list",
            { "Pulumi.yaml": PROJECT, "Pulumi.x.yaml": "- a\n" },
            {},
            "is not a YAML mapping",
        ],
        [
            "a missing main",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nmain: src/missing.ts\n" },
            {},
            "no program entry: looked for",
        ],
    ])("rejects %s with a usage error", (_label, files, opts, message) => {
        write(files);
        let caught: unknown;
        try {
            loadProject({ dir, ...opts });
        } catch (err) {
            caught = err;
        }
        expect(caught).toBeInstanceOf(PreviewUsageError);
        expect((caught as Error).message).toContain(message);
    });

    /**
     * Project and stack checks of the Pulumi CLI, with its wording where it has one (pulumi/pulumi
     * sdk/go/common/workspace/project_test.go: TestProjectLoadJSON, TestProjectValidationFailsForIncorrectDefaultValueType,
     * TestProjectConfigCannotHaveBothValueAndDefault, TestProjectConfigCannotBeTypedArrayWithoutItems,
     * TestNamespacedProjectConfigShouldNotBeExplicitlyTyped, TestStackConfigIntegerTypeIsCorrectlyValidated,
     * TestStackConfigErrorsWhenStackValueIsNotCorrectlyTyped, TestStackConfigErrorsWhenMissingTwoStackValueForConfigTypeWithNoDefault,
     * TestStackConfigSecretIsCorrectlyValidated). All problems of one file are reported together.
     */
    it.each<[string, Record<string, string>, { stack?: string; overrides?: string[] }, string]>([
        [
            "main that is not a string",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nmain: 123\n" },
            {},
            "Pulumi.yaml: 'main' must be a string (got number 123)",
        ],
        [
            "no runtime",
            { "Pulumi.yaml": "name: demo\n" },
            {},
            "Pulumi.yaml: project is missing a 'runtime' attribute (e.g. runtime: nodejs)",
        ],
        [
            "a runtime that is a number",
            { "Pulumi.yaml": "name: demo\nruntime: 4\n" },
            {},
            "Pulumi.yaml: 'runtime' must be a string or a mapping with a 'name' (got number 4)",
        ],
        [
            "config that is a list",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig: [a, b]\n" },
            {},
            `Pulumi.yaml: 'config' must be a mapping of keys to declarations (got array ["a","b"])`,
        ],
        [
            "config: a path that does not exist (Pulumi's older stackConfigDir)",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig: oops\n" },
            {},
            "the stack config directory oops does not exist",
        ],
        [
            "main outside the project",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nmain: ../elsewhere/index.ts\n" },
            {},
            "Pulumi.yaml 'main' (../elsewhere/index.ts) is outside the project directory",
        ],
        [
            "a default of the wrong type",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig:\n  size:\n    type: integer\n    default: hello\n" },
            {},
            `Pulumi.yaml: config 'size': the default value specified for configuration key 'size' is not of the expected type 'integer' (got "hello")`,
        ],
        [
            "an unknown type",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig:\n  size:\n    type: number\n" },
            {},
            `Pulumi.yaml: config 'size': type "number" is not one of string, integer, boolean, array, object`,
        ],
        [
            "an array without items",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig:\n  names:\n    type: array\n    default: [a]\n" },
            {},
            "Pulumi.yaml: config 'names': the configuration key 'names' declares an array but does not specify the underlying type via the 'items' attribute",
        ],
        [
            "both default and value",
            { "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig:\n  size:\n    default: a\n    value: b\n" },
            {},
            "Pulumi.yaml: config 'size': project config 'size' cannot have both a 'default' and 'value' attribute",
        ],
        [
            "a provider key with a type",
            {
                "Pulumi.yaml":
                    "name: demo\nruntime: nodejs\nconfig:\n  aws:region:\n    type: string\n    value: us-west-1\n",
            },
            {},
            "configuration key 'aws:region' is not namespaced by the project and should not define a type",
        ],
        [
            "a stack value of the wrong type",
            { "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  demo:port: abc\n" },
            { overrides: REQUIRED },
            `Stack 'dev' with configuration key 'port' must be of type 'integer' (got "abc")`,
        ],
        [
            "a list where a list of strings is declared, given a string",
            { "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  demo:names: someValue\n" },
            { overrides: REQUIRED },
            `Stack 'dev' with configuration key 'names' must be of type 'array<string>' (got "someValue")`,
        ],
        [
            "a --config value of the wrong type",
            { "Pulumi.yaml": PROJECT },
            { overrides: [...REQUIRED, "port=eighty"] },
            `Stack 'dev' with configuration key 'port' must be of type 'integer' (got "eighty")`,
        ],
        [
            "a declared secret set in plain text",
            { "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  demo:password: hunter2\n" },
            { overrides: ["hostname=h.example.com"] },
            "Stack 'dev' with configuration key 'password' must be encrypted as it's secret (set it with pulumi config set --secret password)",
        ],
        [
            "required keys left unset",
            { "Pulumi.yaml": PROJECT },
            {},
            "Stack 'dev' is missing configuration values 'hostname' and 'password'; set them in Pulumi.dev.yaml or with --config KEY=VALUE",
        ],
        [
            "a duplicate key",
            { "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  demo:port: 1\n  demo:port: 2\n" },
            { overrides: REQUIRED },
            "Pulumi.dev.yaml: duplicate key 'demo:port'",
        ],
        ["--stack ../x", { "Pulumi.yaml": PROJECT }, { stack: "../x" }, "--stack '../x' is not a stack name"],
        [
            "--stack with a backslash",
            { "Pulumi.yaml": PROJECT },
            { stack: "a\\b" },
            "--stack 'a\\b' is not a stack name",
        ],
        ["--stack ..", { "Pulumi.yaml": PROJECT }, { stack: ".." }, "--stack '..' is not a stack name"],
    ])("refuses %s, as pulumi preview does", (_label, files, opts, message) => {
        write(files);
        expect(() => loadProject({ dir, ...opts })).toThrow(message);
    });

    it("reports every problem of a project file at once", () => {
        write({
            "Pulumi.yaml": PROJECT,
            "Pulumi.dev.yaml": "config:\n  demo:port: abc\n  demo:password: plain\n",
        });
        expect(() => loadProject({ dir })).toThrow(
            new PreviewUsageError(
                [
                    "Stack 'dev' with configuration key 'port' must be of type 'integer' (got \"abc\")",
                    "Stack 'dev' with configuration key 'password' must be encrypted as it's secret (set it with pulumi config set --secret password)",
                    "Stack 'dev' is missing configuration value 'hostname'; set it in Pulumi.dev.yaml or with --config KEY=VALUE",
                ].join("\n"),
            ),
        );
    });

    it("accepts a qualified stack name (org/project/stack) and reads the stack's own file", () => {
        write({ "Pulumi.yaml": PROJECT, "Pulumi.prod.yaml": "config:\n  demo:hostname: p.example.com\n" });
        const p = loadProject({ dir, stack: "acme/demo/prod", overrides: ["password=pw"] });
        expect(p.stack).toBe("prod");
        expect(p.config["demo:hostname"]).toBe("p.example.com");
    });

    it("warns (without failing, as the Pulumi CLI accepts it) about a key Pulumi.yaml does not declare", () => {
        write({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  demo:hostnam: typo.example.com\n" });
        const p = loadProject({ dir, overrides: [...REQUIRED, "extra=1", "aws:profile=x"] });
        expect(p.warnings).toEqual([
            "config key 'hostnam' (Pulumi.dev.yaml) is not declared in Pulumi.yaml; the program may not read it (did you mean 'hostname'?)",
            "config key 'extra' (--config) is not declared in Pulumi.yaml; the program may not read it",
        ]);
    });

    it("reads 40,000 config keys (the YAML parser's own duplicate check is quadratic and is not used)", () => {
        const lines = Array.from({ length: 40_000 }, (_, i) => `  demo:k${i}: v${i}`);
        write({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n", "Pulumi.big.yaml": `config:\n${lines.join("\n")}\n` });
        const p = loadProject({ dir });
        expect(Object.keys(p.config)).toHaveLength(40_000);
        expect(p.config["demo:k39999"]).toBe("v39999");
    });

    it("reads runtime.options.typescript: false (no TypeScript hook, no type check)", () => {
        write({ "Pulumi.yaml": "name: demo\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n" });
        expect(loadProject({ dir }).typescript).toBe(false);
        write({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n" });
        expect(loadProject({ dir }).typescript).toBe(true);
    });

    it("finds main as a directory with index.ts, and stack files under stackConfigDir", () => {
        fs.mkdirSync(path.join(dir, "src"));
        fs.mkdirSync(path.join(dir, "stacks"));
        fs.writeFileSync(path.join(dir, "src", "index.ts"), "export {};\n");
        write({ "Pulumi.yaml": "name: demo\nruntime: nodejs\nmain: src\nstackConfigDir: stacks\n" });
        fs.writeFileSync(path.join(dir, "stacks", "Pulumi.only.yaml"), "config:\n  demo:k: v\n");
        const p = loadProject({ dir });
        expect(p.main).toBe(path.join(dir, "src", "index.ts"));
        expect(p.stack).toBe("only");
        expect(p.config).toEqual({ "demo:k": "v" });
    });

    it("lists the Pulumi ESC environments a stack file imports (they cannot be opened offline)", () => {
        write({
            "Pulumi.yaml": PROJECT,
            "Pulumi.a.yaml": "environment:\n  - team/shared\n  - aws-creds\nconfig:\n  demo:k: v\n",
        });
        expect(loadProject({ dir, overrides: REQUIRED }).environments).toEqual(["team/shared", "aws-creds"]);
        write({ "Pulumi.a.yaml": "environment:\n  imports:\n    - base\n" });
        expect(loadProject({ dir, overrides: REQUIRED }).environments).toEqual(["base"]);
        write({ "Pulumi.a.yaml": "config: {}\n" });
        expect(loadProject({ dir, overrides: REQUIRED }).environments).toEqual([]);
    });

    it("helpers: namespacing, string forms and secure detection", () => {
        expect(namespaced("hostname", "demo")).toBe("demo:hostname");
        expect(namespaced("aws:region", "demo")).toBe("aws:region");
        expect(configString(42)).toBe("42");
        expect(configString(false)).toBe("false");
        expect(configString({ a: [1] })).toBe('{"a":[1]}');
        expect(containsSecure({ secure: "v1:x" })).toBe(true);
        expect(containsSecure([{ a: { secure: "v1:x" } }])).toBe(true);
        expect(containsSecure({ secure: "v1:x", other: 1 })).toBe(false);
        expect(containsSecure("secure")).toBe(false);
    });
});
