"""The offline docs render's helpers, on a tiny notebook the test writes: Quarto syntax, front matter, links, the page
layout, and the browser check's rules on DOMs written by hand (no browser needed)."""
import importlib.util, json, re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location('render_docs', ROOT / 'scripts' / 'render_docs.py')
rd = importlib.util.module_from_spec(_spec); _spec.loader.exec_module(rd)


def _nb(cells):
    for i, c in enumerate(cells): c['id'] = f'c{i}'
    return {'cells': cells, 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}

def _md(s): return {'cell_type': 'markdown', 'metadata': {}, 'source': s}

def _code(s, outputs=()):
    return {'cell_type': 'code', 'metadata': {'execution': {'total': 0.5}}, 'source': s, 'outputs': list(outputs),
            'execution_count': None}

FM = {'cell_type': 'raw', 'metadata': {},
      'source': "---\ndescription: A short `summary` line\noutput-file: tiny.html\ntitle: 'Tiny: a page'\n\n---\n\n"}


def test_source_link_fragment_becomes_a_plain_link():
    md = '[source](https://github.com/o/r/blob/main/m.py#L3){target="_blank" style="float:right; font-size:smaller"}'
    out = rd.quarto_md(md)
    assert out == '<a href="https://github.com/o/r/blob/main/m.py#L3" target="_blank" style="float:right; font-size:smaller">source</a>'


def test_callout_fence_becomes_a_styled_div_and_code_is_left_alone():
    md = '::: {.callout-tip title="Try it"}\nSome *text*.\n:::\n\n```python\nx = {1: 2}\n::: not a fence in code\n```'
    out = rd.quarto_md(md)
    assert '<div class="callout callout-tip">' in out and '<div class="callout-title">Try it</div>' in out
    assert out.count('</div>') == 2 and '::: not a fence in code' in out and 'x = {1: 2}' in out
    assert ':::' not in out.split('```')[0]


def test_math_braces_and_headings():
    assert rd.quarto_md(r'$\sum_{k=1}^L x$') == r'$\sum_{k=1}^L x$'
    assert rd.quarto_md('## Results {#sec-res}') == '## Results <span id="sec-res"></span>'
    assert rd.quarto_md('![a plot](fig.png){width=50%}') == '<img src="fig.png" alt="a plot" width="50%">'
    assert rd.pandoc_id('Ten seeds per depth, on a GPU!') == 'ten-seeds-per-depth-on-a-gpu'
    assert rd.pandoc_id('1. Offset spikes') == 'offset-spikes'


def test_front_matter_and_prepare():
    w = {'output_type': 'display_data', 'metadata': {},
         'data': {rd.WIDGET_MIME: {'model_id': 'x'}, 'text/plain': 'interactive(children=(IntSlider(value=4),))'}}
    nb = _nb([FM, _md('See [QCFS](20_qcfs.ipynb).'), _code('#| hide\nimport os'), _code('#| echo: false\n1', [w])])
    meta, nb = rd.prepare(nb)
    assert meta == {'description': 'A short `summary` line', 'output-file': 'tiny.html', 'title': 'Tiny: a page'}
    assert [c['cell_type'] for c in nb['cells']] == ['markdown', 'code']
    code = nb['cells'][1]
    assert code['metadata'] == {'tags': ['remove_input']} and code['source'] == '1'
    assert code['outputs'] == []  # no widget state is kept: its output is only its repr, dropped (the static figure stays)


def test_page_links_follow_output_files(monkeypatch):
    monkeypatch.setattr(rd, 'PAGES', {'21_cos.ipynb': 'cos.html'})
    assert rd._page_link('21_cos.ipynb#explorer') == 'cos.html#explorer'
    assert rd._page_link('99_new.ipynb') == '99_new.html'
    assert rd._page_link('#top') == '#top'


def test_layout_of_a_tiny_notebook(tmp_path, monkeypatch):
    import nbformat
    monkeypatch.setattr(rd, 'PAGES', {'tiny.ipynb': 'tiny.html', 'other.ipynb': 'other.html'})
    md = '## Hello world\nThe threshold $\\theta$; see [the other page](other.ipynb#a-part).\n\n::: {.callout-note}\nA note.\n:::'
    src = '[source](https://example.org/m.py#L1){target="_blank" style="float:right"}\n\n### f\n\n```python\ndef f(x): ...\n```'
    out = {'output_type': 'execute_result', 'metadata': {}, 'execution_count': None,
           'data': {'text/markdown': src, 'text/plain': '<Markdown>'}}
    log = {'output_type': 'stream', 'name': 'stdout', 'text': '[step 1] loss 0.5\n'}
    w = {'output_type': 'display_data', 'metadata': {},
         'data': {rd.WIDGET_MIME: {'model_id': 'x'}, 'text/plain': 'interactive(children=(IntSlider(value=4),))'}}
    meta, nb = rd.prepare(_nb([FM, _md(md), _code('show_doc(f)', [out]), _code('explore()', [log, w])]))
    node = nbformat.reads(json.dumps(nb), as_version=4)
    cells, _ = rd.make_exporter().from_notebook_node(node)
    entries = [(None, ['index.ipynb']), ('Part', ['tiny.ipynb', 'other.ipynb'])]
    page = rd.layout(cells, meta, {'title': 'site'}, rd.sidebar_html(entries, {'tiny.ipynb': 'Tiny: a page'}, 'tiny.html'), '')
    assert '<h1 class="title">Tiny: a page</h1>' in page and '<code>summary</code>' in page
    assert 'title:' not in page and '{target=' not in page and ':::' not in page
    assert 'href="other.html#a-part"' in page and '.ipynb' not in page
    assert '<a class="active" href="tiny.html">Tiny: a page</a>' in page.replace('href="tiny.html" class="active"', 'class="active" href="tiny.html"')
    assert 'href="styles.css"' in page and 'src="mathjax/MathJax.js' in page and not re.search(r'src="https?://', page)
    assert 'id="hello-world"' in page and 'class="callout callout-note"' in page
    assert 'class="jp-Cell jp-CodeCell' in page and 'cell-output' in page
    assert rd.notebook_problems(node, cells) == []
    assert re.search(r'class="[^"]*cell-output cell-output-stdout"[^>]*>\s*<pre>\[step 1\]', page)
    assert 'interactive(children' not in page  # the widget's repr is dropped: its static figure is what the page shows
    # a widget repr that reaches a page some other way is still caught
    page = page.replace('</main>', '<div class="cell-output cell-output-display"><pre>interactive(children=(IntSlider(value=4),))</pre></div></main>')
    (tmp_path / 'tiny.html').write_text(page)
    probs = rd.dom_problems(page.replace('<body>', '<body data-mathjax="done">'), 'tiny.html', tmp_path, {})
    assert any('a widget shown as its text stand-in' in p for p in probs), probs


def _dom(main, body_attrs='data-mathjax="done"'):
    return f'<html><head></head><body {body_attrs}><main>{main}</main></body></html>'


@pytest.mark.parametrize('main,expect', [
    ('<p>The threshold $\\theta$ is raw.</p>', 'raw TeX ($...$)'),
    ('<p>Raw \\(x\\) too.</p>', 'raw TeX (\\( or \\['),
    ('<p>---</p><p>title: Tiny</p>', 'front matter'),
    ('<p>source{target="_blank" style="float:right"}</p>', 'a Quarto attribute fragment'),
    ('<p>::: {.callout-note}</p>', 'a Quarto ::: fence'),
    ('<a href="missing.html">x</a>', 'broken link'),
    ('<a href="ok.html#nowhere">x</a>', 'broken anchor'),
    ('<img src="fig.png">', 'broken link'),
    ('<script src="https://cdn.example.org/mathjax.js"></script>', 'from the network'),
    ('<div class="cell-output cell-output-display"><pre>{' + ',\n'.join(f"'k{i}': {i}" for i in range(40)) + '}</pre></div>',
     'a raw dict/list of 40 lines'),
    ('<div class="cell-output cell-output-display"><pre>interactive(children=(IntSlider(value=4),))</pre></div>',
     'a widget shown as its text stand-in'),
    ('<div class="cell-output cell-output-stdout"><pre>' + 'x' * (rd.MAX_OUTPUT_TEXT + 1) + '</pre></div>',
     'characters of text'),
])
def test_dom_check_catches(tmp_path, main, expect):
    (tmp_path / 'ok.html').write_text('<p id="here">x</p>')
    probs = rd.dom_problems(_dom(main), 'ok.html', tmp_path, {'ok.html': {'here'}})
    assert any(expect in p for p in probs), probs


def test_dom_check_passes_a_clean_page(tmp_path):
    (tmp_path / 'ok.html').write_text('x'); (tmp_path / 'styles.css').write_text('')
    main = ('<p>Rendered <span class="MathJax_CHTML">θ</span><script type="math/tex">\\theta</script>, code '
            '<code>$x$ {target=1}</code>, a dict <code>{.x}</code> in code, <a href="ok.html#here">a link</a>, '
            '<a href="https://example.org/page">away</a>.</p><pre>x = {"a": 1}\n$y$</pre>'
            '<div class="cell-output cell-output-stdout"><pre>[log] ' + '\n'.join(['line'] * 50) + '</pre></div>')
    dom = _dom(main).replace('<head></head>', '<head><link rel="stylesheet" href="styles.css"></head>')
    assert rd.dom_problems(dom, 'ok.html', tmp_path, {'ok.html': {'here'}}) == []


def test_dom_check_needs_mathjax_to_finish(tmp_path):
    (tmp_path / 'a.html').write_text('x')
    main = '<p><script type="math/tex">x</script></p>'
    assert any('MathJax did not finish' in p for p in rd.dom_problems(_dom(main, ''), 'a.html', tmp_path, {}))
    assert any('MathJax error' in p for p in
               rd.dom_problems(_dom(main, 'data-mathjax="done" data-mathjax-error="File failed to load: x.js"'), 'a.html', tmp_path, {}))


def test_local_images_are_copied_next_to_the_page(tmp_path):
    src, out = tmp_path / 'nbs', tmp_path / 'out'
    (src / 'img').mkdir(parents=True); out.mkdir()
    (src / 'img' / 'fig.png').write_bytes(b'\x89PNG')
    (src / 'a.ipynb').write_text('{}'); (out / 'p.html').write_text('x')
    rd.copy_resources('<img src="img/fig.png"><a href="a.ipynb">x</a><a href="other.html#x">y</a>', src, out)
    assert (out / 'img' / 'fig.png').read_bytes() == b'\x89PNG' and not (out / 'a.ipynb').exists()
    assert rd.dom_problems(_dom('<img src="img/fig.png">'), 'p.html', out, {}) == []
