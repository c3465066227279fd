#!/bin/sh
# Classifier demo: ResNet-18 trained from scratch on a generated ImageFolder of 8 shape classes at 64x64,
# then the validation accuracy of the written ONNX file with 'lighten eval'. Usage: bench/train/classify.sh [WORKDIR]
set -e
cd "$(dirname "$0")/../.."
W=${1:-/tmp/lighten-train-demo}
mkdir -p "$W"
dotnet build -c Release src/Lighten.Cli bench/Lighten.Bench >/dev/null
LIGHTEN=src/Lighten.Cli/bin/Release/net10.0/lighten
dotnet bench/Lighten.Bench/bin/Release/net10.0/Lighten.Bench.dll shapes-folder --out "$W/shapes" --train 150 --val 40 --size 64 --seed 1
time $LIGHTEN train --model resnet18 --task classify --data "$W/shapes" --size 64 --epochs 10 --batch 32 --augment pad --seed 1 -o "$W/shapes_resnet18.onnx"
$LIGHTEN eval "$W/shapes_resnet18.onnx" --data "$W/shapes" --task classify --size 64
