#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (MongoDB-wire server, SQLite backend) once and caches the binary.
# A plain `go install ...@v1.24.2` binary panics at start: the module zip lacks build/version/version.txt,
# which FerretDB's own build generates from git. So we build from a writable copy with that file written.
# Three patches, each making a lookup by _id use the unique _id index, with the same results:
# 1. FerretDB 1.24's SQLite backend looks documents up by `_jsonb->'$._id'` while its unique _id index is
# on `_jsonb->"_id"`; SQLite matches index expressions by their text's parse tree, so every lookup, update and
# delete by _id scanned the whole table (found with EXPLAIN QUERY PLAN). The patch makes the lookup use the
# index's expression; the semantics are the same (both take the top-level _id field).
# 2. Its PostgreSQL backend filters `{_id: "x"}` as `_jsonb->$1 @> $2`, which the btree index on `_jsonb->'_id'`
# cannot serve, so every lookup by _id scanned the table. The patch filters a string _id with `_jsonb->'_id' = $n`,
# the index's expression; for a string _id (never an array in MongoDB) containment and equality are the same.
# 3. Its SQLite backend pushes a string _id down only when it is the filter's one field, so a conditional write such
# as `{_id: "x", version: {$lt: 3}}` scanned the table. The patch pushes the _id down whatever else the filter holds.
# FerretDB filters every document it gets from the backend again, so a pushdown only has to keep every match.
# Prints the binary's path on stdout.
set -euo pipefail
version=v1.24.2
patch=id-index-3
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
pg_query="$work/src/internal/backends/postgresql/query.go"
pg_anchor='		if strings.HasPrefix(rootKey, "$") {
			continue
		}
'
pg_lookup='		if id, ok := rootVal.(string); ok && rootKey == "_id" {
			filters = append(filters, fmt.Sprintf(`%s = %s`, metadata.IDColumn, p.Next()))
			args = append(args, string(must.NotFail(sjson.MarshalSingleValue(id))))
			continue
		}
'
grep -qF "$pg_anchor" "$pg_query" || { echo "FerretDB source changed: the PostgreSQL _id patch no longer applies" >&2; exit 1; }
ANCHOR="$pg_anchor" LOOKUP="$pg_lookup" perl -0pi -e 's/\Q$ENV{ANCHOR}\E/$ENV{ANCHOR}$ENV{LOOKUP}/' "$pg_query"
grep -qF 'ok && rootKey == "_id"' "$pg_query" || { echo "the PostgreSQL _id patch did not apply" >&2; exit 1; }
sqlite_collection="$work/src/internal/backends/sqlite/collection.go"
[ "$(grep -cF 'if params.Filter.Len() == 1 {' "$sqlite_collection")" = 2 ] || { echo "FerretDB source changed: the SQLite filter patch no longer applies" >&2; exit 1; }
perl -pi -e 's/if params\.Filter\.Len\(\) == 1 \{/if params.Filter.Len() >= 1 {/' "$sqlite_collection"
[ "$(grep -cF 'if params.Filter.Len() >= 1 {' "$sqlite_collection")" = 2 ] || { echo "the SQLite filter patch did not apply" >&2; exit 1; }
(cd "$work/src" && go build -trimpath -o "$binary.tmp" ./cmd/ferretdb) >&2
mv "$binary.tmp" "$binary"
echo "$binary"
