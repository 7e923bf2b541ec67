#!/usr/bin/env bash
# Benchmark: Spark against a single-node peer (issue 19). The RFM segments of one snapshot day and
# the customers' order aggregates, computed in one JVM by Spark (the job's own RfmTransforms) and by
# DuckDB (JDBC, as many threads as Spark has cores) from the same Parquet files, the current files
# of a gold.customer_orders Delta table; the results compared column by column, then each engine
# timed REPEAT times, alternating (PeerBench in devtools/).
#   bench/peer.sh                               # synthetic orders of 1,000,000 customers over 730 days
#   CUSTOMERS=100000 bench/peer.sh
#   WAREHOUSE=data/warehouse DAY=2026-11-15 bench/peer.sh   # an existing warehouse (the demo's)
# Not a test: run it by hand on a quiet machine; results also go to bench/results/ (git-ignored).
source "$(dirname "${BASH_SOURCE[0]}")/../bin/_common.sh"
CUSTOMERS="${CUSTOMERS:-1000000}"
DAYS="${DAYS:-730}"
REPEAT="${REPEAT:-3}"
WORK="${BENCH_DIR:-$ONECUSTOMER_HOME/data/bench-peer-$CUSTOMERS}"
mkdir -p "$ONECUSTOMER_HOME/bench/results"
RESULT="$ONECUSTOMER_HOME/bench/results/peer-$CUSTOMERS-$(date -u +%Y%m%dT%H%M%S).txt"
onecustomer_build
rm -rf "$WORK"
JAVA_OPTS="${ONECUSTOMER_JAVA_OPTS:--Xmx10g -XX:+UseParallelGC}"
echo "$(onecustomer_machine), $JAVA_OPTS" | tee "$RESULT"
cd "$ONECUSTOMER_HOME"
if [[ -n "${WAREHOUSE:-}" ]]; then
  ARGS=(--warehouse "$WAREHOUSE" --day "${DAY:?DAY=yyyy-mm-dd with WAREHOUSE}" "$WORK" "$REPEAT")
else
  ARGS=("$CUSTOMERS" "$DAYS" "$WORK" "$REPEAT")
fi
ONECUSTOMER_JAVA_OPTS="$JAVA_OPTS" onecustomer_dev_java io.onecustomer.jobs.tools.PeerBench "${ARGS[@]}" \
  2>&1 | tee "$RESULT.log" | grep '^bench:' | tee -a "$RESULT"
