/** setup.cfg: `[options] install_requires` and `[options.extras_require]` (multi-line INI values). */
import { normalizeName, parseRequirement } from './requirement.js';
import type { Manifest } from './types.js';

export function parseSetupCfg(path: string, text: string): Manifest {
  const manifest: Manifest = { path, kind: 'setup.cfg', dependencies: [], includes: [], constraints: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let section = '';
  let key: string | undefined;
  const add = (value: string, line: number) => {
    const spec = value.replace(/(^|\s)[#;].*$/, '').trim();
    if (!spec) return;
    const group = section === 'options' ? 'main' : key ? `extra:${normalizeName(key)}` : 'main';
    const req = parseRequirement(spec);
    if (!req) manifest.problems.push({ line, message: `cannot read requirement: ${spec}` });
    else manifest.dependencies.push({ ...req, manifest: path, line, group });
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1].trim().toLowerCase();
      key = undefined;
      continue;
    }
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const continuation = /^\s/.test(raw);
    if (!continuation) {
      const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
      key = undefined;
      if (!kv) continue;
      const name = kv[1].trim();
      const wanted = (section === 'options' && name === 'install_requires') || section === 'options.extras_require';
      if (!wanted) continue;
      key = section === 'options' ? '' : name;
      if (kv[2].trim()) for (const part of splitSemicolonList(kv[2])) add(part, i + 1);
      continue;
    }
    if (key !== undefined) add(raw, i + 1);
  }
  return manifest;
}

const MARKER_START = /^\s*\(?\s*(python_version|python_full_version|sys_platform|platform_\w+|os_name|implementation_\w+|extra)\b/;

/** `install_requires = a; b` lists with semicolons, except where `;` starts an environment marker. */
function splitSemicolonList(value: string): string[] {
  const parts = value.split(';');
  const out: string[] = [parts[0]];
  for (const part of parts.slice(1)) {
    if (MARKER_START.test(part)) out[out.length - 1] += `;${part}`;
    else out.push(part);
  }
  return out;
}
