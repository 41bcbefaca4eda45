/**
 * `defineCodemod`: a codemod written against its own option and data types. The option strings
 * are parsed once per run (not once per file), the transform and `finish` read the parsed value,
 * and `finish` receives each file's data as the transform returned it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.js';
import { runCodemods } from '../../src/engine/runner.js';
import { defineCodemod } from '../../src/engine/types.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

describe('defineCodemod', () => {
  it('parses the options once and hands finish the typed data of every file', async () => {
    let parses = 0;
    const seen: string[] = [];
    const shout = defineCodemod<{ upper: boolean; mark: string }, { lines: number; first: string }>({
      name: 'shout',
      description: 'test codemod',
      files: ['*.txt'],
      triggers: [],
      options: [
        { name: 'case', description: 'upper or lower', default: 'upper', allowed: ['upper', 'lower'] },
        { name: 'mark', description: 'appended', default: '!' },
      ],
      parseOptions(options) {
        parses++;
        return { upper: options.case === 'upper', mark: options.mark };
      },
      transform(file, context) {
        const text = context.parsedOptions.upper ? file.text.toUpperCase() : file.text.toLowerCase();
        const lines = file.text.split('\n').length - 1;
        return { edits: text === file.text ? [] : [{ start: 0, end: file.text.length, text }], data: { lines, first: file.text.split('\n')[0] } };
      },
      finish(project) {
        for (const r of project.results) seen.push(`${r.path}: ${r.history[0].first}, ${r.data?.lines} lines`);
        return { notes: [`done${project.parsedOptions.mark}`] };
      },
    });
    const root = makeRepo({ 'a.txt': 'one\ntwo\n', 'b.txt': 'three\n', 'c.txt': 'Four\n' });
    roots.push(root);
    const options = resolveOptions([shout], ['mark=?']).get('shout')!;
    const result = await runCodemods({ root, codemods: [{ codemod: shout, options }] });
    expect(result.changes.map((c) => c.path).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(seen.sort()).toEqual(['a.txt: one, 2 lines', 'b.txt: three, 1 lines', 'c.txt: Four, 1 lines']);
    expect(result.notes).toEqual(['done?']);
    expect(parses).toBe(1);
  });
});
