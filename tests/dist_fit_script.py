"""Train a small bias-free MLP for one epoch with `snnbook.train.fit`; run alone or under `torchrun --nproc_per_node 2`.

Used by tests/test_distributed.py: the parameters after 2 processes must match 1 process on the same global batches.
"""
import sys, torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from safetensors.torch import save_file
from snnbook.train import fit, make_accelerator

def main(out):
    torch.manual_seed(0)
    x, y = torch.randn(256, 20), torch.randint(0, 4, (256,))
    dl = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)  # global batch 32
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 4))  # no BN, no dropout: nothing depends on the shard
    acc = make_accelerator('cpu')
    fit(model, dl, 2, opt=torch.optim.SGD(model.parameters(), lr=0.1), accelerator=acc, seed=0, progress=False)
    if acc.is_main_process:
        save_file({k: v.contiguous() for k, v in acc.unwrap_model(model).state_dict().items()}, out)
        print(f"processes={acc.num_processes} distributed_type={acc.distributed_type}")
    acc.wait_for_everyone()
    if torch.distributed.is_initialized(): torch.distributed.destroy_process_group()  # leaving gloo's threads running aborts at exit

if __name__ == '__main__': main(sys.argv[1])
