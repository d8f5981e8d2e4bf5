"""Bad options for every subcommand, run in-process through `snnbook.cli.main`: each must exit with status 2 and a
usage message that names the option, without a traceback, and before any work: the functions that train or write
are replaced by ones that fail the test, and the working folder must stay as it was (no output folder created)."""
import contextlib, io
import pytest
import snnbook.cli as cli
import snnbook.conversion_study, snnbook.train, snnbook.updiff, snnbook.genmetrics, snnbook.lmht, snnbook.empf, snnbook.robust, snnbook.spikingresformer

WORK = [(snnbook.conversion_study, 'compare_on_digits'), (snnbook.lmht, 'lmht_study'), (snnbook.empf, 'empf_study'), (snnbook.robust, 'robust_study'), (snnbook.spikingresformer, 'resformer_study'), (snnbook.updiff, 'updiff_benchmark'), (snnbook.train, 'train_twins'),
        (snnbook.genmetrics.LPIPS, 'from_local'), (snnbook.genmetrics, 'FIDFeatures'), (snnbook.genmetrics, 'StandardFIDFeatures'), (snnbook.genmetrics, 'fid_features_from_file'),
        (cli, 'neuron_section'), (cli, 'training_section'), (cli, 'conversion_section'), (cli, 'updiff_section'), (cli, 'lmht_section'), (cli, 'empf_section'), (cli, 'robust_section'), (cli, 'resformer_section')]


class WorkStarted(Exception): "Raised by the stand-ins for the functions that train, load weights or write figures."


@pytest.fixture
def no_work(monkeypatch, tmp_path):
    "No function that does work can run; the test runs in an empty folder with a file `results.txt`, a folder `weights/` and a folder `figures/` holding a file."
    def started(*args, **kwargs): raise WorkStarted
    for owner, name in WORK: monkeypatch.setattr(owner, name, started)
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'results.txt').write_text('not a folder')
    (tmp_path / 'weights').mkdir()
    (tmp_path / 'figures').mkdir(); (tmp_path / 'figures' / 'plot.png').write_bytes(b'')
    return tmp_path


def run_main(argv):
    "The exit status and stderr of `main(argv)`."
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try: code = cli.main(argv)
        except SystemExit as e: code = e.code
    return code, err.getvalue()


BAD = [  # (argv, what stderr must name)
    (['demo', '--out', 'results.txt'], '--out'), (['demo', '--out', 'results.txt/run1'], '--out'),
    (['demo', '--device', 'warp'], '--device'), (['demo', '--device', 'cuda:99'], '--device'),
    (['demo', '--device', 'meta'], '--device'), (['demo', '--sections', 'nothing'], '--sections'),
    (['demo', '--sections', 'neurons', 'nothing'], '--sections'), (['demo', '--bogus'], '--bogus'),
    (['convert', '--levels', '0'], '--levels'), (['convert', '--levels', '1.5'], '--levels'), (['convert', '--levels', 'x'], '--levels'),
    (['convert', '--T', '0'], '--T'), (['convert', '--T', '4', '-1'], '--T'), (['convert', '--T', '2.5'], '--T'),
    (['convert', '--presim', '0'], '--presim'), (['convert', '--passes', '0'], '--passes'), (['convert', '--passes', 'True'], '--passes'),
    (['convert', '--epochs', '0'], '--epochs'), (['convert', '--seed', '-1'], '--seed'), (['convert', '--seed', '0.5'], '--seed'),
    (['convert', '--method', 'magic'], '--method'), (['convert', '--blocks', 'huge'], '--blocks'),
    (['convert', '--dataset', 'cifar10'], '--dataset'), (['convert', '--device', 'warp'], '--device'),
    (['convert', '--dataset', 'fashion-mnist', '--data', 'no/such/folder'], '--data'),
    (['updiff', '--out', 'results.txt'], '--out'), (['updiff', '--save', 'results.txt'], '--save'),
    (['updiff', '--save', 'results.txt/pipe'], '--save'), (['updiff', '--epochs', '0'], '--epochs'), (['updiff', '--epochs', '2.5'], '--epochs'),
    (['updiff', '--seed', '-3'], '--seed'), (['updiff', '--device', 'warp'], '--device'), (['updiff', '--lpips-net', 'squeeze'], '--lpips-net'),
    (['updiff', '--lpips-backbone', 'alexnet.pth', '--lpips-lin', 'results.txt'], '--lpips-backbone'),
    (['updiff', '--lpips-backbone', 'results.txt', '--lpips-lin', 'alex.pth'], '--lpips-lin'),
    (['updiff', '--lpips-lin', 'results.txt'], '--lpips-backbone'), (['updiff', '--lpips-backbone', 'weights'], '--lpips-backbone'),
    (['lmht', '--levels', '0'], '--levels'), (['lmht', '--T', '2.5'], '--T'), (['lmht', '--dataset', 'cifar10'], '--dataset'),
    (['lmht', '--epochs', '0'], '--epochs'), (['lmht', '--hybrid-epochs', '0'], '--hybrid-epochs'), (['lmht', '--seed', '-2'], '--seed'),
    (['lmht', '--device', 'warp'], '--device'), (['lmht', '--dataset', 'fashion-mnist', '--data', 'no/such/folder'], '--data'),
    (['empf', '--T', '0'], '--T'), (['empf', '--T', '2.5'], '--T'), (['empf', '--weights', 'int8'], '--weights'),
    (['empf', '--backprop', 'never'], '--backprop'), (['empf', '--epochs', '0'], '--epochs'), (['empf', '--seed', '-1'], '--seed'),
    (['empf', '--dataset', 'cifar10'], '--dataset'), (['empf', '--device', 'warp'], '--device'),
    (['empf', '--dataset', 'fashion-mnist', '--data', 'no/such/folder'], '--data'),
    (['robust', '--train', 'trades'], '--train'), (['robust', '--eps', '2'], '--eps'), (['robust', '--eps', '0.1', 'x'], '--eps'),
    (['robust', '--lam', '-1'], '--lam'), (['robust', '--at-eps', 'nan'], '--at-eps'), (['robust', '--pgd-steps', '0'], '--pgd-steps'),
    (['robust', '--epochs', '0'], '--epochs'), (['robust', '--seed', '-1'], '--seed'), (['robust', '--dataset', 'cifar10'], '--dataset'),
    (['robust', '--device', 'warp'], '--device'), (['robust', '--save', 'results.txt'], '--save'), (['robust', '--save', 'results.txt/net'], '--save'),
    (['robust', '--save', 'figures'], '--save'),
    (['resformer', '--variant', 'xl'], '--variant'), (['resformer', '--T', '0'], '--T'), (['resformer', '--epochs', '0'], '--epochs'),
    (['resformer', '--seed', '-1'], '--seed'), (['resformer', '--dataset', 'cifar10'], '--dataset'), (['resformer', '--device', 'warp'], '--device'),
    (['resformer', '--dataset', 'fashion-mnist', '--data', 'no/such/folder'], '--data'),
    (['robust', '--dataset', 'fashion-mnist', '--data', 'no/such/folder'], '--data'),
    (['updiff', '--fid-inception', 'inception.pth'], '--fid-inception'), (['updiff', '--fid-inception', 'weights'], '--fid-inception'),
]


@pytest.mark.parametrize('argv,option', BAD, ids=[' '.join(a) for a, _ in BAD])
def test_bad_option_is_a_usage_error_before_any_work(no_work, argv, option):
    before = sorted(p.name for p in no_work.iterdir())
    code, err = run_main(argv)
    assert code == 2, (code, err)
    assert option in err, err
    assert 'Traceback' not in err, err
    assert 'usage: snnbook' in err, err
    assert sorted(p.name for p in no_work.iterdir()) == before, 'an output folder was created'


@pytest.mark.parametrize('argv', [['demo', '--quick', '--device', 'cpu'], ['convert', '--epochs', '1', '--device', 'cpu'],
                                  ['updiff', '--quick', '--device', 'cpu'], ['robust', '--device', 'cpu', '--save', 'net'], ['resformer', '--device', 'cpu', '--variant', 'ti']])
def test_valid_options_reach_the_work(no_work, argv):
    "The stand-ins do stand in: with good options, the first piece of work starts (so the cases above stopped before it)."
    with pytest.raises(WorkStarted): run_main(argv)


def test_a_file_that_does_not_load_names_the_option(monkeypatch, tmp_path):
    "A weights file that exists but is no state dict is refused, with the option and the file named, before training."
    monkeypatch.setattr(snnbook.updiff, 'updiff_benchmark', lambda *a, **k: pytest.fail('training started'))
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'inception.pth').write_text('not a state dict')
    code, err = run_main(['updiff', '--device', 'cpu', '--fid-inception', 'inception.pth'])
    assert code == 2 and '--fid-inception' in err and 'inception.pth' in err and 'Traceback' not in err, err
    assert not (tmp_path / 'snnbook_updiff').exists()


def test_functions_check_their_arguments(tmp_path):
    "The subcommand functions, called from Python, refuse the same values with the argument named."
    import argparse
    f = tmp_path / 'results.txt'; f.write_text('')
    cases = [(lambda: cli.conversion_run('cos', passes=0), 'passes must be an integer >= 1'),
             (lambda: cli.conversion_run('qcfs', Ts=4), 'Ts must be a list'), (lambda: cli.conversion_run('qcfs', Ts=()), 'Ts must hold'),
             (lambda: cli.conversion_run('qcfs', levels=True), 'levels must be an integer'),
             (lambda: cli.conversion_run('qcfs', blocks='huge'), 'blocks must be'), (lambda: cli.conversion_run('qcfs', device='warp'), 'device'),
             (lambda: cli.demo(argparse.Namespace(device='cpu', sections=None, out=str(f), quick=True, quiet=True)), '--out'),
             (lambda: cli.neuron_section(f, 'cpu'), 'out must be an existing folder'),
             (lambda: cli.updiff_section(tmp_path / 'missing', 'cpu'), 'out must be an existing folder'),
             (lambda: cli.training_section(tmp_path, 'warp'), 'device')]
    for call, text in cases:
        with pytest.raises((ValueError, TypeError, FileNotFoundError, NotADirectoryError)) as e: call()
        assert text in str(e.value), (text, str(e.value))
