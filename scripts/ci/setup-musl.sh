#!/usr/bin/env bash
# Installs Debian's musl toolchain (`musl-tools`: musl-gcc), for tests that build real
# musl-linked programs. Idempotent: does nothing when musl-gcc is already there.
set -euo pipefail

if command -v musl-gcc >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-musl: musl-gcc is missing and installing musl-tools needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends musl-tools >/dev/null
command -v musl-gcc >/dev/null
