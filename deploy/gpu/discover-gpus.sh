#!/usr/bin/env bash
# Spark GPU discovery script: prints the GPUs this process may use as Spark's resource JSON,
#   {"name": "gpu", "addresses": ["0", "1"]}
# with CUDA device ordinals as addresses (what the CUDA runtime, and ND4J, number the devices).
#
# usage: discover-gpus.sh
#   Spark runs it: spark.worker.resource.gpu.discoveryScript (standalone),
#   spark.executor.resource.gpu.discoveryScript (YARN, Kubernetes), spark.driver.resource.gpu.discoveryScript.
#
# When CUDA_VISIBLE_DEVICES is set (by YARN, a container runtime or an admin) the runtime sees only
# those devices, renumbered 0..k-1: those ordinals are reported, not nvidia-smi's physical indexes.
set -euo pipefail

[[ $# -eq 0 ]] || { echo "usage: discover-gpus.sh   (no arguments; prints Spark resource JSON)" >&2; exit 2; }

ordinals=()
if [[ -n "${CUDA_VISIBLE_DEVICES+set}" ]]; then
  IFS=',' read -r -a visible <<<"$CUDA_VISIBLE_DEVICES"
  for ((i = 0; i < ${#visible[@]}; i++)); do
    [[ "${visible[i]}" == -* ]] && break # "-1" (or any negative id) hides this and every later device
    ordinals+=("$i")
  done
else
  command -v nvidia-smi >/dev/null || { echo "discover-gpus.sh: nvidia-smi not found: no NVIDIA driver on this host" >&2; exit 1; }
  while read -r index; do
    [[ -n "$index" ]] && ordinals+=("$index")
  done < <(nvidia-smi --query-gpu=index --format=csv,noheader)
fi

json=""
for o in "${ordinals[@]}"; do
  json+="${json:+, }\"$o\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$json]}"
