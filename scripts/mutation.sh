#!/usr/bin/env bash
# Mutation testing of the hand-written validation and AMIE packing code with Stryker.NET (local tool).
#
#   scripts/mutation.sh [extra dotnet-stryker options, e.g. --concurrency 1 or -m "**/Validation/Iso8601.cs"]
#
# Scope and settings: mutation/stryker-config.json. Reports: artifacts/mutation/reports/ (HTML and
# JSON, gitignored). Takes about 10 minutes on 2 cores. See docs/quality/mutation-testing.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/mutation"
generated="$out/generated"
validation_dir="$generated/UsageSchema.Generators/UsageSchema.Generators.SpecValidationGenerator"

cd "$root"
dotnet tool restore >/dev/null

# 1. Everything the tests need, built normally.
dotnet build tests/UsageSchema.Tests/UsageSchema.Tests.csproj -v:q -nologo

# 2. The spec generator's output written to disk. Stryker cannot run that generator (it does not hand
#    generators the per-file metadata of AdditionalFiles), so mutation/StrykerBuild.targets compiles
#    these files as plain source instead. A rebuild of UsageSchema alone, so the compiler runs.
rm -rf "$generated"
dotnet msbuild src/UsageSchema/UsageSchema.csproj -t:Rebuild -v:q -nologo \
  -p:TargetFramework=net10.0 -p:BuildProjectReferences=false \
  -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$generated"
if ! compgen -G "$validation_dir/*.g.cs" >/dev/null; then
  echo "mutation: no spec validation sources in $validation_dir" >&2
  exit 1
fi

# 3. Stryker, with the build hook for every project it builds (see the targets file for why).
rm -rf "$out/reports" "$out/logs" "$out/stryker.log"
export CustomAfterMicrosoftCommonTargets="$root/mutation/StrykerBuild.targets"
export UsageSchemaMutationGeneratedDir="$validation_dir"
cd tests/UsageSchema.Tests
run_stryker() {
  dotnet stryker --skip-version-check \
    --config-file "$root/mutation/stryker-config.json" \
    --output "$out" "$@" 2>&1 | tee "$out/stryker.log"
}
status=0
run_stryker "$@" || status=$?
# Stryker analyses the projects with parallel design-time builds; now and then UsageSchema's, which
# runs the NSwag host, loses a race with the host project's own. A second analysis goes through.
if grep -q 'Failed to analyze project builds' "$out/stryker.log"; then
  echo "mutation: project analysis failed; trying once more" >&2
  status=0
  run_stryker "$@" || status=$?
fi
cd "$root"

# The hook changed what UsageSchema was compiled from: put the normal build back, so nothing later
# runs the Stryker-flavoured assembly.
unset CustomAfterMicrosoftCommonTargets UsageSchemaMutationGeneratedDir
dotnet build tests/UsageSchema.Tests/UsageSchema.Tests.csproj -v:q -nologo >/dev/null

grep -o 'The final mutation score is [0-9.]* %' "$out/stryker.log" | tail -1 || true
echo "Reports: $out/reports/mutation-report.html and mutation-report.json"
exit "$status"
