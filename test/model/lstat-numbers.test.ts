import { execFileSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bindingAllowed, emptyNumbers, lstatNumbers, lstatTimes, lstatViaBinding } from '../../src/model/lstat-numbers.js';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

function errorOf(call: () => unknown): { code?: string; message: string } {
  try {
    call();
  } catch (err) {
    return { code: (err as NodeJS.ErrnoException).code, message: (err as Error).message };
  }
  throw new Error('no error');
}

describe("the walk's lstat", () => {
  it('reads the fs binding on Node 20 unless told not to, or where it would warn or skip a permission check', () => {
    expect(bindingAllowed({}, [], '20.20.2')).toBe(true);
    expect(bindingAllowed({ REPOLISH_LSTAT: 'public' }, [], '20.20.2')).toBe(false);
    expect(bindingAllowed({}, [], '22.12.0')).toBe(false);
    expect(bindingAllowed({}, ['--pending-deprecation'], '20.20.2')).toBe(false);
    expect(bindingAllowed({ NODE_OPTIONS: '--max-old-space-size=100 --pending-deprecation' }, [], '20.20.2')).toBe(false);
    expect(bindingAllowed({}, ['--experimental-permission', '--allow-fs-read=*'], '20.20.2')).toBe(false);
    // On this machine's Node 20 the self-check passes: the numbers below come from the binding.
    if (process.versions.node.startsWith('20.')) expect(lstatViaBinding()).toBe(true);
  });

  it('gives the numbers fs.lstatSync gives, for every kind of entry, and throws its errors', () => {
    const root = tempDir('repolish-lstat-');
    made.push(root);
    writeFileSync(join(root, 'file.txt'), 'x'.repeat(12_345));
    writeFileSync(join(root, 'empty'), '');
    linkSync(join(root, 'file.txt'), join(root, 'hard-link'));
    mkdirSync(join(root, 'folder'));
    symlinkSync('file.txt', join(root, 'link'));
    symlinkSync('nowhere', join(root, 'broken'));
    execFileSync('mkfifo', [join(root, 'pipe')]);
    const bytesName = Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0x66, 0xff])]);
    writeFileSync(bytesName, 'not UTF-8');
    const into = emptyNumbers();
    for (const path of [...['file.txt', 'empty', 'hard-link', 'folder', 'link', 'broken', 'pipe'].map((name) => join(root, name)), bytesName]) {
      lstatNumbers(path, into);
      const st = lstatSync(path);
      expect({ ...into }).toEqual({ mode: st.mode, size: st.size, blocks: st.blocks, nlink: st.nlink, dev: st.dev, ino: st.ino });
      const big = lstatSync(path, { bigint: true });
      expect(lstatTimes(path)).toEqual({ size: big.size, mode: big.mode, ino: big.ino, mtimeNs: big.mtimeNs, ctimeNs: big.ctimeNs, isFile: big.isFile() });
    }
    for (const path of [join(root, 'missing'), join(root, 'file.txt/under-a-file'), `${root}/${'n'.repeat(300)}`]) {
      expect(errorOf(() => lstatNumbers(path, into))).toEqual(errorOf(() => lstatSync(path)));
      const big = (() => { try { return lstatSync(path, { bigint: true, throwIfNoEntry: false }); } catch (err) { return (err as Error).message; } })();
      const times = (() => { try { return lstatTimes(path); } catch (err) { return (err as Error).message; } })();
      expect(times).toEqual(typeof big === 'string' || big === undefined ? big : 'found');
    }
    // Times before 1970 and with nanoseconds: the key's ns strings are exact.
    const old = join(root, 'empty');
    utimesSync(old, -1.5, -12_345.000_000_7);
    const big = lstatSync(old, { bigint: true });
    expect(lstatTimes(old)?.mtimeNs).toBe(big.mtimeNs);
  });

  it('never makes node print a deprecation warning, and the report is the same either way', () => {
    const root = makeRepo({ 'app/main.py': 'import requests\n', 'requirements.txt': 'requests\nnumpy\n', 'logs/run.log': 'x'.repeat(5000) });
    made.push(root);
    const scan = (env: NodeJS.ProcessEnv) => runCli(['scan', '--format', 'json', '--no-cache', root], { env: { ...gitEnv, NO_COLOR: '1', ...env } });
    const plain = scan({});
    expect(plain.code).toBe(0);
    for (const env of [{ NODE_OPTIONS: '--pending-deprecation' }, { NODE_OPTIONS: '--throw-deprecation --pending-deprecation' }, { REPOLISH_LSTAT: 'public' }]) {
      const run = scan(env);
      expect(run.stderr, JSON.stringify(env)).not.toMatch(/Deprecation|DEP0/);
      expect(run.code, JSON.stringify(env)).toBe(0);
      expect(run.stdout, JSON.stringify(env)).toBe(plain.stdout);
    }
  });
});

