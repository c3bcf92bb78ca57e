#!/usr/bin/env bash
# Coverage-guided fuzzing of the OpenCTS parsers and the profile language with SharpFuzz over AFL++.
#
#   tests/fuzz/fuzz.sh [--budget SECONDS | --total SECONDS] [--keep] [--work DIR] [TARGET...]
#
# --budget is the fuzzing time of each target (60 s by default); --total is the time of the whole run, publishing and
# instrumenting included: what is left once the harness is ready is shared evenly among the targets (at least 5 s
# each), so that a slow build on a loaded machine shortens the fuzzing rather than the deadline.
#
# Publishes the harness (tests/fuzz/OpenCts.Fuzz), instruments the OpenCTS assemblies with sharpfuzz, seeds each target
# from samples/ and from the kept corpus (tests/OpenCts.Fuzz.Tests/Corpus/TARGET), and runs afl-fuzz on it for the
# budget with a per-input time limit. Prints execs/s, paths and coverage per target. Exits 1 when any target found a
# crash or a hang (they are left in WORK/findings/TARGET/default/{crashes,hangs}). With --keep, the inputs the fuzzer
# found that reached new paths are added to the kept corpus, which dotnet test replays.
# Needs afl-fuzz (Debian: afl++) and the sharpfuzz tool (dotnet tool install -g SharpFuzz.CommandLine); .ci/fuzz installs both.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
budget=60
total=""
keep=false
work=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --budget) budget=$2; shift 2 ;;
    --total) total=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    --work) work=$2; shift 2 ;;
    -*) echo "unknown option $1"; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(cuscar cargo-xml cargo-imp wco-json json csv recognise profile profile-json platform-orders)
[ -n "$work" ] || work=$(mktemp -d)
mkdir -p "$work"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v afl-fuzz > /dev/null || { echo "afl-fuzz is not installed (apt-get install afl++)"; exit 2; }
command -v sharpfuzz > /dev/null || { echo "sharpfuzz is not installed (dotnet tool install -g SharpFuzz.CommandLine)"; exit 2; }

echo "== publishing the harness into $work/bin"
rm -rf "$work/bin"
dotnet publish "$root/tests/fuzz/OpenCts.Fuzz" -c Release -o "$work/bin" --nologo -v quiet > "$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; exit 1; }
# Seeds are written before instrumenting: instrumented code runs only inside the fuzzing loop.
for target in "${targets[@]}"; do
  seeds="$work/seeds/$target"
  rm -rf "$seeds"
  dotnet "$work/bin/OpenCts.Fuzz.dll" seed "$target" "$root/samples" "$seeds" > /dev/null
  corpus="$root/tests/OpenCts.Fuzz.Tests/Corpus/$target"
  if [ -d "$corpus" ]; then cp "$corpus"/* "$seeds"/ 2>/dev/null || true; fi
done
for assembly in OpenCts.Domain OpenCts.Ingestion OpenCts.Targeting; do
  sharpfuzz "$work/bin/$assembly.dll" > /dev/null
done

if [ -n "$total" ]; then
  # afl-fuzz's start, the dotnet forkserver and the dry run of the seeds take about 5 s a target beside its budget.
  budget=$(( (total - SECONDS) / ${#targets[@]} - 5 ))
  [ "$budget" -ge 5 ] || budget=5
  echo "== $budget s per target: $SECONDS s went to publishing and instrumenting, of $total s in all"
fi

# afl-fuzz runs dotnet, not an instrumented binary; the forkserver starts slowly (the runtime and reference data).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_FORKSRV_INIT_TMOUT=60000 AFL_SHUFFLE_QUEUE=0 DOTNET_TieredPGO=0
status=0
printf '%-15s %8s %10s %8s %9s %8s %6s\n' target seconds execs execs/s paths coverage faults
for target in "${targets[@]}"; do
  seeds="$work/seeds/$target"
  corpus="$root/tests/OpenCts.Fuzz.Tests/Corpus/$target"
  rm -rf "$work/findings/$target"; mkdir -p "$work/findings"
  # -t: the per-input time limit in ms (a slower input is a hang); -V: the budget in seconds.
  afl-fuzz -i "$seeds" -o "$work/findings/$target" -t 2000 -m none -V "$budget" -- \
    dotnet "$work/bin/OpenCts.Fuzz.dll" fuzz "$target" > "$work/$target.log" 2>&1 || {
      echo "afl-fuzz failed on $target:"; tail -30 "$work/$target.log"; status=1; continue; }
  out="$work/findings/$target/default"
  field() { grep -E "^$1 " "$out/fuzzer_stats" | sed 's/.*: *//'; }
  crashes=$(find "$out/crashes" -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$out/hangs" -name 'id:*' 2>/dev/null | wc -l)
  printf '%-15s %8s %10s %8s %9s %8s %6s\n' "$target" "$(field run_time)" "$(field execs_done)" "$(field execs_per_sec)" \
    "$(field corpus_count)" "$(field bitmap_cvg)" "$((crashes + hangs))"
  if [ $((crashes + hangs)) -gt 0 ]; then
    status=1
    echo "   $crashes crashes, $hangs hangs in $out/crashes and $out/hangs; replay one with:"
    echo "   dotnet $work/bin/OpenCts.Fuzz.dll replay $target FILE"
  fi
  if $keep; then
    mkdir -p "$corpus"
    # The inputs that reached new edges (+cov, not only new hit counts), named by their content so that runs add each
    # once; with the crashes and hangs, so that once fixed they stay fixed.
    for file in "$out"/queue/id:*+cov "$out"/crashes/id:* "$out"/hangs/id:*; do
      [ -f "$file" ] || continue
      [ "$(stat -c %s "$file")" -le 65536 ] || continue
      cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-16)"
    done
  fi
done
exit $status
