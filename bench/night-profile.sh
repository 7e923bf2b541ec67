#!/usr/bin/env bash
# Profile of a night's fixed costs: a tiny world (PEOPLE x DAYS, default 300 x 3), backfilled and
# then one nightly run with Spark's event log on; prints Spark jobs, tasks and busy seconds per
# pipeline job (bench/sparkjobs.py). On tiny data a night is almost all fixed cost, so the number
# of Spark jobs per pipeline job is the measure to lower; unlike seconds it does not move with the
# machine's load. Not a test: run it by hand.
#   bench/night-profile.sh                      # 300 people x 3 days
#   SITES=5 bench/night-profile.sh              # and each job's five most frequent call sites
#   EXTRA_JAVA_OPTS="-Dspark.x=y" bench/night-profile.sh   # the night with a Spark setting tried
# Results go to bench/results/ (git-ignored); the logs to data/profile-PEOPLE-DAYS/.
source "$(dirname "${BASH_SOURCE[0]}")/../bin/_common.sh"
PEOPLE="${PEOPLE:-300}"
DAYS="${DAYS:-3}"
START="${START:-2026-05-20}"
WORK="${BENCH_DIR:-$ONECUSTOMER_HOME/data/profile-$PEOPLE-$DAYS}"
export ONECUSTOMER_LANDING="$WORK/landing" ONECUSTOMER_WAREHOUSE="$WORK/warehouse"
LAST=$(date -u -d "$START + $((DAYS - 1)) days" +%F)
BEFORE_LAST=$(date -u -d "$START + $((DAYS - 2)) days" +%F)
mkdir -p "$ONECUSTOMER_HOME/bench/results"
RESULT="$ONECUSTOMER_HOME/bench/results/night-profile-$PEOPLE-$DAYS-$(date -u +%Y%m%dT%H%M%S).txt"

onecustomer_build
rm -rf "$WORK"
mkdir -p "$WORK/events"
ONECUSTOMER_JAVA_OPTS="-Xmx4g" onecustomer_java io.onecustomer.generator.Generate --out "$WORK" \
  --people "$PEOPLE" --days "$DAYS" --start "$START" >"$WORK/generate.log" 2>&1
onecustomer_java io.onecustomer.jobs.Main --job backfill --from "$START" --to "$BEFORE_LAST" >"$WORK/backfill.log" 2>&1
t0=$(date +%s.%N)
ONECUSTOMER_JAVA_OPTS="-Xmx6g -XX:+UseParallelGC -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$WORK/events ${EXTRA_JAVA_OPTS:-}" \
  onecustomer_java io.onecustomer.jobs.Main --job nightly --run-date "$LAST" >"$WORK/night.log" 2>&1
t1=$(date +%s.%N)
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(java -version 2>&1 | head -1)"
  awk -v p="$PEOPLE" -v d="$DAYS" -v a="$t0" -v b="$t1" \
    'BEGIN { printf "people=%s days=%s night_s=%.1f (event log on)\n", p, d, b - a }'
  echo "extra options: ${EXTRA_JAVA_OPTS:-none}"
  python3 "$ONECUSTOMER_HOME/bench/sparkjobs.py" --sites "${SITES:-0}" "$WORK"/events/*
} | tee "$RESULT"
