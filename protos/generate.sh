#!/usr/bin/env bash
# Generates from protos/**/*.proto (both committed):
# - the TypeScript types, into protos/generated (proto-loader-gen-types);
# - protos/descriptor.binpb, the FileDescriptorSet compiled by buf (imports included, google/protobuf/struct.proto
#   among them, with source info so clients see the comments), which server reflection serves as it is.
# `protos/generate.sh --check` generates into a temporary folder and fails if the committed files differ.
# The type generator's flags must match the loader options in adapters/grpc/grpc-server.ts and reflection.ts.
set -euo pipefail
cd "$(dirname "$0")"
out=.
if [[ "${1:-}" == "--check" ]]; then out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
../node_modules/.bin/proto-loader-gen-types --keepCase --longs=String --enums=String --defaults --oneofs \
  --grpcLib=@grpc/grpc-js --importFileExtension=.js -I . -O "$out/generated" liquidity/v1/positions.proto liquidity/v1/transfers.proto liquidity/v1/channels.proto liquidity/v1/rules.proto liquidity/v1/jobs.proto liquidity/v1/suggestions.proto liquidity/v1/differences.proto liquidity/v1/statements.proto liquidity/v1/reconciliation.proto \
  grpc/reflection/v1/reflection.proto
../node_modules/.bin/buf build --as-file-descriptor-set -o "$out/descriptor.binpb"
if [[ "${1:-}" == "--check" ]]; then
  if ! diff -r "$out/generated" generated > /dev/null; then
    echo "protos/generated is stale: run npm run protos and commit the result" >&2
    exit 1
  fi
  if ! cmp -s "$out/descriptor.binpb" descriptor.binpb; then
    echo "protos/descriptor.binpb is stale: run npm run protos and commit the result" >&2
    exit 1
  fi
fi
