#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (MongoDB-wire server, SQLite and PostgreSQL backends) once and caches the binary.
# A plain `go install ...@v1.24.2` binary panics at start: the module zip lacks build/version/version.txt,
# which FerretDB's own build generates from git. So we build from a writable copy with that file written.
#
# Two patches. ferretdb-id-lookups.patch: lookups by _id use the unique _id index, with the same results. FerretDB
# filters every document it gets from its backend again, so pushing a filter down only has to keep every match.
# - SQLite looked documents up by `_jsonb->'$._id'` while its unique _id index is on `_jsonb->"_id"`; SQLite
#   matches index expressions by their text's parse tree, so every lookup, update and delete by _id scanned the
#   table (found with EXPLAIN QUERY PLAN). The lookup now uses the index's expression (both take the top-level _id).
# - SQLite pushed a string _id down only when it was the filter's one field, so a conditional write such as
#   `{_id: "x", version: {$lt: 3}}` scanned the table; now the _id goes down whatever else the filter holds.
# - PostgreSQL filtered `{_id: "x"}` as `_jsonb->$1 @> $2`, which the btree index on `_jsonb->'_id'` cannot serve;
#   now a string _id is filtered with `_jsonb->'_id' = $n`, the index's expression (for an _id, never an array in
#   MongoDB, containment and equality are the same).
# - Neither backend pushed `{_id: {$in: [...]}}` down; now both filter it with `IN (...)` on the index's
#   expression (strings and ObjectIDs, up to 1,000 values).
#
# ferretdb-range-lookups.patch: PostgreSQL pushes `{field: {$gt|$gte|$lt|$lte: n}}` down (a top-level field, n a
# number in the safe range) as a comparison on `_jsonb->'field'`, the expression of FerretDB's index on the field,
# where it filtered nothing and decoded the whole collection. jsonb orders arrays and objects after numbers, so `$lt`
# and `$lte` also keep `_jsonb->'field' > 'true'` (every array and object: MongoDB matches an array by any of its
# elements), a second range of the same index. The engine's recovery asks the journal for the entries recorded in a
# window of time that way, which MongoDB serves from the `recordedAt` index: unpatched, a restart's search read the
# whole journal (5 s for 40,000 entries on an idle machine) and, in a crash loop, never answered within a life; with
# `$gte` alone, a window of 1,000 entries among 50,000 after its start took 2.3 s, with both bounds 90 ms.
# Prints the binary's path on stdout.
set -euo pipefail
version=v1.24.2
patch=id-lookups-1-range-lookups-2
rig_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/tool-cache.sh" "ferretdb-$version-$patch" ferretdb "Go 1.24+ is required to build FerretDB (or set MONGO_URL, or put mongod on PATH)"
(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$version" >"$work/download.json")
source_dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$work/download.json")
cp -r "$source_dir" "$work/src"
chmod -R u+w "$work/src"
echo "$version" >"$work/src/build/version/version.txt"
for patch_file in "$rig_dir/ferretdb-id-lookups.patch" "$rig_dir/ferretdb-range-lookups.patch"; do
  (cd "$work/src" && git apply "$patch_file") >&2 || { echo "FerretDB source changed: $patch_file no longer applies" >&2; exit 1; }
done
(cd "$work/src" && go build -trimpath -o "$binary.tmp" ./cmd/ferretdb) >&2
mv "$binary.tmp" "$binary"
echo "$binary"
