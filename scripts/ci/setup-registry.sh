#!/usr/bin/env bash
# Installs Debian's distribution registry (`docker-registry`), which the registry tests
# start on loopback. Idempotent: does nothing when the binary is already there.
set -euo pipefail

if command -v docker-registry >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-registry: docker-registry is missing and installing it needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
command -v docker-registry >/dev/null
