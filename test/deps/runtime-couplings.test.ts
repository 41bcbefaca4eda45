/**
 * Every entry of the run-time couplings table fires on a small program that uses its trigger
 * under the library it goes through, and stays quiet when the program does not import that
 * library (or, for ungated keywords, does not use the keyword). The optional-dependency table
 * only names real extras of run-time features.
 */
import { describe, expect, it } from 'vitest';
import { couplingSites } from '../../src/deps/coupling-sites.js';
import { scanPythonSource } from '../../src/deps/imports.js';
import { KNOWN_EXTRAS, optionalDependencies, RUNTIME_COUPLINGS, type RuntimeCoupling } from '../../src/deps/runtime-couplings.js';

/** A word the trigger's pattern accepts, built from the words the pattern itself spells. */
function exampleOf(pattern: string): string | undefined {
  const words = pattern.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const candidates = [...words, ...words.map((w) => `Auto${w}`), ...words.slice(0, -1).map((w, i) => `${w}.${words[i + 1]}`)];
  const whole = new RegExp(`^(?:${pattern})$`);
  return candidates.find((c) => whole.test(c));
}

function programFor(c: RuntimeCoupling, withImport: boolean): string | undefined {
  const t = c.trigger;
  const module = t.within[0];
  const head = withImport && module ? `import ${module}\n` : '';
  switch (t.kind) {
    case 'import':
      return `${head}print("ready")\n`;
    case 'name': {
      const name = exampleOf(t.name);
      return name && `${head}value = ${name}\n`;
    }
    case 'call': {
      const name = exampleOf(t.name);
      return name && `${head}result = thing.${name}(1)\n`;
    }
    case 'keyword': {
      const name = exampleOf(t.name);
      const value = t.value === undefined ? '1' : exampleOf(t.value.replace(/\.\*/g, '')) ?? t.value;
      if (!name) return undefined;
      const literal = /^(True|False|\d+)$/.test(value) ? value : `"${value}"`;
      return `${head}setup(${withImport || module ? name : 'other'}=${literal})\n`;
    }
  }
}

describe('the run-time couplings table', () => {
  it('has entries for the needs found on real code', () => {
    const packages = new Set(RUNTIME_COUPLINGS.map((c) => c.package));
    for (const name of ['python-multipart', 'httpx', 'torch', 'accelerate', 'pypdf', 'openai', 'chromadb', 'uvicorn', 'gunicorn']) expect(packages).toContain(name);
    for (const c of RUNTIME_COUPLINGS) expect(c.why.length, c.package).toBeGreaterThan(10);
  });

  describe.each(RUNTIME_COUPLINGS.map((c, i) => ({ ...c, label: `${i}: ${c.package} (${c.trigger.kind})` })))('$label', (c) => {
    it('fires on its trigger under its library, with the line of the use', () => {
      const source = programFor(c, true);
      expect(source, 'no example could be derived from the trigger').toBeDefined();
      const imports = scanPythonSource(source!, 'prog.py').imports;
      const sites = couplingSites(source!, 'prog.py', imports).filter((s) => s.package === c.package);
      expect(sites.length, source).toBeGreaterThan(0);
      const useLine = c.trigger.kind === 'import' || !c.trigger.within.length ? sites[0].line : 2;
      expect(sites.some((s) => s.line === useLine), source).toBe(true);
      expect(sites[0].detail).toContain(c.why);
    });

    it('stays quiet without it', () => {
      const source = programFor(c, false)!;
      const imports = scanPythonSource(source, 'prog.py').imports;
      const sites = couplingSites(source, 'prog.py', imports).filter((s) => s.package === c.package && s.detail.endsWith(c.why));
      expect(sites, source).toEqual([]);
    });
  });

  it('ignores a trigger that only appears in a comment', () => {
    const source = 'import fastapi\n# Form fields would need python-multipart\n';
    expect(couplingSites(source, 'a.py', scanPythonSource(source, 'a.py').imports).filter((s) => s.package === 'python-multipart')).toEqual([]);
  });
});

describe('optional dependencies', () => {
  it('come from the table without a venv, never from development or aggregate extras', () => {
    expect(optionalDependencies('fastapi', undefined).get('python-multipart')).toBe('standard');
    expect(optionalDependencies('starlette', undefined).get('httpx')).toBe('full');
    for (const [host, extras] of Object.entries(KNOWN_EXTRAS)) {
      for (const extra of Object.keys(extras)) expect(`${host}[${extra}]`).not.toMatch(/\[(all|dev|test|tests|testing|docs?)\]$/);
    }
  });
});
