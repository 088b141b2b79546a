#!/usr/bin/env bash
# Executes every notebook in this directory with Debian's Python (/usr/bin/python3) against one run,
# writing the executed copies to a temporary directory (the committed notebooks are never rewritten).
# Exits non-zero, naming the notebook, if any of them fails.
#
# usage: notebooks/run_notebooks.sh RUN_DIR [TRUTH] [HALOS]
#   RUN_DIR  a `massmap sample` output directory, or a survey output directory (with tiles/)
#   TRUTH    optional truth κ FITS image (enables the truth comparisons)
#   HALOS    optional halo table (FITS, HALOS extension) of a simulated survey
# environment: MASSMAP_TILE (tile of a survey output), NOTEBOOK_OUT (keep the executed notebooks there),
#              NOTEBOOK_TIMEOUT (seconds per cell, default 300)
set -euo pipefail

PY=/usr/bin/python3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ $# -lt 1 || $# -gt 3 || "$1" == -h || "$1" == --help ]]; then
    echo "usage: $0 RUN_DIR [TRUTH] [HALOS]" >&2
    exit 2
fi
run=$1
truth=${2:-}
halos=${3:-}
[[ -e "$run" ]] || { echo "run_notebooks: RUN_DIR $run does not exist" >&2; exit 2; }
[[ -z "$truth" || -f "$truth" ]] || { echo "run_notebooks: TRUTH $truth is not a file" >&2; exit 2; }
[[ -z "$halos" || -f "$halos" ]] || { echo "run_notebooks: HALOS $halos is not a file" >&2; exit 2; }

if [[ ! -x $PY ]]; then
    echo "run_notebooks: $PY not found; install Debian's python3 and: apt-get install -y python3-astropy python3-matplotlib python3-nbformat python3-ipykernel jupyter-nbconvert" >&2
    exit 3
fi
missing=$($PY - <<'EOF'
import importlib.util
need = {"numpy": "python3-numpy", "astropy": "python3-astropy", "matplotlib": "python3-matplotlib",
        "nbformat": "python3-nbformat", "nbconvert": "jupyter-nbconvert",
        "ipykernel": "python3-ipykernel"}
print(" ".join(pkg for mod, pkg in need.items() if importlib.util.find_spec(mod) is None))
EOF
)
if [[ -n "$missing" ]]; then
    echo "run_notebooks: $PY lacks modules the notebooks need; install the Debian packages: apt-get install -y $missing" >&2
    exit 3
fi

abspath() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }
export MASSMAP_RUN=$(abspath "$run")
export MASSMAP_TRUTH=${truth:+$(abspath "$truth")}
export MASSMAP_HALOS=${halos:+$(abspath "$halos")}
export MASSMAP_EXPECT_PYTHON=$PY   # each notebook asserts that its kernel runs this interpreter
export MPLBACKEND=Agg
export PYTHONDONTWRITEBYTECODE=1
export PYDEVD_DISABLE_FILE_VALIDATION=1

work=$(mktemp -d /tmp/massmap-notebooks.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
out=${NOTEBOOK_OUT:-$work/executed}
mkdir -p "$out"
out=$(cd "$out" && pwd)
# A private kernel spec that starts Debian's interpreter, whatever python3 comes first on PATH or
# whatever kernel named python3 the user has installed.
mkdir -p "$work/jupyter/kernels/massmap-debian-python3"
cat > "$work/jupyter/kernels/massmap-debian-python3/kernel.json" <<EOF
{"argv": ["$PY", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Debian python3 (massmap notebooks)", "language": "python"}
EOF
export JUPYTER_PATH=$work/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}
export JUPYTER_RUNTIME_DIR=$work/runtime
export IPYTHONDIR=$work/ipython
export MPLCONFIGDIR=$work/mpl
ms() { echo $(( $(date +%s%N) / 1000000 )); }
elapsed() { local t=$(( $(ms) - $1 )); printf '%d.%d' $(( t / 1000 )) $(( t % 1000 / 100 )); }

echo "run_notebooks: MASSMAP_RUN=$MASSMAP_RUN MASSMAP_TRUTH=${MASSMAP_TRUTH:-(none)} MASSMAP_HALOS=${MASSMAP_HALOS:-(none)} MASSMAP_TILE=${MASSMAP_TILE:-(first)}"
failed=()
passed=0
for nb in "$here"/[0-9]*.ipynb; do
    name=$(basename "$nb")
    start=$(ms)
    # cwd = the notebooks directory, so `import massmap_nb` finds the helper module
    if (cd "$here" && $PY -m nbconvert --to notebook --execute \
            --ExecutePreprocessor.kernel_name=massmap-debian-python3 \
            --ExecutePreprocessor.timeout="${NOTEBOOK_TIMEOUT:-300}" \
            --output-dir "$out" --output "$name" "$nb") > "$work/$name.log" 2>&1; then
        printf 'run_notebooks: ok     %-30s %6s s\n' "$name" "$(elapsed "$start")"
        passed=$((passed + 1))
    else
        printf 'run_notebooks: FAILED %-30s %6s s\n' "$name" "$(elapsed "$start")"
        sed 's/\x1b\[[0-9;]*m//g' "$work/$name.log" | grep -v '^\s*$' | tail -n 12 | sed 's/^/    /'
        failed+=("$name")
    fi
done
if [[ -n "${NOTEBOOK_OUT:-}" ]]; then echo "run_notebooks: executed notebooks in $out"; fi
echo "notebooks: ${passed} passed, ${#failed[@]} failed"
if (( ${#failed[@]} )); then
    echo "run_notebooks: failed: ${failed[*]}" >&2
    exit 1
fi
