#!/usr/bin/env bash
# CI setup for the VS Code end-to-end test (test/e2e/vscode.test.ts): Debian chromium to drive the UI,
# the headers code-server's native modules compile against, and code-server itself
# (real VS Code, from npm) in the git-ignored .cache/code-server. Idempotent; a no-op when
# everything is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

CODE_SERVER_VERSION=4.100.3 # the last release that runs on Node 20 (VS Code 1.100.3)
RIPGREP_CACHE_VERSION=1.15.11 # @vscode/ripgrep version code-server 4.100.3 pulls in
PREFIX=.cache/code-server

missing=()
for pkg in chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev python3 make g++ pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "apt: installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

installed=$(node -p "try { require('./$PREFIX/node_modules/code-server/package.json').version } catch { '' }")
if [ "$installed" = "$CODE_SERVER_VERSION" ]; then
  echo "code-server $CODE_SERVER_VERSION already in $PREFIX"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub, which CI cannot reach: seed its
# download cache with Debian's rg so the install finds the archive it wants.
export TMPDIR="${TMPDIR:-/tmp}"
seed="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
mkdir -p "$seed"
tar czf "$seed/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg

mkdir -p "$PREFIX"
# A package.json of its own keeps npm from treating the cache as part of the workspace.
echo '{ "name": "code-server-cache", "private": true }' >"$PREFIX/package.json"
echo "npm: installing code-server@$CODE_SERVER_VERSION into $PREFIX"
# JOBS=max lets node-gyp compile code-server's native modules on every core.
(cd "$PREFIX" && JOBS=max npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" >/dev/null)
echo "code-server $(node -p "require('./$PREFIX/node_modules/code-server/package.json').version") installed"
