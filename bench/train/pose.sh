#!/bin/sh
# Pose demo: the synthetic pose set (3000 training images, seed 1; 300 validation images, seed 2; 128x128), a
# SimpleBaseline model trained from scratch; PCKh@0.5 per epoch and of the written ONNX file with 'lighten eval'.
# Usage: bench/train/pose.sh [MODEL] [EPOCHS] [WORKDIR]   (MODEL defaults to pose_resnet50; pose_resnet18 is ~4x faster)
set -e
cd "$(dirname "$0")/../.."
MODEL=${1:-pose_resnet50}
EPOCHS=${2:-6}
W=${3:-/tmp/lighten-train-demo}
mkdir -p "$W"
dotnet build -c Release src/Lighten.Cli >/dev/null
LIGHTEN=src/Lighten.Cli/bin/Release/net10.0/lighten
[ -f "$W/pose/train/annotations.json" ] || $LIGHTEN data synth-pose --out-dir "$W/pose/train" --count 3000 --size 128 --seed 1
[ -f "$W/pose/val/annotations.json" ] || $LIGHTEN data synth-pose --out-dir "$W/pose/val" --count 300 --size 128 --seed 2
time $LIGHTEN train --model "$MODEL" --task pose --data "$W/pose" --size 128 --epochs "$EPOCHS" --batch 32 --seed 1 -o "$W/$MODEL.onnx"
$LIGHTEN eval "$W/$MODEL.onnx" --data "$W/pose/val" --task pose --size 128
