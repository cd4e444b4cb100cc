#!/usr/bin/env bash
# Copies real Hugo docs pages with their commit history from a local mirror of
# gohugoio/hugoDocs, each version beside the page Hugo renders from it with the
# site's own shortcodes and theme (vendored in `_vendor/` in those years), so a
# test can compare what DocDelta reads in the markdown with what a reader sees.
#
# Usage: scripts/corpus/hugo-sources.sh <hugoDocs.git> <since> <until> <max versions> <content path>...
# Needs Debian 12's hugo (0.111.3 extended): the window must be one whose
# commits build with it (2023 builds; later ones dropped `_vendor/`).
#
# Only the page itself is kept under content/ so each build takes seconds
# instead of minutes; links to pages left out still render their text
# (refLinksErrorLevel=WARNING), and nothing the page shows comes from them.
# Other sections' lists go too (the news list fetches remote data).
set -euo pipefail
mirror=$1 since=$2 until=$3 max=$4
shift 4
out=tests/fixtures/markdown-sources/hugo-docs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for path in "$@"; do
  rel=${path#content/en/}
  rel=${rel%.md}
  rel=${rel%/index}
  page=${rel//\//-}
  mkdir -p "$out/$page"
  last=
  git -C "$mirror" log --full-history --since="$since" --until="$until" --format='%H %cI' -- "$path" | while read -r sha date; do
    [[ $(find "$out/$page" -name '*.md' | wc -l) -lt $max ]] || break
    # Subtree merges of the Hugo repository carry its tree, not the site's; a merge that kept a parent's text is no new version.
    blob=$(git -C "$mirror" rev-parse -q --verify "$sha:$path" 2>/dev/null) || continue
    git -C "$mirror" cat-file -e "$sha:hugo.toml" 2>/dev/null || continue
    [[ "$blob" != "$last" ]] || continue
    last=$blob
    stamp=$(date -u -d "$date" +%Y%m%dT%H%M%SZ)
    rm -rf "$work/site" "$work/public"
    mkdir -p "$work/site"
    git -C "$mirror" archive "$sha" | tar -x -C "$work/site"
    keep="$work/site/$path"
    find "$work/site/content" -type f ! -path "$keep" -delete
    # The sections the page sits in (their lists, not others' such as news, which fetches remote data).
    dir=$(dirname "$path")
    while [[ "$dir" == content/* ]]; do
      git -C "$mirror" show "$sha:$dir/_index.md" > "$work/site/$dir/_index.md" 2>/dev/null || rm -f "$work/site/$dir/_index.md"
      dir=$(dirname "$dir")
    done
    if ! (cd "$work/site" && HUGO_ENABLEGITINFO=false HUGO_REFLINKSERRORLEVEL=WARNING hugo --quiet -d "$work/public" > "$work/log" 2>&1); then
      tail -3 "$work/log" >&2
      echo "skipped $page at ${sha:0:8}: does not build with $(hugo version | cut -d' ' -f2)" >&2
      continue
    fi
    git -C "$mirror" show "$sha:$path" > "$out/$page/${stamp}_${sha:0:8}.md"
    cp "$work/public/$rel/index.html" "$out/$page/${stamp}_${sha:0:8}.html"
  done
done
