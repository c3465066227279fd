#!/bin/sh
# Learning curves of the pose recipe (issue 16): PCKh@0.5 per epoch of each recipe, appended to $W/curves.csv by
# 'Lighten.Bench pose-recipe' (which also prints the mean-pose guesser's score of the same data).
#   overfit   128 training images validated on themselves, no scale/rotation: can the network memorize at all?
#   easy      the same 128 images' poses on a plain background without noise, occluders or truncation
#   img64     the quick preset's old data (images rendered at the 64x64 input size)
#   img128    images rendered at 128x128 for the same 64x64 input (the demo's data since issue 16)
#   many      6000 distinct 128x128 images instead of 1200 (more data for the same number of steps)
# Usage: bench/train/pose-recipes.sh [overfit|easy|img64|img128|many|all] [WORKDIR]
set -e
cd "$(dirname "$0")/../.."
WHICH=${1:-all}
W=${2:-/tmp/lighten-pose-recipes}
mkdir -p "$W"
dotnet build -c Release bench/Lighten.Bench >/dev/null
B="dotnet bench/Lighten.Bench/bin/Release/net10.0/Lighten.Bench.dll"
R="$B pose-recipe --model pose_resnet18 --size 64 --threads 2 --csv $W/curves.csv"

synth() { # DIR COUNT SIZE SEED [knobs...]
    d=$1; count=$2; size=$3; seed=$4; shift 4
    [ -f "$d/annotations.json" ] || $B pose-synth --out "$d" --count "$count" --size "$size" --seed "$seed" "$@"
}
self_validated() { # DIR: val is train
    ln -sfn train "$1/val"
}

case $WHICH in overfit|all)
    synth "$W/overfit/train" 128 64 1
    self_validated "$W/overfit"
    $R --data "$W/overfit" --epochs 40 --batch 16 --scale-range 0 --rotation 0 --label overfit-lr1e-3
    $R --data "$W/overfit" --epochs 15 --batch 16 --scale-range 0 --rotation 0 --label overfit-15ep-lr1e-3
    $R --data "$W/overfit" --epochs 15 --batch 16 --scale-range 0 --rotation 0 --lr 0.003 --warmup 1 --label overfit-15ep-lr3e-3
    $R --data "$W/overfit" --epochs 15 --batch 16 --scale-range 0 --rotation 0 --lr 0.0003 --label overfit-15ep-lr3e-4
    $R --data "$W/overfit" --epochs 15 --batch 16 --scale-range 0 --rotation 0 --size 128 --label overfit-15ep-input128
    $R --data "$W/overfit" --epochs 15 --batch 16 --scale-range 0 --rotation 0 --size 128 --sigma 4 --label overfit-15ep-input128-sigma4
;; esac
case $WHICH in easy|all)
    synth "$W/easy/train" 128 64 1 --background plain --noise false --truncation 0 --occluders 0
    self_validated "$W/easy"
    $R --data "$W/easy" --epochs 15 --batch 16 --scale-range 0 --rotation 0 --label overfit-easy-15ep
;; esac
case $WHICH in img64|all)
    synth "$W/img64/train" 1200 64 1; synth "$W/img64/val" 200 64 2
    $R --data "$W/img64" --epochs 6 --label img64-in64
;; esac
case $WHICH in img128|all)
    synth "$W/img128/train" 1200 128 1; synth "$W/img128/val" 200 128 2
    $R --data "$W/img128" --epochs 6 --label img128-in64
;; esac
case $WHICH in many|all)
    synth "$W/many/train" 6000 128 1; synth "$W/img128/val" 200 128 2
    ln -sfn "$W/img128/val" "$W/many/val"
    $R --data "$W/many" --epochs 10 --label many6000-in64
;; esac
