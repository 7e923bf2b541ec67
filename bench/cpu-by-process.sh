#!/usr/bin/env bash
# CPU seconds by Java process role while a command runs: the test JVM, spark-submit (a client-mode
# driver), a cluster-mode driver, executors, master, workers, S3Proxy. For a test that starts many
# JVMs (ClusterIT), wall time alone cannot say whether it waits or computes; if the sum over its
# wall time is about the machine's core count, it is CPU-bound and only less work makes it faster.
#   bench/cpu-by-process.sh mvn -B -o verify -pl jobs -Dtest=NoSuchTest -Dit.test=ClusterIT \
#     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
# Samples `ps` every 2 s, so a process that lives less than that is missed; the last sample of each
# process is its total (user + system). Run it on a quiet machine; quote medians of several runs.
set -euo pipefail
[[ $# -gt 0 ]] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
sample() {
  # -C java: Java processes only, never this script's own awk (whose arguments name the roles);
  # ps exits 1 when there is none.
  { ps -C java -o pid=,times=,args= || true; } | awk '{
      n = "other-java"
      if ($0 ~ /deploy\.master\.Master/) n = "master"
      else if ($0 ~ /deploy\.worker\.Worker/) n = "worker"
      else if ($0 ~ /CoarseGrainedExecutorBackend/) n = "executor"
      else if ($0 ~ /DriverWrapper/) n = "driver (cluster mode)"
      else if ($0 ~ /SparkSubmit/) n = "spark-submit (client driver)"
      else if ($0 ~ /s3proxy/) n = "s3proxy"
      else if ($0 ~ /plexus-classworlds/) n = "maven"
      else if ($0 ~ /surefire|failsafe/) n = "test JVM"
      print $1 "\t" $2 "\t" n }'
}
# What the JVMs already running had used: subtracted, so only the command's share is counted.
sample | awk -F'\t' '{ print $1 "\t" $2 "\tbefore" }' > "$samples"
(
  while true; do
    sample
    sleep 2
  done
) >> "$samples" &
sampler=$!
start=$(date +%s.%N)
set +e
"$@"
code=$?
set -e
kill "$sampler" 2>/dev/null || true
wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
# One pass: each process's last sample less what it had used before, by role (sorted), then the total.
awk -F'\t' -v wall="$wall" '$3 == "before" { base[$1] = $2; next } { cpu[$1] = $2 - base[$1]; role[$1] = $3 }
  END {
    for (p in cpu) { by[role[p]] += cpu[p]; n[role[p]]++; total += cpu[p] }
    for (r in by) printf "%-30s %3d process(es) %7d CPU-s\n", r, n[r], by[r] | "sort"
    close("sort")
    printf "%-30s %21d CPU-s over %.0f s wall: %.2f cores busy on average\n", "total", total, wall, total / wall
  }' "$samples"
exit "$code"
