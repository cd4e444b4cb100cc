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
mirror=$1 max=$4
log_window=(--since="$2" --until="$3")
shift 4
out=tests/fixtures/markdown-sources/hugo-docs
built_prefix=
# shellcheck source=built-versions.sh
source "$(dirname "$0")/built-versions.sh"

page_of() {
  local rel=${1#content/en/}
  rel=${rel%.md}
  echo "${rel%/index}"
}

# Subtree merges of the Hugo repository carry its tree, not the site's.
site_at() { git -C "$mirror" cat-file -e "$1:hugo.toml" 2>/dev/null; }

build_site() {
  local sha=$1 path=$2 work=$3 dir
  git -C "$mirror" archive "$sha" | tar -x -C "$work/site"
  find "$work/site/content" -type f ! -path "$work/site/$path" -delete
  # The sections the page sits in (their lists, not others' such as news, which fetches remote data).
  dir=$(dirname "$path")
  while [[ "$dir" == content/* ]]; do
    git -C "$mirror" show "$sha:$dir/_index.md" > "$work/site/$dir/_index.md" 2>/dev/null || rm -f "$work/site/$dir/_index.md"
    dir=$(dirname "$dir")
  done
  (cd "$work/site" && HUGO_ENABLEGITINFO=false HUGO_REFLINKSERRORLEVEL=WARNING hugo --quiet -d "$work/public")
}

copy_built_versions "$@"
