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
