#!/usr/bin/env bash
# Run every `#| cuda` and `#| slow` notebook check and every benchmark on a GPU machine; results go to one folder.
#   scripts/gpu_checks.sh [OUT_DIR]      (default: gpu_results/)
# Assumes the package is installed (pip install -e ".[dev,bench]"). Each part runs even if an earlier one fails;
# the exit status is non-zero if any failed. summary.json lists each part's status and log.
set -u
cd "$(dirname "$0")/.."
out=${1:-gpu_results}; mkdir -p "$out"
py=${PYTHON:-python}
declare -A status
run() { local name=$1; shift; echo "== $name"; if "$@" >"$out/$name.log" 2>&1; then status[$name]=0; else status[$name]=$?; fi; tail -5 "$out/$name.log"; }

run env "$py" -c "import torch, json, platform; print(json.dumps({'torch': torch.__version__, 'cuda': torch.version.cuda, 'device': torch.cuda.get_device_name(0) if torch.cuda.is_available() else None, 'python': platform.python_version()}))"
run notebooks_cuda_slow "$py" -m pytest nbs --flags "slow cuda" -q
for b in bench/[!_]*.py; do
  name=bench_$(basename "$b" .py)
  run "$name" "$py" "$b" --device cuda --out "$out/$(basename "$b" .py)-cuda.json"
done

"$py" - "$out" <<PY
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
status = {$(for k in "${!status[@]}"; do printf "'%s': %s, " "$k" "${status[$k]}"; done)}
(out / 'summary.json').write_text(json.dumps({'status': status, 'logs': sorted(p.name for p in out.glob('*.log'))}, indent=2))
print(json.dumps(status))
PY
for k in "${!status[@]}"; do [ "${status[$k]}" -eq 0 ] || exit 1; done
