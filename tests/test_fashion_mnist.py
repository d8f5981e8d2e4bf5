"""Fashion-MNIST through the public interface: `fashion_mnist_datasets` on IDX files written here (gzipped or not, in
both layouts, found through the default places), its errors, and the real set where Debian's package is installed."""
from __future__ import annotations
import gzip, struct
from pathlib import Path
import numpy as np
import pytest, torch
import snnbook.data as sd
from snnbook.data import fashion_mnist_datasets, fashion_mnist_loaders
from snnbook.fixtures import write_idx

REAL = Path('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz')


def write_fashion_mnist(folder: Path, n_train: int = 50, n_test: int = 20, gz: bool = True, seed: int = 0) -> Path:
    "The four files: random images, labels 0..9 in turn."
    rng = np.random.default_rng(seed)
    for split, n in (('train', n_train), ('t10k', n_test)):
        write_idx(folder / f"{split}-images-idx3-ubyte{'.gz' * gz}", rng.integers(0, 256, (n, 28, 28)))
        write_idx(folder / f"{split}-labels-idx1-ubyte{'.gz' * gz}", np.arange(n) % 10)
    return folder


@pytest.fixture
def no_defaults(tmp_path, monkeypatch):
    "No default place holds the files: no $SNNBOOK_DATA, Debian's folder moved, an empty current folder."
    monkeypatch.delenv('SNNBOOK_DATA', raising=False)
    monkeypatch.setattr(sd, 'FASHION_MNIST_DEBIAN', tmp_path / 'no_debian')
    (tmp_path / 'cwd').mkdir(); monkeypatch.chdir(tmp_path / 'cwd')
    return tmp_path


@pytest.mark.parametrize('gz', [True, False])
def test_reads_written_files(tmp_path, gz):
    root = write_fashion_mnist(tmp_path / 'fm', gz=gz)
    train, test = fashion_mnist_datasets(root)
    assert (len(train), len(test)) == (50, 20)
    x, y = train[7]
    assert x.dtype == torch.float32 and tuple(x.shape) == (1, 28, 28)
    assert int(y) == 7 and 0 <= int(y) <= 9
    pixels = np.random.default_rng(0).integers(0, 256, (50, 28, 28))
    assert torch.allclose(x[0], (torch.tensor(pixels[7], dtype=torch.float32) / 255 - 0.2860) / 0.3530, atol=1e-5)
    raw, _ = fashion_mnist_datasets(root, normalize=False)
    assert 0 <= raw.images.min() and raw.images.max() <= 1
    assert torch.equal(raw[7][0][0], torch.tensor(pixels[7], dtype=torch.float32) / 255)
    assert [int(test[i][1]) for i in range(20)] == [i % 10 for i in range(20)]


def test_torchvision_layout_and_default_places(no_defaults, monkeypatch):
    tmp = no_defaults
    write_fashion_mnist(tmp / 'tv' / 'FashionMNIST' / 'raw', gz=False)
    assert len(fashion_mnist_datasets(tmp / 'tv')[0]) == 50
    write_fashion_mnist(tmp / 'cwd' / 'FashionMNIST' / 'raw', n_train=35)
    assert len(fashion_mnist_datasets()[0]) == 35
    write_fashion_mnist(tmp / 'debian', n_train=40); monkeypatch.setattr(sd, 'FASHION_MNIST_DEBIAN', tmp / 'debian')
    assert len(fashion_mnist_datasets()[0]) == 40
    write_fashion_mnist(tmp / 'env' / 'fashion-mnist', n_train=30); monkeypatch.setenv('SNNBOOK_DATA', str(tmp / 'env'))
    assert len(fashion_mnist_datasets()[0]) == 30


def test_augmentation_train_only_and_seeded(tmp_path):
    root = write_fashion_mnist(tmp_path / 'fm')
    plain, plain_test = fashion_mnist_datasets(root)
    train, test = fashion_mnist_datasets(root, augment=True, crop_padding=4)
    torch.manual_seed(0); a = torch.stack([train[i][0] for i in range(50)])
    torch.manual_seed(0); b = torch.stack([train[i][0] for i in range(50)])
    assert torch.equal(a, b) and not torch.equal(a, plain.images)
    assert torch.equal(torch.stack([test[i][0] for i in range(20)]), plain_test.images)
    tl, vl = fashion_mnist_loaders(batch_size=16, root=root)
    xb, yb = next(iter(tl))
    assert tuple(xb.shape) == (16, 1, 28, 28) and yb.dtype == torch.int64 and len(vl) == 2


def test_missing_files_one_error(no_defaults):
    with pytest.raises(FileNotFoundError) as e: fashion_mnist_datasets()
    msg = str(e.value)
    for part in ('train-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 'SNNBOOK_DATA', str(no_defaults / 'no_debian'),
                 str(no_defaults / 'cwd' / 'FashionMNIST' / 'raw'), 'apt-get install dataset-fashion-mnist',
                 'FashionMNIST(root, download=True)', 'downloads nothing'):
        assert part in msg, part
    root = write_fashion_mnist(no_defaults / 'fm'); (root / 'train-labels-idx1-ubyte.gz').unlink()
    with pytest.raises(FileNotFoundError, match='missing train-labels-idx1-ubyte'): fashion_mnist_datasets(root)


def test_bad_files_are_named(tmp_path):
    root = write_fashion_mnist(tmp_path / 'fm', gz=False)
    images, labels = root / 'train-images-idx3-ubyte', root / 'train-labels-idx1-ubyte'
    write_idx(images, np.zeros((50, 28, 28)), magic=2049)
    with pytest.raises(ValueError, match='magic number is 2049') as e: fashion_mnist_datasets(root)
    assert str(images) in str(e.value)
    write_idx(images, np.zeros((50, 28, 28))); images.write_bytes(images.read_bytes()[:1000])
    with pytest.raises(ValueError, match='truncated file'): fashion_mnist_datasets(root)
    write_idx(images, np.zeros((49, 28, 28)))
    with pytest.raises(ValueError) as e: fashion_mnist_datasets(root)
    assert str(images) in str(e.value) and str(labels) in str(e.value)
    write_idx(images, np.zeros((50, 28, 28))); write_idx(labels, np.full(50, 10))
    with pytest.raises(ValueError, match='labels must be in 0..9'): fashion_mnist_datasets(root)


@pytest.mark.skipif(not REAL.exists(), reason='the real Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)')
def test_real_set():
    train, test = fashion_mnist_datasets(REAL.parent)
    assert (len(train), len(test)) == (60000, 10000)
    x, y = train[0]
    assert tuple(x.shape) == (1, 28, 28) and x.dtype == torch.float32 and 0 <= int(y) <= 9
    assert torch.bincount(train.targets, minlength=10).tolist() == [6000] * 10
    assert torch.bincount(test.targets, minlength=10).tolist() == [1000] * 10
    assert abs(train.images.mean().item()) < 1e-3 and abs(train.images.std().item() - 1) < 1e-3  # the stated statistics fit
