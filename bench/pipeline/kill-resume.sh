#!/bin/sh
# The smoke demo run straight through, then three times killed with SIGKILL mid-run and resumed, each under another
# load (idle; a parallel Release build; a second training process competing for the cores); every resumed run must
# give the same decisions, accuracy column and artifact SHA-256 as the straight run (bench run-diff).
# Usage: bench/pipeline/kill-resume.sh [WORKDIR]   (about 5 × the smoke demo's time)
set -e
cd "$(dirname "$0")/../.."
W=${1:-/tmp/lighten-kill-resume}
rm -rf "$W" && mkdir -p "$W"
dotnet build -c Release src/Lighten.Cli >/dev/null
dotnet build -c Release bench/Lighten.Bench >/dev/null
LIGHTEN="dotnet src/Lighten.Cli/bin/Release/net10.0/lighten.dll"
BENCH="dotnet bench/Lighten.Bench/bin/Release/net10.0/Lighten.Bench.dll"
git rev-parse --short HEAD > "$W/commit"

echo "straight run"
$LIGHTEN demo --preset smoke --out-dir "$W/straight" > "$W/straight.log" 2>&1 || [ $? -eq 4 ]

load_start() {
  case "$1" in
    idle) LOAD_PID= ;;
    build) (while true; do dotnet build -c Release --no-incremental src/Lighten.Core -o "$W/loadbuild" >/dev/null 2>&1; done) & LOAD_PID=$! ;;
    train) (while true; do $LIGHTEN train --model pose_resnet18 --task pose --data "$W/straight/data" --size 64 --epochs 50 --batch 16 -o "$W/load.onnx" >/dev/null 2>&1; done) & LOAD_PID=$! ;;
  esac
}
# Under set -e a failing last command of an && list ends the script: every step here must succeed.
load_stop() { if [ -n "$LOAD_PID" ]; then pkill -P "$LOAD_PID" 2>/dev/null || true; kill "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true; fi; }

i=0
DIRS=
for spec in idle:25 build:40 train:55; do
  i=$((i + 1)); load=${spec%%:*}; after=${spec##*:}
  out="$W/resumed-$i-$load"
  DIRS="$DIRS $out"
  echo "run $i: load '$load', SIGKILL after ${after} s, then --resume"
  load_start "$load"
  $LIGHTEN demo --preset smoke --out-dir "$out" > "$out.log" 2>&1 &
  pid=$!
  sleep "$after"
  if kill -9 "$pid" 2>/dev/null; then echo "  killed at ${after} s: $(grep -E '^== |^[a-zG].*: (kept|rejected|skipped|failed)' "$out.log" | tail -1)"; else echo "  finished before ${after} s (not killed)"; fi
  wait "$pid" 2>/dev/null || true
  $LIGHTEN demo --preset smoke --out-dir "$out" --resume > "$out.resume.log" 2>&1 || [ $? -eq 4 ]
  load_stop
done
$BENCH run-diff "$W/straight" $DIRS
