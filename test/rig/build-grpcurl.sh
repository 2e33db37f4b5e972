#!/usr/bin/env bash
# Builds grpcurl v1.9.3 once and caches the binary: the reflection test drives the engine with it, a client that
# checks descriptors strictly (Go's protobuf runtime), as operators' tools do.
# Prints the binary's path on stdout.
set -euo pipefail
version=v1.9.3
cache="${LIQ_TOOLS_CACHE:-$HOME/.cache/liquidity-engine}/grpcurl-$version"
binary="$cache/grpcurl"
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
command -v go >/dev/null || { echo "Go is required to build grpcurl (add /usr/local/go/bin to PATH)" >&2; exit 1; }
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
GOBIN="$work" go install -trimpath "github.com/fullstorydev/grpcurl/cmd/grpcurl@$version" >&2
mv "$work/grpcurl" "$binary"
echo "$binary"
