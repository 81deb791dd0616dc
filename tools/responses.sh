#!/usr/bin/env bash
# The safety net of a refactor: save the answers of a running server to the URLs in
# tools/responses.urls, then compare two such saves.
#
#   tools/responses.sh save http://127.0.0.1:3000 /tmp/before   # the old build, serving
#   tools/responses.sh save http://127.0.0.1:3000 /tmp/after    # the new build, serving
#   tools/responses.sh diff /tmp/before /tmp/after              # exit 1 on any difference
#
# Each answer is saved as its status line, content type and body. What differs from one
# run to the next without the code changing is masked: the export's time stamp, the import
# times on /changes, the port the server listens on, and the fingerprint of the stylesheet's
# address.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

mask() {
  sed -E \
    -e 's#http://127\.0\.0\.1:[0-9]+#http://HOST#g' \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z| UTC)?/DATETIME/g' \
    -e 's#/static/css/app\.[A-Za-z0-9_-]+\.css#/static/css/app.HASH.css#g' \
    -e 's#/static/favicon\.[A-Za-z0-9_-]+\.svg#/static/favicon.HASH.svg#g'
}

save() {
  local base=$1 out=$2 n=0
  mkdir -p "$out"
  while IFS= read -r path; do
    case "$path" in ''|'#'*) continue ;; esac
    n=$((n + 1))
    local file
    file=$(printf '%03d' "$n")
    {
      printf 'GET %s\n' "$path"
      curl -s -o "$out/$file.body" -w 'status %{http_code}\ncontent-type %{content_type}\n' "$base$path"
    } >"$out/$file.head"
    mask <"$out/$file.body" >"$out/$file.masked" && mv "$out/$file.masked" "$out/$file.body"
  done <"$here/responses.urls"
  echo "saved $n answers in $out"
}

compare() {
  local a=$1 b=$2 differ=0
  for head in "$a"/*.head; do
    local name
    name=$(basename "$head" .head)
    if ! cmp -s "$head" "$b/$name.head" || ! cmp -s "$a/$name.body" "$b/$name.body"; then
      differ=$((differ + 1))
      echo "differs: $(head -n 1 "$head")"
      diff -u "$head" "$b/$name.head" || true
      diff -u "$a/$name.body" "$b/$name.body" | head -n 40 || true
    fi
  done
  if [ "$differ" -gt 0 ]; then
    echo "$differ answers differ"
    exit 1
  fi
  echo "every answer is the same"
}

case "${1:-}" in
  save) [ $# -eq 3 ] || { echo "usage: $0 save BASE_URL DIR" >&2; exit 2; }; save "$2" "$3" ;;
  diff) [ $# -eq 3 ] || { echo "usage: $0 diff DIR_A DIR_B" >&2; exit 2; }; compare "$2" "$3" ;;
  *) echo "usage: $0 save BASE_URL DIR | diff DIR_A DIR_B" >&2; exit 2 ;;
esac
