#!/bin/sh
# INT8 against FP32 on the small classifiers of tests/data (MobileNetV2 0.35x, ShuffleNetV2 0.5x, MobileNetV3-Small; 10
# classes, 96x96). Their weights are random and their BatchNorms folded by the export, so agreement on natural or noise
# images says nothing; each gets its BatchNorms back (`Lighten.Bench restore-bn`, identity at first) and is trained
# briefly on a generated 10-class ImageFolder of shapes (1200 train / 400 val, 96x96), then quantized by `lighten quantize`
# (host target, 128 calibration images from train/), and FP32 and INT8 are compared on the validation images: top-1 of
# each (`lighten eval`) and their top-1 agreement (`Lighten.Bench agreement`).
# Usage: bench/train/classifiers-int8.sh [WORKDIR] [EPOCHS]   (MODELS="a b" restricts the models)
set -e
cd "$(dirname "$0")/../.."
W=${1:-/tmp/lighten-int8-agreement}
EPOCHS=${2:-8}
mkdir -p "$W"
dotnet build -c Release src/Lighten.Cli >/dev/null
dotnet build -c Release bench/Lighten.Bench >/dev/null
LIGHTEN=src/Lighten.Cli/bin/Release/net10.0/lighten
BENCH="dotnet bench/Lighten.Bench/bin/Release/net10.0/Lighten.Bench.dll"
[ -d "$W/shapes10/val" ] || $BENCH shapes-folder --out "$W/shapes10" --classes 10 --train 120 --val 40 --size 96 --seed 3
for m in ${MODELS:-mobilenet_v2_w035_c10_96 shufflenet_v2_x0_5_c10_96 mobilenet_v3_small_c10_96}; do
  echo "== $m"
  $BENCH restore-bn "tests/data/$m.onnx" "$W/$m.bn.onnx"
  # --resume: a run of fewer epochs in WORKDIR continues to EPOCHS (a finished one of EPOCHS returns at once)
  $LIGHTEN train --model "$W/$m.bn.onnx" --task classify --data "$W/shapes10" --size 96 \
    --epochs "$EPOCHS" --augment pad --seed 1 --resume -o "$W/$m.trained.onnx"
  $LIGHTEN quantize "$W/$m.trained.onnx" --calib "$W/shapes10/train" --count 128 -o "$W/$m.int8.onnx"
  $LIGHTEN eval "$W/$m.trained.onnx" --data "$W/shapes10/val" --task classify --size 96
  $LIGHTEN eval "$W/$m.int8.onnx" --data "$W/shapes10/val" --task classify --size 96
  $BENCH agreement --data "$W/shapes10/val" "$W/$m.trained.onnx" "$W/$m.int8.onnx"
done
