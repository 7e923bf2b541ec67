# Shared by the bin/ launchers: finds the project, builds what is missing, and runs a Java main
# with the flags Spark 3.5 needs on Java 17. Sourced, not run.
set -euo pipefail
ONECUSTOMER_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ONECUSTOMER_HOME
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# MLlib calls a native BLAS (OpenBLAS, MKL) when the machine has one; multi-threaded inside the
# JVM's task threads it crashes the JVM (SIGSEGV), so it runs single-threaded, as Spark advises.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" MKL_NUM_THREADS="${MKL_NUM_THREADS:-1}"
cd "$ONECUSTOMER_HOME"

# Mirrors <spark.jvm.flags> in pom.xml (org.apache.spark.launcher.JavaModuleOptions).
SPARK_JVM_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false)

# Compile + provided scope (Spark, Delta, Hive, Hadoop) and compile + runtime scope; never test scope.
CLASSPATH_FILE="$ONECUSTOMER_HOME/jobs/target/classpath.txt"
RUNTIME_CLASSPATH_FILE="$ONECUSTOMER_HOME/jobs/target/runtime-classpath.txt"
JOBS_JAR="$ONECUSTOMER_HOME/jobs/target/onecustomer-jobs-0.1.0-SNAPSHOT.jar"
# Benchmarks and doc generation (bench/*.sh, bin/onecustomer-docs): not part of the jobs' jar.
DEVTOOLS_JAR="$ONECUSTOMER_HOME/devtools/target/onecustomer-devtools-0.1.0-SNAPSHOT.jar"

# Builds the jars and the runtime classpath when the sources are newer than the last build.
onecustomer_build() {
  local stamp="$ONECUSTOMER_HOME/jobs/target/.built"
  if [[ -f "$stamp" && -f "$CLASSPATH_FILE" && -f "$RUNTIME_CLASSPATH_FILE" && -f "$JOBS_JAR" && -f "$DEVTOOLS_JAR" \
      && -f "$ONECUSTOMER_HOME/devtools/target/classpath.txt" ]] \
     && [[ -z "$(find pom.xml common generator jobs devtools conf -newer "$stamp" \( -name '*.java' -o -name '*.xml' -o -name '*.conf' \) -not -path '*/target/*' -print -quit)" ]]; then
    return 0
  fi
  echo "onecustomer: building (mvn -DskipTests package) ..." >&2
  mvn -B -q -DskipTests package >&2   # every module, devtools too; also writes jobs/target/*classpath.txt
  touch "$stamp"
}

# One line for benchmark results: cores, memory, Java.
onecustomer_machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(java -version 2>&1 | head -1)"
}

# Runs a Java main class on the project's classpath with Spark's flags. Default options (replaced by
# ONECUSTOMER_JAVA_OPTS): 6 GB of heap and the throughput collector, as in the tests; a night on the
# demo warehouse took 201 s with it and 211-218 s with the default G1.
onecustomer_java() {
  _onecustomer_run "" "$@"
}

# onecustomer_java with the development and benchmark tools (devtools/) on the classpath too.
onecustomer_dev_java() {
  _onecustomer_run "$DEVTOOLS_JAR:$(cat "$ONECUSTOMER_HOME/devtools/target/classpath.txt"):" "$@"
}

_onecustomer_run() {
  local extra="$1" main="$2"; shift 2
  # The two classpath files overlap (compile scope): keep each jar once, in order.
  local deps
  deps="$({ tr ':' '\n' < "$CLASSPATH_FILE"; echo; tr ':' '\n' < "$RUNTIME_CLASSPATH_FILE"; echo; } \
    | awk 'NF && !seen[$0]++' | paste -sd: -)"
  java "${SPARK_JVM_FLAGS[@]}" ${ONECUSTOMER_JAVA_OPTS:--Xmx6g -XX:+UseParallelGC} \
    -Dlog4j2.configurationFile="$ONECUSTOMER_HOME/conf/log4j2.properties" \
    -cp "$extra$JOBS_JAR:$ONECUSTOMER_HOME/generator/target/onecustomer-generator-0.1.0-SNAPSHOT.jar:$ONECUSTOMER_HOME/common/target/onecustomer-common-0.1.0-SNAPSHOT.jar:$deps" \
    "$main" "$@"
}
