/**
 * A virtualenv written the way pip leaves one: pyvenv.cfg, site-packages with a .dist-info per
 * distribution (METADATA, WHEEL, RECORD, top_level.txt, entry_points.txt) beside the package's
 * files. Large payloads are sparse files: their apparent size is what a scan measures.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface TestDist {
  name: string;
  version?: string;
  requires?: string[];
  /** Import packages; default: the name with `-` as `_`. */
  top?: string[];
  /** Extra files (relative to site-packages) with apparent sizes. */
  payload?: Record<string, number>;
  scripts?: Record<string, string>;
  entryPoints?: Record<string, Record<string, string>>;
  /** Omit top_level.txt (the module list then comes from RECORD). */
  noTopLevel?: boolean;
  tag?: string;
}

export const MB = 1024 * 1024;

function sparse(path: string, size: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}

export function writeVenv(root: string, dir: string, python: string, dists: TestDist[]): void {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, 'pyvenv.cfg'), `home = /usr/bin\ninclude-system-site-packages = false\nversion = ${python}\n`, { flag: 'w' });
  const minor = python.split('.').slice(0, 2).join('.');
  const sp = join(root, dir, 'lib', `python${minor}`, 'site-packages');
  mkdirSync(join(root, dir, 'bin'), { recursive: true });
  for (const d of dists) {
    const version = d.version ?? '1.0.0';
    const info = `${d.name.replace(/[-.]/g, '_')}-${version}.dist-info`;
    const record: string[] = [];
    const put = (rel: string, content: string | number) => {
      const abs = join(sp, rel);
      if (typeof content === 'number') sparse(abs, content);
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, content);
      }
      record.push(`${rel},,${typeof content === 'number' ? content : Buffer.byteLength(content)}`);
    };
    const tops = d.top ?? [d.name.toLowerCase().replace(/[-.]/g, '_')];
    for (const top of tops) {
      if (top.includes('/')) put(`${top}/__init__.py`, '');
      else put(`${top}/__init__.py`, `"""${d.name}"""\n`);
    }
    for (const [rel, size] of Object.entries(d.payload ?? {})) put(rel, size);
    const meta = ['Metadata-Version: 2.1', `Name: ${d.name}`, `Version: ${version}`, ...(d.requires ?? []).map((r) => `Requires-Dist: ${r}`)];
    put(`${info}/METADATA`, `${meta.join('\n')}\n\nlong description: Name: not-a-header\n`);
    put(`${info}/WHEEL`, `Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: ${d.tag ?? 'cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64'}\n`);
    if (!d.noTopLevel) put(`${info}/top_level.txt`, `${tops.map((t) => t.split('/')[0]).join('\n')}\n`);
    const eps: string[] = [];
    if (d.scripts) eps.push('[console_scripts]', ...Object.entries(d.scripts).map(([k, v]) => `${k} = ${v}`), '');
    for (const [group, entries] of Object.entries(d.entryPoints ?? {})) eps.push(`[${group}]`, ...Object.entries(entries).map(([k, v]) => `${k} = ${v}`), '');
    if (eps.length > 0) put(`${info}/entry_points.txt`, eps.join('\n'));
    for (const script of Object.keys(d.scripts ?? {})) {
      const abs = join(root, dir, 'bin', script);
      writeFileSync(abs, `#!/venv/bin/python\nimport sys\n`);
      record.push(`../../../bin/${script},,20`);
    }
    record.push(`${info}/RECORD,,`);
    writeFileSync(join(sp, info, 'RECORD'), `${record.join('\n')}\n`);
  }
}
