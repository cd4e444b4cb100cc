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
mirror=$1 max=$3
log_window=(--since="$2")
shift 3
out=tests/fixtures/markdown-sources/jekyll-docs
built_prefix=docs/
# shellcheck source=built-versions.sh
source "$(dirname "$0")/built-versions.sh"

page_of() {
  local rel=${1#docs/_docs/}
  echo "${rel%.md}"
}

site_at() { git -C "$mirror" cat-file -e "$1:docs/_config.yml" 2>/dev/null; }

build_site() {
  local sha=$1 work=$3
  git -C "$mirror" archive "$sha" docs | tar -x -C "$work/site"
  sed -i '/jemoji/d' "$work/site/docs/_config.yml"
  rm -f "$work/site/docs/Gemfile" "$work/site/docs/Gemfile.lock"
  (cd "$work/site/docs" && jekyll build -d "$work/public")
}

# The site's variables as they stood, for the feed builder's --jekyll-site reading: the
# config and the data files the page names (site.data.<name>), beside the version.
copy_site_files() {
  local sha=$1 path=$2 dest=$3.site name file
  mkdir -p "$dest"
  git -C "$mirror" show "$sha:docs/_config.yml" > "$dest/_config.yml"
  for name in $(git -C "$mirror" show "$sha:$path" | grep -oE 'site\.data\.[A-Za-z0-9_-]+' | sort -u | cut -d. -f3); do
    while read -r file; do
      mkdir -p "$dest/$(dirname "${file#docs/}")"
      git -C "$mirror" show "$sha:$file" > "$dest/${file#docs/}"
    done < <(git -C "$mirror" ls-tree -r --name-only "$sha" -- "docs/_data/$name.yml" "docs/_data/$name.yaml" "docs/_data/$name.json" "docs/_data/$name/")
  done
}

copy_built_versions "$@"
