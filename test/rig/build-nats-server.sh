#!/usr/bin/env bash
# Builds nats-server v2.10.27 once and caches the binary: the 2.10 line the deployment runs (deploy/docker-compose.yml).
# Debian's package is 2.9.10, whose filtered consumers recount the stream's subjects at every delivery: with an
# account per subject, that took a core of CPU at low load and grew with the accounts.
# Prints the binary's path on stdout.
set -euo pipefail
version=v2.10.27
source "$(dirname "${BASH_SOURCE[0]}")/tool-cache.sh" "nats-server-$version" nats-server "Go is required to build nats-server (add /usr/local/go/bin to PATH)"
GOBIN="$work" go install -trimpath "github.com/nats-io/nats-server/v2@$version" >&2
mv "$work/nats-server" "$binary"
echo "$binary"
