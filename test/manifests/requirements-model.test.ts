/**
 * Issue 12 item 4: a requirements file is read once, into lines with their offsets, and both the
 * dependency analysis (declarations) and the editors (removal, replacement) work from those lines,
 * so what scan reports and what a codemod edits cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { parseRequirement as parseWithSpans } from '../../src/manifests/pep508.js';
import { pyprojectDependencies } from '../../src/manifests/pyproject-edit.js';
import { parsePyproject } from '../../src/manifests/pyproject.js';
import { parseRequirement } from '../../src/manifests/requirement.js';
import { parseRequirementsFile as readManifest, requirementsLines } from '../../src/manifests/requirements-file.js';
import { findRequirementLines, parseRequirementsFile as editLines, removeLines } from '../../src/manifests/requirements-edit.js';

const text = [
  '\uFEFFrequests>=2  # http',            // 1
  '-r base.txt',                          // 2
  'torch==2.3 \\',                        // 3
  '    --hash=sha256:aa',                 // 4
  '-e git+https://example.org/x.git#egg=Local_Lib', // 5
  'Pillow[JPEG] (>=10) ; sys_platform == "linux"', // 6
  'last-one',                              // 7 (no final line break)
].join('\r\n');

describe('one reading of a requirements file', () => {
  it('gives the analysis and the editor the same lines', () => {
    const manifest = readManifest('app/requirements.txt', text);
    const edited = editLines(text);
    expect(manifest.dependencies.map((d) => `${d.name}@${d.line}`)).toEqual(['requests@1', 'torch@3', 'local-lib@5', 'pillow@6', 'last-one@7']);
    // The editor finds every package the analysis reads, on the same line (the BOM included).
    for (const d of manifest.dependencies) expect(findRequirementLines(edited, d.name).map((l) => l.line)).toEqual([d.line]);
    expect(manifest.includes).toEqual(['app/base.txt']);
    expect(manifest.problems).toEqual([]);
  });

  it('records where each declaration is, for removal and for replacing one part', () => {
    const [requests, torch, local, pillow, last] = readManifest('requirements.txt', text).dependencies;
    expect(text.slice(requests.entry!.start, requests.entry!.end)).toBe('requests>=2  # http');
    expect(text.slice(torch.entry!.start, torch.entry!.end)).toBe('torch==2.3 \\\r\n    --hash=sha256:aa');
    expect(text.slice(local.entry!.start, local.entry!.end)).toBe('-e git+https://example.org/x.git#egg=Local_Lib');
    expect(local.editable).toBe(true);
    expect(text.slice(pillow.span!.start, pillow.span!.end)).toBe('Pillow[JPEG] (>=10) ; sys_platform == "linux"');
    expect(text.slice(pillow.specifierSpan!.start, pillow.specifierSpan!.end)).toBe('(>=10)');
    expect(pillow).toMatchObject({ rawName: 'Pillow', extras: ['jpeg'], specifier: '>=10', marker: 'sys_platform == "linux"' });
    expect(text.slice(last.entry!.start, last.entry!.end)).toBe('last-one');
  });

  it('removes what the analysis declared, by the lines it was read from', () => {
    const lines = requirementsLines(text);
    const gone = lines.filter((l) => l.declaration && ['torch', 'last-one'].includes(l.declaration.name));
    let out = text;
    for (const e of removeLines(text, gone).sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    expect(out).toBe(['\uFEFFrequests>=2  # http', '-r base.txt', '-e git+https://example.org/x.git#egg=Local_Lib', 'Pillow[JPEG] (>=10) ; sys_platform == "linux"'].join('\r\n'));
  });
});

describe('one reading of pyproject.toml positions', () => {
  // Line 5 holds escaped quotes; torch has its own table (line 12).
  const toml = `[project]
name = "app"
dependencies = [
  "httpx>=0.27",
  "tomli>=2; python_version < \\"3.11\\"",
]

[tool.poetry.dependencies]
python = "^3.11"
rich = "^13"

[tool.poetry.dependencies.torch]
version = "2.3"`;

  it('gives each declaration the line and the span the editor sees', () => {
    const deps = parsePyproject('pyproject.toml', toml).dependencies;
    expect(deps.map((d) => `${d.name}@${d.line}`)).toEqual(['httpx@4', 'tomli@5', 'rich@10', 'torch@12']);
    const edited = pyprojectDependencies(toml);
    for (const name of ['httpx', 'tomli']) {
      const read = deps.find((d) => d.name === name)!;
      const item = edited.find((d) => d.normalized === name)!.value;
      expect(read.entry).toEqual({ start: item.start, end: item.end });
    }
    const rich = deps.find((d) => d.name === 'rich')!;
    expect(toml.slice(rich.entry!.start, rich.entry!.end)).toBe('rich = "^13"');
    const httpx = deps.find((d) => d.name === 'httpx')!;
    expect(toml.slice(httpx.specifierSpan!.start, httpx.specifierSpan!.end)).toBe('>=0.27');
  });
});

describe('one requirement type', () => {
  it('reads the same parts with and without offsets', () => {
    const spanned = parseWithSpans('Sentence_Transformers[Train] ( >= 2.0 ) ; python_version >= "3.9"', 4)!;
    const plain = parseRequirement('Sentence_Transformers[Train] ( >= 2.0 ) ; python_version >= "3.9"')!;
    expect(plain).toEqual({ name: 'sentence-transformers', rawName: 'Sentence_Transformers', extras: ['train'], specifier: '>=2.0', marker: 'python_version >= "3.9"' });
    expect(spanned).toMatchObject(plain);
    expect(spanned.nameSpan).toEqual({ start: 4, end: 25 });
  });
});
