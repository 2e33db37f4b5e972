#!/usr/bin/env bash
# Builds Jaeger v1.75.0 (all-in-one: an OpenTelemetry Collector distribution with OTLP receivers, an in-memory
# store and the query API) once and caches the binary: the tracing export test sends the engine's spans to it.
# Jaeger's go.mod has replace directives, so `go install ...@v1.75.0` is refused; it is built as a tool of a
# module of our own instead. The first build takes a few minutes and makes a binary of about 120 MB.
# Prints the binary's path on stdout.
set -euo pipefail
version=v1.75.0
source "$(dirname "${BASH_SOURCE[0]}")/tool-cache.sh" "jaeger-$version" jaeger "Go is required to build Jaeger (add /usr/local/go/bin to PATH)"
(
  cd "$work"
  go mod init jaegertool
  go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@$version"
  go build -trimpath -o "$binary.tmp.$$" github.com/jaegertracing/jaeger/cmd/jaeger
) >&2
mv "$binary.tmp.$$" "$binary"
echo "$binary"
