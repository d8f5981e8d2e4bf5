"""Render the documentation offline into `_docs/`, as a preview of the Quarto site, and check every page in a browser.

No Quarto binary can be installed on our machines, so this is the local preview and the CI check of the pages
(the published site is built by Quarto in GitHub Actions). The render: `nbdev-proc-nbs` (which renders `show_doc`),
then one nbconvert HTML page per notebook, laid out like the site: the title and subtitle from the notebook's front
matter, the sidebar of `nbs/sidebar.yml`, a table of contents, `nbs/styles.css`, MathJax served from `_docs/mathjax/`
(Debian's `libjs-mathjax`), Quarto's `{...}` attributes and `:::` callouts turned into HTML, `xx.ipynb` links into
`xx.html`.

The check opens each page in headless Chromium (after MathJax has run) and fails on:
- raw TeX in the visible text (`$...$`, `\\(`, `\\[` outside code), or a MathJax error;
- front matter (`title:`, `---`) or Quarto fragments (`{target=...}`, `{.class}`, `{#id}`, `:::`) in the text;
- a broken link: a local `href`/`src` that is not in `_docs/` (or an `#anchor` that is not on its page), or a
  script or stylesheet from the network;
- a kept output over the size limits: more than 20 kB of text (`MAX_OUTPUT_TEXT`) or 1 MB of image
  (`MAX_OUTPUT_IMAGE`) in one output, a raw dict/list repr longer than 30 lines (`MAX_REPR_LINES`: show a
  table), or a widget shown as its text stand-in (`interactive(children=...`: keep a static figure);
- an error output, a traceback, or a `show_doc` cell that did not render a signature.
A screenshot of each page (1280 x 2400) is kept in `_docs/screenshots/` for review.
Usage: python scripts/render_docs.py [--out _docs] [--no-check]
"""
import argparse, html as htmllib, json, os, re, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
MATHJAX_SRC = Path('/usr/share/javascript/mathjax')
MATHJAX_PARTS = ['MathJax.js', 'config/TeX-AMS_CHTML-full.js', 'extensions', 'jax/element', 'jax/input/TeX',
                 'jax/output/CommonHTML', 'fonts/HTML-CSS/TeX/woff']
MAX_OUTPUT_TEXT = 20_000   # characters of text in one kept output
MAX_OUTPUT_IMAGE = 1_000_000  # bytes of base64 image data in one kept output
MAX_REPR_LINES = 30        # lines of a raw dict/list repr in one kept output
SCREEN = (1280, 2400)
WIDGET_MIME = 'application/vnd.jupyter.widget-view+json'

# ---------------------------------------------------------------- notebook -> markdown the offline renderer understands

def front_matter(nb) -> tuple[dict, list]:
    "The YAML front matter that nbdev puts in a leading raw cell, and the cells without it."
    import yaml
    cells = list(nb['cells'])
    if cells and cells[0]['cell_type'] == 'raw':
        src = ''.join(cells[0]['source'])
        m = re.match(r'\s*---\s*\n(.*?)\n---\s*$', src, re.S)
        if m: return (yaml.safe_load(m.group(1)) or {}), cells[1:]
    return {}, cells

def _attrs(spec: str) -> str:
    "Pandoc attributes `{#id .cls key=val}` as HTML attributes."
    ids, classes, kv = [], [], []
    for tok in re.findall(r'[#.][\w:-]+|[\w-]+=(?:"[^"]*"|\'[^\']*\'|[^\s}]+)', spec):
        if tok[0] == '#': ids.append(tok[1:])
        elif tok[0] == '.': classes.append(tok[1:])
        else:
            k, v = tok.split('=', 1)
            kv.append((k, v.strip('"\'')))
    out = [f'id="{ids[0]}"'] if ids else []
    if classes: out.append(f'class="{" ".join(classes)}"')
    out += [f'{k}="{htmllib.escape(v)}"' for k, v in kv]
    return (' ' + ' '.join(out)) if out else ''

_ATTR = r'\{((?:\s*(?:[#.][\w:-]+|[\w-]+=(?:"[^"]*"|\'[^\']*\'|[^\s}]+)))+)\s*\}'
_CALLOUT_TITLES = {'note': 'Note', 'tip': 'Tip', 'warning': 'Warning', 'important': 'Important', 'caution': 'Caution'}

def _inline(line: str) -> str:
    "Quarto's inline attribute syntax in one line of markdown, as HTML."
    line = re.sub(r'!\[([^\]]*)\]\(([^)\s]+)\)' + _ATTR,
                  lambda m: f'<img src="{m[2]}" alt="{htmllib.escape(m[1])}"{_attrs(m[3])}>', line)
    line = re.sub(r'(?<!!)\[([^\]]*)\]\(([^)\s]+)\)' + _ATTR, lambda m: f'<a href="{m[2]}"{_attrs(m[3])}>{m[1]}</a>', line)
    line = re.sub(r'(?<![\]!\\])\[([^\]]+)\]' + _ATTR, lambda m: f'<span{_attrs(m[2])}>{m[1]}</span>', line)
    m = re.match(r'^(#{1,6}\s.*?)\s*' + _ATTR + r'\s*$', line)
    if m: line = m[1] + (f' <span id="{m[2].split("#")[1].split()[0]}"></span>' if '#' in m[2] else '')
    return line

def quarto_md(md: str) -> str:
    "Markdown with Quarto-only syntax (attributes, `:::` divs and callouts) rewritten as HTML that any renderer shows."
    out, fence, depth = [], None, 0
    for line in md.split('\n'):
        f = re.match(r'^\s*(```+|~~~+)', line)
        if fence:
            if f and f[1][0] == fence[0] and len(f[1]) >= len(fence): fence = None
            out.append(line); continue
        if f: fence = f[1]; out.append(line); continue
        m = re.match(r'^\s*:::+\s*(.*?)\s*$', line)
        if m:
            spec = m[1]
            if not spec:
                if depth: out += ['', '</div>', '']; depth -= 1
                continue
            spec = spec if spec.startswith('{') else '{' + ('.' if not spec.startswith(('.', '#')) else '') + spec + '}'
            a = re.match(_ATTR, spec)
            attrs = _attrs(a[1]) if a else ''
            cls = re.search(r'class="([^"]*)"', attrs)
            kind = next((c.split('-', 1)[1] for c in (cls[1].split() if cls else []) if c.startswith('callout-')), None)
            title = re.search(r'title="([^"]*)"', attrs)
            attrs = re.sub(r'\s*title="[^"]*"', '', attrs)
            if kind: attrs = re.sub(r'class="', 'class="callout ', attrs)
            out += ['', f'<div{attrs}>']
            if kind: out.append(f'<div class="callout-title">{title[1] if title else _CALLOUT_TITLES.get(kind, kind.title())}</div>')
            out.append('')
            depth += 1
            continue
        out.append(_inline(line))
    out += ['', '</div>'] * depth
    return '\n'.join(out)

def prepare(nb: dict) -> tuple[dict, dict]:
    "The front matter, and the notebook ready for nbconvert: no front-matter cell, Quarto syntax as HTML, no hidden cells."
    meta, cells = front_matter(nb)
    keep = []
    for c in cells:
        src = ''.join(c['source'])
        c['metadata'] = {}  # nbconvert's validator rejects nbdev's float `metadata.execution.total`
        if c['cell_type'] == 'markdown': c['source'] = quarto_md(src)
        elif c['cell_type'] == 'code':
            if re.search(r'^#\|\s*(hide|include:\s*false)\s*$', src, re.M): continue
            c.setdefault('outputs', []); c.setdefault('execution_count', None)
            if re.search(r'^#\|\s*echo:\s*false', src, re.M): c['metadata'] = {'tags': ['remove_input']}
            c['source'] = re.sub(r'^#\|.*\n?', '', src, flags=re.M)
            outs = []
            for o in c['outputs']:
                d = o.get('data', {})
                # no widget state is kept, so a widget's own output is only its text repr (`interactive(children=...`):
                # the page shows the static figure the widget drew for its default settings, an output of its own
                if WIDGET_MIME in d: continue
                if 'text/markdown' in d: d['text/markdown'] = quarto_md(''.join(d['text/markdown']))
                outs.append(o)
            c['outputs'] = outs
        elif c['cell_type'] == 'raw': continue
        keep.append(c)
    nb['cells'] = keep
    return meta, nb

# ---------------------------------------------------------------- the page around the cells

def pandoc_id(text: str) -> str:
    "The identifier pandoc (and so Quarto) gives a heading."
    t = re.sub(r'[^\w\s.-]', '', text.strip().lower())
    t = re.sub(r'\s+', '-', t)
    t = re.sub(r'^[^a-z]+', '', t)
    return t or 'section'

def sidebar_entries(sidebar_yml: Path) -> list:
    "[(section or None, [notebook names])] from nbdev's sidebar.yml."
    import yaml
    contents = yaml.safe_load(sidebar_yml.read_text())['website']['sidebar']['contents']
    out = []
    for item in contents:
        if isinstance(item, str): out.append((None, [item]))
        else: out.append((item.get('section'), [p if isinstance(p, str) else p.get('href') for p in item.get('contents', [])]))
    return out

PAGES: dict = {}  # notebook name -> the page Quarto writes for it (its `output-file`), filled by `render`

def page_name(nb_name: str) -> str:
    "The page of a notebook: its front matter's `output-file` (what the site serves), else its stem + `.html`."
    return PAGES.get(Path(nb_name).name, Path(nb_name).stem + '.html')

def _page_link(v: str) -> str:
    "A local link to `xx.ipynb` (with any `#anchor`) as a link to that notebook's page."
    m = re.match(r'^([^#?]*?\.ipynb)([#?].*)?$', v)
    if not m: return v
    d, name = os.path.split(m[1])
    return os.path.join(d, page_name(name)) + (m[2] or '')

def sidebar_html(entries, titles: dict, current: str) -> str:
    def li(nb):
        name = page_name(nb)
        act = ' class="active"' if name == current else ''
        return f'<li><a href="{name}"{act}>{htmllib.escape(titles.get(nb, Path(nb).stem))}</a></li>'
    parts = []
    for section, nbs in entries:
        if section is None: parts.append('<ul class="sidebar-top">' + ''.join(li(n) for n in nbs) + '</ul>')
        else: parts.append(f'<div class="sidebar-section"><div class="sidebar-section-title">{htmllib.escape(section)}</div>'
                           '<ul>' + ''.join(li(n) for n in nbs) + '</ul></div>')
    return '<nav id="quarto-sidebar" class="sidebar">' + ''.join(parts) + '</nav>'

PAGE_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;
 font-size:17px;line-height:1.5;color:#373a3c;background:#fff}
a{color:#2780e3;text-decoration:none} a:hover{text-decoration:underline}
#quarto-header{background:#2780e3;color:#fff;height:56px;display:flex;align-items:center;padding:0 1.5rem;
 position:sticky;top:0;z-index:10} #quarto-header a{color:#fff;font-size:1.25rem}
#quarto-content{display:grid;grid-template-columns:260px minmax(0,850px) 220px;gap:2rem;justify-content:center;padding:1rem}
.sidebar{font-size:.9rem;position:sticky;top:72px;align-self:start;max-height:calc(100vh - 80px);overflow:auto;padding-top:1rem}
.sidebar ul{list-style:none;margin:0 0 .6rem 0;padding:0} .sidebar li{padding:.15rem 0 .15rem .6rem}
.sidebar a{color:#545555} .sidebar a.active{color:#2780e3;font-weight:600}
.sidebar-section-title{font-weight:600;margin-top:.6rem}
#TOC{font-size:.85rem;position:sticky;top:72px;align-self:start;padding-top:1rem;border-left:1px solid #e9ecef;padding-left:.8rem}
#TOC h2{font-size:.9rem;margin:0 0 .4rem 0} #TOC ul{list-style:none;padding:0;margin:0} #TOC li{margin:.2rem 0}
#TOC a{color:#595959;overflow-wrap:anywhere} #TOC li.toc-h3{padding-left:.8rem;font-size:.8rem}
#title-block-header h1.title{font-size:2.2rem;margin:.5rem 0 .2rem 0}
main h2{border-bottom:1px solid #dee2e6;padding-bottom:.3rem;margin-top:2rem}
.anchor-link{visibility:hidden;margin-left:.3rem;font-size:.8em} h2:hover .anchor-link,h3:hover .anchor-link{visibility:visible}
pre{font-family:SFMono-Regular,Menlo,Monaco,Consolas,"Liberation Mono","Courier New",monospace;font-size:.85rem;
 overflow-x:auto;padding:.5rem .7rem;margin:0 0 .5rem 0;white-space:pre}
code{font-family:SFMono-Regular,Menlo,Monaco,Consolas,"Liberation Mono","Courier New",monospace;font-size:.875em;color:#9753b8}
pre code{color:inherit;font-size:inherit}
.cell-code pre, .jp-MarkdownCell .highlight pre, .cell-output-display .highlight pre{background:#f1f3f5;border-radius:.25rem}
.cell-output img{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.5rem 0 1rem 0;font-size:.9rem} th,td{padding:.25rem .6rem;border-bottom:1px solid #dee2e6;text-align:left}
thead th{border-bottom:2px solid #373a3c}
blockquote{margin:0 0 1rem 0;padding:.2rem 1rem;border-left:.25rem solid #e9ecef;color:#6c757d}
.callout{border-left:5px solid #2780e3;border-radius:.25rem;background:#f5f9fe;padding:.4rem 1rem;margin:1rem 0}
.callout-title{font-weight:600;margin:.2rem 0}
.callout-tip{border-left-color:#3fb618;background:#f5fbf3} .callout-warning{border-left-color:#ff7518;background:#fff8f3}
.callout-important{border-left-color:#ff0039;background:#fff2f5} .callout-caution{border-left-color:#f0ad4e;background:#fefaf3}
@media (max-width:1100px){#quarto-content{grid-template-columns:220px minmax(0,1fr)} #TOC{display:none}}
"""

MATHJAX_HTML = """<script type="text/x-mathjax-config">
MathJax.Hub.Config({tex2jax:{inlineMath:[['$','$'],['\\\\(','\\\\)']],displayMath:[['$$','$$'],['\\\\[','\\\\]']],
  processEscapes:true,processEnvironments:true}, messageStyle:'none', showMathMenu:false,
  CommonHTML:{linebreaks:{automatic:true}}});
MathJax.Hub.Register.MessageHook('file load error', function (m) { document.body.setAttribute('data-mathjax-error', String(m[1])); });
MathJax.Hub.Register.MessageHook('TeX Jax - parse error', function (m) { document.body.setAttribute('data-mathjax-error', String(m[1])); });
MathJax.Hub.Queue(function () { document.body.setAttribute('data-mathjax', 'done'); });
</script>
<script src="mathjax/MathJax.js?config=TeX-AMS_CHTML-full"></script>"""

def pygments_css() -> str:
    from pygments.formatters import HtmlFormatter
    return HtmlFormatter(style='default').get_style_defs('.highlight')

def layout(cells_html: str, meta: dict, site: dict, sidebar: str, css: str) -> str:
    "One page: navbar, sidebar, title block, cells, table of contents; Quarto's class names so `styles.css` applies."
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(cells_html, 'html.parser')
    seen = {}
    for h in soup.find_all(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']):
        for a in h.find_all('a', class_='anchor-link'): a.decompose()
        explicit = h.find('span', id=True)
        base = explicit['id'] if explicit else pandoc_id(h.get_text())
        n = seen.get(base, 0); seen[base] = n + 1
        h['id'] = base if n == 0 else f'{base}-{n}'
        if explicit: explicit.unwrap()
        anchor = soup.new_tag('a', href='#' + h['id']); anchor['class'] = 'anchor-link'; anchor.string = '\u00b6'
        h.append(anchor)
    for el in soup.select('.jp-CodeCell'): el['class'] = el.get('class', []) + ['cell']
    for el in soup.select('.jp-InputArea-editor'): el['class'] = el.get('class', []) + ['sourceCode', 'cell-code']
    for el in soup.select('.jp-OutputArea-output'):
        if 'cell-output' in el.get('class', []): continue  # stdout, marked by the template
        kind = 'cell-output-stderr' if el.get('data-mime-type') == 'application/vnd.jupyter.stderr' else 'cell-output-display'
        el['class'] = el.get('class', []) + ['cell-output', kind]
    for el in soup.find_all(['a', 'img', 'link', 'script', 'source']):
        for attr in ('href', 'src'):
            v = el.get(attr)
            if v and not urlsplit(v).scheme: el[attr] = _page_link(v)
    toc = ''.join(f'<li class="toc-{h.name}"><a href="#{h["id"]}">{htmllib.escape(h.get_text().rstrip(chr(0xb6)).strip())}</a></li>'
                  for h in soup.find_all(['h2', 'h3']))
    title = str(meta.get('title', ''))
    desc = meta.get('description')
    from nbconvert.filters.markdown_mistune import markdown2html_mistune
    header = f'<header id="title-block-header"><h1 class="title">{htmllib.escape(title)}</h1>' + \
             (f'<div class="description">{markdown2html_mistune(str(desc))}</div>' if desc else '') + '</header>'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{htmllib.escape(title)} \u2013 {htmllib.escape(site.get('title', ''))}</title>
<style>{css}</style>
<link rel="stylesheet" href="styles.css">
{MATHJAX_HTML}
</head><body>
<header id="quarto-header"><a href="index.html">{htmllib.escape(site.get('title', ''))}</a></header>
<div id="quarto-content">{sidebar}
<main class="content" id="quarto-document-content">{header}
{soup}
</main>
<nav id="TOC"><h2>On this page</h2><ul>{toc}</ul></nav>
</div></body></html>"""

# ---------------------------------------------------------------- checks

def notebook_problems(nb, html: str) -> list[str]:
    "What the notebook itself says is wrong with its page: errors, tracebacks, show_doc cells without a signature."
    probs = []
    for c in nb.cells:
        for o in c.get('outputs', []):
            if o['output_type'] == 'error': probs.append(f"error output: {o.get('ename')}: {o.get('evalue')}")
            if o['output_type'] == 'stream' and o.get('name') == 'stderr' and 'Traceback' in ''.join(o.get('text', '')):
                probs.append('traceback on stderr')
    if 'Traceback (most recent call last)' in html: probs.append('a traceback in the page')
    n_show = sum('show_doc(' in c.source for c in nb.cells if c.cell_type == 'code')
    n_sig = len(re.findall(r'</h[234]>\s*<div class="highlight"><pre><span></span><span class="k">(?:def|class)</span>', html))
    if n_show and n_sig < n_show: probs.append(f"{n_show} show_doc cells but {n_sig} rendered signatures")
    return probs

_BLOCKS = {'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'blockquote', 'br', 'section', 'header', 'nav'}
_SKIP_TEXT = {'script', 'style', 'noscript', 'pre', 'code', 'head', 'title'}

def visible_text(soup) -> str:
    "The text a reader sees, outside code: what MathJax did not turn into rendered math, and what is not code."
    parts = []
    def walk(el):
        for ch in el.children:
            name = getattr(ch, 'name', None)
            if name is None:
                parts.append(str(ch))
            elif name not in _SKIP_TEXT and 'MJX_Assistive_MathML' not in (ch.get('class') or []) \
                    and 'MathJax_Preview' not in (ch.get('class') or []):
                block = name in _BLOCKS
                if block: parts.append('\n')
                walk(ch)
                if block: parts.append('\n')
    walk(soup)
    return re.sub(r'[ \t]+', ' ', ''.join(parts))

def _snip(s: str, n: int = 70) -> str:
    s = ' '.join(s.split())
    return s[:n] + ('...' if len(s) > n else '')

def dom_problems(dom: str, page: str, out: Path, ids: dict) -> list[str]:
    "What is wrong with one page as the browser shows it (its DOM after scripts ran)."
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(dom, 'html.parser')
    probs = []
    body = soup.body
    if body is None or not (out / page).exists(): return [f'the browser did not open {page}']
    main = soup.find('main') or body
    text = visible_text(main)
    has_math = bool(main.find('script', type=re.compile('math/tex')))
    if body.get('data-mathjax-error'): probs.append(f"MathJax error: {_snip(body['data-mathjax-error'])}")
    if has_math and body.get('data-mathjax') != 'done': probs.append('MathJax did not finish (raise --virtual-time-budget?)')
    if main.find(class_=re.compile('MathJax_Error|merror')): probs.append('a MathJax formula error')
    for pat, what in [(r'\$[^$\n]{1,200}\$', 'raw TeX ($...$)'), (r'\\\(|\\\[|\\begin\{', 'raw TeX (\\( or \\[)')]:
        found = list(re.finditer(pat, text))
        if found: probs.append(f"{what} in the text ({len(found)}x), first: {_snip(found[0].group(0))}")
    for pat, what in [(r'(?m)^\s*(?:title|description|output-file):\s', 'front matter'),
                      (r'(?m)^\s*---\s*$\s*^\s*\w[\w-]*:\s', 'front matter'),
                      (r'\{\s*(?:target|style|width|height|fig-[\w-]+|tbl-[\w-]+|layout[\w-]*)=[^}]*\}|\{\s*[.#][A-Za-z][\w-]*[^}]*\}',
                       'a Quarto attribute fragment'),
                      (r'(?m)^\s*:::', 'a Quarto ::: fence')]:
        found = list(re.finditer(pat, text))
        if found: probs.append(f"{what} in the text ({len(found)}x): {_snip(found[0].group(0))}")
    for el in soup.find_all(['a', 'img', 'link', 'script', 'source', 'iframe']):
        for attr in ('href', 'src'):
            v = el.get(attr)
            if not v or v.startswith(('data:', 'mailto:', 'javascript:')): continue
            u = urlsplit(v)
            if u.scheme in ('http', 'https') or v.startswith('//'):
                if el.name in ('script', 'link', 'iframe') or (el.name == 'img'): probs.append(f"a {el.name} from the network: {v}")
                continue
            if u.scheme and u.scheme != 'file': continue
            target = page if not u.path else os.path.normpath(os.path.join(os.path.dirname(page), unquote(u.path)))
            if el.name == 'script' and 'mathjax/' in u.path and not u.path.endswith('MathJax.js'): continue  # MathJax's own loads
            if not (out / target).exists(): probs.append(f"broken link: {attr}=\"{v}\" ({target} is not in {out.name}/)")
            elif u.fragment and target in ids and unquote(u.fragment) not in ids[target]:
                probs.append(f"broken anchor: {attr}=\"{v}\" (no id \"{u.fragment}\" on {target})")
    for el in main.select('.cell-output'):
        t = el.get_text()
        if len(t) > MAX_OUTPUT_TEXT: probs.append(f"an output of {len(t):,} characters of text (limit {MAX_OUTPUT_TEXT:,}): {_snip(t, 50)}")
        pre = el.find('pre')
        if pre is not None and 'cell-output-display' in el.get('class', []):
            s = pre.get_text().strip()
            n = s.count('\n') + 1
            if s[:1] in '{[(' and n > MAX_REPR_LINES:
                probs.append(f"a raw dict/list of {n} lines (limit {MAX_REPR_LINES}; show a table): {_snip(s, 50)}")
            if re.match(r'^(?:interactive|VBox|HBox|Box|Output|\w+Slider|Dropdown)\(children=', s) or \
                    re.match(r'^\w+\((?:value|description)=', s) and 'Slider' in s:
                probs.append(f"a widget shown as its text stand-in (keep a static figure): {_snip(s, 50)}")
        for img in el.find_all('img', src=re.compile('^data:')):
            if len(img['src']) > MAX_OUTPUT_IMAGE: probs.append(f"an image of {len(img['src']):,} bytes (limit {MAX_OUTPUT_IMAGE:,})")
    counts = {}
    for pr in probs: counts[pr] = counts.get(pr, 0) + 1
    return [pr + (f' ({n}x)' if n > 1 else '') for pr, n in counts.items()]

def chromium() -> str | None:
    for c in ('chromium', 'chromium-browser', 'google-chrome', 'chrome'):
        p = shutil.which(c)
        if p: return p
    return None

def browse(exe: str, html_path: Path, png: Path, budget_ms: int = 10000) -> str:
    "The page's DOM after its scripts ran (MathJax), and a screenshot, from one headless Chromium run."
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run([exe, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                            '--disable-background-networking', '--disable-component-update', '--disable-sync',
                            '--hide-scrollbars', f'--user-data-dir={prof}', f'--window-size={SCREEN[0]},{SCREEN[1]}',
                            f'--virtual-time-budget={budget_ms}', f'--screenshot={png}', '--dump-dom',
                            html_path.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    return r.stdout

# ---------------------------------------------------------------- main

def copy_mathjax(out: Path) -> bool:
    dst = out / 'mathjax'
    if not (MATHJAX_SRC / 'MathJax.js').exists(): return False
    shutil.rmtree(dst, ignore_errors=True)
    for part in MATHJAX_PARTS:
        s, d = MATHJAX_SRC / part, dst / part
        d.parent.mkdir(parents=True, exist_ok=True)
        if s.is_dir(): shutil.copytree(s, d)
        else: shutil.copy(s, d)
    return True

CELLS_TEMPLATE = """{%- extends 'base.html.j2' -%}
{% block stream_stdout -%}
<div class="jp-RenderedText jp-OutputArea-output cell-output cell-output-stdout" data-mime-type="text/plain">
<pre>{{- output.text | ansi2html -}}</pre>
</div>
{%- endblock stream_stdout %}
"""

def make_exporter():
    "nbconvert's JupyterLab cell markup without its page (we write the page), no prompts, `echo: false` inputs removed."
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    return HTMLExporter(template_name='lab', template_file='snnbook_cells.j2', extra_loaders=[DictLoader({'snnbook_cells.j2': CELLS_TEMPLATE})],
                        exclude_input_prompt=True, exclude_output_prompt=True,
                        config=Config({'TagRemovePreprocessor': {'enabled': True, 'remove_input_tags': ['remove_input']}}))

def copy_resources(page_html: str, src: Path, out: Path):
    "Copy the local files a page refers to (images, downloads) from the notebooks' folder, as Quarto does."
    for ref in set(re.findall(r'(?:src|href)="([^"#?:]+)[^"]*"', page_html)):
        f = (src / unquote(ref)).resolve()
        if f.is_file() and src.resolve() in f.parents and f.suffix != '.ipynb' and not (out / ref).exists():
            (out / ref).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, out / unquote(ref))

def render(out: Path) -> dict:
    "Render every page into `out`; return {page: problems the notebook itself shows}."
    import nbformat, yaml
    proc = ROOT / '_proc'
    shutil.rmtree(proc, ignore_errors=True)
    # what `nbdev-proc-nbs` does, minus its attempt to install Quarto (which cannot work offline)
    t0 = time.time()
    subprocess.run([sys.executable, '-c', 'import nbdev.doclinks as d; d._build_modidx(); from nbdev.serve import proc_nbs; proc_nbs()'],
                   cwd=ROOT, check=True)
    print(f"nbdev's doc processing (show_doc) in {time.time() - t0:.0f} s")
    exporter = make_exporter()
    site = yaml.safe_load((ROOT / 'nbs' / 'nbdev.yml').read_text()).get('website', {})
    entries = sidebar_entries(ROOT / 'nbs' / 'sidebar.yml')
    nb_paths = [p for p in sorted((ROOT / 'nbs').glob('*.ipynb')) if not p.name.startswith('_')]
    metas = {p.name: front_matter(json.loads((proc / p.name).read_text()))[0] for p in nb_paths}
    PAGES.clear(); PAGES.update({k: str(m['output-file']) for k, m in metas.items() if m.get('output-file')})
    titles = {k: str(m.get('title', Path(k).stem)) for k, m in metas.items()}
    listed = {n for _, nbs in entries for n in nbs}
    extra = [p.name for p in nb_paths if p.name not in listed]
    if extra: entries = entries + [('Other pages', extra)]
    css = PAGE_CSS + pygments_css()
    problems = {}
    for p in nb_paths:
        meta, nb = prepare(json.loads((proc / p.name).read_text()))
        node = nbformat.reads(json.dumps(nb), as_version=4)
        cells_html, _ = exporter.from_notebook_node(node)
        page = page_name(p.name)
        text = layout(cells_html, meta, site, sidebar_html(entries, titles, page), css)
        (out / page).write_text(text)
        copy_resources(text, ROOT / 'nbs', out)
        problems[page] = notebook_problems(node, cells_html) + ([] if meta.get('title') else ['no title in the front matter'])
    shutil.copy(ROOT / 'nbs' / 'styles.css', out / 'styles.css')
    return problems

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', default=str(ROOT / '_docs'))
    p.add_argument('--no-check', action='store_true', help='render only, without the browser check')
    p.add_argument('--budget-ms', type=int, default=10000, help="Chromium's virtual time budget per page")
    a = p.parse_args()
    out = Path(a.out).resolve(); t0 = time.time()
    if out in (ROOT, *ROOT.parents, Path.home()) or (out / '.git').exists(): sys.exit(f'refusing to replace {out}: choose an output folder')
    shutil.rmtree(out, ignore_errors=True); out.mkdir(parents=True)
    problems = render(out)
    have_mj = copy_mathjax(out)
    print(f"rendered {len(problems)} pages into {out} in {time.time() - t0:.0f} s")
    if a.no_check:
        for page, probs in problems.items():
            for pr in probs: print(f"FAIL {page}: {pr}")
        sys.exit(1 if any(problems.values()) else 0)
    exe = chromium()
    if not exe or not have_mj:
        print('FAIL: the check needs Chromium and MathJax: apt-get install -y --no-install-recommends chromium libjs-mathjax')
        sys.exit(1)
    from bs4 import BeautifulSoup
    ids = {page: {el['id'] for el in BeautifulSoup((out / page).read_text(), 'html.parser').find_all(id=True)} for page in problems}
    shots = out / 'screenshots'; shots.mkdir()
    t1 = time.time()
    def check(page):
        try: dom = browse(exe, out / page, shots / (Path(page).stem + '.png'), a.budget_ms)
        except subprocess.TimeoutExpired: return page, ['Chromium did not finish the page in 120 s']
        return page, dom_problems(dom, page, out, ids)
    with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as ex:
        for page, probs in ex.map(check, problems): problems[page] += probs
    failed = {k: v for k, v in problems.items() if v}
    nb_of = {page_name(p.name): p.name for p in (ROOT / 'nbs').glob('*.ipynb')}
    for page, probs in problems.items():
        print(f"{'ok  ' if not probs else 'FAIL'} {page} ({nb_of.get(page, '?')})")
        for pr in probs: print(f"       {pr}")
    print(f"checked {len(problems)} pages in Chromium in {time.time() - t1:.0f} s; screenshots in {shots}; "
          f"{len(failed)} page(s) failed" + (f": {', '.join(failed)}" if failed else ''))
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
