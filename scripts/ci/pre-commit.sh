#!/usr/bin/env bash
# Installs pre-commit (Debian's package) for test/e2e/pre-commit.test.ts, which runs the
# repository's .pre-commit-hooks.yaml through it. Idempotent and quiet.
set -euo pipefail

if command -v pre-commit >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends pre-commit >/dev/null
command -v pre-commit >/dev/null
