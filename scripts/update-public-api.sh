#!/usr/bin/env bash
# Rewrites PublicAPI.Unshipped.txt of the hand-written packable projects from one build's public
# API diagnostics (Microsoft.CodeAnalysis.PublicApiAnalyzers): every RS0016 (public, not declared)
# adds its line, every RS0017 (declared, no longer public or gone) removes its line. For a merge
# that adds or removes public API: run it, review `git diff -- '*PublicAPI*'`, commit.
#
# Usage: scripts/update-public-api.sh [project-dir...]   (default: src/UsageSchema src/UsageSchema.Outbox)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$#" -eq 0 ]; then set -- src/UsageSchema src/UsageSchema.Outbox; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for project in "$@"; do
    dir="$root/$project"
    unshipped="$dir/PublicAPI.Unshipped.txt"
    [ -f "$unshipped" ] || { echo "no $unshipped" >&2; exit 1; }
    log="$(mktemp)"
    echo "==> $project: building to collect RS0016/RS0017"
    # A full rebuild, so the analyzers run; the diagnostics are warnings for this build only.
    dotnet build "$dir" --no-incremental -tl:off -nologo -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= >"$log" 2>&1 || true
    python3 - "$unshipped" "$log" <<'PY'
import re, sys
unshipped, log = sys.argv[1], sys.argv[2]
added, removed = set(), set()
for line in open(log, encoding="utf-8", errors="replace"):
    if m := re.search(r"warning RS0016: Symbol '(.+)' is not part of the declared (?:public )?API", line):
        added.add(m.group(1))
    elif m := re.search(r"warning RS0017: Symbol '(.+)' is part of the declared API, but is either not public or could not be found", line):
        removed.add(m.group(1))
errors = [line.strip() for line in open(log, encoding="utf-8", errors="replace") if ": error " in line]
if errors:
    sys.exit("the build failed; fix it first:\n" + "\n".join(sorted(set(errors))[:20]))
lines = [line.rstrip("\n") for line in open(unshipped, encoding="utf-8")]
header = [line for line in lines if line.startswith("#")] or ["#nullable enable"]
body = {line for line in lines if line and not line.startswith("#")}
body = (body - removed) | added
with open(unshipped, "w", encoding="utf-8", newline="\n") as out:
    out.write("\n".join(header + sorted(body, key=lambda s: (s.lstrip("~*"), s))) + "\n")
print(f"  {len(added)} added, {len(removed)} removed: {unshipped}")
PY
    rm -f "$log"
done
