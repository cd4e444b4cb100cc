# Sourced by hugo-sources.sh and jekyll-sources.sh: the loop they share.
# For each page, the newest commits that changed its source (at most $max
# distinct texts), each copied beside the page the site's generator built
# from the repository at that commit.
#
# The caller sets `mirror`, `out`, `max`, `log_window` (git log options that
# bound the history) and `built_prefix` (where the site's pages sit in its
# build) and defines:
#   page_of PATH            the page's path under built_prefix, without slashes at its ends
#   site_at SHA             succeeds when the commit's tree holds the site
#   build_site SHA PATH DIR builds the site from the commit into DIR/public
#                           (DIR/site is the checkout); fails when it does not build
# and may define:
#   copy_site_files SHA PATH STEM  copies files the version's reading needs beside it
copy_built_versions() {
  local work path rel page last sha date blob stamp
  work=$(mktemp -d)
  for path in "$@"; do
    rel=$(page_of "$path")
    page=${rel//\//-}
    mkdir -p "$out/$page"
    last=
    while read -r sha date; do
      [[ $(find "$out/$page" -name '*.md' | wc -l) -lt $max ]] || break
      blob=$(git -C "$mirror" rev-parse -q --verify "$sha:$path" 2>/dev/null) || continue
      site_at "$sha" || continue
      # A merge that kept a parent's text is no new version.
      [[ "$blob" != "$last" ]] || continue
      last=$blob
      stamp=$(date -u -d "$date" +%Y%m%dT%H%M%SZ)
      rm -rf "$work/site" "$work/public"
      mkdir -p "$work/site"
      if ! build_site "$sha" "$path" "$work" > "$work/log" 2>&1; then
        tail -3 "$work/log" >&2
        echo "skipped $page at ${sha:0:8}: it does not build here" >&2
        continue
      fi
      git -C "$mirror" show "$sha:$path" > "$out/$page/${stamp}_${sha:0:8}.md"
      cp "$work/public/$built_prefix$rel/index.html" "$out/$page/${stamp}_${sha:0:8}.html"
      if declare -F copy_site_files > /dev/null; then copy_site_files "$sha" "$path" "$out/$page/${stamp}_${sha:0:8}"; fi
    done < <(git -C "$mirror" log --full-history "${log_window[@]}" --format='%H %cI' -- "$path")
  done
  rm -rf "$work"
}
