/** `clean` reports what deleting frees as allocated blocks (what du shows), the apparent size beside it. */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/bloat/detector.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** A sparse SQLite file: 1 GiB long, a few blocks on disk. */
function sparseDatabase(path: string): void {
  const fd = openSync(path, 'w');
  writeSync(fd, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]));
  ftruncateSync(fd, 1024 ** 3);
  closeSync(fd);
}

const du = (path: string) => Number(execFileSync('du', ['-s', '-B1', path], { encoding: 'utf8' }).split('\t')[0]);

describe('clean sizes', () => {
  it('lists and frees allocated blocks, with the apparent size beside them for a sparse file', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    made.push(root);
    sparseDatabase(join(root, 'cache.db'));
    const onDisk = du(join(root, 'cache.db'));
    expect(onDisk).toBeLessThan(1024 ** 2);
    const listed = runCli(['clean', root, '--include', 'data']);
    expect(listed.stdout).toContain(`data (user data: make sure you have a copy): 1 path, ${formatBytes(onDisk)} on disk (${formatBytes(1024 ** 3)} apparent)`);
    expect(listed.stdout).toMatch(new RegExp(`^\\s+${formatBytes(onDisk).replace('.', '\\.')}  cache\\.db  \\(bloat/database; ${formatBytes(1024 ** 3).replace('.', '\\.')} apparent\\)$`, 'm'));
    const run = runCli(['clean', root, '--include', 'data', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`deleted 1 path, ${formatBytes(onDisk)} on disk (${formatBytes(1024 ** 3)} apparent) freed`);
  });

  it('the markdown report says what clean frees on disk', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    made.push(root);
    sparseDatabase(join(root, 'cache.db'));
    const md = runCli(['scan', root, '--format', 'markdown']).stdout;
    expect(md).toContain(`| \`repolish clean ${root} --include data --yes\` | ${formatBytes(du(join(root, 'cache.db')))} on disk (${formatBytes(1024 ** 3)} apparent) freed |`);
  });
});
