#!/usr/bin/env bash
# Benchmark: the attribution engine at scale. Writes synthetic touchpoints and conversions straight
# from Spark (not timed), then times the journey build and every model (fit and credits separately),
# each on its own, and AttributionModels.allCredits; prints row counts and checks that every
# conversion's credits sum exactly to its value, model by model.
#   bench/attribution.sh                                   # 10,000,000 touchpoints, 1,000,000 conversions
#   TOUCHPOINTS=200000 CONVERSIONS=20000 CUSTOMERS=20000 bench/attribution.sh
# Not a test: run it by hand on a quiet machine; results also go to bench/results/ (git-ignored).
source "$(dirname "${BASH_SOURCE[0]}")/../bin/_common.sh"
TOUCHPOINTS="${TOUCHPOINTS:-10000000}"
CONVERSIONS="${CONVERSIONS:-1000000}"
CUSTOMERS="${CUSTOMERS:-1000000}"
CHANNELS="${CHANNELS:-12}"
WORK="${BENCH_DIR:-$ONECUSTOMER_HOME/data/bench-attribution-$TOUCHPOINTS}"
mkdir -p "$ONECUSTOMER_HOME/bench/results"
RESULT="$ONECUSTOMER_HOME/bench/results/attribution-$TOUCHPOINTS-$CONVERSIONS-$(date -u +%Y%m%dT%H%M%S).txt"
onecustomer_build
rm -rf "$WORK"
JAVA_OPTS="${ONECUSTOMER_JAVA_OPTS:--Xmx12g}"
echo "$(onecustomer_machine), $JAVA_OPTS" \
  | tee "$RESULT"
ONECUSTOMER_JAVA_OPTS="$JAVA_OPTS" onecustomer_dev_java io.onecustomer.jobs.tools.AttributionBench \
  "$TOUCHPOINTS" "$CONVERSIONS" "$CUSTOMERS" "$CHANNELS" "$WORK" 2>&1 | tee "$RESULT.log" | grep '^bench:' \
  | tee -a "$RESULT"
