/**
 * The offline runner's pack loading and evaluation rules, in process: which
 * pack directories it refuses and why, that `serve()` is put back after a
 * load, and that levels, config and outcomes follow the engine
 * (@pulumi/policy server.ts; pulumi/pulumi pkg/resource/analyzer/config.go).
 */
import * as path from "node:path";
import { evaluatePack, reconcileConfig } from "../components/cli/policy/evaluate";
import { loadPolicyPack, PolicyPackError } from "../components/cli/policy/loadPack";
import { planned } from "./helpers/policy";

const PACKS = path.join("test", "fixtures", "policy", "packs");
const server = require("@pulumi/policy/server") as { serve: unknown };

describe("loadPolicyPack refuses what the engine would not run", () => {
    it.each([
        [
            "python",
            "test/fixtures/policy/packs/python: runtime 'python' cannot run offline; only nodejs policy packs can",
        ],
        ["no-package", `${path.resolve(PACKS, "no-package")} has no package.json (the pack's version is read from it)`],
        [
            "two-packs",
            "the policy pack in test/fixtures/policy/packs/two-packs created 2 PolicyPacks; it must create exactly one",
        ],
        ["reserved-name", "policy name 'all' is reserved (in test/fixtures/policy/packs/reserved-name)"],
    ])("%s", (dir, message) => {
        const serve = server.serve;
        expect(() => loadPolicyPack(path.join(PACKS, dir))).toThrow(new PolicyPackError(message));
        expect(server.serve).toBe(serve);
    });
});

describe("a loaded pack is evaluated as the engine evaluates it", () => {
    const pack = loadPolicyPack(path.join(PACKS, "remediate"));
    const resources = [planned("aws:s3/bucket:Bucket", "b", {})];

    it("captures name, version (package.json), level and initial config without serving", () => {
        expect([pack.name, pack.version, pack.enforcementLevel, pack.initialConfig]).toEqual([
            "levels",
            "1.0.0",
            "advisory",
            { configured: { b: "initial" } },
        ]);
    });

    it("remediate reports as mandatory, disabled and not-applicable report nothing, a throw is a failure", async () => {
        const { violations, failures } = await evaluatePack(pack, resources);
        expect(violations.map((v) => [v.policyName, v.enforcementLevel, v.message])).toEqual([
            ["remediated", "mandatory", "first b"],
            ["remediated", "mandatory", "second b"],
            ["configured", "advisory", '{"a":"schema","b":"initial"}'],
        ]);
        expect(failures).toEqual([{ policyName: "broken", urn: undefined, message: "policy bug" }]);
    });

    it("config: schema defaults, then initial config, then the file; `all` sets every level a policy's own entry does not", async () => {
        const config = reconcileConfig(pack, { all: "mandatory", configured: { a: "file" }, off: "advisory" });
        expect(Object.fromEntries([...config].map(([name, c]) => [name, c.level]))).toEqual({
            remediated: "mandatory",
            off: "advisory",
            skipped: "mandatory",
            broken: "mandatory",
            configured: "mandatory",
        });
        expect(config.get("configured")?.props).toEqual({ a: "file", b: "initial" });
        const { violations } = await evaluatePack(pack, resources, { off: "advisory" });
        expect(violations.filter((v) => v.policyName === "off").map((v) => v.message)).toEqual(["never"]);
    });

    it("refuses an enforcement level the engine does not know", () => {
        expect(() => reconcileConfig(pack, { configured: "strict" })).toThrow(
            new PolicyPackError(
                "policy config 'configured': enforcementLevel 'strict' is not one of advisory, mandatory, remediate, disabled",
            ),
        );
    });
});
