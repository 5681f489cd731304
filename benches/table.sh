#!/usr/bin/env bash
# One table of kiosque's load figures against `cat`, measured in the same run on
# one core (RAYON_NUM_THREADS=1), page cache warm for all:
#   benches/table.sh [N...]          (default: 10000 100000; 1000000 needs ~4 GB of disk and RAM)
# Columns: throughput of `cat` over the corpus's files, of kiosque's load without
# its cache (and the ratio to cat; target >= 0.5x), of the load from the cache
# (ratio to the uncached load; target >= 5x), entity throughput, a restart with
# entities (uncached load + entities vs the cached load that restores them), and
# peak RSS (VmHWM, read by the process itself) against the corpus's text bytes:
# with entities, for the load alone, and with everything the reader holds once
# loaded ("RSS all": entities and the filter engine's indexes).
# Each time is the best of three. On a machine shared with other work, wall
# times move with the load; the "CPU" columns repeat the two load ratios with
# CPU time (user + system; for `cat`, of find, xargs and cat together), which
# moves less. Corpora and caches go to $KIOSQUE_BENCH_DIR
# (default: $CARGO_TARGET_DIR or target, /bench-table); to reuse a corpus
# generated elsewhere, link it there as corpus-N and touch corpus-N.done.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
work=${KIOSQUE_BENCH_DIR:-$target/bench-table}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
cargo build --release --quiet --example gen-corpus --example load-stats
gen=$target/release/examples/gen-corpus
stats=$target/release/examples/load-stats
mkdir -p "$work"
export RAYON_NUM_THREADS=1

# field KEY LINE: the value of KEY=... in a load-stats line.
field() { sed -E "s/.*(^| )$1=([^ ]+).*/\2/" <<<"$2"; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; }
# best3 CMD...: sets $best_s and $best_cpu to the best wall and CPU times of
# three runs, in seconds.
best3() {
  local t
  best_s=999999 best_cpu=999999
  for _ in 1 2 3; do
    t=$({ TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1)
    best_s=$(min "$best_s" "${t%% *}")
    best_cpu=$(min "$best_cpu" "$(awk '{ print $2 + $3 }' <<<"$t")")
  done
}
# best_load ARGS...: sets $best_s and $best_cpu to the best load_s and
# load_cpu_s of three load-stats runs, and $last to the last run's line.
best_load() {
  best_s=999999 best_cpu=999999
  for _ in 1 2 3; do
    last=$("$stats" "$@")
    best_s=$(min "$best_s" "$(field load_s "$last")")
    best_cpu=$(min "$best_cpu" "$(field load_cpu_s "$last")")
  done
}
# -H: the corpus directory may be a symbolic link to an existing corpus.
catall() { find -H "$1" -type f -print0 | xargs -0 cat >/dev/null; }

printf '%9s %8s | %9s | %9s %6s | %10s %7s | %9s %9s | %8s | %9s %9s %7s | %9s %6s %9s | %9s %6s\n' \
  docs "text MB" "cat MB/s" "load MB/s" "x cat" "cache MB/s" "x load" "CPU x cat" "CPU x load" "ent MB/s" \
  "cold+ent" "cached" "x" "RSS+ent" "x text" "RSS load" "RSS all" "x text"
for n in "${sizes[@]}"; do
  dir=$work/corpus-$n
  if [ ! -f "$dir.done" ]; then
    rm -rf "$dir"
    RAYON_NUM_THREADS='' "$gen" "$n" "$dir"
    touch "$dir.done"
  fi
  cache=$work/cache-$n
  rm -rf "$cache"
  catall "$dir"
  best3 catall "$dir"
  cat_s=$best_s cat_cpu=$best_cpu
  best_load "$dir" --no-cache
  load_s=$best_s load_cpu=$best_cpu
  plain=$last
  bytes=$(field bytes "$plain")
  "$stats" "$dir" --cache "$cache" >/dev/null          # writes the cache (documents)
  best_load "$dir" --cache "$cache"
  cached_s=$best_s cached_cpu=$best_cpu
  ent=$("$stats" "$dir" --no-cache --entities)
  all=$("$stats" "$dir" --no-cache --entities --index)
  rm -rf "$cache"
  "$stats" "$dir" --cache "$cache" --entities >/dev/null # writes documents and entities
  best_load "$dir" --cache "$cache" --entities
  cached_ent_s=$best_s
  awk -v n="$n" -v b="$bytes" -v c="$cat_s" -v l="$load_s" -v k="$cached_s" \
      -v cc="$cat_cpu" -v lc="$load_cpu" -v kc="$cached_cpu" \
      -v e="$(field entities_s "$ent")" -v el="$(field load_s "$ent")" -v ke="$cached_ent_s" \
      -v h="$(field hwm_kib "$ent")" -v hp="$(field hwm_kib "$plain")" -v ha="$(field hwm_kib "$all")" 'BEGIN {
    mb = b / 1e6
    printf "%9d %8.1f | %9.1f | %9.1f %5.2fx | %10.1f %6.2fx | %8.2fx %8.2fx | %8.2f | %8.2fs %8.2fs %6.1fx | %7.0fMB %5.2fx %7.0fMB | %7.0fMB %5.2fx\n",
      n, mb, mb / c, mb / l, c / l, mb / k, l / k, cc / lc, lc / kc, mb / e, el + e, ke, (el + e) / ke,
      h / 1024, h * 1024 / b, hp / 1024, ha / 1024, ha * 1024 / b
  }'
done
