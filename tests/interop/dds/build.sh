#!/bin/sh
# Builds interop_peer (see interop_peer.c) with Cyclone's idlc-generated serializers for the IDL files here.
# Needs cyclonedds-dev, cyclonedds-tools (idlc) and gcc. Usage: build.sh OUTDIR -> OUTDIR/interop_peer.
# Outputs go to OUTDIR only; run the peer with CYCLONEDDS_URI pinned to loopback (ROS2_WIRE.md).
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
mkdir -p "$out"
cp "$here"/*.idl "$here/interop_peer.c" "$out/"
cd "$out"
set --
for idl in *.idl; do
  idlc "$idl" 2>/dev/null || idlc "$idl"   # quiet about its default-extensibility note; show real errors
  set -- "$@" "${idl%.idl}.c"
done
# gnu11: the Cyclone headers use asm.
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o interop_peer interop_peer.c "$@" -lddsc
echo "built $out/interop_peer"
