#!/usr/bin/env bash
# What n8n's queue mode needs besides n8n itself (harness/setup-n8n.sh): Redis and PostgreSQL,
# from Debian's packages. Installs whichever is missing (apt-get, so as root, which CI is), then
# prints the two folders of their programs: the one holding redis-server, and PostgreSQL's bin.
set -euo pipefail

fail() {
	echo "setup-queue.sh: $*" >&2
	exit 1
}

postgres_bin() {
	# The newest installed major version, e.g. /usr/lib/postgresql/15/bin.
	find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null |
		sort -V | tail -n 1 | xargs -r dirname
}

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -n "$(postgres_bin)" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || fail "${missing[*]} missing: install them (apt-get install ${missing[*]}) or run this as root"
	echo "Installing ${missing[*]} from Debian's packages (about a minute, once)" >&2
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

redis="$(command -v redis-server)" || fail "redis-server is not on the PATH after installing it"
pg="$(postgres_bin)"
[ -x "$pg/initdb" ] || fail "no PostgreSQL initdb next to $pg/postgres"
# Debian's package starts a Redis of its own on port 6379; the cluster runs its own on another port.
echo "$(dirname "$redis")"
echo "$pg"
