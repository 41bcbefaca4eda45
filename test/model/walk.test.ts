import { closeSync, ftruncateSync, linkSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../../src/model/facts.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

describe('the walk', () => {
  it('counts apparent bytes and allocated blocks: sparse files and hard links are not over-counted', () => {
    const root = makeRepo({ 'a/data.bin': Buffer.alloc(64 * 1024, 1) });
    made.push(root);
    const fd = openSync(join(root, 'sparse.img'), 'w');
    writeSync(fd, 'HEAD');
    ftruncateSync(fd, 1024 * 1024 * 1024);
    closeSync(fd);
    linkSync(join(root, 'a/data.bin'), join(root, 'a/hardlink.bin'));
    const facts = collectFacts(root);
    expect(facts.tree.bytes).toBe(1024 * 1024 * 1024 + 2 * 64 * 1024);
    expect(facts.tree.fileCount).toBe(3);
    // One copy of the hard-linked data plus a few blocks of the sparse file.
    expect(facts.tree.allocated).toBeGreaterThanOrEqual(64 * 1024);
    expect(facts.tree.allocated).toBeLessThan(64 * 1024 + 64 * 1024);
    expect(facts.file('a/hardlink.bin')!.file.size).toBe(64 * 1024);
  });

  it('skips the repository metadata but reports tracked folders', () => {
    const root = makeRepo({ 'src/a.py': 'x = 1\n', 'src/b.py': '', 'notes/todo.txt': 'x' }, ['src/a.py']);
    made.push(root);
    const facts = collectFacts(root);
    expect(facts.dir('.git')).toBeUndefined();
    expect(facts.dir('src')!.tracked).toBe(true);
    expect(facts.dir('notes')!.tracked).toBe(false);
    expect(facts.file('src/b.py')!.file.tracked).toBe(false);
  });

  it('scans a subfolder of a repository with the ignore files above it', () => {
    const root = makeRepo({ '.gitignore': '*.tmp\n', 'sub/.gitignore': '!keep.tmp\n', 'sub/x.tmp': '', 'sub/keep.tmp': '', 'sub/inner/y.tmp': '' });
    made.push(root);
    const facts = collectFacts(join(root, 'sub'));
    expect(facts.repo!.prefix).toBe('sub');
    expect(facts.file('x.tmp')!.file.ignored).toBe(true);
    expect(facts.file('keep.tmp')!.file.ignored).toBe(false);
    expect(facts.file('inner/y.tmp')!.file.ignored).toBe(true);
  });
});
