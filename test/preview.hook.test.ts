/**
 * How the preview's child process loads a TypeScript program (components/cli/preview/bootstrap.ts): the
 * `.ts`-only esbuild hook, with the tsconfig's `paths` read the way TypeScript reads them
 * (microsoft/TypeScript src/compiler/commandLineParser.ts: `extends` bases first, the file's own options over
 * them; `baseUrl` relative to the file that sets it; without it, `paths` relative to the file that sets them,
 * `pathsBasePath`), so that tsx's full hook, which also transforms every `.js` file of the SDKs, is needed only
 * for a tsconfig that cannot be read. The end-to-end run of such a program is in preview.robustness.test.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hookFor, parseJsonc, pathsOf } from "../components/cli/preview/bootstrap";

const FIXTURE = path.resolve("test/fixtures/programs/paths");

let dir: string;
beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-hook-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string): string {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return full;
}

describe("parseJsonc", () => {
    it.each([
        ["line comments", '{ // c\n "a": 1 }', { a: 1 }],
        ["block comments", '{ /* c */ "a": /* d */ 1 }', { a: 1 }],
        ["trailing commas", '{ "a": [1, 2,], "b": { "c": 3, }, }', { a: [1, 2], b: { c: 3 } }],
        [
            "comment markers inside strings",
            '{ "a": "x // y /* z */", "b": "q\\"//" }',
            { a: "x // y /* z */", b: 'q"//' },
        ],
        ["a comma inside a string before a brace", '{ "a": ",}" }', { a: ",}" }],
    ])("reads %s", (_name, text, expected) => {
        expect(parseJsonc(text)).toEqual(expected);
    });
});

describe("pathsOf", () => {
    it("reads the fixture's paths through extends, relative to the base file's baseUrl", () => {
        expect(pathsOf(path.join(FIXTURE, "tsconfig.json"))).toEqual({
            base: path.join(FIXTURE, "src"),
            patterns: {
                "@lib/*": ["missing/*", "lib/*"],
                "@lib/exact": ["lib/exact"],
                "@pulumi/pulumi": ["nowhere/pulumi"],
            },
        });
    });

    it("takes paths relative to the file that sets them when no baseUrl is set", () => {
        write("base/tsconfig.json", '{ "compilerOptions": { "paths": { "x": ["./x"] } } }');
        const file = write("tsconfig.json", '{ "extends": "./base/tsconfig.json" }');
        expect(pathsOf(file)).toEqual({ base: path.join(dir, "base"), patterns: { x: ["./x"] } });
    });

    it("lets the file's own paths and baseUrl override its bases, and the last of several bases win", () => {
        write("a.json", '{ "compilerOptions": { "baseUrl": "a", "paths": { "a": ["a"] } } }');
        write("b.json", '{ "compilerOptions": { "baseUrl": "b", "paths": { "b": ["b"] } } }');
        const both = write("both.json", '{ "extends": ["./a.json", "./b"] }');
        expect(pathsOf(both)).toEqual({ base: path.join(dir, "b"), patterns: { b: ["b"] } });
        const own = write("own.json", '{ "extends": "./a.json", "compilerOptions": { "paths": { "o": ["o"] } } }');
        expect(pathsOf(own)).toEqual({ base: path.join(dir, "a"), patterns: { o: ["o"] } });
    });

    it.each([
        ["maps nothing", '{ "compilerOptions": { "strict": true } }', undefined],
        ["is not JSON", '{ "compilerOptions": ', null],
        ["extends a file that does not exist", '{ "extends": "./nope.json" }', null],
        ["extends a package that is not installed", '{ "extends": "@no-such/tsconfig" }', null],
    ])("a tsconfig that %s", (_name, text, expected) => {
        expect(pathsOf(write("tsconfig.json", text))).toBe(expected);
    });
});

describe("hookFor", () => {
    it("gives a program with paths the .ts-only esbuild hook and the mapping, not tsx's full hook", () => {
        const hook = hookFor(FIXTURE, "index.ts", false, path.join(FIXTURE, "tsconfig.json"));
        expect(hook.tsxCjs).toBeUndefined();
        expect(hook.esbuild).toMatch(/esbuild/);
        expect(hook.paths?.base).toBe(path.join(FIXTURE, "src"));
    });

    it("falls back to tsx's full hook when the tsconfig cannot be read", () => {
        const file = write("tsconfig.json", '{ "compilerOptions": { "paths": ');
        const hook = hookFor(dir, "index.ts", false, file);
        expect(hook.tsxCjs).toMatch(/tsx[/\\]dist[/\\]cjs[/\\]api/);
        expect(hook.esbuild).toBeUndefined();
    });
});
