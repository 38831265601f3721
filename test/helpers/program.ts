/** The root program's stack config as the engine would hand it over: Pulumi.yaml defaults, the example stack, overrides. */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

const root = path.join(__dirname, "..", "..");

/** Sets all config for the root program: defaults, then Pulumi.example.yaml, then `overrides` (keys without namespace). */
export function useExampleConfig(overrides: Record<string, unknown> = {}): void {
    const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
    const stack = parse(fs.readFileSync(path.join(root, "Pulumi.example.yaml"), "utf8"));
    const config: Record<string, string> = {};
    const set = (key: string, value: unknown) =>
        (config[key] = typeof value === "string" ? value : JSON.stringify(value));
    for (const [key, spec] of Object.entries<{ default?: unknown }>(project.config))
        if (spec.default !== undefined) set(`aws-https-domain:${key}`, spec.default);
    for (const [key, value] of Object.entries(stack.config)) set(key, value);
    for (const [key, value] of Object.entries(overrides)) set(`aws-https-domain:${key}`, value);
    pulumi.runtime.setAllConfig(config);
}
