"""Our neurons against SpikingJelly's own, when it is installed (`pip install spikingjelly`, the `bench` extra).

The notebook 01_neurons checks the same dynamics against SpikingJelly's documented equations without the package.
"""
import pytest, torch

sj = pytest.importorskip('spikingjelly.activation_based.neuron')
from spikingjelly.activation_based import surrogate as sj_surrogate
from snnbook.neurons import IFNode, LIFNode
from snnbook import surrogate

CONFIGS = [
    ('IFNode', dict(v_reset=0.0)), ('IFNode', dict(v_reset=None)), ('IFNode', dict(v_reset=-0.1, v_threshold=0.8, detach_reset=True)),
    ('LIFNode', dict(tau=2.0, decay_input=True)), ('LIFNode', dict(tau=3.0, decay_input=False)),
    ('LIFNode', dict(tau=2.0, decay_input=True, v_reset=None)), ('LIFNode', dict(tau=1.5, decay_input=False, v_reset=None, detach_reset=True)),
]
SURROGATES = [(surrogate.Sigmoid(4.0), sj_surrogate.Sigmoid(alpha=4.0)), (surrogate.ATan(2.0), sj_surrogate.ATan(alpha=2.0))]


@pytest.mark.parametrize('kind,kw', CONFIGS)
@pytest.mark.parametrize('sg', SURROGATES, ids=['Sigmoid', 'ATan'])
def test_matches_spikingjelly(kind, kw, sg):
    ours_sg, sj_sg = sg
    g = torch.Generator().manual_seed(0)
    x = torch.randn(8, 4, 32, generator=g, dtype=torch.float64) * 0.8 + 0.4
    w = torch.randn(8, 4, 32, generator=g, dtype=torch.float64)
    outs = []
    for node in ({'IFNode': IFNode, 'LIFNode': LIFNode}[kind](step_mode='m', store_v_seq=True, surrogate_function=ours_sg, **kw),
                 getattr(sj, kind)(step_mode='m', store_v_seq=True, surrogate_function=sj_sg, **kw)):
        xx = x.clone().requires_grad_()
        s = node(xx)
        gx, = torch.autograd.grad((s * w).sum(), xx)
        outs.append((s.detach(), node.v_seq.detach(), gx))
    (s1, v1, g1), (s2, v2, g2) = outs
    assert torch.equal(s1, s2.to(s1.dtype))
    torch.testing.assert_close(v1, v2.to(v1.dtype), rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(g1, g2.to(g1.dtype), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize('kind,kw', CONFIGS[:1] + CONFIGS[3:4])
def test_reset_matches_spikingjelly(kind, kw):
    "After a reset both start again from rest: a second batch of another shape gives the same spikes and potentials."
    from spikingjelly.activation_based import functional as sjf
    from snnbook.neurons import reset_net
    g = torch.Generator().manual_seed(1)
    first, second = torch.randn(6, 4, 8, generator=g, dtype=torch.float64) + 0.5, torch.randn(6, 3, 5, generator=g, dtype=torch.float64) + 0.5
    ours = {'IFNode': IFNode, 'LIFNode': LIFNode}[kind](step_mode='m', store_v_seq=True, **kw)
    theirs = getattr(sj, kind)(step_mode='m', store_v_seq=True, **kw)
    with torch.no_grad():
        ours(first); theirs(first)
        reset_net(ours); sjf.reset_net(theirs)
        s1, s2 = ours(second), theirs(second)
    assert torch.equal(s1, s2.to(s1.dtype))
    torch.testing.assert_close(ours.v_seq, theirs.v_seq.to(ours.v_seq.dtype), rtol=1e-5, atol=1e-6)
