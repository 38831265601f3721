/**
 * Loads a Pulumi policy pack directory (`PulumiPolicy.yaml`, `package.json`,
 * its program) without starting the gRPC server the Pulumi CLI talks to.
 *
 * `new PolicyPack(name, args)` in `@pulumi/policy` reads `${cwd}/package.json`
 * for the version and then calls `serve()` from its `server` module, which
 * binds a gRPC server on 127.0.0.1 and prints the port for the engine
 * (pulumi/pulumi-policy sdk/nodejs/policy/policy.ts and server.ts). Here the
 * pack's own copy of that module has `serve` replaced, for the time the
 * program loads, by a function that records the pack's name, version,
 * enforcement level, policies and initial config: the runner then evaluates
 * exactly the policy objects the pack built, and nothing listens on a port.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type PolicyPackArgs } from "@pulumi/policy";

/** The parts of `@pulumi/policy` the evaluation uses, from the pack's own copy. */
export interface PolicySdk {
    unknownCheckingProxy<T>(value: T): T;
    UnknownValueError: new (...args: any[]) => Error;
}

/** A policy pack as its program declared it. */
export interface LoadedPack {
    dir: string;
    name: string;
    version: string;
    enforcementLevel: string;
    args: PolicyPackArgs;
    /** Config given to `new PolicyPack(name, args, initialConfig)`. */
    initialConfig?: Record<string, unknown>;
    sdk: PolicySdk;
}

/** A pack directory that cannot be loaded (exit code 2). */
export class PolicyPackError extends Error {}

let tsRegistered = false;

/**
 * Lets `require` load a TypeScript pack in this process (the preview's program runs in a child process, the pack
 * here): tsx's CommonJS hook, from the pack's own tsx when it has one. Registered once, only for a `.ts` pack.
 */
function loadTypeScript(dir: string): void {
    if (tsRegistered || require.extensions[".ts"]) return;
    let api: string;
    try {
        api = require.resolve("tsx/cjs/api", { paths: [dir] });
    } catch {
        try {
            api = require.resolve("tsx/cjs/api");
        } catch {
            throw new PolicyPackError(
                `the policy pack in ${dir} is TypeScript and needs the 'tsx' package: npm install --save-dev tsx`,
            );
        }
    }
    (require(api) as { register(): () => void }).register();
    tsRegistered = true;
}

/** Policy pack names the engine accepts (`packNameRE` in @pulumi/policy server.ts). */
const PACK_NAME = /^[a-zA-Z0-9-_.]{1,100}$/;

function programOf(dir: string): string {
    const pkgFile = path.join(dir, "package.json");
    if (!fs.existsSync(pkgFile))
        throw new PolicyPackError(`${dir} has no package.json (the pack's version is read from it)`);
    const main = (JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { main?: string }).main;
    const candidates = main
        ? [main, `${main}.ts`, `${main}.js`, path.join(main, "index.ts")]
        : ["index.ts", "index.js"];
    const found = candidates.map((c) => path.resolve(dir, c)).find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    if (!found) throw new PolicyPackError(`${dir} has no program: tried ${candidates.join(", ")}`);
    return found;
}

function policySdkDir(dir: string): string {
    try {
        return path.dirname(require.resolve("@pulumi/policy", { paths: [dir] }));
    } catch {
        try {
            return path.dirname(require.resolve("@pulumi/policy"));
        } catch {
            throw new PolicyPackError(
                `the policy pack in ${dir} needs the '@pulumi/policy' package: run npm install in the pack directory`,
            );
        }
    }
}

/** Loads the pack in `dir` (relative to the current directory) and returns what its program declared. */
export function loadPolicyPack(dir: string): LoadedPack {
    const abs = path.resolve(dir);
    const yamlFile = path.join(abs, "PulumiPolicy.yaml");
    if (!fs.existsSync(yamlFile)) throw new PolicyPackError(`${dir} is not a policy pack: it has no PulumiPolicy.yaml`);
    const yaml = require("yaml") as { parse(text: string): unknown };
    const settings = (yaml.parse(fs.readFileSync(yamlFile, "utf8")) ?? {}) as { runtime?: unknown };
    const runtime =
        typeof settings.runtime === "object" ? (settings.runtime as { name?: unknown }).name : settings.runtime;
    if (runtime !== "nodejs") {
        throw new PolicyPackError(
            `${dir}: runtime '${String(runtime)}' cannot run offline; only nodejs policy packs can`,
        );
    }
    const program = programOf(abs);
    const sdkDir = policySdkDir(abs);
    const server = require(path.join(sdkDir, "server")) as { serve: (...args: unknown[]) => void };
    const sdk = require(sdkDir) as PolicySdk;
    const declared: Omit<LoadedPack, "dir" | "sdk">[] = [];
    const serve = server.serve;
    server.serve = (name, version, enforcementLevel, args, initialConfig) => {
        declared.push({
            name: String(name),
            version: String(version),
            enforcementLevel: String(enforcementLevel),
            args: args as PolicyPackArgs,
            initialConfig: initialConfig as Record<string, unknown> | undefined,
        });
    };
    const cwd = process.cwd();
    try {
        process.chdir(abs);
        if (/\.[cm]?tsx?$/.test(program)) loadTypeScript(abs);
        require(program);
    } catch (err) {
        throw new PolicyPackError(`the policy pack in ${dir} failed to load: ${(err as Error).message}`);
    } finally {
        process.chdir(cwd);
        server.serve = serve;
    }
    if (declared.length !== 1) {
        throw new PolicyPackError(
            `the policy pack in ${dir} created ${declared.length} PolicyPacks; it must create exactly one`,
        );
    }
    const pack = declared[0];
    if (!PACK_NAME.test(pack.name))
        throw new PolicyPackError(`policy pack name '${pack.name}' may only hold letters, digits, '-', '_' and '.'`);
    for (const policy of pack.args.policies ?? []) {
        if (policy.name === "all") throw new PolicyPackError(`policy name 'all' is reserved (in ${dir})`);
        if (policy.configSchema?.properties?.enforcementLevel)
            throw new PolicyPackError(`policy '${policy.name}': enforcementLevel cannot be a config property`);
    }
    return { ...pack, dir, sdk };
}
