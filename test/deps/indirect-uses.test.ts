import { describe, expect, it } from 'vitest';
import { hasNamespaceFrom, scanPythonSource } from '../../src/deps/imports.js';
import { stdlibSources } from '../helpers/stdlib.js';

/** The indirect uses as one comparable text: statement-level reading, or the whole file parsed. */
function uses(source: string, wholeFile: boolean): string {
  const found = scanPythonSource(source, 'm.py', (l) => l, wholeFile);
  return JSON.stringify({ references: found.references, notParsed: found.notParsed ?? null });
}

function expectSameAsWholeFile(source: string): string {
  const fast = uses(source, false);
  expect(fast, source).toBe(uses(source, true));
  return fast;
}

// Statements that hold (or look like they hold) an indirect use, in the shapes code writes them.
const USES = [
  'mod = importlib.import_module("pkg_a.sub")',
  "__import__('pkg_b')",
  'yaml = pytest.importorskip("yaml")',
  'nlp = spacy.load("en_core_web_sm")',
  'soup = BeautifulSoup(html, "lxml")',
  "old = BeautifulStoneSoup(page, 'xml')",
  'frame = pd.read_excel(path, engine="openpyxl")',
  "frame.plot(backend='plotly')",
  'tree = parse(text, parser = ("lxml"))',
  'table = read(p, engine="open" "pyxl")',
  "table = read(p, engine=r'pyarrow')",
  'table = read(p, engine=f"pyarrow")',
  'table = read(p, engine=b"pyarrow")',
  'outer(inner(engine="numba"), import_module("pkg_c"))',
  'mod = import_module(\n    "pkg_d.x",\n)',
  'mod = import_module(  # which one\n    "pkg_e"\n)',
  'mod = \\\n    import_module("pkg_f")',
  'mod = import_module(name)',
  'mod = import_module("not a module")',
  'mod = import_module(name="pkg_g")',
  'mod = import_module(("pkg_h"))',
  'mod = import_module("pk" "g_i")',
  'mod = import_module("\\x70kg_j")',
  'text = "import_module(\'in_a_string\')"',
  '# import_module("in_a_comment")',
  '"""\nimport_module("in_a_docstring")\nengine="numba"\n"""',
  'label = f"{import_module(\'in_fstring\')}"',
  'label = f"{x!r} engine=\'lxml\'"',
  'key = lambda: import_module("pkg_k")',
  'a = 1; b = import_module("pkg_l"); c = 2',
  'INSTALLED_APPS = [\n    "django.contrib.admin",\n    # "commented.out",\n    \'rest_framework\',\n]',
  'MY_PLUGINS = ("plug.one", "plug.two")',
  'plugins: list = ["annotated.plugin"]',
  'extensions = {"sphinx.ext.autodoc"}',
  'first = INSTALLED_APPS = ["chained.app"]',
  'INSTALLED_APPS += ["augmented.app"]',
  'self.plugins = ["attribute.target"]',
  'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql"}}',
  "CACHES = {'default': {\n    'BACKEND' : 'django.core.cache.backends.redis.RedisCache',\n}}",
  'ODD = {"ENG" "INE": "split.key"}',
  'ESCAPED = {"\\x45NGINE": "escaped.key"}',
  'url = "postgresql+psycopg2://user@host/db"',
  "cache = 'redis://localhost:6379/0'",
  'bucket = "s3\\x3a//bucket/key"',
  "atlas = '''\nmongodb+srv://cluster/x'''",
  'joined = ("mongodb" "+srv://cluster")',
  'page = "https://example.com/engine=lxml"',
];

// Compound statements around a use: the use is their header or their body.
const WRAPPERS: Array<(use: string, pad: string) => string> = [
  (u) => u,
  (u, p) => `def helper(arg=None):\n${indent(u, p)}`,
  (u, p) => `class Holder:\n${p}def method(self):\n${indent(u, p + p)}`,
  (u, p) => `if ready:\n${p}pass\nelse:\n${indent(u, p)}`,
  (u, p) => `try:\n${indent(u, p)}\nexcept ImportError:\n${p}pass`,
  (u, p) => `try:\n${p}pass\nexcept ValueError:\n${indent(u, p)}\nfinally:\n${p}pass`,
  (u, p) => `with context() as handle:\n${indent(u, p)}`,
  (u, p) => `for item in items:\n${indent(u, p)}\nelse:\n${p}pass`,
  (u, p) => `async def runner():\n${indent(u, p)}`,
];

// Headers that are themselves the use.
const HEADERS = [
  'if import_module("pkg_if"):\n    pass',
  'if x:\n    pass\nelif __import__("pkg_elif"):\n    pass',
  'while import_module("pkg_while"):  # loop\n    break',
  'with open(p, engine="pyarrow") as f:\n    pass',
  'for row in read(p, parser="lxml"):\n    pass',
  'class Frame(base(engine="numba")):\n    pass',
  'def build(mod=import_module("pkg_default")):\n    return mod',
  'try: import_module("pkg_try_inline")\nexcept ImportError: pass',
  'try:\n    pass\nexcept load(engine="xlrd"):\n    pass',
  'if ready: import_module("pkg_inline_body")',
  'if ready:\n    pass\nelse: import_module("pkg_else_inline")',
  '@pytest.mark.skipif(not importorskip("pkg_decorated"), reason="x")\ndef test_it():\n    pass',
  '@route("/", engine="numba")\nclass View:\n    pass',
  'match command:\n    case "load":\n        import_module("pkg_match")',
  'print "python 2"\nimport_module("pkg_after_py2")',
];

function indent(text: string, pad: string): string {
  // Continuation lines of a use keep their own indentation relative to its first line.
  return text.split('\n').map((l) => pad + l).join('\n');
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const pad = pick(['    ', '  ', '\t']);
  const parts: string[] = [pick(['import os', '# BeautifulSoup is mentioned only here', '"""Module doc: engine="x", plugins."""', ''])];
  const count = 3 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) {
    const roll = next();
    if (roll < 0.6) parts.push(pick(WRAPPERS)(pick(USES), pad));
    else if (roll < 0.8) parts.push(pick(HEADERS));
    else parts.push(pick(['x = 1', '# engine="lxml" in a comment', 'def f():\n    return 1', '', 'text = """\nplugins = ["in.a.string"]\n"""']));
  }
  const source = parts.join('\n') + '\n';
  return next() < 0.2 ? source.replace(/\n/g, '\r\n') : source;
}

describe('indirect uses read from the statements that can hold them', () => {
  it('agrees with the whole-file parse on every hand-written shape, alone and wrapped', () => {
    let found = 0;
    for (const use of USES) {
      for (const wrap of WRAPPERS) {
        // A mention in a comment turns every kind's pre-check on, so each kind is read everywhere.
        const source = `# BeautifulSoup INSTALLED_APPS = [ "ENGINE": 'redis://'\nimport os\n${wrap(use, '    ')}\nx = 1\n`;
        found += JSON.parse(expectSameAsWholeFile(source)).references.length;
      }
    }
    for (const header of HEADERS) found += JSON.parse(expectSameAsWholeFile(`# BeautifulSoup\n${header}\n`)).references.length;
    expect(found).toBeGreaterThan(300);
  });

  it('agrees with the whole-file parse on generated sources (nesting, CRLF, tabs, strings, comments)', () => {
    let found = 0;
    for (let seed = 1; seed <= 400; seed++) found += JSON.parse(expectSameAsWholeFile(generated(seed))).references.length;
    expect(found).toBeGreaterThan(500);
  });

  it('gives the lines and texts a whole-file parse gives', () => {
    const source = [
      '# BeautifulSoup',                                         // 1
      'def load():',                                             // 2
      '    mod = importlib.import_module(',                      // 3
      '        "pkg_one",',                                      // 4
      '    )',                                                   // 5
      '    return BeautifulSoup(page, \\',                       // 6
      '        "html5lib")',                                     // 7
      'if ready: frame = read(p, engine="openpyxl")',            // 8
      'match x:',                                                // 9
      '    case 1: pass',                                        // 10
      '',
    ].join('\n');
    expect(scanPythonSource(source, 'a.py').references.map((r) => `${r.module}@${r.line} ${r.via}`)).toEqual([
      'pkg_one@3 importlib.import_module("pkg_one")',
      'html5lib@7 BeautifulSoup(..., "html5lib")',
      'openpyxl@8 read(..., "openpyxl")',
    ]);
    expectSameAsWholeFile(source);
  });

  it('agrees with the whole-file parse on the standard library of this machine', () => {
    let compared = 0;
    let references = 0;
    const disagreements: string[] = [];
    // Every third file keeps the test to a few seconds.
    for (const { file, text } of stdlibSources(3)) {
      const fast = uses(text, false);
      compared++;
      references += JSON.parse(fast).references.length;
      if (fast !== uses(text, true)) disagreements.push(file);
    }
    expect(compared).toBeGreaterThan(300);
    expect(references).toBeGreaterThan(50);
    expect(disagreements).toEqual([]);
  });
});

describe('the namespace-import pre-check', () => {
  it('finds a line beginning with such an import exactly where the multiline pattern does', () => {
    const pattern = /^[ \t]*from[ \t]+(google|azure|llama_index|opentelemetry|snowflake|jaraco)(\.[\w.]+)?[ \t]+import[ \t]/m;
    const texts = [
      'from google import genai\n', '  \tfrom azure.storage import blob\n', 'x = 1\rfrom jaraco import text\r',
      'x = 1\u2028from snowflake import connector\n', 'x; from google import y\n', '"""\nfrom google import in_docstring\n"""\n',
      'from googlex import y\n', 'from google import\n', 'fromfrom google import x\n', 'from  llama_index.core  import\tx\n',
      'import google\n', '# from google import x\n', 'from opentelemetry.sdk import trace', '',
    ];
    for (const text of texts) expect(hasNamespaceFrom(text), JSON.stringify(text)).toBe(pattern.test(text));
    expect(texts.filter((t) => hasNamespaceFrom(t)).length).toBeGreaterThan(5);
  });
});
