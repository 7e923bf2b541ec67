#!/usr/bin/env bash
# Benchmark: the value models at scale. Writes synthetic customer-keyed purchases, touches, tickets
# and member profiles straight from Spark (not timed), then times the features with the BG/NBD and
# Gamma-Gamma fits at the training cut-off, the validation cut-off and the last day, both pipeline
# fits (gradient-boosted trees, reference.conf settings), the validation metrics and the nightly
# scoring of the last day.
#   bench/value.sh                         # 1,000,000 customers over 400 days
#   CUSTOMERS=20000 bench/value.sh
# Not a test: run it by hand on a quiet machine; results also go to bench/results/ (git-ignored).
source "$(dirname "${BASH_SOURCE[0]}")/../bin/_common.sh"
CUSTOMERS="${CUSTOMERS:-1000000}"
DAYS="${DAYS:-400}"
WORK="${BENCH_DIR:-$ONECUSTOMER_HOME/data/bench-value-$CUSTOMERS}"
mkdir -p "$ONECUSTOMER_HOME/bench/results"
RESULT="$ONECUSTOMER_HOME/bench/results/value-$CUSTOMERS-$(date -u +%Y%m%dT%H%M%S).txt"
onecustomer_build
rm -rf "$WORK"
JAVA_OPTS="${ONECUSTOMER_JAVA_OPTS:--Xmx12g}"
echo "$(onecustomer_machine), $JAVA_OPTS" \
  | tee "$RESULT"
cd "$ONECUSTOMER_HOME"
ONECUSTOMER_JAVA_OPTS="$JAVA_OPTS" onecustomer_dev_java io.onecustomer.jobs.tools.ValueBench \
  "$CUSTOMERS" "$DAYS" "$WORK" 2>&1 | tee "$RESULT.log" | grep '^bench:' | tee -a "$RESULT"
