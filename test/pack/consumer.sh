#!/usr/bin/env bash
# Pack-and-install check: what someone who runs `npm install aws-https-domain` gets.
#
#   bash test/pack/consumer.sh                 # packs the repository (npm pack builds it first)
#   bash test/pack/consumer.sh TARBALL.tgz     # checks a tarball already packed (what .ci/run does)
#
# In a scratch project outside the repository it installs the tarball and the
# required peers (@pulumi/pulumi, @pulumi/aws, @pulumi/tls, @pulumiverse/acme,
# newest in their ranges, as a consumer gets them; typescript and @types/node
# as dev dependencies) and checks:
#   1. the tarball: the compiled barrel, its types and the CLI, LICENSE and
#      CHANGELOG.md; no tests, no TypeScript sources, no source maps;
#   2. `npm ls --omit=dev --all`: no tsx, yaml or esbuild (the CLI-only
#      packages are optional peers, never installed for a library consumer);
#   3. `require("aws-https-domain")` works, constructs nothing, and loads no
#      CLI code and no CLI-only package;
#   4. a TypeScript consumer compiles with tsc against the installed types,
#      under both moduleResolution node10 (`types`) and node16 (`exports`);
#   5. `npx aws-https-domain --help` and `--version` (the package's version);
#   6. `preview` without yaml, then without tsx: exit 2 and a message naming
#      the package and its install command, no stack trace;
#   7. after that install command, `preview` runs the consumer program;
#   8. `aws-https-domain/policy`: without `@pulumi/policy` (an optional peer)
#      it is not installed; with it, require and tsc (node10 and node16) work,
#      and the ready-to-use pack (components/policy/pack, copied as a user
#      does) runs offline over the consumer program with `--policy-pack`.
# Every step runs under a timeout (PACK_STEP_TIMEOUT, seconds). The scratch
# directory is removed at the end (PACK_KEEP=1 keeps it).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STEP_TIMEOUT="${PACK_STEP_TIMEOUT:-600}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/aws-https-domain-pack.XXXXXX")"
cleanup() { [[ "${PACK_KEEP:-}" == "1" ]] && echo "pack: kept $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT

checked=()
ok() {
    checked+=("$1")
    echo "pack: ok: $1"
}
fail() {
    echo "pack: FAILED: $1" >&2
    [[ -n "${2:-}" && -f "$2" ]] && sed 's/^/pack:   | /' "$2" >&2
    exit 1
}
step() { timeout "$STEP_TIMEOUT" "$@"; }
quiet_npm() { step npm --no-audit --no-fund --loglevel=error "$@"; }

# --- 1. the tarball ---------------------------------------------------------
if [[ $# -ge 1 ]]; then
    tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
    (cd "$ROOT" && quiet_npm pack --pack-destination "$WORK" >"$WORK/pack.log" 2>&1) || fail "npm pack" "$WORK/pack.log"
    tarball="$(ls "$WORK"/aws-https-domain-*.tgz)"
fi
[[ -f "$tarball" ]] || fail "no tarball at $tarball"
version="$(node -p 'require(process.argv[1]).version' "$ROOT/package.json")"
echo "pack: checking $(basename "$tarball") (version $version), scratch $WORK"

tar -tzf "$tarball" | sort >"$WORK/contents.txt"
for want in package/package.json package/README.md package/LICENSE package/CHANGELOG.md \
    package/dist/components/index.js package/dist/components/index.d.ts package/dist/components/cli/main.js \
    package/dist/components/cli/preview/plan.schema.json; do
    grep -qx "$want" "$WORK/contents.txt" || fail "the tarball lacks ${want#package/}" "$WORK/contents.txt"
done
unwanted="$(grep -E '\.map$|^package/test/|^package/components/|^package/index\.ts$|\.ts$' "$WORK/contents.txt" | grep -v '\.d\.ts$' || true)"
[[ -z "$unwanted" ]] || fail "the tarball ships files it should not: $(echo "$unwanted" | head -5 | tr '\n' ' ')"
mkdir "$WORK/unpacked"
tar -xzf "$tarball" -C "$WORK/unpacked"
if grep -rlq "sourceMappingURL" "$WORK/unpacked/package/dist"; then fail "shipped .js files point at source maps"; fi
ok "tarball: $(wc -l <"$WORK/contents.txt") files; barrel, types, CLI, LICENSE, CHANGELOG.md; no tests, sources or maps"

# --- 2. install as a consumer -----------------------------------------------
app="$WORK/consumer"
mkdir "$app"
cd "$app"
TARBALL="$tarball" ROOT_PKG="$ROOT/package.json" node -e '
    const fs = require("fs");
    const root = JSON.parse(fs.readFileSync(process.env.ROOT_PKG, "utf8"));
    const optional = root.peerDependenciesMeta || {};
    const dependencies = { "aws-https-domain": "file:" + process.env.TARBALL };
    for (const [name, range] of Object.entries(root.peerDependencies)) if (!optional[name]?.optional) dependencies[name] = range;
    const devDependencies = { typescript: root.devDependencies.typescript, "@types/node": root.devDependencies["@types/node"] };
    fs.writeFileSync("package.json", JSON.stringify({ name: "consumer", version: "1.0.0", private: true, dependencies, devDependencies }, null, 2) + "\n");
'
quiet_npm install >"$WORK/install.log" 2>&1 || fail "npm install of the tarball and the peers" "$WORK/install.log"
echo "pack: npm ls --omit=dev"
step npm ls --omit=dev | sed 's/^/pack:   | /'
step npm ls --omit=dev --all --parseable >"$WORK/ls.txt" || fail "npm ls --omit=dev --all reports problems" "$WORK/ls.txt"
leaked="$(grep -E '/node_modules/(tsx|yaml|esbuild|@esbuild/[^/]+)$' "$WORK/ls.txt" || true)"
[[ -z "$leaked" ]] || fail "a library consumer installs CLI-only packages: $leaked"
for name in tsx yaml esbuild; do [[ ! -e "node_modules/$name" ]] || fail "node_modules/$name exists"; done
ok "npm ls --omit=dev --all: $(($(wc -l <"$WORK/ls.txt") - 1)) packages, none of tsx, yaml, esbuild"

# --- 3. require the library -------------------------------------------------
step node -e '
    const lib = require("aws-https-domain");
    for (const name of ["CustomDomain", "HttpsLoadBalancer", "AcmCertificate", "AcmeCertificate", "ImportedCertificate", "DnsRecords", "ListenerAttachment"]) {
        if (typeof lib[name] !== "function") throw new Error(`no ${name} export`);
    }
    const loaded = Object.keys(require.cache);
    const own = loaded.filter((f) => f.includes("/node_modules/aws-https-domain/"));
    const tools = own.filter((f) => /\/dist\/components\/cli\//.test(f));
    const cliOnly = loaded.filter((f) => /\/node_modules\/(tsx|yaml|esbuild)\//.test(f));
    if (tools.length || cliOnly.length) throw new Error(`the library loaded tool code: ${[...tools, ...cliOnly].join(", ")}`);
    console.log(`${Object.keys(lib).length} exports, ${own.length} of its modules loaded`);
' >"$WORK/require.txt" 2>&1 || fail "require(\"aws-https-domain\")" "$WORK/require.txt"
ok "require(\"aws-https-domain\"): $(cat "$WORK/require.txt"), no CLI code, no tsx/yaml"

# --- 4. a TypeScript consumer -----------------------------------------------
cat >index.ts <<'EOF'
import * as pulumi from "@pulumi/pulumi";
import { AcmKeyAlgorithm, CustomDomain, CustomDomainArgs, TargetArgs } from "aws-https-domain";

const target: TargetArgs = { port: 8080 };
const args: CustomDomainArgs = {
    hostname: "app.example.com",
    certificate: { acm: { keyAlgorithm: AcmKeyAlgorithm.EC_prime256v1 } },
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
    target,
};
const site = new CustomDomain("site", args);
export const url: pulumi.Output<string> = site.url;
export const certificateArn: pulumi.Output<string> = site.certificateArn;
EOF
for resolution in node10 node16; do
    module=commonjs
    [[ "$resolution" == "node16" ]] && module=node16
    step node node_modules/typescript/bin/tsc --noEmit --strict --skipLibCheck false --types node \
        --target ES2022 --module "$module" --moduleResolution "$resolution" index.ts >"$WORK/tsc-$resolution.txt" 2>&1 ||
        fail "tsc (moduleResolution $resolution) on a consumer file" "$WORK/tsc-$resolution.txt"
done
ok "tsc --strict on a TypeScript consumer against the installed types (moduleResolution node10 and node16)"

# --- 5. the command ---------------------------------------------------------
step npx --no-install aws-https-domain --help >"$WORK/help.txt" 2>&1 || fail "npx aws-https-domain --help" "$WORK/help.txt"
grep -q "^Usage: aws-https-domain <command>" "$WORK/help.txt" || fail "--help prints no usage" "$WORK/help.txt"
got="$(step npx --no-install aws-https-domain --version 2>&1)" || fail "npx aws-https-domain --version: $got"
[[ "$got" == "$version" ]] || fail "--version printed '$got', not '$version'"
ok "npx aws-https-domain --help, and --version prints $version"

# --- 6. preview names what it is missing ------------------------------------
printf 'name: consumer\nruntime: nodejs\nmain: index.ts\n' >Pulumi.yaml
: >Pulumi.dev.yaml
expect_missing() {
    local pkg="$1" code=0
    step npx --no-install aws-https-domain preview --stack dev >"$WORK/preview.out" 2>"$WORK/preview.err" || code=$?
    local want="aws-https-domain preview needs the '$pkg' package: npm install --save-dev $pkg"
    [[ "$code" == 2 ]] || fail "preview without $pkg exited $code, not 2" "$WORK/preview.err"
    [[ "$(cat "$WORK/preview.err")" == "$want" ]] || fail "preview without $pkg printed something else than: $want" "$WORK/preview.err"
}
expect_missing yaml
quiet_npm install --save-dev yaml >"$WORK/install-yaml.log" 2>&1 || fail "npm install --save-dev yaml" "$WORK/install-yaml.log"
expect_missing tsx
ok "preview without yaml, then without tsx: exit 2, names the package and 'npm install --save-dev <package>'"

# --- 7. preview with them ---------------------------------------------------
quiet_npm install --save-dev tsx >"$WORK/install-tsx.log" 2>&1 || fail "npm install --save-dev tsx" "$WORK/install-tsx.log"
step npx --no-install aws-https-domain preview --stack dev >"$WORK/preview.out" 2>"$WORK/preview.err" || fail "preview of the consumer program" "$WORK/preview.err"
grep -q "^Plan: .* resources to create" "$WORK/preview.out" || fail "preview printed no plan" "$WORK/preview.out"
ok "after npm install --save-dev tsx yaml, preview of the consumer program: $(grep '^Plan: ' "$WORK/preview.out")"

# --- 8. the policies ---------------------------------------------------------
[[ ! -e node_modules/@pulumi/policy ]] || fail "a library consumer installs @pulumi/policy (an optional peer)"
policy_range="$(node -p 'require(process.argv[1]).peerDependencies["@pulumi/policy"]' "$ROOT/package.json")"
quiet_npm install --save-dev "@pulumi/policy@$policy_range" >"$WORK/install-policy.log" 2>&1 ||
    fail "npm install --save-dev @pulumi/policy@$policy_range" "$WORK/install-policy.log"
step node -e '
    const { httpsPolicies } = require("aws-https-domain/policy");
    const names = httpsPolicies.map((p) => p.name);
    if (names.length < 9 || new Set(names).size !== names.length) throw new Error(`policies: ${names.join(", ")}`);
    console.log(`${names.length} policies`);
' >"$WORK/require-policy.txt" 2>&1 || fail "require(\"aws-https-domain/policy\")" "$WORK/require-policy.txt"
cat >policy-consumer.ts <<'EOF'
import { type Policies } from "@pulumi/policy";
import { httpsPolicies, tlsPolicyPolicy } from "aws-https-domain/policy";

export const policies: Policies = [...httpsPolicies, tlsPolicyPolicy];
EOF
# --skipLibCheck: @pulumi/policy's own index.d.ts re-exports names its proxy.d.ts does not declare (TS2305).
for resolution in node10 node16; do
    module=commonjs
    [[ "$resolution" == "node16" ]] && module=node16
    step node node_modules/typescript/bin/tsc --noEmit --strict --skipLibCheck --types node --target ES2022 \
        --module "$module" --moduleResolution "$resolution" policy-consumer.ts >"$WORK/tsc-policy-$resolution.txt" 2>&1 ||
        fail "tsc (moduleResolution $resolution) on a policy consumer" "$WORK/tsc-policy-$resolution.txt"
done
mkdir policy
cp "$ROOT/components/policy/pack/PulumiPolicy.yaml" "$ROOT/components/policy/pack/package.json" \
    "$ROOT/components/policy/pack/index.ts" policy/
code=0
step npx --no-install aws-https-domain preview --stack dev --policy-pack ./policy >"$WORK/policy.out" 2>"$WORK/policy.err" || code=$?
[[ "$code" == 0 ]] || fail "preview --policy-pack exited $code" "$WORK/policy.err"
grep -q "^Policy pack aws-https-domain@v.*(0 mandatory, " "$WORK/policy.out" || fail "preview --policy-pack printed no pack report" "$WORK/policy.out"
ok "aws-https-domain/policy: $(cat "$WORK/require-policy.txt"), tsc node10 and node16; the pack offline: $(grep '^Policy pack ' "$WORK/policy.out")"

echo "pack: all ${#checked[@]} checks passed"
