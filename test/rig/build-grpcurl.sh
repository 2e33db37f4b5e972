#!/usr/bin/env bash
# Builds grpcurl v1.9.3 once and caches the binary: the reflection test drives the engine with it, a client that
# checks descriptors strictly (Go's protobuf runtime), as operators' tools do.
# Prints the binary's path on stdout.
set -euo pipefail
version=v1.9.3
source "$(dirname "${BASH_SOURCE[0]}")/tool-cache.sh" "grpcurl-$version" grpcurl "Go is required to build grpcurl (add /usr/local/go/bin to PATH)"
GOBIN="$work" go install -trimpath "github.com/fullstorydev/grpcurl/cmd/grpcurl@$version" >&2
mv "$work/grpcurl" "$binary"
echo "$binary"
