#!/usr/bin/env bash
# Compatibility runs: the package against the ends of its peer ranges and on
# each Node major it claims in `engines`.
#
#   bash test/compat/run.sh            # every combination (npm run compat)
#   bash test/compat/run.sh --if-ci    # only when CI=true (what `npm test` calls)
#   bash test/compat/run.sh low-node20 # only the named combinations
#
# For each combination it makes a scratch directory outside the repository,
# copies the tracked files there, pins @pulumi/pulumi, @pulumi/aws,
# @pulumi/tls and @pulumiverse/acme in its package.json, installs with npm
# (no lockfile: the versions asked for, as a consumer gets them), and runs
# with that combination's Node:
#   1. tsc on the library (tsconfig.build.json, no emit): the public types
#      compile against these SDK versions;
#   2. the offline preview of the example stack (`preview --stack example`,
#      lookups answered offline) and of the site fixture (a lookup with no
#      offline answer, an undecryptable secret);
#   3. mock-based jest suites: CustomDomain, HttpsLoadBalancer, the root
#      program, the preview CLI/secret/PEM suites, and the verify and
#      check-cert suites that meet OpenSSL (3.0 in Node 20, 3.5 in 22 and 24).
# Node 22 and 24 come from the npm registry's `node` package, installed into
# a scratch directory. Nothing is cached outside the scratch directories,
# which are removed at the end (set COMPAT_KEEP=1 to keep them).
# Prints one summary row per combination (versions, node, result, seconds)
# and exits 1 when any combination failed.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"

if [[ "${1:-}" == "--if-ci" ]]; then
    if [[ "${CI:-}" != "true" ]]; then
        echo "compat: skipped (runs when CI=true; run all now with: npm run compat)"
        exit 0
    fi
    shift
fi

# label  node-major  @pulumi/pulumi  @pulumi/aws  @pulumi/tls  @pulumiverse/acme
# low:  the lowest versions the peer ranges allow that the registry has.
# n20:  what npm installs on Node 20 (the newest SDK before it declared node>=22).
# high: the newest versions (the lockfile's).
MATRIX=(
    "low-node20   20 3.212.0 7.2.0  5.0.1 0.16.2"
    "n20-node20   20 3.248.0 7.48.0 5.6.1 0.16.2"
    "high-node20  20 3.276.0 7.48.0 5.6.1 0.16.2"
    "low-node22   22 3.212.0 7.2.0  5.0.1 0.16.2"
    "high-node22  22 3.276.0 7.48.0 5.6.1 0.16.2"
    "high-node24  24 3.276.0 7.48.0 5.6.1 0.16.2"
)
SUITES=(
    test/customDomain.test.ts
    test/httpsLoadBalancer.test.ts
    test/program.test.ts
    test/preview.cli.test.ts
    test/preview.secrets.test.ts
    test/preview.pem.test.ts
    # OpenSSL differs by Node major (3.0 in Node 20, 3.5 in 22 and 24): its error codes reach verify's verdicts.
    test/verifyServers.test.ts
    test/verifyWrongPasses.test.ts
    test/verifyClientCert.test.ts
    test/checkCert.path.test.ts
    test/checkCert.test.ts
)
STEP_TIMEOUT="${COMPAT_STEP_TIMEOUT:-900}" # seconds; every step is bounded

WORK="$(mktemp -d "${TMPDIR:-/tmp}/aws-https-domain-compat.XXXXXX")"
cleanup() { [[ "${COMPAT_KEEP:-}" == "1" ]] && echo "compat: kept $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT

log() { echo "compat: $*"; }

# Sets NODE to the Node binary of one major: the one running this script when it matches, else the
# registry's `node` package, installed once per run under $WORK.
declare -A NODE_BIN
use_node() {
    local major="$1"
    if [[ -z "${NODE_BIN[$major]:-}" ]]; then
        if [[ "$(node -p 'process.versions.node.split(".")[0]')" == "$major" ]]; then
            NODE_BIN[$major]="$(command -v node)"
        else
            local dir="$WORK/node$major"
            mkdir -p "$dir"
            log "installing node@$major into $dir"
            if ! (cd "$dir" && echo '{"private":true}' >package.json &&
                timeout "$STEP_TIMEOUT" npm install --no-audit --no-fund --loglevel=error "node@$major" >install.log 2>&1 &&
                test -x node_modules/node/bin/node); then
                cat "$dir/install.log" >&2
                return 1
            fi
            NODE_BIN[$major]="$dir/node_modules/node/bin/node"
        fi
    fi
    NODE="${NODE_BIN[$major]}"
}

# Runs one combination in $WORK/<label>; its output goes to $WORK/<label>.log.
run_combo() {
    local label="$1" major="$2" pulumi="$3" aws="$4" tls="$5" acme="$6"
    local dir="$WORK/$label" bindir
    use_node "$major" || { echo "compat: cannot install node@$major" >&2; return 1; }
    bindir="$(dirname "$NODE")"
    mkdir -p "$dir"
    # The tracked files (a fresh clone has nothing else); without git, the working tree minus installs.
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$dir"
    else
        (cd "$ROOT" && tar --exclude=./node_modules --exclude=./dist -cf - .) | tar -xf - -C "$dir"
    fi
    rm -f "$dir/package-lock.json"
    PIN_PULUMI="$pulumi" PIN_AWS="$aws" PIN_TLS="$tls" PIN_ACME="$acme" node -e '
        const fs = require("fs");
        const file = process.argv[1];
        const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
        const pins = { "@pulumi/pulumi": process.env.PIN_PULUMI, "@pulumi/aws": process.env.PIN_AWS, "@pulumi/tls": process.env.PIN_TLS, "@pulumiverse/acme": process.env.PIN_ACME };
        Object.assign(pkg.devDependencies, pins);
        // npm would also pin these for the providers own copies; overrides keep one SDK in the tree.
        pkg.overrides = { "@pulumi/pulumi": process.env.PIN_PULUMI };
        fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
    ' "$dir/package.json"
    (
        # `set -e` does not apply here: run_combo is called as an `if` condition, which turns it off in the
        # subshell too, so every step ends with `|| exit 1`.
        cd "$dir" || exit 1
        export PATH="$bindir:$PATH" CI=true
        echo "== node $(node --version), npm $(npm --version)"
        echo "== npm install"
        timeout "$STEP_TIMEOUT" npm install --no-audit --no-fund --loglevel=error || exit 1
        local got
        got="$(node -p 'const v = (p) => require(p + "/package.json").version; ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/tls", "@pulumiverse/acme"].map(v).map((s) => s.replace(/^v/, "")).join(" ")')"
        echo "== installed: $got"
        [[ "$got" == "$pulumi $aws $tls $acme" ]] || { echo "installed versions differ from the pins"; exit 1; }
        echo "== tsc -p tsconfig.build.json --noEmit"
        timeout "$STEP_TIMEOUT" node node_modules/typescript/bin/tsc -p tsconfig.build.json --noEmit || exit 1
        echo "== preview --stack example"
        timeout "$STEP_TIMEOUT" node --require tsx/cjs components/cli/main.ts preview --stack example >preview-example.txt || exit 1
        grep -q "^Plan: .* resources to create" preview-example.txt || exit 1
        grep -q "aws:route53:getZone(name=example.com" preview-example.txt || exit 1
        echo "== preview --program test/fixtures/preview/site --stack dev"
        timeout "$STEP_TIMEOUT" node --require tsx/cjs components/cli/main.ts preview --program test/fixtures/preview/site --stack dev >preview-site.txt || exit 1
        grep -q "  zones: (known after deploy)" preview-site.txt || exit 1
        echo "== jest ${SUITES[*]}"
        timeout "$STEP_TIMEOUT" node node_modules/jest/bin/jest.js --ci "${SUITES[@]}" || exit 1
    ) >"$WORK/$label.log" 2>&1
}

selected=("$@")
rows=()
failed=0
total_start=$SECONDS
for entry in "${MATRIX[@]}"; do
    read -r label major pulumi aws tls acme <<<"$entry"
    if [[ ${#selected[@]} -gt 0 && ! " ${selected[*]} " == *" $label "* ]]; then continue; fi
    log "$label: node $major, @pulumi/pulumi $pulumi, @pulumi/aws $aws, @pulumi/tls $tls, @pulumiverse/acme $acme"
    start=$SECONDS
    if run_combo "$label" "$major" "$pulumi" "$aws" "$tls" "$acme"; then
        result=pass
    else
        result=FAIL
        failed=1
        echo "---- $label: last lines of its log" >&2
        tail -n 60 "$WORK/$label.log" >&2
    fi
    node_version="$([[ -n "${NODE_BIN[$major]:-}" ]] && "${NODE_BIN[$major]}" --version || echo "?")"
    tests="$(grep -Eo '^Tests: .*' "$WORK/$label.log" | tail -n 1 | sed 's/^Tests: *//')"
    rows+=("$(printf '%-12s %-9s %-15s %-12s %-12s %-18s %-5s %7s  %s' "$label" "$node_version" "$pulumi" "$aws" "$tls" "$acme" "$result" "$((SECONDS - start))" "${tests:--}")")
    log "$label: $result in $((SECONDS - start)) s"
done

if [[ ${#rows[@]} -eq 0 ]]; then
    log "no combination matches: ${selected[*]}"
    exit 2
fi
echo
echo "Compatibility runs (tsc, offline preview, ${#SUITES[@]} jest suites per combination):"
printf '%-12s %-9s %-15s %-12s %-12s %-18s %-5s %7s  %s\n' combination node @pulumi/pulumi @pulumi/aws @pulumi/tls @pulumiverse/acme result seconds "jest tests"
for row in "${rows[@]}"; do echo "$row"; done
echo "total: $((SECONDS - total_start)) s"
pass=$(printf '%s\n' "${rows[@]}" | grep -c ' pass ')
echo "compat: $pass passed, $((${#rows[@]} - pass)) failed"
exit "$failed"
