#!/usr/bin/env bash
# Benchmark: generate PEOPLE x DAYS, backfill all but the last day in one pass per job, then one
# nightly run; prints wall times and table sizes. Not a test: run it by hand on a quiet machine.
#   bench/pipeline.sh                 # 20,000 people x 180 days (the demo scale)
#   PEOPLE=200000 DAYS=30 bench/pipeline.sh
# Results go to bench/results/ (git-ignored); quote medians of several runs in notes.
source "$(dirname "${BASH_SOURCE[0]}")/../bin/_common.sh"
PEOPLE="${PEOPLE:-20000}"
DAYS="${DAYS:-180}"
START="${START:-2026-05-20}"
WORK="${BENCH_DIR:-$ONECUSTOMER_HOME/data/bench-$PEOPLE-$DAYS}"
export ONECUSTOMER_LANDING="$WORK/landing" ONECUSTOMER_WAREHOUSE="$WORK/warehouse"
LAST=$(date -u -d "$START + $((DAYS - 1)) days" +%F)
BEFORE_LAST=$(date -u -d "$START + $((DAYS - 2)) days" +%F)
mkdir -p "$ONECUSTOMER_HOME/bench/results"
RESULT="$ONECUSTOMER_HOME/bench/results/pipeline-$PEOPLE-$DAYS-$(date -u +%Y%m%dT%H%M%S).txt"

onecustomer_build
rm -rf "$WORK"
t0=$(date +%s.%N)
ONECUSTOMER_JAVA_OPTS="-Xmx4g" onecustomer_java io.onecustomer.generator.Generate --out "$WORK" \
  --people "$PEOPLE" --days "$DAYS" --start "$START" 2>&1 | tail -1 | tee -a "$RESULT"
t1=$(date +%s.%N)
onecustomer_java io.onecustomer.jobs.Main --job backfill --from "$START" --to "$BEFORE_LAST" | tee -a "$RESULT"
t2=$(date +%s.%N)
onecustomer_java io.onecustomer.jobs.Main --job nightly --run-date "$LAST" | tee -a "$RESULT"
t3=$(date +%s.%N)
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(java -version 2>&1 | head -1)"
  awk -v p="$PEOPLE" -v d="$DAYS" -v a="$t0" -v b="$t1" -v c="$t2" -v e="$t3" \
    'BEGIN { printf "people=%s days=%s generate_s=%.1f backfill_s=%.1f nightly_s=%.1f\n", p, d, b - a, c - b, e - c }'
  echo "landing: $(du -sh "$WORK/landing" | cut -f1)  warehouse: $(du -sh "$WORK/warehouse" | cut -f1)"
} | tee -a "$RESULT"
