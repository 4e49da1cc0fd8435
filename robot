#!/usr/bin/env bash
# Entry point from the repository root:
#   ./robot demo            the main job (bootstraps on first run)
#   ./robot test            every test; ends with "N passed, N failed, N skipped"
#   ./robot <command> ...   any `robotics` CLI command: launch, run, topic, node, param, interface
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"

scripts/bootstrap
case "${1:-}" in
  test)
    shift
    exec scripts/test "$@"
    ;;
esac

# Build the CLI quietly (incremental: seconds when nothing changed), then run it from the repo root.
dotnet build src/Cli/Robotics.Cli/Robotics.Cli.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "src/Cli/Robotics.Cli/bin/Release/net10.0/robotics.dll" "$@"
