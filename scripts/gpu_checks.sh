#!/usr/bin/env bash
# GPU checks in one run: every `#| cuda` cell that needs no data set, every benchmark on CUDA, the `convert` command
# and the full demo on CUDA. Results go to one folder of small files (so that they come back from a lent machine):
#   <OUT_DIR>/summary.json            each step's exit status (or "skipped"), seconds and the end of its output
#   <OUT_DIR>/<bench>-cuda.json       bench/neurons, conversion, train, updiff, paper_scale, cifar_pipeline, lmht, online, robust, resformer
#   <OUT_DIR>/01_neurons.ipynb        the neurons page executed with its `#| cuda` cell (CPU vs CUDA agreement)
#   <OUT_DIR>/03_kernels.ipynb        the kernels page executed with its `#| cuda` cells (the compiled kernel against the torch path)
# (the training page's `#| cuda` cell, devices by index, runs as a test; its result is in summary.json)
#
#   scripts/gpu_checks.sh [OUT_DIR]                         (default: gpu_results/)
# Fashion-MNIST travels as the ignored folder data/fashion-mnist (copy /usr/share/datasets/fashion-mnist there and carry it:
# the four gzipped files are 30 MB); when it is there, the conversion study runs on it (`--seeds 3 --epochs 10`, all
# 10,000 test images) into <OUT_DIR>/fashion_conversion-cuda.json, then the CSNN's direct training with the full 64-epoch
# recipe (one seed, bf16) into <OUT_DIR>/fashion_direct-cuda.json: 128 epochs of training in all, so raise BUDGET_S or it is skipped.
# Environment: PYTHON (default python), BUDGET_S (default 480: later steps are skipped, and each step's timeout is cut
# to what is left), FULL=1 also runs `pytest nbs --flags "slow cuda"` (the paper-scale cells need CIFAR_ROOT,
# LEVIR_ROOT, SD_DIR and hours of GPU time). Wheels in .whl/ (pip download, see the device notes) are installed to
# /tmp/site first when the machine cannot reach a package index. The snnbook package is used from this checkout.
set -u
cd "$(dirname "$0")/.."
out=${1:-gpu_results}; mkdir -p "$out"
py=${PYTHON:-python}
budget=${BUDGET_S:-480}; start=$SECONDS
logs=$(mktemp -d)  # whole logs stay on the machine; summary.json keeps the end of each
log="$logs/gpu_checks.log"
declare -A status secs

if [ -d .whl ]; then
  "$py" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl >>"$log" 2>&1 \
    && export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
snnbook=("$py" -c 'import sys; from snnbook.cli import main; sys.exit(main(sys.argv[1:]))')  # the CLI without installing

step() {  # step NAME LIMIT_S CMD...: run CMD with a timeout inside the remaining budget, log its output and status
  local name=$1 limit=$2; shift 2
  local left=$((budget - (SECONDS - start)))
  if [ "$left" -lt 20 ]; then status[$name]='"skipped"'; echo "== $name: skipped (budget spent)" | tee -a "$log"; return; fi
  [ "$limit" -gt "$left" ] && limit=$left
  echo "== $name (limit ${limit}s)" | tee -a "$log"
  local t0=$SECONDS
  timeout "$limit" "$@" >"$logs/$name.log" 2>&1; local rc=$?
  cat "$logs/$name.log" >>"$log"
  status[$name]=$rc; secs[$name]=$((SECONDS - t0))
  echo "== $name: exit $rc after ${secs[$name]}s" | tee -a "$log"
}

step env 60 bash -c "nvidia-smi -L; \"$py\" -c \"import torch, json, platform, importlib.metadata as m; print(json.dumps({'torch': torch.__version__, 'cuda': torch.version.cuda, 'device': torch.cuda.get_device_name(0) if torch.cuda.is_available() else None, 'python': platform.python_version(), 'diffusers': m.version('diffusers'), 'nbdev': m.version('nbdev')}))\""
step nb_neurons_cuda 150 "$py" scripts/run_nbs.py --flags cuda nbs/01_neurons.ipynb
step nb_kernels_cuda 240 "$py" scripts/run_nbs.py --flags cuda nbs/03_kernels.ipynb  # the kernel compiled: spikes and gradients against the torch path
step nb_train_cuda 150 "$py" -m pytest -q --flags cuda nbs/12_train.ipynb  # make_accelerator on cuda:N
cp nbs/01_neurons.ipynb nbs/03_kernels.ipynb "$out/" 2>/dev/null
for b in neurons conversion train updiff paper_scale cifar_pipeline lmht online robust resformer; do
  step "bench_$b" 120 "$py" "bench/$b.py" --device cuda --out "$out/$b-cuda.json"
done
step convert_cos 120 "${snnbook[@]}" convert --dataset digits --method cos --levels 4 --T 1 2 4 8 --presim 4 --json --device cuda
step nb_resformer_cuda 200 "$py" -m pytest -q --flags cuda nbs/29_spikingresformer.ipynb  # the recipes and checkpoint loader on this machine
step demo 400 "${snnbook[@]}" demo --device cuda --quiet
fashion=${FASHION_DIR:-data/fashion-mnist}
if [ -f "$fashion/train-images-idx3-ubyte.gz" ] || [ -f "$fashion/train-images-idx3-ubyte" ]; then
  step convert_fashion 300 "${snnbook[@]}" convert --dataset fashion-mnist --data "$fashion" --method cos --levels 4 --T 1 2 4 8 --presim 4 --json --device cuda
  step fashion_conversion 900 "$py" scripts/fashion_conversion.py --seeds 3 --epochs 10 --data "$fashion" --device cuda --out "$out/fashion_conversion-cuda.json"
  step fashion_direct 1800 "$py" scripts/fashion_direct.py --seeds 1 --epochs 64 --data "$fashion" --device cuda --mixed-precision bf16 --out "$out/fashion_direct-cuda.json"
else echo "== fashion_conversion: not run (no $fashion to read)" | tee -a "$log"; fi
[ "${FULL:-0}" = 1 ] && step notebooks_slow_cuda 36000 "$py" -m pytest nbs --flags "slow cuda" -q

"$py" - "$out" "$logs" <<PY
import json, sys, pathlib
out, logs = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
status = {$(for k in "${!status[@]}"; do printf "'%s': %s, " "$k" "${status[$k]}"; done)}
secs = {$(for k in "${!secs[@]}"; do printf "'%s': %s, " "$k" "${secs[$k]}"; done)}
tails = {k: (logs / f'{k}.log').read_text(errors='replace')[-3000:] for k in status if (logs / f'{k}.log').exists()}
(out / 'summary.json').write_text(json.dumps({'status': status, 'seconds': secs, 'output_tail': tails}, indent=2))
print(json.dumps({'status': status, 'seconds': secs}))
PY
for k in "${!status[@]}"; do [ "${status[$k]}" = 0 ] || exit 1; done
