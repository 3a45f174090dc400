#!/usr/bin/env bash
# verify-mongodb.sh: prove Proxenos's MongoDB store on a real MongoDB 7.0
# replica set, for an operator with Docker.
#
# NOT RUN WHERE PROXENOS IS DEVELOPED: those machines have neither Docker
# nor MongoDB, so its tests run on an embedded FerretDB, which has no
# query planner, no replica set and no elections. What this script runs
# has therefore never run there; run it before trusting a deployment,
# and after changing the store's queries or indexes.
#
# It starts a replica set, points PROXENOS_TEST_MONGODB_URI at it, and runs
# in a golang:1.26 container on the set's network (the repository mounted
# read-only at /src):
#   1. TestRealMongo_Explain100k: 100,000 entries, 200 partners with calls,
#      agreements and obligations in a fresh database, and `explain`
#      (executionStats) of every query shape the store sends; fails on a
#      COLLSCAN, an in-memory SORT where an index gives the order, and on
#      more than 10 index keys examined per document returned or counted;
#   2. TestRealMongo_FailoverStepDown: replSetStepDown on the primary during
#      a burst of entries and reminder deliveries; fails if anything
#      acknowledged is lost or anything is stored or sent twice;
#   3. the rest of the storage/mongo suite (conformance, index rules, explain of
#      each conformance case's queries) against the same set.
#
# Usage (from the repository's root):
#   deploy/verify-mongodb.sh            the set of deploy/docker-compose.yml:
#                                       three members with its memory limits,
#                                       cache size, keyFile and users
#   deploy/verify-mongodb.sh --plain 1  one bare member (no auth), forced
#   deploy/verify-mongodb.sh --plain 3  three bare members (no auth)
#   KEEP=1 deploy/verify-mongodb.sh     leave the set running afterwards
#
# Needs bash, Docker with Compose v2, access to Docker Hub (mongo:7.0,
# golang:1.26 and Go modules), about 7 GB of free memory for three
# members, and 20-40 minutes. Everything it starts is named
# proxenos-verify*; its output goes to verify-mongodb.log too. Exit status
# 0 means every test passed.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
mode=compose
members=3
if [ "${1:-}" = "--plain" ]; then
	mode=plain
	members=${2:-3}
	case $members in 1 | 3) ;; *) echo "--plain takes 1 or 3 members" >&2; exit 2 ;; esac
fi
project=proxenos-verify
log=$PWD/verify-mongodb.log
work=$(mktemp -d)

compose() {
	# The project directory is a scratch one: the compose file's ./secrets
	# resolve there, not to the operator's deploy/secrets.
	PROXENOS_OFFICE_CHANNEL=CVERIFY docker compose --project-name "$project" \
		--project-directory "$work" -f "$repo/deploy/docker-compose.yml" "$@"
}

cleanup() {
	status=$?
	if [ "${KEEP:-}" = "" ]; then
		if [ "$mode" = compose ]; then
			compose down --volumes >/dev/null 2>&1 || :
		else
			for i in 1 2 3; do docker rm -f "$project-m$i" >/dev/null 2>&1 || :; done
			docker network rm "$project" >/dev/null 2>&1 || :
		fi
	fi
	rm -rf "$work"
	exit $status
}
trap cleanup EXIT INT TERM

# start_compose starts the compose file's members, key generator and
# init, and sets network and the admin's URI.
start_compose() {
	mkdir -p "$work/secrets"
	for s in slack_bot_token slack_app_token slack_signing_secret openai_api_key; do
		: >"$work/secrets/$s"
	done
	compose up --detach --wait mongo1 mongo2 mongo3
	compose up --exit-code-from mongo-init mongo-init
	password=$(compose exec -T mongo1 cat /run/mongo-auth/admin_password)
	network=${project}_proxenos
	PROXENOS_TEST_MONGODB_URI="mongodb://admin:$password@mongo1:27017,mongo2:27017,mongo3:27017/?replicaSet=rs0&authSource=admin"
}

# start_plain starts $members bare mongod on a network of their own,
# with the compose file's memory limit and cache size, and initiates them.
start_plain() {
	network=$project
	docker network create "$network" >/dev/null
	hosts=
	config=
	for i in $(seq 1 "$members"); do
		docker run --detach --name "$project-m$i" --network "$network" --network-alias "m$i" \
			--memory 2g --memory-swap 2g mongo:7.0 \
			mongod --replSet verify --bind_ip_all --wiredTigerCacheSizeGB 0.5 >/dev/null
		hosts="$hosts${hosts:+,}m$i:27017"
		config="$config${config:+,}{_id: $i, host: \"m$i:27017\"}"
	done
	until docker exec "$project-m1" mongosh --quiet --eval 'db.adminCommand("ping")' >/dev/null 2>&1; do sleep 1; done
	docker exec "$project-m1" mongosh --quiet --eval "
		rs.initiate({_id: 'verify', members: [$config]});
		while (!db.hello().isWritablePrimary) { sleep(500); }"
	PROXENOS_TEST_MONGODB_URI="mongodb://$hosts/?replicaSet=verify"
}

# run_tests runs go test with its arguments in a Go container on the
# set's network; the URI (with the admin's password) is passed by name,
# never on a command line.
run_tests() {
	docker run --rm --network "$network" \
		-e PROXENOS_TEST_MONGODB_URI -e PROXENOS_TEST_EXPLAIN_ENTRIES \
		-v "$repo:/src:ro" -w /src \
		-v "$project-gomod:/go/pkg/mod" -v "$project-gocache:/root/.cache/go-build" \
		golang:1.26 go test "$@"
}

{
	echo "verify-mongodb: $mode, $members member(s), $(date -u +%FT%TZ), $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
	if [ "$mode" = compose ]; then start_compose; else start_plain; fi
	export PROXENOS_TEST_MONGODB_URI
	docker run --rm --network "$network" -e PROXENOS_TEST_MONGODB_URI mongo:7.0 sh -c 'mongosh --quiet "$PROXENOS_TEST_MONGODB_URI" \
		--eval "print(\"MongoDB\", db.version(), \"members\", db.hello().hosts.join(\" \"))"'
	run_tests ./storage/mongo -run '^TestRealMongo_Explain100k$' -v -count=1 -timeout 60m
	run_tests ./storage/mongo -run '^TestRealMongo_FailoverStepDown$' -v -count=1 -timeout 20m
	run_tests ./storage/mongo -skip '^TestRealMongo_' -count=1 -timeout 60m
	echo "verify-mongodb: every test passed"
} 2>&1 | tee "$log"
