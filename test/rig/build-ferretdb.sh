#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (MongoDB-wire server, SQLite backend) once and caches the binary.
# A plain `go install ...@v1.24.2` binary panics at start: the module zip lacks build/version/version.txt,
# which FerretDB's own build generates from git. So we build from a writable copy with that file written.
# One patch: FerretDB 1.24's SQLite backend looks documents up by `_jsonb->'$._id'` while its unique _id index is
# on `_jsonb->"_id"`; SQLite matches index expressions by their text's parse tree, so every lookup, update and
# delete by _id scanned the whole table (found with EXPLAIN QUERY PLAN). The patch makes the lookup use the
# index's expression; the semantics are the same (both take the top-level _id field).
# Prints the binary's path on stdout.
set -euo pipefail
version=v1.24.2
patch=id-index-1
source "$(dirname "${BASH_SOURCE[0]}")/tool-cache.sh" "ferretdb-$version-$patch" ferretdb "Go 1.24+ is required to build FerretDB (or set MONGO_URL, or put mongod on PATH)"
(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$version" >"$work/download.json")
source_dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$work/download.json")
cp -r "$source_dir" "$work/src"
chmod -R u+w "$work/src"
echo "$version" >"$work/src/build/version/version.txt"
metadata="$work/src/internal/backends/sqlite/metadata/metadata.go"
before='IDColumn = DefaultColumn + "->'"'"'$._id'"'"'"'
after='IDColumn = DefaultColumn + "->\"_id\""'
grep -qF "$before" "$metadata" || { echo "FerretDB source changed: the _id patch no longer applies" >&2; exit 1; }
BEFORE="$before" AFTER="$after" perl -pi -e 's/\Q$ENV{BEFORE}\E/$ENV{AFTER}/' "$metadata"
grep -qF "$after" "$metadata" || { echo "the _id patch did not apply" >&2; exit 1; }
(cd "$work/src" && go build -trimpath -o "$binary.tmp" ./cmd/ferretdb) >&2
mv "$binary.tmp" "$binary"
echo "$binary"
