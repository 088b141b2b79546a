#!/usr/bin/env bash
# Example: map a survey on a Spark standalone cluster with the settings of deploy/standalone/spark-defaults.conf.
#
# usage: deploy/standalone/submit-example.sh MASTER_URL CATALOG_URI OUT_URI [massmap sample options]
#   e.g. deploy/standalone/submit-example.sh spark://head:7077 hdfs:///surveys/cosmos/ hdfs:///maps/cosmos --chains 16
# Needs SPARK_HOME (a Spark 3.5 installation); the application jar is built when missing.
set -euo pipefail

(($# >= 3)) || { echo "usage: deploy/standalone/submit-example.sh MASTER_URL CATALOG_URI OUT_URI [massmap sample options]" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
master="$1" catalog="$2" out="$3"
shift 3

# 64 cores = 16 executors of 4 cores (spark-defaults.conf); client mode: the driver runs here.
# For --deploy-mode cluster the driver runs on a Worker: then the catalog, the output and the jar
# must be reachable from there (hdfs://, s3a://, or MASSMAP_APP_JAR=hdfs://.../massmap-app.jar).
exec "$HERE/../submit.sh" --master "$master" --properties-file "$HERE/spark-defaults.conf" \
  --total-executor-cores 64 --name massmap-sample \
  -- sample --catalog "$catalog" --out "$out" "$@"
