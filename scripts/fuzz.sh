#!/usr/bin/env bash
# Runs the libFuzzer targets of build/fuzz (built by `make fuzz`) for FUZZ_SECONDS each and fails
# when any of them leaves a finding. Per target <t>:
#   build/fuzz/corpus/<t>/     the writable corpus, seeded from tests/fuzz/corpus/<t>/ (kept
#                              between runs, so later runs start where earlier ones stopped)
#   build/fuzz/findings/<t>/   crash-*, leak-*, timeout-*, oom-* inputs (the findings; at the
#                              next run, those that no longer fail are removed)
#   build/fuzz/logs/<t>.log    libFuzzer's output; build/fuzz/logs/<t>.stats its final figures
# tests/fuzz/regressions/<t>/ is read as a second, read-only corpus; tests/fuzz/<t>.dict is the
# target's dictionary and tests/fuzz/<t>.flags its extra libFuzzer flags.
#
# Environment: FUZZ_SECONDS (600), FUZZ_TARGETS ("manifest patch shell"), FUZZ_PARALLEL (0: one
# target after the other; 1: all at once, one process each), FUZZ_TIMEOUT (seconds one input may
# take, 30), FUZZ_RSS_MB (2048).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-600}
TARGETS=${FUZZ_TARGETS:-manifest patch shell}
PARALLEL=${FUZZ_PARALLEL:-0}
TIMEOUT=${FUZZ_TIMEOUT:-30}
RSS_MB=${FUZZ_RSS_MB:-2048}
OUT=build/fuzz

run_target() {
  local t=$1
  local bin=$OUT/tests/fuzz/fuzz_$t
  local corpus=$OUT/corpus/$t findings=$OUT/findings/$t log=$OUT/logs/$t.log
  mkdir -p "$corpus" "$findings" "$OUT/logs" tests/fuzz/regressions/"$t"
  cp -n tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  # Findings of an earlier run that no longer fail are gone; the others stay findings.
  shopt -s nullglob
  for f in "$findings"/{crash,leak,timeout,oom}-*; do
    if "$bin" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" "$f" >/dev/null 2>&1; then
      echo "fuzz: $f no longer fails; removed"
      rm -f "$f"
    fi
  done
  shopt -u nullglob
  local dict=() flags=()
  [[ -f tests/fuzz/$t.dict ]] && dict=(-dict=tests/fuzz/$t.dict)
  # tests/fuzz/<t>.flags: extra libFuzzer flags for that target (whitespace separated).
  if [[ -f tests/fuzz/$t.flags ]]; then
    read -r -a flags <<<"$(grep -v '^#' tests/fuzz/"$t".flags | tr '\n' ' ')"
  fi
  # libFuzzer stops at its first finding and exits non-zero; the artifact check below decides.
  "$bin" "$corpus" tests/fuzz/regressions/"$t" "${dict[@]}" "${flags[@]}" \
    -max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" \
    -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1 || true
  # Final figures: executions, exec/s, coverage, corpus size, duration.
  {
    echo "target: $t"
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
    grep -E '^#[0-9]+.*(cov|DONE)' "$log" | tail -n1 || true
    echo "files_in_corpus_dir: $(find "$corpus" -type f | wc -l)"
    echo "seconds: $SECONDS_EACH"
  } >"$OUT/logs/$t.stats"
}

for t in $TARGETS; do
  if [[ ! -x $OUT/tests/fuzz/fuzz_$t ]]; then
    echo "fuzz: $OUT/tests/fuzz/fuzz_$t is not built (run make fuzz)" >&2
    exit 2
  fi
done

echo "fuzz: $TARGETS, ${SECONDS_EACH}s each$([[ $PARALLEL == 1 ]] && echo ', in parallel'); logs in $OUT/logs/"
if [[ $PARALLEL == 1 ]]; then
  pids=()
  for t in $TARGETS; do run_target "$t" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
else
  for t in $TARGETS; do
    echo "fuzz: $t ..."
    run_target "$t"
  done
fi

failed=0
for t in $TARGETS; do
  echo
  sed 's/^/  /' "$OUT/logs/$t.stats"
  shopt -s nullglob
  found=("$OUT"/findings/"$t"/{crash,leak,timeout,oom}-*)
  shopt -u nullglob
  if ((${#found[@]})); then
    failed=1
    echo "  FINDINGS for $t (libFuzzer's report is in $OUT/logs/$t.log):"
    for f in "${found[@]}"; do echo "    $f"; done
    echo "  reproduce: $OUT/tests/fuzz/fuzz_$t <file>; once fixed, keep the input in tests/fuzz/regressions/$t/"
  elif ! grep -q 'Done [0-9]* runs' "$OUT/logs/$t.log"; then
    failed=1
    echo "  $t did not finish normally: see $OUT/logs/$t.log"
  fi
done
echo
if ((failed)); then
  echo "fuzz: FAILED: findings above" >&2
  exit 1
fi
echo "fuzz: no findings"
