#!/usr/bin/env bash
# Runs every test of the solution, as README.md says and .ci/run does. First makes sure PostgreSQL's
# server binaries are there (the PostgreSQL outbox tests start a private throwaway cluster with them;
# scripts/ensure-postgres.sh installs Debian's package when they are missing and it may). Extra
# arguments go to dotnet test (e.g. --filter ...). Results: artifacts/test-results/*.trx.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${USAGE_SCHEMA_TEST_POSTGRES:-}" ]]; then
    scripts/ensure-postgres.sh
fi

scripts/ensure-chromium.sh
exec dotnet test UsageSchema.sln --logger "trx;LogFilePrefix=results" --results-directory artifacts/test-results "$@"
