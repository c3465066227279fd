#!/bin/sh
# Distillation demo: a small student trained from the same starting weights for the same epochs, without and with a
# trained teacher (run pose.sh first for the teacher). Usage: bench/train/distill.sh [TEACHER.onnx] [STUDENT] [EPOCHS] [WORKDIR]
set -e
cd "$(dirname "$0")/../.."
W=${4:-/tmp/lighten-train-demo}
TEACHER=${1:-$W/pose_resnet18.onnx}
STUDENT=${2:-pose_shufflenet_v2_x1_0}
EPOCHS=${3:-4}
dotnet build -c Release src/Lighten.Cli >/dev/null
LIGHTEN=src/Lighten.Cli/bin/Release/net10.0/lighten
time $LIGHTEN train --model "$STUDENT" --task pose --data "$W/pose" --size 128 --epochs "$EPOCHS" --batch 32 --seed 1 -o "$W/$STUDENT.alone.onnx"
time $LIGHTEN train --model "$STUDENT" --task pose --data "$W/pose" --size 128 --epochs "$EPOCHS" --batch 32 --seed 1 \
  --teacher "$TEACHER" --alpha 0.5 -o "$W/$STUDENT.distilled.onnx"
