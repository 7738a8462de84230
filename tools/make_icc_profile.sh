#!/usr/bin/env bash
# Build the print edition's output-intent profile (assets/icc/FOGRA39L_300.icc) from the freely
# distributed FOGRA39 characterization data in Debian's icc-profiles-free, with ArgyllCMS colprof.
# Needs: apt-get install -y argyll icc-profiles-free   (takes ~25 s)
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/assets/icc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
cd "$work"
# -qm medium quality, -kr K generation, -l300 total ink limit 300 %, -L95 black limit 95 %
colprof -v -qm -kr -l300 -L95 -A "report" -D "FOGRA39L coated 300% (ArgyllCMS, from FOGRA39L.ti3)" \
        -C "No copyright; characterization data: FOGRA39L.ti3 from icc-profiles-free (zlib licence)" \
        -O FOGRA39L_300.icc FOGRA39L
mkdir -p "$out"
cp FOGRA39L_300.icc "$out/"
echo "wrote $out/FOGRA39L_300.icc"
