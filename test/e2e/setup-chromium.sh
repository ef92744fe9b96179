#!/usr/bin/env bash
# The e2e suite drives Debian's Chromium (a test tool's own browser download cannot reach the
# internet here). Installs it when missing.
set -euo pipefail
if ! command -v chromium >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
