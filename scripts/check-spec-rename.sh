#!/usr/bin/env bash
# Proves that a route and a header name live only in the spec: copies the repository (its tracked
# and untracked, not ignored, files) to a temporary directory, renames AMIE's `/usage/status` route
# and its `XA-SITE` header there, builds the library, the emulator and their tests without any C#
# edit, checks that the generated operations follow, and runs the tests that exercise that
# operation and that header from the spec: the client against the spec (SpecOperationsClientTests),
# the emulator serving the spec (SpecOperationsServedTests), and the client against the emulator
# end to end (AmieEmulatorTests, AmieUsageSenderTests). Too slow for CI (two full builds); the fast
# parts are tests: NSwagHostTests (the host follows a renamed route and header) and
# GeneratedApiSuppressorTests (a renamed generated constant does not fail the PublicAPI check).
#
# Usage: scripts/check-spec-rename.sh [--keep]   (--keep leaves the temporary copy for inspection)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
keep=false; [ "${1:-}" = "--keep" ] && keep=true
work="$(mktemp -d "${TMPDIR:-/tmp}/usage-schema-rename.XXXXXX")"
$keep || trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

old_route=/usage/status new_route=/usage/state
old_header=XA-SITE new_header=XA-SITE-NAME
spec=spec/amie-usage.v1.yaml

echo "==> copying the repository to $work"
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$work"

echo "==> renaming $old_route -> $new_route and $old_header -> $new_header in $spec"
python3 - "$work/$spec" "$old_route" "$new_route" "$old_header" "$new_header" <<'PY'
import re, sys
path, old_route, new_route, old_header, new_header = sys.argv[1:]
text = open(path, encoding="utf-8").read()
text, routes = re.subn(rf"^  {re.escape(old_route)}:$", f"  {new_route}:", text, flags=re.M)
text, headers = re.subn(rf"^(\s+name: ){re.escape(old_header)}$", rf"\g<1>{new_header}", text, flags=re.M)
if routes != 1 or headers != 1:
    sys.exit(f"expected one path key and one header name to rename, found {routes} and {headers}")
open(path, "w", encoding="utf-8", newline="\n").write(text)
PY

echo "==> building (no C# edited)"
for project in tests/UsageSchema.Tests tests/UsageSchema.Emulator.Tests; do
    dotnet build "$work/$project" -tl:off -nologo -v:q
done

generated="$(find "$work/src/UsageSchema/obj" -name 'amie-usage.v1.operations.g.cs' | head -n 1)"
grep -q "@\"$new_route\"" "$generated" || { echo "the generated operations do not hold $new_route" >&2; exit 1; }
grep -q "@\"$new_header\"" "$generated" || { echo "the generated operations do not hold $new_header" >&2; exit 1; }
if grep -q "@\"$old_route\"" "$generated"; then echo "the generated operations still hold $old_route" >&2; exit 1; fi
echo "  generated operations: $new_route, $new_header"

echo "==> the tests of that operation and that header"
dotnet test "$work/tests/UsageSchema.Tests" --no-build -nologo \
    --filter "FullyQualifiedName~SpecOperationsClientTests|FullyQualifiedName~AmieUsageSenderTests|FullyQualifiedName~NSwagHostTests"
dotnet test "$work/tests/UsageSchema.Emulator.Tests" --no-build -nologo \
    --filter "FullyQualifiedName~SpecOperationsServedTests|FullyQualifiedName~AmieEmulatorTests"
echo "==> the rename reached the client, the emulator and the tests without a C# edit"
