#!/usr/bin/env bash
# Benchmark: identity resolution at scale. Writes a synthetic silver.identifiers for PEOPLE people
# over DAYS days (straight from Spark: the generator and the bronze/silver jobs are not measured),
# then times guards + resolution as a full rebuild (days 1..DAYS-1) and as an incremental night (day
# DAYS), printing observation counts, rounds to converge and wall times.
#   bench/identity.sh                          # 1,000,000 people x 30 days, 8 records each
#   PEOPLE=100000 bench/identity.sh
# Not a test: run it by hand on a quiet machine; results also go to bench/results/ (git-ignored).
source "$(dirname "${BASH_SOURCE[0]}")/../bin/_common.sh"
PEOPLE="${PEOPLE:-1000000}"
DAYS="${DAYS:-30}"
RECORDS="${RECORDS:-8}"
WORK="${BENCH_DIR:-$ONECUSTOMER_HOME/data/bench-identity-$PEOPLE}"
mkdir -p "$ONECUSTOMER_HOME/bench/results"
RESULT="$ONECUSTOMER_HOME/bench/results/identity-$PEOPLE-$(date -u +%Y%m%dT%H%M%S).txt"
onecustomer_build
rm -rf "$WORK"
ONECUSTOMER_JAVA_OPTS="${ONECUSTOMER_JAVA_OPTS:--Xmx12g}" onecustomer_dev_java io.onecustomer.jobs.tools.IdentityBench \
  "$PEOPLE" "$DAYS" "$RECORDS" "$WORK" 2>&1 | tee "$RESULT.log" | grep '^bench:' | tee "$RESULT"
