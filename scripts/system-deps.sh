#!/usr/bin/env bash
# What the integration and browser tests need beyond Python: PostgreSQL (schemas are applied
# for real), Go with Debian's gRPC/Gin/protobuf (services are built for real), protoc and its
# Go plugins, Chromium (the report and Mermaid are checked in a real browser), and the npm
# packages of the Mermaid and AsyncAPI checks. Safe to run again: it installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

packages=(postgresql golang-go golang-google-grpc-dev golang-github-gin-gonic-gin-dev
          golang-goprotobuf-dev protobuf-compiler protoc-gen-go-grpc chromium)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"  # with recommends: fonts for Chromium
fi
for dir in tests/browser tests/integration/asyncapi; do
  if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
