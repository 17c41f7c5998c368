#!/usr/bin/env bash
# Runs every check and test on a fresh Debian machine: installs Debian's Chromium (browser tests) and the
# Node packages if they are missing, then `npm run verify` (Prettier, ESLint, svelte-check, unit + browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/lib/chromium/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

# onnxruntime-node's install script would download CUDA files; the CPU binaries ship in the npm package.
export ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip
if [ "${CI:-}" = "true" ] || [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

npm run verify
