#!/usr/bin/env bash
# Example: map a survey on YARN (cluster deploy mode) with the settings of deploy/yarn/spark-defaults.conf.
#
# usage: deploy/yarn/submit-example.sh QUEUE CATALOG_URI OUT_URI [massmap sample options]
#   e.g. deploy/yarn/submit-example.sh science hdfs:///surveys/cosmos/ hdfs:///maps/cosmos --chains 16
# Needs SPARK_HOME (a Spark 3.5 installation) and HADOOP_CONF_DIR; the application jar is built when
# missing and uploaded by spark-submit.
set -euo pipefail

(($# >= 3)) || { echo "usage: deploy/yarn/submit-example.sh QUEUE CATALOG_URI OUT_URI [massmap sample options]" >&2; exit 2; }
[[ -n "${HADOOP_CONF_DIR:-${YARN_CONF_DIR:-}}" ]] || { echo "submit-example.sh: set HADOOP_CONF_DIR to the cluster's configuration" >&2; exit 1; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
queue="$1" catalog="$2" out="$3"
shift 3

# In cluster mode the driver runs in the application master's container: catalog and output must be
# cluster URIs (hdfs://, s3a://). A massmap --conf FILE travels with --files and is named by its base
# name, e.g. --files /etc/massmap/cosmos.conf ... -- sample --conf cosmos.conf
exec "$HERE/../submit.sh" --master yarn --deploy-mode cluster --queue "$queue" \
  --properties-file "$HERE/spark-defaults.conf" --name massmap-sample \
  -- sample --catalog "$catalog" --out "$out" "$@"
