import { afterAll, describe, expect, it } from 'vitest';
import { depsMarkdownSection } from '../../src/report/deps.js';
import { depsRules } from '../../src/rules/deps/index.js';
import { dockerRules } from '../../src/rules/docker/index.js';
import { scan } from '../../src/scan.js';
import { makeRepo, removeDir } from '../helpers/repo.js';
import { podmanRepo } from '../docker/scenarios.js';
import { chatbotRepo } from './scenarios.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));
const rules = [...depsRules, ...dockerRules];

describe('dependency section of the markdown report', () => {
  it('ranks measured root causes and links each recommendation to its command', () => {
    const root = chatbotRepo();
    roots.push(root);
    const md = depsMarkdownSection(scan(root, { rules }))!;
    expect(md).toMatch(/^## Dependencies: where the weight comes from/);
    expect(md).toMatch(/Measured in `venv\/` \(Python 3\.11\.9, \d+ packages/);
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows[0]).toMatch(/^\| 1 \| `torch` \+ 3 CUDA packages \| 3\.[67] GB \| kept: `sentence-transformers` requires it \(import sentence_transformers, `services\/embeddings\.py:1`\) \|$/);
    expect(rows[1]).toMatch(/`datasets` \+ \d+ packages only it needs/);
    expect(md).toMatch(/\| Remove 3 unused dependencies: `datasets`, `pyarrow`, `pandas` \| 2\d\d MB \| `repolish codemod run prune-requirements \S+ --write`/); // issue 11: commands name the scanned folder
    expect(md).toMatch(/`torch`: install CPU-only torch wheels .* \| 2\.0 GB \| edit the requirement file/);
    expect(md).toMatch(/Declare `requests`/);
    expect(md).not.toMatch(/≈/); // everything here is measured
  });

  it('names images, their unused packages and the container fixes', () => {
    const root = podmanRepo();
    roots.push(root);
    const md = depsMarkdownSection(scan(root, { rules }))!;
    expect(md).toMatch(/No virtualenv in the repository: sizes marked ≈ are typical/);
    expect(md).toMatch(/\| Drop `torchaudio`, `torch` from the image of `Podmanfile\.chainlit` \(`requirements-chainlit\.txt`\): its code never uses them \| ≈6\.\d GB \| `repolish codemod run prune-requirements \S+ --write` \|/);
    expect(md).toMatch(/`openai-whisper`: consider faster-whisper .* `repolish codemod run whisper-to-faster-whisper \S+ --write`/);
    expect(md).toMatch(/Container layers: 3 pip\/apt cache and recommends problems in `Podmanfile\.api` \| — \| `repolish fix \S+ --unsafe --write`/); // issue 11: apt fixes are unsafe
  });

  it('says nothing for a project without dependencies', () => {
    const root = makeRepo({ 'main.py': 'print("hi")\n' });
    roots.push(root);
    expect(depsMarkdownSection(scan(root, { rules }))).toBeUndefined();
  });
});
