#!/usr/bin/env bash
# The install check (README "Install"): packs Lighten into a temporary folder feed, installs the `lighten` tool from it
# into a temporary tool path, runs `lighten --version` and `lighten doctor` (whose probe child loads libtorch through the
# packed, patched shim), then builds tests/Consumer against the library packages and runs it (load an ONNX file,
# profile it, time it in ONNX Runtime, decide the native engine). Nothing outside the temporary folder is written:
# packages restore into a private NuGet folder, with the machine's global packages folder as a read-only fallback.
#
#   scripts/pack-check.sh [--keep]
#
# LIGHTEN_PACK_RIDS (default: this machine's RID) limits the RID-specific tool packages built; a release packs all of
# LightenToolRuntimeIdentifiers (Directory.Build.props). --keep leaves the temporary folder for inspection.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true
work=$(mktemp -d "${TMPDIR:-/tmp}/lighten-pack.XXXXXX")
cleanup() { if $keep; then echo "pack check: kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
fail() {
    echo "pack check FAILED: $*" >&2
    exit 1
}
start=$SECONDS
step() { printf '[pack check %4ds] %s\n' $((SECONDS - start)) "$*"; }

rid=${LIGHTEN_PACK_RIDS:-$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')}
version=$(dotnet msbuild "$repo/src/Lighten.Core/Lighten.Core.csproj" -getProperty:Version)
global=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
feed="$work/feed"

step "dotnet pack packaging/Lighten.Packages.slnf (version $version, tool RIDs $rid) into $feed"
if ! dotnet pack "$repo/packaging/Lighten.Packages.slnf" -c Release -o "$feed" --artifacts-path "$work/artifacts" \
        -p:LightenToolRuntimeIdentifiers="$rid" -p:RestoreAdditionalProjectFallbackFolders="$global" >"$work/pack.log" 2>&1; then
    grep -E "error|rror\(s\)" "$work/pack.log" | head -20 >&2 || tail -20 "$work/pack.log" >&2
    fail "dotnet pack failed (log above)"
fi
ls -l "$feed" | awk 'NR > 1 { printf "  %11d bytes %7.1f MB  %s\n", $5, $5 / 1e6, $9 }'

step "library packages: assembly, XML docs, README, licence"
for lib in Core Data Runtime Training Pipeline; do
    pkg="$feed/Lighten.$lib.$version.nupkg"
    [[ -f "$pkg" ]] || fail "Lighten.$lib.$version.nupkg was not packed"
    listing=$(unzip -Z1 "$pkg")
    for entry in "lib/net10.0/Lighten.$lib.dll" "lib/net10.0/Lighten.$lib.xml" README.md LICENSE; do
        grep -qx "$entry" <<<"$listing" || fail "Lighten.$lib.$version.nupkg lacks $entry"
    done
done
# Read the listing whole first: under pipefail, grep -q leaving early can kill unzip with SIGPIPE and so fail a package
# that has the file (it failed so twice in a row on one clone, then passed, with the same package).
probe_listing=$(unzip -Z1 "$feed/Lighten.NativeProbe.$version.nupkg")
grep -qx "tools/probe/Lighten.NativeProbe.dll" <<<"$probe_listing" \
    || fail "Lighten.NativeProbe.$version.nupkg lacks tools/probe/Lighten.NativeProbe.dll"

step "tool package Lighten.$rid: its libLibTorchSharp.so needs GLIBCXX_3.4.32 only weakly"
toolpkg="$feed/Lighten.$rid.$version.nupkg"
[[ -f "$toolpkg" ]] || fail "the RID-specific tool package Lighten.$rid.$version.nupkg was not packed"
shim=$(unzip -Z1 "$toolpkg" | grep -E '(^|/)libLibTorchSharp\.so$' | head -1 || true)
if [[ -n "$shim" ]] && command -v readelf >/dev/null; then
    unzip -p "$toolpkg" "$shim" >"$work/libLibTorchSharp.so"
    readelf -V "$work/libLibTorchSharp.so" | grep -E "Name: GLIBCXX_3\.4\.32 +Flags: WEAK" >/dev/null \
        || fail "$shim in Lighten.$rid.$version.nupkg still needs GLIBCXX_3.4.32 strictly"
fi

step "dotnet tool install Lighten --tool-path $work/tools --add-source $feed"
cat >"$work/tool.nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="lighten-local" value="$feed" />
  </packageSources>
</configuration>
EOF
dotnet tool install Lighten --version "$version" --tool-path "$work/tools" --configfile "$work/tool.nuget.config" \
    --add-source "$feed" || fail "dotnet tool install from $feed failed"

step "lighten --version"
out=$("$work/tools/lighten" --version) || fail "lighten --version exited with $?"
echo "  $out"
[[ "$out" == "lighten $version"* ]] || fail "lighten --version printed '$out', expected 'lighten $version...'"

step "lighten profile tests/data/mobilenet_v2_w035_c10_96.onnx (from the installed tool)"
"$work/tools/lighten" profile "$repo/tests/data/mobilenet_v2_w035_c10_96.onnx" >"$work/profile.txt" 2>&1 \
    || { cat "$work/profile.txt" >&2; fail "lighten profile exited with an error"; }
sed 's/^/  /' "$work/profile.txt" | tail -6
grep -q "10,666,928" "$work/profile.txt" || fail "lighten profile does not show the model's 10,666,928 MACs (tests/data/reference_costs.json)"

step "lighten doctor (the probe child loads libtorch from the installed tool)"
LIGHTEN_CACHE_DIR="$work/tool-cache" "$work/tools/lighten" doctor >"$work/doctor.txt" 2>&1 || { cat "$work/doctor.txt" >&2; fail "lighten doctor exited with an error"; }
sed 's/^/  /' "$work/doctor.txt" | head -40

step "tests/Consumer: restore against $feed and the machine's feed, build, run"
cp -r "$repo/tests/Consumer" "$work/consumer"
rm -rf "$work/consumer/bin" "$work/consumer/obj"
cat >"$work/consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="lighten-local" value="$feed" />
  </packageSources>
</configuration>
EOF
model="$repo/tests/data/mobilenet_v2_w035_c10_96.onnx"
if ! LIGHTEN_CACHE_DIR="$work/consumer-cache" dotnet run --project "$work/consumer" -c Release -p:LightenVersion="$version" \
        -p:RestoreAdditionalProjectFallbackFolders="$global" -- "$model" >"$work/consumer.txt" 2>&1; then
    cat "$work/consumer.txt" >&2
    fail "the consumer project did not build or run"
fi
sed 's/^/  /' "$work/consumer.txt"
for lib in core data runtime training pipeline nativeprobe; do
    meta="$NUGET_PACKAGES/lighten.$lib/$version/.nupkg.metadata"
    [[ -f "$meta" ]] && grep -q "\"source\": \"$feed\"" "$meta" \
        || fail "Lighten.${lib^} $version was not restored from $feed"
done
grep -q "^profile mobilenet_v2_w035_c10_96: 10666928 MACs" "$work/consumer.txt" \
    || fail "the consumer's profile does not show mobilenet_v2_w035_c10_96's 10666928 MACs (tests/data/reference_costs.json)"
grep -q "^onnxruntime: init" "$work/consumer.txt" || fail "the consumer did not time the model in ONNX Runtime"
grep -q "^quantize: [1-9][0-9]* of [0-9]* layers in INT8" "$work/consumer.txt" || fail "the consumer did not quantize the model to INT8"
grep -q "^native engine: " "$work/consumer.txt" || fail "the consumer did not decide the native engine"

step "passed in $((SECONDS - start)) s"
