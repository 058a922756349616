#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed, for the report's browser tests (tests/UsageSchema.Cli.Tests/Report open
# the HTML report in headless Chromium and check the rendered page).
# Idempotent: does nothing when /usr/bin/chromium exists. Otherwise, when running as root on a system with apt-get,
# installs Debian's `chromium` package. Prints the version.
# Not needed when USAGE_SCHEMA_TEST_CHROMIUM names a Chromium binary: the tests use it instead. Without either,
# the browser tests are skipped and say why.
set -euo pipefail

chromium="${USAGE_SCHEMA_TEST_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
    if [[ "$(id -u)" -ne 0 ]]; then
        echo "ensure-chromium: Chromium is not installed ($chromium) and this is not root; the report's browser tests will be skipped." >&2
        echo "ensure-chromium: install it (sudo apt-get install chromium) or set USAGE_SCHEMA_TEST_CHROMIUM to a Chromium binary." >&2
        exit 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-chromium: Chromium is not installed and apt-get is not available; the report's browser tests will be skipped." >&2
        exit 0
    fi
    echo "ensure-chromium: installing Chromium (apt-get install chromium)..."
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get update -qq || ! apt-get install -y -qq chromium >/dev/null; then
        echo "ensure-chromium: apt-get could not install chromium; the report's browser tests will be skipped." >&2
        exit 0
    fi
fi

echo "ensure-chromium: $("$chromium" --version 2>/dev/null) ($chromium)"
