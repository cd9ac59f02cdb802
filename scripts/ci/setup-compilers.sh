#!/usr/bin/env bash
# Installs the compilers the binary tests build their ELF files with: gcc (glibc, dynamic
# and static) and musl-gcc (Debian's musl-tools). Idempotent: does nothing when both exist.
set -euo pipefail

# gcc -static also needs glibc's libc.a (libc6-dev); gcc prints a bare name when it lacks it.
if command -v gcc >/dev/null 2>&1 && command -v musl-gcc >/dev/null 2>&1 && [ -f "$(gcc -print-file-name=libc.a)" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-compilers: gcc/musl-gcc are missing and installing them needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends gcc libc6-dev musl-tools >/dev/null
command -v gcc >/dev/null
command -v musl-gcc >/dev/null
