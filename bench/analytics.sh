#!/usr/bin/env bash
# Benchmark: every customer and channel analytics job for one nightly run at scale.
#   bench/analytics.sh                       # 1,000,000 people, 60 days of history, then the last night
#   PEOPLE=100000 DAYS=30 bench/analytics.sh
# Preparation (not timed, kept between runs in $WORK/.prepared): generate PEOPLE x DAYS, backfill
# the jobs the analytics need over all days (bronze, silver, identity). Timed: the analytics jobs for the last day, two at a time (runner.parallelism), in
# one JVM; each job's own time is in its result line. Run it by hand on a quiet machine; results go
# to bench/results/ (git-ignored). REPEAT=3 runs the timed part three times (a night is idempotent).
source "$(dirname "${BASH_SOURCE[0]}")/../bin/_common.sh"
PEOPLE="${PEOPLE:-1000000}"
DAYS="${DAYS:-60}"
START="${START:-2026-09-17}"
REPEAT="${REPEAT:-1}"
WORK="${BENCH_DIR:-$ONECUSTOMER_HOME/data/bench-analytics-$PEOPLE-$DAYS}"
export ONECUSTOMER_LANDING="$WORK/landing" ONECUSTOMER_WAREHOUSE="$WORK/warehouse"
LAST=$(date -u -d "$START + $((DAYS - 1)) days" +%F)
ANALYTICS="gold_customer_orders,gold_rfm_segments,gold_rfm_segment_transitions,gold_customer_flags"
ANALYTICS+=",gold_repurchase_metrics,gold_cross_sell_pairs,gold_cohort_retention"
ANALYTICS+=",gold_channel_health,gold_channel_health_monthly,gold_channel_assists,gold_channel_funnel"
ANALYTICS+=",gold_price_conflicts,gold_distributor_alerts,gold_sales_alerts"
mkdir -p "$ONECUSTOMER_HOME/bench/results"
RESULT="$ONECUSTOMER_HOME/bench/results/analytics-$PEOPLE-$DAYS-$(date -u +%Y%m%dT%H%M%S).txt"
JAVA_OPTS="${ONECUSTOMER_JAVA_OPTS:--Xmx10g}"
onecustomer_build

if [[ ! -f "$WORK/.prepared" ]]; then
  rm -rf "$WORK"
  echo "== preparing $PEOPLE people x $DAYS days from $START in $WORK (not timed)" >&2
  ONECUSTOMER_JAVA_OPTS="-Xmx6g" onecustomer_java io.onecustomer.generator.Generate --out "$WORK" \
    --people "$PEOPLE" --days "$DAYS" --start "$START" --threads 2 --overwrite
  PREP=$(ONECUSTOMER_JAVA_OPTS="$JAVA_OPTS" onecustomer_dev_java io.onecustomer.jobs.tools.JobList --needed-by "$ANALYTICS")
  ONECUSTOMER_JAVA_OPTS="$JAVA_OPTS" onecustomer_java io.onecustomer.jobs.Main --job "$PREP" --from "$START" --to "$LAST"
  touch "$WORK/.prepared"
fi

{
  echo "$(onecustomer_machine), $JAVA_OPTS"
  echo "people=$PEOPLE days=$DAYS night=$LAST"
} | tee "$RESULT"
for i in $(seq 1 "$REPEAT"); do
  t0=$(date +%s.%N)
  ONECUSTOMER_JAVA_OPTS="$JAVA_OPTS" onecustomer_java io.onecustomer.jobs.Main --job "$ANALYTICS" --run-date "$LAST" \
    2>"$RESULT.$i.log" | grep -E '^job=|finished' | tee -a "$RESULT"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v i="$i" 'BEGIN { printf "run %d: analytics night wall time %.1f s (JVM start included)\n", i, b - a }' \
    | tee -a "$RESULT"
done
