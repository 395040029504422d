#!/usr/bin/env bash
# Installs code-server (VS Code 1.100 as a server with its web workbench) into .cache/code-server,
# once, from the npm registry and Debian packages only: nothing downloads a binary of its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=4.100.3
DIR=.cache/code-server
CS="$DIR/node_modules/code-server"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  need=()
  for p in libkrb5-dev ripgrep chromium fonts-noto-core fonts-noto-mono fonts-dejavu-core; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
command -v rg >/dev/null || { echo "ripgrep (Debian package ripgrep) is required" >&2; exit 1; }
if [ -f "$DIR/.installed-$VERSION" ]; then
  echo "code-server $VERSION already in $DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{ "name": "code-server-cache", "private": true }' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION"
# argon2 is hoisted beside code-server; its binding is built from source here.
npm_config_build_from_source=true npm rebuild argon2
find node_modules -path '*argon2/lib/binding/*' -name '*.node' | grep -q . || { echo "argon2 did not build" >&2; exit 1; }
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts
npm_config_yes=true npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
ln -sf code-linux.sh bin/remote-cli/code-server 2>/dev/null || true
ln -sf ../helpers/browser-linux.sh bin/helpers/browser.sh 2>/dev/null || true
[ -e bin/remote-cli/code-server ] || ln -sf "$(pwd)/bin/remote-cli/code-linux.sh" bin/remote-cli/code-server
[ -e bin/helpers/browser.sh ] || ln -sf "$(pwd)/bin/helpers/browser-linux.sh" bin/helpers/browser.sh
(cd extensions && npm install --no-audit --no-fund --omit=dev)
cd ../../../..
touch ".installed-$VERSION"
echo "code-server $VERSION installed in $DIR"
