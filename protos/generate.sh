#!/usr/bin/env bash
# Generates the TypeScript types of protos/**/*.proto into protos/generated (committed).
# `protos/generate.sh --check` regenerates into a temporary folder and fails if the committed types differ.
# The flags must match the loader options in adapters/grpc/grpc-server.ts.
set -euo pipefail
cd "$(dirname "$0")"
out=generated
if [[ "${1:-}" == "--check" ]]; then out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
../node_modules/.bin/proto-loader-gen-types --keepCase --longs=String --enums=String --defaults --oneofs \
  --grpcLib=@grpc/grpc-js --importFileExtension=.js -I . -O "$out" liquidity/v1/positions.proto liquidity/v1/transfers.proto liquidity/v1/channels.proto
if [[ "${1:-}" == "--check" ]] && ! diff -r "$out" generated > /dev/null; then
  echo "protos/generated is stale: run npm run protos and commit the result" >&2
  exit 1
fi
