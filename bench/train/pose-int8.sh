#!/bin/sh
# G3 on the lightened pose model (G1 + G2: MobileNetV2 backbone, 64-channel 1x1 bottleneck before each ConvTranspose,
# 128x128, 16 joints) trained on the synthetic pose set: INT8 quantization calibrated on 128 person crops of train/,
# PCKh@0.5 of FP32 and INT8 on val/ in ONNX Runtime, and their latency side by side (`lighten bench`).
# Usage: bench/train/pose-int8.sh [MODEL.onnx] [DATA] [EPOCHS]   (without MODEL.onnx, trains pose_mobilenet_v2 first)
set -e
cd "$(dirname "$0")/../.."
DATA=${2:-/tmp/lighten-train-demo/pose}
EPOCHS=${3:-5}
dotnet build -c Release src/Lighten.Cli >/dev/null
LIGHTEN=src/Lighten.Cli/bin/Release/net10.0/lighten
MODEL=${1:-/tmp/lighten-train-demo/pose_mobilenet_v2_b64.onnx}
if [ ! -f "$MODEL" ]; then
  [ -f "$DATA/train/annotations.json" ] || $LIGHTEN data synth-pose --out-dir "$DATA/train" --count 3000 --size 128 --seed 1
  [ -f "$DATA/val/annotations.json" ] || $LIGHTEN data synth-pose --out-dir "$DATA/val" --count 300 --size 128 --seed 2
  time $LIGHTEN train --model pose_mobilenet_v2 --bottleneck 64 --task pose --data "$DATA" --size 128 --epochs "$EPOCHS" --batch 32 --seed 1 -o "$MODEL"
fi
INT8="${MODEL%.onnx}.int8.onnx"
time $LIGHTEN quantize "$MODEL" --calib "$DATA/train" --count 128 -o "$INT8" --report "${MODEL%.onnx}.int8.layers.csv"
$LIGHTEN eval "$MODEL" --data "$DATA/val" --task pose --size 128
$LIGHTEN eval "$INT8" --data "$DATA/val" --task pose --size 128
$LIGHTEN bench "$MODEL" "$INT8" --runs 200
