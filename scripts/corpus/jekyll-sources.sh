#!/usr/bin/env bash
# Copies real Jekyll docs pages (Liquid in kramdown markdown) with their commit
# history from a local mirror of jekyll/jekyll, each version beside the page
# Jekyll builds from the docs site at that commit, for the same comparison as
# hugo-sources.sh: what DocDelta reads in the markdown against what a reader sees.
#
# Usage: scripts/corpus/jekyll-sources.sh <jekyll.git> <since> <max versions> <docs/_docs path>...
# Needs Debian 12's jekyll 4.3 and its packaged plugins (ruby-jekyll-feed,
# -seo-tag, -sitemap, -redirect-from, -avatar, -mentions); jemoji is not
# packaged and only turns :emoji: codes into images, so it is left out.
set -euo pipefail
mirror=$1 since=$2 max=$3
shift 3
out=tests/fixtures/markdown-sources/jekyll-docs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for path in "$@"; do
  rel=${path#docs/_docs/}
  rel=${rel%.md}
  page=${rel//\//-}
  mkdir -p "$out/$page"
  last=
  git -C "$mirror" log --full-history --since="$since" --format='%H %cI' -- "$path" | while read -r sha date; do
    [[ $(find "$out/$page" -name '*.md' | wc -l) -lt $max ]] || break
    blob=$(git -C "$mirror" rev-parse -q --verify "$sha:$path" 2>/dev/null) || continue
    [[ "$blob" != "$last" ]] || continue
    last=$blob
    stamp=$(date -u -d "$date" +%Y%m%dT%H%M%SZ)
    rm -rf "$work/site" "$work/public"
    mkdir -p "$work/site"
    git -C "$mirror" archive "$sha" docs | tar -x -C "$work/site"
    sed -i '/jemoji/d' "$work/site/docs/_config.yml"
    rm -f "$work/site/docs/Gemfile" "$work/site/docs/Gemfile.lock"
    if ! (cd "$work/site/docs" && jekyll build -d "$work/public" > "$work/log" 2>&1); then
      tail -3 "$work/log" >&2
      echo "skipped $page at ${sha:0:8}: does not build with $(jekyll --version)" >&2
      continue
    fi
    git -C "$mirror" show "$sha:$path" > "$out/$page/${stamp}_${sha:0:8}.md"
    cp "$work/public/docs/$rel/index.html" "$out/$page/${stamp}_${sha:0:8}.html"
  done
done
