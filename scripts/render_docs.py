"""Render the documentation offline: `nbdev-proc-nbs`, then one nbconvert HTML page per notebook into `_docs/`.

No Quarto binary can be installed on our machines, so this is the local preview and the CI check of the pages
(the published site is built by Quarto in GitHub Actions). The check fails when a page has an error output,
a traceback, no rendered math where the notebook has LaTeX, or a `show_doc` cell that did not render a signature.
Usage: python scripts/render_docs.py [--out _docs]
"""
import argparse, json, re, shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def _clean_metadata(nb):
    "Drop cell metadata (nbconvert's validator rejects nbdev's float `metadata.execution.total`); apply `hide` and `echo: false`."
    cells = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        c['metadata'] = {}
        if c['cell_type'] == 'code':
            if re.search(r'^#\|\s*hide\s*$', src, re.M): continue
            c.setdefault('outputs', []); c.setdefault('execution_count', None)
            if re.search(r'^#\|\s*echo:\s*false', src, re.M): c['metadata'] = {'tags': ['remove_input']}
            c['source'] = re.sub(r'^#\|.*\n?', '', src, flags=re.M)
        cells.append(c)
    nb['cells'] = cells
    return nb

def page_problems(nb, html: str, src) -> list[str]:
    "What is wrong with one rendered page."
    probs = []
    for c in nb.cells:
        for o in c.get('outputs', []):
            if o['output_type'] == 'error': probs.append(f"error output: {o.get('ename')}: {o.get('evalue')}")
            if o['output_type'] == 'stream' and o.get('name') == 'stderr' and 'Traceback' in ''.join(o.get('text', '')):
                probs.append('traceback on stderr')
    if 'Traceback (most recent call last)' in html: probs.append('a traceback in the page')
    has_math = any(c.cell_type == 'markdown' and '$' in c.source for c in src.cells)
    if has_math and 'MathJax' not in html and 'katex' not in html.lower(): probs.append('math in the notebook but no math renderer in the page')
    n_show = sum('show_doc(' in c.source for c in nb.cells if c.cell_type == 'code')
    n_sig = len(re.findall(r'</h[234]><div class="highlight"><pre><span></span><span class="k">(?:def|class)</span>', html))
    if n_show and n_sig < n_show: probs.append(f"{n_show} show_doc cells but {n_sig} rendered signatures")
    return probs

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--out', default=str(ROOT / '_docs'))
    a = p.parse_args()
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    proc = ROOT / '_proc'
    shutil.rmtree(proc, ignore_errors=True)
    # what `nbdev-proc-nbs` does, minus its attempt to install Quarto (which cannot work offline)
    subprocess.run([sys.executable, '-c', 'import nbdev.doclinks as d; d._build_modidx(); from nbdev.serve import proc_nbs; proc_nbs()'],
                   cwd=ROOT, check=True)
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    exporter = HTMLExporter(template_name='lab', config=Config({'TagRemovePreprocessor': {'enabled': True, 'remove_input_tags': ['remove_input']}}))
    failures = {}
    for src_path in sorted((ROOT / 'nbs').glob('*.ipynb')):
        if src_path.name.startswith('_'): continue
        pnb = proc / src_path.name
        nb = _clean_metadata(json.loads(pnb.read_text()))
        node = nbformat.reads(json.dumps(nb), as_version=4)
        html, _ = exporter.from_notebook_node(node)
        (out / (src_path.stem + '.html')).write_text(html)
        probs = page_problems(node, html, nbformat.read(src_path, as_version=4))
        print(f"{'ok  ' if not probs else 'FAIL'} {src_path.stem}.html" + (': ' + '; '.join(probs) if probs else ''))
        if probs: failures[src_path.name] = probs
    shutil.copy(ROOT / 'nbs' / 'styles.css', out / 'styles.css')
    sys.exit(1 if failures else 0)

if __name__ == '__main__': main()
