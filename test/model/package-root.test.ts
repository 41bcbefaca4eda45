/** The package root that bench/, realworld/ and the worker-script lookup share (src/model/package-root.ts). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot, packageRootOf } from '../../src/model/package-root.js';

const temp = mkdtempSync(join(tmpdir(), 'repolish-package-root-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('packageRoot', () => {
  it('finds the repolish package from a module inside it', () => {
    const root = packageRoot(import.meta.url);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('repolish');
  });

  it('takes the nearest folder with a package.json, from a module in dist/ as from its source', () => {
    writeFileSync(join(temp, 'package.json'), '{}');
    mkdirSync(join(temp, 'dist', 'bench'), { recursive: true });
    expect(packageRoot(pathToFileURL(join(temp, 'dist', 'bench', 'run.js')).href)).toBe(temp);
    expect(packageRootOf(join(temp, 'dist', 'bench'))).toBe(temp);
  });

  it('says so when no folder above has a package.json', () => {
    expect(packageRootOf('/')).toBeUndefined();
  });
});
