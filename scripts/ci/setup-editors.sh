#!/usr/bin/env bash
# Installs the real editors the language server's end-to-end tests (test/e2e/editors.test.ts)
# drive: Neovim (headless Lua), Emacs with dockerfile-mode and eglot or lsp-mode (batch), and Vim 9 with
# ALE (Debian's LSP-capable plugin). Idempotent: does nothing when all are already there.
set -euo pipefail

packages=(neovim emacs-nox elpa-eglot elpa-lsp-mode elpa-dockerfile-mode vim vim-ale)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-editors: ${missing[*]} missing, and installing them needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v nvim >/dev/null
command -v emacs >/dev/null
command -v vim >/dev/null
