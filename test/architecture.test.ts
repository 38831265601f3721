/**
 * The import rules of the tree (CONTRIBUTING.md, "Rooms"):
 * - the library (components/ outside cli/) never imports the tools (components/cli/);
 * - components/internal/ never imports a component class (only args, defaults and types files);
 * - no import cycles inside components/;
 * - `import "aws-https-domain"` (components/index.ts) reaches no tool code and no CLI-only package;
 * - the policies (components/policy/, `aws-https-domain/policy`) are a room of their own: the library never
 *   imports them, the barrel reaches neither them nor `@pulumi/policy` (an optional peer), and they import
 *   neither tool code nor a component class;
 * - the library never imports `@pulumi/pulumi/provider`: as a Pulumi plugin, the host (`@pulumi/pulumi`'s
 *   cmd/run-plugin) requires the barrel and serves what it exports; importing the package starts no server;
 * - component classes hold no private or protected fields: Pulumi's schema analyzer publishes every field of a
 *   component class as an output, for every language (`@pulumi/pulumi` provider/experimental/analyzer.ts,
 *   `analyzeComponent` reads all the class symbol's members).
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
const COMPONENTS = path.join(ROOT, "components");
const CLI_ONLY_PACKAGES = ["tsx", "yaml", "esbuild"];

function walk(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
            e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
        );
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const files = walk(COMPONENTS);

/** Relative imports (resolved to files) and package imports of one file, `import type` included. */
function importsOf(file: string): { local: string[]; packages: string[] } {
    const text = fs.readFileSync(file, "utf8");
    const specs = [
        ...text.matchAll(
            /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)/g,
        ),
    ].map((m) => m[1] ?? m[2] ?? m[3]);
    const local: string[] = [];
    const packages: string[] = [];
    for (const spec of specs) {
        if (!spec.startsWith(".")) {
            packages.push(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
            continue;
        }
        // A JSON data file (the preview's plan schema) is data, not code: no imports of its own.
        if (spec.endsWith(".json") && fs.existsSync(path.resolve(path.dirname(file), spec))) continue;
        const base = path.resolve(path.dirname(file), spec);
        const found = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
        if (!found) throw new Error(`${rel(file)} imports '${spec}', which resolves to no file`);
        local.push(found);
    }
    return { local, packages };
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));
const isTool = (f: string) => rel(f).startsWith("components/cli/");
const isInternal = (f: string) => rel(f).startsWith("components/internal/");
const isPolicy = (f: string) => rel(f).startsWith("components/policy/");
const isLibrary = (f: string) => !isTool(f) && !isPolicy(f);
const isComponentClass = (f: string) => /extends pulumi\.ComponentResource\b/.test(fs.readFileSync(f, "utf8"));

describe("import rules", () => {
    it("finds the library and the tools", () => {
        expect(files.filter(isTool).length).toBeGreaterThan(10);
        expect(files.filter((f) => !isTool(f)).length).toBeGreaterThan(20);
        expect(files.filter(isPolicy).length).toBeGreaterThan(5);
    });

    it("the library never imports the policies", () => {
        const bad = files.filter(isLibrary).flatMap((f) =>
            graph
                .get(f)!
                .local.filter(isPolicy)
                .map((t) => `${rel(f)} → ${rel(t)}`),
        );
        expect(bad).toEqual([]);
    });

    it("the policies import neither tool code nor a component class", () => {
        const bad = files.filter(isPolicy).flatMap((f) =>
            graph
                .get(f)!
                .local.filter((t) => isTool(t) || isComponentClass(t))
                .map((t) => `${rel(f)} → ${rel(t)}`),
        );
        expect(bad).toEqual([]);
    });

    it("the library never imports tool code", () => {
        const bad = files
            .filter((f) => !isTool(f))
            .flatMap((f) =>
                graph
                    .get(f)!
                    .local.filter(isTool)
                    .map((t) => `${rel(f)} → ${rel(t)}`),
            );
        expect(bad).toEqual([]);
    });

    it("internal/ never imports a component class", () => {
        const bad = files.filter(isInternal).flatMap((f) =>
            graph
                .get(f)!
                .local.filter((t) => !isInternal(t) && isComponentClass(t))
                .map((t) => `${rel(f)} → ${rel(t)}`),
        );
        expect(bad).toEqual([]);
    });

    it("has no import cycles", () => {
        const cycles: string[] = [];
        const state = new Map<string, "open" | "done">();
        const visit = (f: string, trail: string[]) => {
            if (state.get(f) === "done") return;
            if (state.get(f) === "open") {
                cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(" → "));
                return;
            }
            state.set(f, "open");
            for (const t of graph.get(f)!.local) visit(t, [...trail, f]);
            state.set(f, "done");
        };
        for (const f of files) visit(f, []);
        expect(cycles).toEqual([]);
    });

    it("the package entry point reaches no tool code, no policy code and no CLI-only package or @pulumi/policy", () => {
        const reached = new Set<string>();
        const stack = [path.join(COMPONENTS, "index.ts")];
        while (stack.length > 0) {
            const f = stack.pop()!;
            if (reached.has(f)) continue;
            reached.add(f);
            stack.push(...graph.get(f)!.local);
        }
        expect([...reached].filter(isTool).map(rel)).toEqual([]);
        expect([...reached].filter(isPolicy).map(rel)).toEqual([]);
        expect(
            [...reached].flatMap((f) =>
                graph
                    .get(f)!
                    .packages.filter((p) => [...CLI_ONLY_PACKAGES, "@pulumi/policy"].includes(p))
                    .map((p) => `${rel(f)} → ${p}`),
            ),
        ).toEqual([]);
    });

    it("component classes hold no private or protected fields (the schema would publish them as outputs)", () => {
        const bad = files
            .filter((f) => !isTool(f) && isComponentClass(f))
            .flatMap((f) =>
                [
                    ...fs
                        .readFileSync(f, "utf8")
                        .matchAll(/^\s*(?:private|protected)\s+(?:readonly\s+)?(\w+)\s*[?!]?\s*[:=]/gm),
                ].map((m) => `${rel(f)}: ${m[1]}`),
            );
        expect(files.filter((f) => !isTool(f) && isComponentClass(f)).length).toBeGreaterThanOrEqual(7);
        expect(bad).toEqual([]);
    });

    it("the library never imports the provider host (importing the package serves nothing)", () => {
        const bad = files
            .filter((f) => !isTool(f))
            .filter((f) => /["']@pulumi\/pulumi\/provider\b/.test(fs.readFileSync(f, "utf8")))
            .map(rel);
        expect(bad).toEqual([]);
    });
});
