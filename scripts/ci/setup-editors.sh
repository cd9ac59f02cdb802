#!/usr/bin/env bash
# Installs the real editors the language server's end-to-end tests drive: Neovim (headless
# Lua) and Emacs with eglot (batch). Idempotent: does nothing when both are already there.
set -euo pipefail

if command -v nvim >/dev/null 2>&1 && command -v emacs >/dev/null 2>&1 && [ -d /usr/share/emacs/site-lisp/elpa-src ] &&
  ls /usr/share/emacs/site-lisp/elpa-src | grep -q '^eglot-'; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-editors: neovim/emacs are missing and installing them needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends neovim emacs-nox elpa-eglot >/dev/null
command -v nvim >/dev/null
command -v emacs >/dev/null
