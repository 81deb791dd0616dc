#!/usr/bin/env bash
# Benchmark: our server against Datasette (the same SQLite file) and nginx (the same bytes),
# at a scale dataset, in one run on one machine. See bench/README.md.
#
#   bench/run.sh                                   # 1M companies, 3 x 10 s per side, + 10k scale check
#   COMPANIES=10000 DURATION=3 REPS=1 WARMUP=1 bench/run.sh      # quick run
#
# Environment (defaults in brackets):
#   COMPANIES [1000000]  size of the synthetic dataset; CITIES [200] PARKS [2000] METRICS [50000] SEED [42]
#   DURATION [10] WARMUP [3] REPS [3]   seconds measured, seconds of warm-up before each measurement,
#                                       repetitions (interleaved: ours, anchor, ours, anchor ...)
#   CONNS [64] DS_CONNS [8]             wrk connections for our server and nginx / for Datasette
#   SCALE_SMALL [10000]                 also compare our filtered list on a database of this many
#                                       companies (p50 ratio); 0 skips it; skipped when >= COMPANIES
#   CASES [all]                         space-separated subset of: list_html list_json list_csv city
#                                       home compare list_uncached list_deep home_br compare_br
#                                       list_br scale_pairs scale_sector import
#   CITY, SECTOR                        the filtered list (default: the first synthetic city with >= 50 bpo rows)
#   PAGE_CITY [dalian]                  the city page compared
#   GZIP_LEVEL [1]                      nginx's on-the-fly gzip level
#   ENCODING [br, gzip]                 Accept-Encoding sent to both sides in the compressed cases
#   DATASETTE [1]                       0 skips Datasette
#   INSTALL [1]                         as root, install missing wrk/nginx (apt-get) and Datasette (pip)
#   REBUILD [0]                         1 regenerates and re-imports the cached database
#
# Databases are cached in bench/out/clusterscope-N.db (the bundled data plus N synthetic
# companies); each run's raw wrk output, server logs and summary go to bench/out/run-DATE/.
# Starts every server itself on free loopback ports and stops only those, by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

COMPANIES="${COMPANIES:-1000000}"
CITIES="${CITIES:-200}"
PARKS="${PARKS:-2000}"
METRICS="${METRICS:-50000}"
SEED="${SEED:-42}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
REPS="${REPS:-3}"
CONNS="${CONNS:-64}"
DS_CONNS="${DS_CONNS:-8}"
SCALE_SMALL="${SCALE_SMALL:-10000}"
CASES="${CASES:-all}"
PAGE_CITY="${PAGE_CITY:-dalian}"
GZIP_LEVEL="${GZIP_LEVEL:-1}"
DATASETTE="${DATASETTE:-1}"
INSTALL="${INSTALL:-1}"
REBUILD="${REBUILD:-0}"
COMPARE_PATH="/compare?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley"
ENCODING="${ENCODING:-br, gzip}"
ALL_CASES="import list_html list_json list_csv city home compare list_uncached list_deep home_br compare_br list_br scale_pairs scale_sector"

say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 2; }

for v in COMPANIES CITIES PARKS METRICS SEED DURATION WARMUP REPS CONNS DS_CONNS SCALE_SMALL GZIP_LEVEL; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done
[ "$DURATION" -ge 1 ] && [ "$REPS" -ge 1 ] && [ "$COMPANIES" -ge 1 ] || die "DURATION, REPS and COMPANIES must be at least 1"
[ "$GZIP_LEVEL" -ge 1 ] && [ "$GZIP_LEVEL" -le 9 ] || die "GZIP_LEVEL must be 1 to 9"
[ "$CASES" = all ] && CASES="$ALL_CASES"
for c in $CASES; do
  [[ " $ALL_CASES " == *" $c "* ]] || die "unknown case '$c' in CASES (known: $ALL_CASES)"
done
wanted() { [[ " $CASES " == *" $1 "* ]]; }

# --- tools ---------------------------------------------------------------------------------------
install_apt() {
  if [ "$(id -u)" -eq 0 ] && [ "$INSTALL" = 1 ] && command -v apt-get >/dev/null; then
    say "installing $* (apt-get) ..."
    apt-get install -y "$@" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$@" >/dev/null; } ||
      die "apt-get install -y $* failed"
  else
    die "missing: $* (install with: apt-get install -y $*)"
  fi
}
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ "${#missing[@]}" -eq 0 ] || install_apt "${missing[@]}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x /usr/bin/time ] || install_apt time
for t in cargo curl python3 taskset gzip; do
  command -v "$t" >/dev/null || die "missing: $t"
done
DATASETTE_CMD=()
if [ "$DATASETTE" = 1 ]; then
  if command -v datasette >/dev/null; then
    DATASETTE_CMD=(datasette)
  elif python3 -c 'import datasette' 2>/dev/null; then
    DATASETTE_CMD=(python3 -m datasette)
  elif [ "$(id -u)" -eq 0 ] && [ "$INSTALL" = 1 ]; then
    say "installing Datasette (pip install 'datasette>=0.65,<0.66') ..."
    python3 -m pip install --quiet 'datasette>=0.65,<0.66' || die "pip install 'datasette>=0.65,<0.66' failed"
    DATASETTE_CMD=(python3 -m datasette)
  else
    die "Datasette is missing: pip install 'datasette>=0.65,<0.66' (or DATASETTE=0 to skip it)"
  fi
  DATASETTE_VERSION="$("${DATASETTE_CMD[@]}" --version 2>/dev/null | awk '{print $NF}')"
  [[ "$DATASETTE_VERSION" == 0.65.* ]] ||
    say "warning: Datasette $DATASETTE_VERSION; the anchor figures are for 0.65 (pip install 'datasette>=0.65,<0.66')"
fi
CORES="$(nproc)"
[ "$CORES" -ge 2 ] || die "needs 2 cores: the servers run on core 0 and wrk on core 1"
CLK_TCK="$(getconf CLK_TCK)"

# --- build ---------------------------------------------------------------------------------------
say "building (cargo build --release; --example generate_dataset) ..."
cargo build --release --quiet || die "cargo build --release failed"
cargo build --release --quiet --example generate_dataset || die "cargo build --release --example generate_dataset failed"
BIN="$ROOT/target/release/clusterscope"
GEN="$ROOT/target/release/examples/generate_dataset"

# --- processes: every one this script starts, stopped on exit by PID ----------------------------
WORK="$(mktemp -d)"
STARTED=()
SAMPLER_PID=""
WRK_PID=""
cleanup() {
  local status=$?
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null || true
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  local pid
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { # PID: stop one process this script started
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${STARTED[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  STARTED=("${keep[@]+"${keep[@]}"}")
}

free_ports() { # N distinct free loopback ports
  python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

wait_http() { # URL PID SECONDS LOG: until URL answers 2xx; fails if PID died
  local url=$1 pid=$2 secs=$3 log=$4 i
  for ((i = 0; i < secs * 10; i++)); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      say "the server for $url exited; the end of its log ($log):"
      tail -n 20 "$log" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  say "$url did not answer within $secs s; the end of its log ($log):"
  tail -n 20 "$log" >&2 || true
  return 1
}

# --- the database: bundled data + N synthetic companies, cached under bench/out -----------------
mkdir -p bench/out
commit() { # the code being measured: HEAD, "+changes" when the work tree differs from it
  local c
  c="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  git diff --quiet HEAD -- src migrations templates Cargo.toml 2>/dev/null || c="$c+changes"
  echo "$c"
}
prepare_db() { # N -> sets DB_PATH, IMPORT_SECONDS
  local n=$1
  local db="$ROOT/bench/out/clusterscope-$n.db" data="$ROOT/bench/out/data-$n"
  local ready="$db.ready" args="cities=$CITIES parks=$PARKS companies=$n metrics=$METRICS seed=$SEED"
  DB_PATH="$db"
  if [ "$REBUILD" != 1 ] && [ -f "$db" ] && [ -f "$ready" ] && grep -qxF "args=$args" "$ready"; then
    IMPORT_SECONDS="$(sed -n 's/^import_seconds=//p' "$ready")"
    IMPORT_COMMIT="$(sed -n 's/^commit=//p' "$ready")"
    say "reusing $db ($args; REBUILD=1 rebuilds it)"
    return
  fi
  rm -f "$db" "$db-wal" "$db-shm" "$ready"
  rm -rf "$data"
  say "generating $args into $data ..."
  "$GEN" "$data" --cities "$CITIES" --parks "$PARKS" --companies "$n" --metrics "$METRICS" --seed "$SEED" >/dev/null
  # serve creates a missing database with the bundled data (Dalian, Bangalore, ...); the
  # synthetic import then adds to it, so / and /compare show real content beside N companies.
  say "creating $db with the bundled data (clusterscope serve, once) ..."
  local port log="$WORK/create-$n.log"
  port="$(free_ports 1)"
  "$BIN" serve --bind "127.0.0.1:$port" --db "$db" 2>"$log" &
  local pid=$!
  STARTED+=("$pid")
  wait_http "http://127.0.0.1:$port/healthz" "$pid" 120 "$log" || die "could not create $db"
  stop "$pid"
  say "importing $n synthetic companies (clusterscope import) ..."
  local t0 t1
  t0="$(date +%s.%N)"
  "$BIN" import "$data" --db "$db" --reason "bench/run.sh: synthetic dataset, $n companies" 2>&1 |
    tee "$ROOT/bench/out/import-$n.log" | sed 's/^/  import: /' >&2 || die "import failed (bench/out/import-$n.log)"
  t1="$(date +%s.%N)"
  IMPORT_SECONDS="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  IMPORT_COMMIT="$(commit)"
  printf 'args=%s\nimport_seconds=%s\nbuilt=%s\ncommit=%s\n' "$args" "$IMPORT_SECONDS" "$(date -u +%FT%TZ)" "$(commit)" >"$ready"
  rm -rf "$data"  # the database is the cache; the folder is regenerated in seconds when needed
  say "imported in $IMPORT_SECONDS s"
}

prepare_db "$COMPANIES"
DB="$DB_PATH"
MAIN_IMPORT_SECONDS="$IMPORT_SECONDS"
MAIN_IMPORT_COMMIT="${IMPORT_COMMIT:-unknown}"
SMALL_DB=""
if [ "$SCALE_SMALL" -gt 0 ] && [ "$SCALE_SMALL" -lt "$COMPANIES" ] && { wanted scale_pairs || wanted scale_sector; }; then
  prepare_db "$SCALE_SMALL"
  SMALL_DB="$DB_PATH"
fi

# --- the import, timed: N synthetic companies into the bundled data, as `prepare_db` does, ----------
# with /usr/bin/time for the peak memory. Runs before any server starts (the machine is idle).
IMPORT_CASE_SECONDS=""
IMPORT_CASE_RSS_KB=""
if wanted import; then
  idata="$ROOT/bench/out/data-$COMPANIES" idb="$ROOT/bench/out/import-case.db" ilog="$ROOT/bench/out/import-case.log"
  rm -rf "$idata" "$idb" "$idb-wal" "$idb-shm"
  say "import case: generating $COMPANIES companies ..."
  "$GEN" "$idata" --cities "$CITIES" --parks "$PARKS" --companies "$COMPANIES" --metrics "$METRICS" --seed "$SEED" >/dev/null
  port="$(free_ports 1)"
  "$BIN" serve --bind "127.0.0.1:$port" --db "$idb" 2>"$WORK/import-case-create.log" &
  pid=$!
  STARTED+=("$pid")
  wait_http "http://127.0.0.1:$port/healthz" "$pid" 120 "$WORK/import-case-create.log" || die "could not create $idb"
  stop "$pid"
  say "import case: importing $COMPANIES companies (/usr/bin/time -v clusterscope import) ..."
  t0="$(date +%s.%N)"
  /usr/bin/time -v -o "$WORK/import-case.time" "$BIN" import "$idata" --db "$idb" --reason "bench/run.sh import case" \
    >"$ilog" 2>&1 || die "the import case failed ($ilog)"
  t1="$(date +%s.%N)"
  IMPORT_CASE_SECONDS="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  IMPORT_CASE_RSS_KB="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/import-case.time")"
  grep -q $'\x1b' "$ilog" && say "warning: the import's output to a file has terminal codes ($ilog)"
  say "import case: $IMPORT_CASE_SECONDS s, peak RSS $((IMPORT_CASE_RSS_KB / 1024)) MB"
  rm -rf "$idata" "$idb" "$idb-wal" "$idb-shm"
fi

# --- what is compared ----------------------------------------------------------------------------
read -r CITY_ID CITY_SLUG SECTOR MATCHES < <(python3 bench/helper.py pick "$DB" ${CITY:+"$CITY"} ${SECTOR:+"$SECTOR"})
[ "$MATCHES" -ge 50 ] ||
  say "note: no city+sector pair fills a 50-row page at this size; using $CITY_SLUG/$SECTOR ($MATCHES rows)"
read -r PAGE_CITY_ID PAGE_CITY_METRICS < <(python3 bench/helper.py city "$DB" "$PAGE_CITY")
DS_SIZE=$((PAGE_CITY_METRICS > 0 ? (PAGE_CITY_METRICS > 1000 ? 1000 : PAGE_CITY_METRICS) : 1))
DSNAME="$(basename "$DB" .db)"
LIST_Q="city=$CITY_SLUG&sector=$SECTOR"
DS_Q="city_id=$CITY_ID&sector=$SECTOR&_size=50"

RUN_DIR="$ROOT/bench/out/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR/wrk"
RESULTS="$RUN_DIR/results.tsv"
INFO="$RUN_DIR/info"
printf 'case\tside\trep\tconns\trps\tp50_us\tp99_us\tbytes\trss_kb\tanon_kb\tcpu_us\terrors\tenc\tnote\n' >"$RESULTS"
info() { printf '%s=%s\n' "$1" "$2" >>"$INFO"; }
info date "$(date -u +%FT%TZ)"
info cores "$CORES"
info cpu "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
info ram_gib "$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)"
if [ -n "$IMPORT_CASE_SECONDS" ]; then
  info import_case_seconds "$IMPORT_CASE_SECONDS"
  info import_case_rss_kb "$IMPORT_CASE_RSS_KB"
fi
info db "${DB#"$ROOT"/}"
info companies "$COMPANIES"
info import_seconds "$MAIN_IMPORT_SECONDS"
info import_commit "$MAIN_IMPORT_COMMIT"
info commit "$(commit)"
info city_slug "$CITY_SLUG"
info city_id "$CITY_ID"
info sector "$SECTOR"
info matches "$MATCHES"
info page_city "$PAGE_CITY"
info page_city_id "$PAGE_CITY_ID"
info page_city_metrics "$PAGE_CITY_METRICS"
info reps "$REPS"
info duration "$DURATION"
info warmup "$WARMUP"
info encoding "$ENCODING"
info gzip_level "$GZIP_LEVEL"

# From here on this shell and everything it starts (curl, wrk, samplers) run on core 1; each
# server is started with `taskset -c 0`.
taskset -cp 1 $$ >/dev/null

# --- servers -------------------------------------------------------------------------------------
read -r P_OURS P_SMALL P_DS P_DSFAST P_NGINX P_GZIP < <(free_ports 6)
declare -A BASE PIDS
start_ours() { # SIDE DB PORT
  local log="$RUN_DIR/$1.log"
  # Default settings (hardening layers on, rate limit off); RUST_LOG=warn drops the per-request
  # log line, as nginx runs with access_log off (the same as bench/soak.sh).
  RUST_LOG=warn taskset -c 0 "$BIN" serve --bind "127.0.0.1:$3" --db "$2" 2>"$log" &
  local pid=$!
  STARTED+=("$pid")
  say "starting our server ($1) on port $3 ..."
  wait_http "http://127.0.0.1:$3/healthz" "$pid" 600 "$log" ||
    die "our server did not start (a cached database from other code? REBUILD=1 rebuilds it)"
  BASE[$1]="http://127.0.0.1:$3"
  PIDS[$1]="$pid"
}
start_ours ours "$DB" "$P_OURS"
if [ -n "$SMALL_DB" ]; then start_ours ours_small "$SMALL_DB" "$P_SMALL"; fi

start_datasette() { # SIDE PORT [ARGS...]
  local side=$1 port=$2 log="$RUN_DIR/$1.log"
  shift 2
  taskset -c 0 "${DATASETTE_CMD[@]}" serve "$DB" --host 127.0.0.1 --port "$port" "$@" >"$log" 2>&1 &
  local pid=$!
  STARTED+=("$pid")
  say "starting Datasette ($side${*:+, $*}) on port $port ..."
  if wait_http "http://127.0.0.1:$port/-/versions.json" "$pid" 120 "$log"; then
    BASE[$side]="http://127.0.0.1:$port"
    PIDS[$side]="$pid"
  else
    say "Datasette ($side) did not start: its rows will say n/a"
  fi
}
if [ "$DATASETTE" = 1 ]; then
  start_datasette ds "$P_DS"
  start_datasette ds_fast "$P_DSFAST" --setting suggest_facets off
fi

# Saved copies of our responses (no Accept-Encoding: the identity bytes), for nginx.
WWW="$WORK/www"
mkdir -p "$WWW"
save() { # PATH FILE
  curl -fsS -o "$WWW/$2" "${BASE[ours]}$1" || die "GET ${BASE[ours]}$1 failed"
}
save "/" home.html
save "$COMPARE_PATH" compare.html
save "/companies?$LIST_Q" list.html
curl -fsS "${BASE[ours]}/" | cmp -s - "$WWW/home.html" || info note_home "our / differs between two requests; nginx serves one of them"
info home_gzip9_bytes "$(gzip -9c "$WWW/home.html" | wc -c)"
chmod -R a+rX "$WORK"  # nginx's worker runs as nobody

NG="$WORK/nginx"
mkdir -p "$NG"
sed -e "s|@PREFIX@|$NG|g" -e "s|@ROOT@|$WWW|g" -e "s|@PORT@|$P_NGINX|g" -e "s|@GZIP_PORT@|$P_GZIP|g" \
  -e "s|@GZIP_LEVEL@|$GZIP_LEVEL|g" bench/nginx.conf.in >"$NG/nginx.conf"
"$NGINX" -t -q -p "$NG" -c "$NG/nginx.conf" -e "$NG/error.log" || die "nginx rejected $NG/nginx.conf"
taskset -c 0 "$NGINX" -p "$NG" -c "$NG/nginx.conf" -e "$NG/error.log" &
NGINX_PID=$!
STARTED+=("$NGINX_PID")
say "starting nginx on ports $P_NGINX (plain) and $P_GZIP (gzip level $GZIP_LEVEL) ..."
wait_http "http://127.0.0.1:$P_NGINX/home.html" "$NGINX_PID" 30 "$NG/error.log" || die "nginx did not start"
wait_http "http://127.0.0.1:$P_GZIP/home.html" "$NGINX_PID" 30 "$NG/error.log" || die "nginx did not start"
sleep 0.2
BASE[nginx]="http://127.0.0.1:$P_NGINX"
BASE[nginx_gzip]="http://127.0.0.1:$P_GZIP"
PIDS[nginx]="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"
PIDS[nginx_gzip]="${PIDS[nginx]}"
for f in home.html compare.html list.html; do
  curl -fsS "${BASE[nginx]}/$f" | cmp -s - "$WWW/$f" || die "nginx does not serve $f byte for byte"
  curl -fsS -H 'Accept-Encoding: gzip' "${BASE[nginx_gzip]}/$f" | gzip -dc | cmp -s - "$WWW/$f" ||
    die "nginx's gzip of $f does not decompress to the saved bytes"
done

# --- the cases: for each, its sides (the URL each is driven with) --------------------------------
declare -A URL HDR VARY CONN NOTE
CASE_SIDES=()
side() { # CASE SIDE PATH [vary-file] [header]
  URL[$1.$2]="${BASE[$2]:-}$3"
  VARY[$1.$2]="${4:-}"
  HDR[$1.$2]="${5:-}"
  CONN[$1.$2]=$([[ $2 == ds* ]] && echo "$DS_CONNS" || echo "$CONNS")
  info "url.$1.$2" "$3${4:+ (varied, $(wc -l <"$4") URLs)}${5:+ [$5]}"
}
add_case() { CASE_SIDES+=("$1:${*:2}"); }

if wanted list_html; then
  side list_html ours "/companies?$LIST_Q"
  side list_html ds "/$DSNAME/companies?$DS_Q"
  side list_html ds_fast "/$DSNAME/companies?$DS_Q"
  side list_html nginx "/list.html"
  add_case list_html ours ds ds_fast nginx
fi
for fmt in json csv; do
  if wanted "list_$fmt"; then
    side "list_$fmt" ours "/companies.$fmt?$LIST_Q"
    side "list_$fmt" ds "/$DSNAME/companies.$fmt?$DS_Q"
    side "list_$fmt" ds_fast "/$DSNAME/companies.$fmt?$DS_Q"
    add_case "list_$fmt" ours ds ds_fast
  fi
done
if wanted city; then
  side city ours "/cities/$PAGE_CITY"
  side city ds "/$DSNAME/metrics?city_id=$PAGE_CITY_ID&_size=$DS_SIZE"
  side city ds_fast "/$DSNAME/metrics?city_id=$PAGE_CITY_ID&_size=$DS_SIZE"
  add_case city ours ds ds_fast
fi
if wanted home; then side home ours "/"; side home nginx "/home.html"; add_case home ours nginx; fi
if wanted compare; then side compare ours "$COMPARE_PATH"; side compare nginx "/compare.html"; add_case compare ours nginx; fi
if wanted list_uncached; then
  read -r n rows < <(python3 bench/helper.py urls-list "$DB" "$WORK/list-urls.txt")
  info rows.list_uncached "$rows rows per page on average over $n URLs"
  side list_uncached ours "/" "$WORK/list-urls.txt"
  side list_uncached nginx "/list.html"
  add_case list_uncached ours nginx
fi
if wanted list_deep; then
  # Page 1 and page 5 of the same lists, from the same server: do deep pages cost like the first?
  read -r n _ < <(python3 bench/helper.py urls-page "$DB" 1 "$WORK/page1-urls.txt")
  python3 bench/helper.py urls-page "$DB" 5 "$WORK/page5-urls.txt" >/dev/null
  info rows.list_deep "$n lists, 50 rows per page"
  BASE[ours_page5]="${BASE[ours]}"
  PIDS[ours_page5]="${PIDS[ours]}"
  side list_deep ours "/" "$WORK/page1-urls.txt"
  side list_deep ours_page5 "/" "$WORK/page5-urls.txt"
  add_case list_deep ours ours_page5
fi
if wanted home_br; then
  side home_br ours "/" "" "Accept-Encoding: $ENCODING"
  side home_br nginx_gzip "/home.html" "" "Accept-Encoding: $ENCODING"
  add_case home_br ours nginx_gzip
fi
if wanted compare_br; then
  side compare_br ours "$COMPARE_PATH" "" "Accept-Encoding: $ENCODING"
  side compare_br nginx_gzip "/compare.html" "" "Accept-Encoding: $ENCODING"
  add_case compare_br ours nginx_gzip
fi
if wanted list_br; then
  side list_br ours "/companies?$LIST_Q" "" "Accept-Encoding: $ENCODING"
  side list_br nginx_gzip "/list.html" "" "Accept-Encoding: $ENCODING"
  add_case list_br ours nginx_gzip
fi
if [ -n "$SMALL_DB" ]; then
  if wanted scale_pairs; then
    read -r n small big < <(python3 bench/helper.py urls-pairs "$DB" "$SMALL_DB" "$WORK/pairs-urls.txt")
    info rows.scale_pairs "$small on the $SCALE_SMALL database, $big on the $COMPANIES database ($n URLs)"
    side scale_pairs ours_small "/" "$WORK/pairs-urls.txt"
    side scale_pairs ours "/" "$WORK/pairs-urls.txt"
    add_case scale_pairs ours_small ours
  fi
  if wanted scale_sector; then
    read -r n rows < <(python3 bench/helper.py urls-sector "$DB" "$SMALL_DB" "$WORK/sector-urls.txt")
    info rows.scale_sector "$rows on both databases ($n URLs)"
    side scale_sector ours_small "/" "$WORK/sector-urls.txt"
    side scale_sector ours "/" "$WORK/sector-urls.txt"
    add_case scale_sector ours_small ours
  fi
fi

# What our / weighs compressed (the "/ under 25 KB compressed" target).
hdrs="$(curl -fsS -o "$WORK/home.enc" -D - -H "Accept-Encoding: $ENCODING" "${BASE[ours]}/")"
info home_compressed_bytes "$(wc -c <"$WORK/home.enc")"
info home_compressed_encoding "$(printf '%s' "$hdrs" | awk -F': *' 'tolower($1) == "content-encoding" {gsub("\r", "", $2); print $2}')"

# Each side answers 200 before it is measured; otherwise its row says n/a and why.
check() { # CASE SIDE -> sets ENC; returns 1 with NOTE set when the side cannot be measured
  local key="$1.$2" url code h
  ENC=""
  if [ -z "${BASE[$2]:-}" ]; then NOTE[$key]="server not running"; return 1; fi
  url="${URL[$key]}"
  if [ -n "${VARY[$key]}" ]; then url="${BASE[$2]}$(head -n 1 "${VARY[$key]}")"; fi
  h=()
  if [ -n "${HDR[$key]}" ]; then h=(-H "${HDR[$key]}"); fi
  code="$(curl -sS -o /dev/null -D "$WORK/headers" -w '%{http_code}' "${h[@]+"${h[@]}"}" "$url")" || code=000
  ENC="$(awk -F': *' 'tolower($1) == "content-encoding" {gsub("\r", "", $2); print $2}' "$WORK/headers")"
  if [ "$code" = 404 ] && [ "$2" = ours ]; then NOTE[$key]="route missing"; return 1; fi
  if [ "$code" != 200 ]; then NOTE[$key]="HTTP $code"; return 1; fi
}

cpu_ticks() { # PIDS... -> utime + stime of all of them
  local p t=0 x
  for p in "$@"; do
    x="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$p/stat" 2>/dev/null || echo 0)"
    t=$((t + x))
  done
  echo "$t"
}

sampler() { # FILE PIDS...: VmRSS and RssAnon summed over PIDS, every 0.25 s
  local file=$1 p k v rss anon
  shift
  while :; do
    rss=0 anon=0
    for p in "$@"; do
      while read -r k v _; do
        case $k in VmRSS:) rss=$((rss + v)) ;; RssAnon:) anon=$((anon + v)) ;; esac
      done <"/proc/$p/status" 2>/dev/null || true
    done
    echo "$rss $anon" >>"$file"
    sleep 0.25
  done
}

run_wrk() { # CASE SIDE SECONDS OUTFILE
  local key="$1.$2" script=bench/report.lua args=()
  if [ -n "${HDR[$key]}" ]; then args+=(-H "${HDR[$key]}"); fi
  if [ -n "${VARY[$key]}" ]; then
    cat bench/vary.lua bench/report.lua >"$WORK/vary-report.lua"
    script="$WORK/vary-report.lua"
  fi
  args+=(-s "$script" "${URL[$key]}")
  if [ -n "${VARY[$key]}" ]; then args+=(-- "${VARY[$key]}"); fi
  # In the background and waited for, so that a TERM stops the run at once (the trap runs).
  taskset -c 1 wrk -t1 -c"${CONN[$key]}" -d"${3}s" --timeout 30s --latency "${args[@]}" >"$4" 2>&1 &
  WRK_PID=$!
  local rc=0
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  return "$rc"
}

measure() { # CASE SIDE REP
  local key="$1.$2" out="$RUN_DIR/wrk/$1.$2.$3.txt" mem="$WORK/mem" c0 c1 pids line
  read -r -a pids <<<"${PIDS[$2]}"
  if [ "$WARMUP" -gt 0 ]; then run_wrk "$1" "$2" "$WARMUP" "$WORK/warmup.txt" || true; fi
  : >"$mem"
  sampler "$mem" "${pids[@]}" &
  SAMPLER_PID=$!
  c0="$(cpu_ticks "${pids[@]}")"
  run_wrk "$1" "$2" "$DURATION" "$out" || say "wrk failed for $1/$2 (see $out)"
  c1="$(cpu_ticks "${pids[@]}")"
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  line="$(grep '^BENCH ' "$out" || true)"
  [ -n "$line" ] || { say "no result from wrk for $1/$2 (see $out)"; line="BENCH requests=0"; }
  awk -v line="$line" -v c="$1" -v s="$2" -v r="$3" -v conns="${CONN[$key]}" -v enc="$ENC" \
    -v ticks=$((c1 - c0)) -v hz="$CLK_TCK" '
    BEGIN {
      n = split(line, kv, " ")
      for (i = 2; i <= n; i++) { split(kv[i], p, "="); f[p[1]] = p[2] + 0 }
      req = f["requests"]
    }
    $1 > rss { rss = $1 } $2 > anon { anon = $2 }
    END {
      rps = f["duration_us"] > 0 ? req / (f["duration_us"] / 1e6) : 0
      bytes = req > 0 ? f["bytes"] / req : 0
      cpu = req > 0 ? ticks * 1e6 / hz / req : 0
      errors = f["status_errors"] + f["connect"] + f["read"] + f["write"] + f["timeout"]
      printf "%s\t%s\t%s\t%s\t%.2f\t%d\t%d\t%.0f\t%d\t%d\t%.1f\t%d\t%s\t\n", c, s, r, conns, rps, f["p50_us"], f["p99_us"], bytes, rss, anon, cpu, errors, enc
    }' "$mem" >>"$RESULTS"
  tail -n 1 "$RESULTS" | awk -F'\t' '{ printf "bench:   %-14s %-11s rep %s: %10.1f req/s  p50 %.2f ms  p99 %.2f ms\n", $1, $2, $3, $5, $6 / 1000, $7 / 1000 }' >&2
}

# --- run -----------------------------------------------------------------------------------------
total=0
for entry in "${CASE_SIDES[@]}"; do total=$((total + $(wc -w <<<"${entry#*:}"))); done
say "measuring ${#CASE_SIDES[@]} cases, $total sides x $REPS x ($WARMUP + $DURATION) s: about $(((total * REPS * (WARMUP + DURATION) + 59) / 60)) min"
say "keep the machine otherwise idle; results go to ${RUN_DIR#"$ROOT"/}"
declare -A ENCS
for entry in "${CASE_SIDES[@]}"; do
  case_id="${entry%%:*}"
  read -r -a sides <<<"${entry#*:}"
  live=()
  for s in "${sides[@]}"; do
    if check "$case_id" "$s"; then
      live+=("$s")
      ENCS[$case_id.$s]="$ENC"
    else
      say "$case_id/$s: n/a (${NOTE[$case_id.$s]})"
      printf '%s\t%s\t-\t%s\tn/a\t\t\t\t\t\t\t\t\t%s\n' "$case_id" "$s" "${CONN[$case_id.$s]}" "${NOTE[$case_id.$s]}" >>"$RESULTS"
    fi
  done
  for ((rep = 1; rep <= REPS; rep++)); do
    for s in "${live[@]+"${live[@]}"}"; do
      ENC="${ENCS[$case_id.$s]}"
      measure "$case_id" "$s" "$rep"
    done
  done
done

for s in ours ours_small ds ds_fast; do
  if [ -n "${PIDS[$s]:-}" ] && ! kill -0 "${PIDS[$s]}" 2>/dev/null; then
    say "warning: $s exited during the run (see $RUN_DIR/$s.log)"
  fi
done
cp "$NG/error.log" "$RUN_DIR/nginx-error.log" 2>/dev/null || true
echo >&2
python3 bench/helper.py summary "$RESULTS" "$INFO" "$RUN_DIR/summary.md" | tee "$RUN_DIR/summary.txt"
echo
echo "raw wrk output, server logs and this summary (summary.md for bench/README.md): ${RUN_DIR#"$ROOT"/}"
