#!/usr/bin/env bash
# Example: map a survey on Kubernetes (cluster deploy mode: driver and executors are pods of the
# image built from deploy/kubernetes/Dockerfile) with deploy/kubernetes/spark-defaults.conf.
#
# usage: deploy/kubernetes/submit-example.sh API_SERVER CATALOG_URI OUT_URI [massmap sample options]
#   e.g. deploy/kubernetes/submit-example.sh https://k8s.example.org:443 s3a://surveys/cosmos/ s3a://maps/cosmos --chains 16
# Needs SPARK_HOME (a Spark 3.5 installation with kubectl credentials for the namespace).
set -euo pipefail

(($# >= 3)) || { echo "usage: deploy/kubernetes/submit-example.sh API_SERVER CATALOG_URI OUT_URI [massmap sample options]" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
api="$1" catalog="$2" out="$3"
shift 3

# The jar is inside the image: nothing is built or uploaded here. Catalog and output are read and
# written by pods: object-store or HDFS URIs, not local paths.
cd "$HERE/../.." # the pod template paths in spark-defaults.conf are relative to the repository
MASSMAP_APP_JAR=local:///opt/massmap/massmap-app.jar exec deploy/submit.sh \
  --master "k8s://$api" --deploy-mode cluster --properties-file deploy/kubernetes/spark-defaults.conf \
  --name massmap-sample \
  -- sample --catalog "$catalog" --out "$out" "$@"
