#!/usr/bin/env bash
# Installs the Node packages on first use, then serves the app at http://localhost:5173/ (a bundled sample is one click away).
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip
[ -d node_modules ] || npm ci --no-audit --no-fund
exec npm run dev -- --host 127.0.0.1 "$@"
