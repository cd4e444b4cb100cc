#!/usr/bin/env bash
# Copies a few real MDX docs pages, with their commit history, from local
# mirrors of their public repositories into tests/fixtures/markdown-sources.
# Usage: scripts/corpus/markdown-sources.sh <mirror.git> <slug> <max versions> <path>...
set -euo pipefail
mirror=$1 slug=$2 max=$3
shift 3
out=tests/fixtures/markdown-sources/$slug
for path in "$@"; do
  page=$(basename "${path%.*}")
  mkdir -p "$out/$page"
  git -C "$mirror" log --full-history --format='%H %cI' -n "$max" -- "$path" | while read -r sha date; do
    blob=$(git -C "$mirror" rev-parse "$sha:$path" 2>/dev/null) || continue
    stamp=$(date -u -d "$date" +%Y%m%dT%H%M%SZ)
    git -C "$mirror" cat-file blob "$blob" > "$out/$page/${stamp}_${sha:0:8}.${path##*.}"
  done
done
