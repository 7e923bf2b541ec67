#!/usr/bin/env bash
# Benchmark: generate PEOPLE x DAYS, backfill all but the last day in one pass per job, then one
# nightly run; prints wall times and table sizes. Not a test: run it by hand on a quiet machine.
#   bench/pipeline.sh                 # 20,000 people x 180 days (the demo scale)
#   PEOPLE=200000 DAYS=30 bench/pipeline.sh
# PROFILE=1 also records the night's Spark event log and prints Spark jobs, tasks and busy seconds
# per pipeline job (bench/sparkjobs.py): on a tiny world a night is almost all fixed cost, and the
# count of Spark jobs, unlike seconds, does not move with the machine's load.
#   PROFILE=1 PEOPLE=300 DAYS=3 bench/pipeline.sh
#   PROFILE=1 SITES=5 PEOPLE=300 DAYS=3 bench/pipeline.sh          # and each job's top 5 call sites
#   PROFILE=1 NIGHT_JAVA_OPTS="-Dspark.x=y" PEOPLE=300 DAYS=3 bench/pipeline.sh   # a setting tried
# Results go to bench/results/ (git-ignored); quote medians of several runs in notes.
source "$(dirname "${BASH_SOURCE[0]}")/../bin/_common.sh"
PEOPLE="${PEOPLE:-20000}"
DAYS="${DAYS:-180}"
START="${START:-2026-05-20}"
PROFILE="${PROFILE:-0}"
WORK="${BENCH_DIR:-$ONECUSTOMER_HOME/data/bench-$PEOPLE-$DAYS}"
export ONECUSTOMER_LANDING="$WORK/landing" ONECUSTOMER_WAREHOUSE="$WORK/warehouse"
LAST=$(date -u -d "$START + $((DAYS - 1)) days" +%F)
BEFORE_LAST=$(date -u -d "$START + $((DAYS - 2)) days" +%F)
mkdir -p "$ONECUSTOMER_HOME/bench/results"
NAME=pipeline
[[ "$PROFILE" == 1 ]] && NAME=night-profile
RESULT="$ONECUSTOMER_HOME/bench/results/$NAME-$PEOPLE-$DAYS-$(date -u +%Y%m%dT%H%M%S).txt"

onecustomer_build
rm -rf "$WORK"
NIGHT_OPTS="${ONECUSTOMER_JAVA_OPTS:--Xmx6g -XX:+UseParallelGC}"
if [[ "$PROFILE" == 1 ]]; then
  mkdir -p "$WORK/events"
  NIGHT_OPTS+=" -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$WORK/events ${NIGHT_JAVA_OPTS:-}"
fi
t0=$(date +%s.%N)
ONECUSTOMER_JAVA_OPTS="-Xmx4g" onecustomer_java io.onecustomer.generator.Generate --out "$WORK" \
  --people "$PEOPLE" --days "$DAYS" --start "$START" 2>&1 | tail -1 | tee -a "$RESULT"
t1=$(date +%s.%N)
onecustomer_java io.onecustomer.jobs.Main --job backfill --from "$START" --to "$BEFORE_LAST" | tee -a "$RESULT"
t2=$(date +%s.%N)
ONECUSTOMER_JAVA_OPTS="$NIGHT_OPTS" onecustomer_java io.onecustomer.jobs.Main --job nightly --run-date "$LAST" \
  | tee -a "$RESULT"
t3=$(date +%s.%N)
{
  echo "$(onecustomer_machine), night: $NIGHT_OPTS"
  awk -v p="$PEOPLE" -v d="$DAYS" -v a="$t0" -v b="$t1" -v c="$t2" -v e="$t3" \
    'BEGIN { printf "people=%s days=%s generate_s=%.1f backfill_s=%.1f nightly_s=%.1f\n", p, d, b - a, c - b, e - c }'
  echo "landing: $(du -sh "$WORK/landing" | cut -f1)  warehouse: $(du -sh "$WORK/warehouse" | cut -f1)"
  if [[ "$PROFILE" == 1 ]]; then
    python3 "$ONECUSTOMER_HOME/bench/sparkjobs.py" --sites "${SITES:-0}" "$WORK"/events/*
  fi
} | tee -a "$RESULT"
