#!/usr/bin/env bash
# `npm run build`: compiles the engine, the bank simulator, the demo feed and the client `liq` to JavaScript, so the
# container image runs `node dist/bin/engine.js` without tsx. The Dockerfile runs exactly this;
# test/deploy/build.test.ts runs it into a temporary folder (`deploy/build.sh <out dir>`) and starts what it produced.
# The gRPC server loads its .proto files, and the descriptor set reflection serves (protos/descriptor.binpb), at run
# time from `<out dir>/protos` (adapters/grpc/grpc-server.ts resolves them relative to its own compiled file), so
# they are copied next to the compiled code.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
rm -rf "$out"
node_modules/.bin/tsc -p tsconfig.build.json --outDir "$out"
# liq's launcher is JavaScript already (package.json "bin"); next to dist/cli/main.js it runs the compiled client.
install -m 755 bin/liq.js "$out/bin/liq.js"
mkdir -p "$out/protos"
cp -R protos/liquidity protos/grpc protos/descriptor.binpb "$out/protos/"
