#!/usr/bin/env bash
# Submits a massmap command to a Spark cluster with spark-submit (see deploy/README.md).
#
# usage: deploy/submit.sh --master URL [spark-submit options] -- COMMAND [massmap options]
#   e.g. deploy/submit.sh --master spark://head:7077 --total-executor-cores 8 -- \
#          sample --catalog hdfs:///surveys/cosmos/ --out hdfs:///maps/cosmos --chains 16
#
# Environment:
#   SPARK_HOME        a Spark 3.5 installation (bin/spark-submit), or a directory with only jars/ (as
#                     deploy/local-cluster builds); default: spark-submit on PATH
#   SPARK_CONF_DIR    its configuration (spark-defaults.conf, log4j2.properties); default SPARK_HOME/conf
#   MASSMAP_APP_JAR   the application jar: a local path or a URI the cluster can read
#                     (hdfs://..., local:///opt/massmap/massmap-app.jar in a Kubernetes image);
#                     default spark-jobs/target/massmap-app.jar, built when missing or older than the sources
#
# Kryo, its registrator and the massmap Spark defaults are set by the application itself
# (org.massmap.spark.runtime.SparkSessions); this script adds what the JVMs need on Java 17.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEFAULT_JAR="$ROOT/spark-jobs/target/massmap-app.jar"
APP_JAR="${MASSMAP_APP_JAR:-$DEFAULT_JAR}"

usage() {
  echo "usage: deploy/submit.sh --master URL [spark-submit options] -- COMMAND [massmap options]" >&2
  echo "       (COMMAND is a massmap command, normally 'sample'; see deploy/README.md)" >&2
  exit 2
}

# The --add-opens list Spark 3.5 itself uses (org.apache.spark.launcher.JavaModuleOptions).
java17_options() {
  local p out="-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false"
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
           java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    out+=" --add-opens=java.base/$p=ALL-UNNAMED"
  done
  echo "$out --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED"
}

# Split the arguments at "--": spark-submit options before, the massmap command after.
SUBMIT_ARGS=()
APP_ARGS=()
MASTER=""
DEPLOY_MODE="client"
DRIVER_MEMORY=""
DRIVER_OPTS=""      # the user's spark.driver.extraJavaOptions, if given on the command line
DRIVER_OPTS_SET=false
PROPERTIES_FILE=""
seen_separator=false
while (($#)); do
  if $seen_separator; then
    APP_ARGS+=("$1")
  else
    case "$1" in
      --) seen_separator=true ;;
      -h|--help) usage ;;
      --master) [[ $# -ge 2 ]] || usage; MASTER="$2"; SUBMIT_ARGS+=("$1" "$2"); shift ;;
      --master=*) MASTER="${1#--master=}"; SUBMIT_ARGS+=("$1") ;;
      --deploy-mode) [[ $# -ge 2 ]] || usage; DEPLOY_MODE="$2"; SUBMIT_ARGS+=("$1" "$2"); shift ;;
      --deploy-mode=*) DEPLOY_MODE="${1#--deploy-mode=}"; SUBMIT_ARGS+=("$1") ;;
      --driver-memory) [[ $# -ge 2 ]] || usage; DRIVER_MEMORY="$2"; SUBMIT_ARGS+=("$1" "$2"); shift ;;
      --properties-file) [[ $# -ge 2 ]] || usage; PROPERTIES_FILE="$2"; SUBMIT_ARGS+=("$1" "$2"); shift ;;
      --driver-java-options) [[ $# -ge 2 ]] || usage; DRIVER_OPTS="$2"; DRIVER_OPTS_SET=true; shift ;;
      --conf|-c)
        [[ $# -ge 2 ]] || usage
        if [[ "$2" == spark.driver.extraJavaOptions=* ]]; then
          DRIVER_OPTS="${2#spark.driver.extraJavaOptions=}"; DRIVER_OPTS_SET=true
        else
          SUBMIT_ARGS+=("$1" "$2")
        fi
        shift ;;
      --class|--class=*) echo "submit.sh: the main class is org.massmap.cli.Main; do not pass --class" >&2; exit 2 ;;
      *) SUBMIT_ARGS+=("$1") ;;
    esac
  fi
  shift
done
[[ -n "$MASTER" ]] || { echo "submit.sh: --master URL is required (spark://HOST:PORT, yarn, k8s://https://HOST:PORT)" >&2; usage; }
((${#APP_ARGS[@]})) || { echo "submit.sh: no massmap command after '--'" >&2; usage; }

# The default jar is (re)built when missing or older than any source, so a submit never runs stale code.
jar_is_stale() {
  [[ ! -f "$APP_JAR" ]] && return 0
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT/common" "$ROOT/model-training" "$ROOT/spark-jobs" "$ROOT/conf" \
      -name target -prune -o -type f -newer "$APP_JAR" -print -quit)" ]]
}
if [[ "$APP_JAR" == "$DEFAULT_JAR" ]] && jar_is_stale; then
  command -v mvn >/dev/null || { echo "submit.sh: $APP_JAR is missing or stale and Maven (mvn) is not installed to build it" >&2; exit 1; }
  echo "submit.sh: building $APP_JAR (mvn -Papp) ..." >&2
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never -Papp -pl spark-jobs -am -DskipTests package) >&2 \
    || { echo "submit.sh: build failed (run 'mvn -B -Papp -pl spark-jobs -am -DskipTests package' to see why)" >&2; exit 1; }
fi

# The value of KEY in a spark-defaults.conf style file (KEY VALUE or KEY=VALUE), empty if absent.
property() {
  [[ -f "$2" ]] || return 0
  sed -n "s/^[[:space:]]*${1//./\\.}[[:space:]=:][[:space:]]*//p" "$2" | tail -n 1
}

OPENS="$(java17_options)"
DEFAULTS_FILE="${PROPERTIES_FILE:-${SPARK_CONF_DIR:-${SPARK_HOME:-/nonexistent}/conf}/spark-defaults.conf}"
if ! $DRIVER_OPTS_SET; then
  DRIVER_OPTS="$(property spark.driver.extraJavaOptions "$DEFAULTS_FILE")"
fi
# A standalone master in cluster deploy mode starts the driver on a Worker with spark.driver.extraJavaOptions
# only (not even spark.driver.defaultJavaOptions): prepend the Java 17 options to the user's. Everywhere else
# Spark 3.5 adds them itself: the client-mode driver, the YARN application master, the driver pod on
# Kubernetes, and every executor (SparkContext prepends them to spark.executor.extraJavaOptions).
if [[ "$MASTER" == spark://* && "$DEPLOY_MODE" == cluster ]]; then
  SUBMIT_ARGS+=(--conf "spark.driver.extraJavaOptions=$OPENS${DRIVER_OPTS:+ $DRIVER_OPTS}")
elif $DRIVER_OPTS_SET; then
  SUBMIT_ARGS+=(--conf "spark.driver.extraJavaOptions=$DRIVER_OPTS")
fi

SUBMIT_ARGS+=(--class org.massmap.cli.Main "$APP_JAR")
if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  export SPARK_SUBMIT_OPTS="$OPENS ${SPARK_SUBMIT_OPTS:-}"
  exec "$SPARK_HOME/bin/spark-submit" "${SUBMIT_ARGS[@]}" "${APP_ARGS[@]}"
elif [[ -n "${SPARK_HOME:-}" && -d "$SPARK_HOME/jars" ]]; then
  # A SPARK_HOME of jars only: run SparkSubmit in a JVM started here, as bin/spark-submit would (in client
  # mode that JVM is the driver, so it gets the driver's memory and Java options).
  CONF_DIR="${SPARK_CONF_DIR:-$SPARK_HOME/conf}"
  CP="$CONF_DIR:$SPARK_HOME/jars/*"
  [[ -n "${HADOOP_CONF_DIR:-}" ]] && CP="$HADOOP_CONF_DIR:$CP"
  [[ -n "${YARN_CONF_DIR:-}" ]] && CP="$YARN_CONF_DIR:$CP"
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  export SPARK_HOME SPARK_CONF_DIR="$CONF_DIR" SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.12}"
  JVM_OPTS="$OPENS ${SPARK_SUBMIT_OPTS:-}"
  if [[ "$DEPLOY_MODE" == client ]]; then # this JVM is the driver: give it what the launcher would
    DRIVER_MEMORY="${DRIVER_MEMORY:-$(property spark.driver.memory "$DEFAULTS_FILE")}"
    JVM_OPTS+=" ${DRIVER_MEMORY:+-Xmx$DRIVER_MEMORY} $DRIVER_OPTS"
  fi
  # shellcheck disable=SC2086 # JVM_OPTS is a list of JVM options
  exec "$JAVA" $JVM_OPTS -Djava.awt.headless=true -cp "$CP" \
    org.apache.spark.deploy.SparkSubmit "${SUBMIT_ARGS[@]}" "${APP_ARGS[@]}"
elif command -v spark-submit >/dev/null; then
  export SPARK_SUBMIT_OPTS="$OPENS ${SPARK_SUBMIT_OPTS:-}"
  exec spark-submit "${SUBMIT_ARGS[@]}" "${APP_ARGS[@]}"
else
  echo "submit.sh: no Spark found: set SPARK_HOME to a Spark 3.5 installation (or run deploy/local-cluster)" >&2
  exit 1
fi
