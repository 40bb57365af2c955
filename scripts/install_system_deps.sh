#!/bin/sh
# System packages the full test suite needs, from Debian's packages; idempotent.
#   - a Java runtime for the Spark local-mode tests (tests/integrations/test_spark.py)
#   - Chromium for the HTML report browser test (tests/browser/)
set -eu
here=$(dirname "$0")
if ! command -v java >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends default-jre-headless
fi
sh "$here/install_browser.sh"
