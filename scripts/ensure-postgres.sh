#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries (initdb, pg_ctl, postgres) are installed, for the PostgreSQL
# outbox tests (tests/UsageSchema.Outbox.Tests start a private throwaway cluster with them).
# Idempotent: does nothing when initdb is found in /usr/lib/postgresql/*/bin or on PATH. Otherwise, when
# running as root on a system with apt-get, installs Debian's `postgresql` package. Prints the version.
# Not needed when USAGE_SCHEMA_TEST_POSTGRES names a server (a connection string): the tests use it instead.
set -euo pipefail

find_initdb() {
    local newest=""
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/initdb" ]] || continue
        if [[ -z "$newest" ]] || [[ "$(basename "$(dirname "$dir")")" -gt "$(basename "$(dirname "$(dirname "$newest")")")" ]]; then
            newest="$dir/initdb"
        fi
    done
    if [[ -z "$newest" ]]; then
        newest="$(command -v initdb || true)"
    fi
    printf '%s' "$newest"
}

initdb="$(find_initdb)"
if [[ -z "$initdb" ]]; then
    if [[ "$(id -u)" -ne 0 ]]; then
        echo "ensure-postgres: PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH) and this is not root." >&2
        echo "ensure-postgres: install it (sudo apt-get install postgresql) or set USAGE_SCHEMA_TEST_POSTGRES to a connection string." >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-postgres: PostgreSQL is not installed and apt-get is not available; install PostgreSQL's server package or set USAGE_SCHEMA_TEST_POSTGRES." >&2
        exit 1
    fi
    echo "ensure-postgres: installing PostgreSQL (apt-get install postgresql)..."
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get update -qq || ! apt-get install -y -qq --no-install-recommends postgresql >/dev/null; then
        echo "ensure-postgres: apt-get could not install postgresql; install it by hand or set USAGE_SCHEMA_TEST_POSTGRES." >&2
        exit 1
    fi
    initdb="$(find_initdb)"
    if [[ -z "$initdb" ]]; then
        echo "ensure-postgres: postgresql was installed but initdb is still not found." >&2
        exit 1
    fi
fi

# The tests run the cluster as the postgres user when they run as root (PostgreSQL refuses root).
if [[ "$(id -u)" -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "ensure-postgres: running as root but there is no 'postgres' user to own the test cluster (useradd --system postgres)." >&2
    exit 1
fi

echo "ensure-postgres: $("$initdb" --version) ($initdb)"
