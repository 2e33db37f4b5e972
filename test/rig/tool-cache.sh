# The start every build-*.sh of the rig shares; sourced, with the tool's cache folder name, its binary's name and
# the message for a machine without Go:
#   source "$(dirname "${BASH_SOURCE[0]}")/tool-cache.sh" grpcurl-v1.9.3 grpcurl "Go is required to build grpcurl"
# Sets $binary (its cached path) and, if it is cached already, prints it and exits 0. Otherwise requires Go and sets
# $work, a temporary folder removed at exit (made writable first: Go's module cache writes read-only files).
cache="${LIQ_TOOLS_CACHE:-$HOME/.cache/liquidity-engine}/$1"
binary="$cache/$2"
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
command -v go >/dev/null || { echo "$3" >&2; exit 1; }
mkdir -p "$cache"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
