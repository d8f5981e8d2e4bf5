"""Write README.md from nbs/index.ipynb (markdown cells as they are, code cells as Python blocks).

`nbdev-readme` needs Quarto, which cannot be installed here; this keeps README.md in step with the landing page.
Links to other notebooks (`01_neurons.ipynb#anchor`) become links to their pages on the documentation site, as
`nbdev-readme` writes them, so that they work on the repository page and on PyPI.
`python scripts/make_readme.py --check` exits 1 when README.md is out of date.
"""
import re, sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
import nbformat
from nbdev.config import get_config, nbpath2html

ROOT = Path(__file__).resolve().parents[1]

def doc_link(target: str, base: str) -> str:
    "A relative link to a notebook as the URL of its page under `base`; any other link as it is."
    u = urlsplit(target)
    if u.scheme or u.netloc or not u.path.endswith('.ipynb'): return target
    return urlunsplit(('', '', f"{base.rstrip('/')}/{nbpath2html(u.path).as_posix()}", u.query, u.fragment))

def site_links(md: str, base: str) -> str:
    "`md` with its notebook links rewritten by `doc_link`, leaving fenced code blocks alone."
    parts = re.split(r'(```.*?```)', md, flags=re.S)
    return ''.join(p if p.startswith('```') else re.sub(r'(\]\()([^)\s]+)(\))', lambda m: m[1] + doc_link(m[2], base) + m[3], p)
                   for p in parts)

def readme_text() -> str:
    nb = nbformat.read(ROOT / 'nbs' / 'index.ipynb', as_version=4)
    base = get_config(path=ROOT).doc_url
    parts = ["<!-- Generated from nbs/index.ipynb by scripts/make_readme.py: edit the notebook, not this file. -->"]
    for c in nb.cells:
        src = c.source.strip()
        if not src or re.search(r'^#\|\s*hide', src, re.M): continue
        if c.cell_type == 'markdown':
            src = site_links(src, base)
            m = re.match(r'# (.+)\n+> (.+)', src)  # title + summary, as nbdev renders them
            parts.append(f"# {m.group(1)}\n\n> {m.group(2)}" + src[m.end():] if m else src)
        else: parts.append("```python\n" + re.sub(r'^#\|.*\n', '', src, flags=re.M) + "\n```")
    return "\n\n".join(parts) + "\n"

if __name__ == '__main__':
    text, path = readme_text(), ROOT / 'README.md'
    if '--check' in sys.argv:
        ok = path.exists() and path.read_text() == text
        print('README.md is up to date' if ok else 'README.md is out of date: run python scripts/make_readme.py')
        sys.exit(0 if ok else 1)
    path.write_text(text)
