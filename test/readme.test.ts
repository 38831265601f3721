import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * Every TypeScript example in the README is a complete program a reader can
 * paste into a file: it type-checks on its own against the package's public
 * API ("aws-https-domain" and "aws-https-domain/policy" are mapped to their sources, so no build is
 * needed), with the repository's compiler settings.
 */
describe("README TypeScript examples", () => {
    const root = path.join(__dirname, "..");
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

    /** ```ts blocks with the README line of their first code line. */
    function tsBlocks(text: string): { line: number; code: string }[] {
        const blocks: { line: number; code: string }[] = [];
        const lines = text.split("\n");
        for (let i = 0; i < lines.length; i++) {
            const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]);
            if (!open) continue;
            const indent = open[1];
            let end = i + 1;
            while (end < lines.length && !new RegExp(`^${indent}\`\`\`\\s*$`).test(lines[end])) end++;
            if (open[2] === "ts" || open[2] === "typescript") {
                blocks.push({
                    line: i + 2,
                    code: lines
                        .slice(i + 1, end)
                        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
                        .join("\n"),
                });
            }
            i = end;
        }
        return blocks;
    }

    const blocks = tsBlocks(readme);

    it("has examples to check", () => {
        expect(blocks.length).toBeGreaterThanOrEqual(9);
    });

    it("links only to headings that exist", () => {
        // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens (outside code blocks).
        const prose = readme.replace(/^```[\s\S]*?^```/gm, "");
        const anchors = new Set(
            [...prose.matchAll(/^#+ (.+)$/gm)].map((m) =>
                m[1]
                    .toLowerCase()
                    .replace(/[^\p{L}\p{N} _-]/gu, "")
                    .replace(/ /g, "-"),
            ),
        );
        const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
        expect(links.length).toBeGreaterThan(20);
        expect(links.filter((link) => !anchors.has(link))).toEqual([]);
    });

    it("declares every value it uses (no ambient `declare` stand-ins)", () => {
        const ambient = blocks.filter((b) => /^\s*declare\s/m.test(b.code)).map((b) => `README.md:${b.line}`);
        expect(ambient).toEqual([]);
    });

    it("type-checks every example on its own against the public API", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-https-domain-readme-"));
        try {
            // The examples import the peers by their package names: resolve them from this repository's install.
            fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
            const files = blocks.map((block) => {
                const file = path.join(dir, `readme-${block.line}.ts`);
                // Each block is its own module, so names never clash between blocks.
                fs.writeFileSync(file, `${block.code}\nexport {};\n`);
                return { ...block, file };
            });

            const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
            const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
            const options: ts.CompilerOptions = {
                ...parsed.options,
                types: ["node"],
                typeRoots: [path.join(root, "node_modules/@types")],
                paths: {
                    "aws-https-domain": [path.join(root, "components/index.ts")],
                    "aws-https-domain/policy": [path.join(root, "components/policy/index.ts")],
                },
                noEmit: true,
                declaration: false,
                sourceMap: false,
            };
            const program = ts.createProgram(
                files.map((f) => f.file),
                options,
            );

            const failures: string[] = [];
            const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
            if (global.length) failures.push(ts.flattenDiagnosticMessageText(global[0].messageText, "\n"));
            for (const block of files) {
                const source = program.getSourceFile(block.file)!;
                const diagnostics = [
                    ...program.getSyntacticDiagnostics(source),
                    ...program.getSemanticDiagnostics(source),
                ];
                if (!diagnostics.length) continue;
                const lines = diagnostics.map((d) => {
                    const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
                    return `  README.md:${block.line + at}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n    ")}`;
                });
                failures.push(`example at README.md:${block.line}:\n${lines.join("\n")}`);
            }
            expect(failures.join("\n\n")).toBe("");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }, 60000);
});
