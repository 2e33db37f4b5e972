#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (MongoDB-wire server, SQLite backend) once and caches the binary.
# A plain `go install ...@v1.24.2` binary panics at start: the module zip lacks build/version/version.txt,
# which FerretDB's own build generates from git. So we build from a writable copy with that file written.
# Prints the binary's path on stdout.
set -euo pipefail
version=v1.24.2
cache="${LIQ_TOOLS_CACHE:-$HOME/.cache/liquidity-engine}/ferretdb-$version"
binary="$cache/ferretdb"
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
command -v go >/dev/null || { echo "go is required to build FerretDB (or set MONGO_URL)" >&2; exit 1; }
mkdir -p "$cache"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$version" >"$work/download.json")
source_dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$work/download.json")
cp -r "$source_dir" "$work/src"
chmod -R u+w "$work/src"
echo "$version" >"$work/src/build/version/version.txt"
(cd "$work/src" && go build -trimpath -o "$binary.tmp" ./cmd/ferretdb) >&2
mv "$binary.tmp" "$binary"
echo "$binary"
