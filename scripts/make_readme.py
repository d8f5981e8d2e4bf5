"""Write README.md from nbs/index.ipynb (markdown cells as they are, code cells as Python blocks).

`nbdev-readme` needs Quarto, which cannot be installed here; this keeps README.md in step with the landing page.
`python scripts/make_readme.py --check` exits 1 when README.md is out of date.
"""
import re, sys
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parents[1]

def readme_text() -> str:
    nb = nbformat.read(ROOT / 'nbs' / 'index.ipynb', as_version=4)
    parts = ["<!-- Generated from nbs/index.ipynb by scripts/make_readme.py: edit the notebook, not this file. -->"]
    for c in nb.cells:
        src = c.source.strip()
        if not src or re.search(r'^#\|\s*hide', src, re.M): continue
        if c.cell_type == 'markdown':
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
