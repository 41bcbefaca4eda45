/**
 * Issue 10 class 12: a backup or archive copy of the app was half migrated (its requirements
 * edited, its code left). Codemods now leave the folders scan classifies as bloat/archive and
 * bloat/backup alone, code and manifests, and the summary says so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

// An unused Ollama import beside whisper code: each codemod has a plain edit in the app itself.
const app = 'import ollama\nimport whisper\n\nmodel = whisper.load_model("base")\nprint(model.transcribe("a.wav")["text"])\n';
const requirements = 'ollama==0.4.7\nopenai-whisper==20240930\n';

describe('copies of the app', () => {
  const root = makeRepo({
    'app.py': app,
    'requirements.txt': requirements,
    'backup_2024/app.py': app,
    'backup_2024/requirements.txt': requirements,
    'archive/old_app/app.py': app,
    'archive/old_app/requirements.txt': requirements,
    // A package named like a backup is code something imports: not a copy.
    'backups/__init__.py': 'import ollama\n',
    'backups/store.py': 'import ollama\nollama.list()\n',
  }, ['app.py', 'requirements.txt', 'backup_2024/app.py', 'backup_2024/requirements.txt', 'archive/old_app/app.py', 'archive/old_app/requirements.txt', 'backups/__init__.py', 'backups/store.py']);
  roots.push(root);

  it('scan classifies them as archive and backup', () => {
    const r = runCli(['scan', '--format', 'json', root]);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; path: string }> }).findings;
    expect(findings.filter((f) => f.rule === 'bloat/archive' || f.rule === 'bloat/backup').map((f) => `${f.rule} ${f.path}`).sort())
      .toEqual(['bloat/archive archive', 'bloat/backup backup_2024']);
  });

  for (const name of ['remove-ollama', 'whisper-to-faster-whisper']) {
    it(`${name} touches neither code nor manifests there, and says why`, () => {
      const r = runCli(['codemod', 'run', name, root]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('+++ b/app.py');
      expect(r.stdout).toContain('+++ b/requirements.txt');
      expect(r.stdout).not.toMatch(/backup_2024|archive\//);
      expect(r.stderr).toMatch(/left alone: \d+ files in archive\/ \(bloat\/archive\), backup_2024\/ \(bloat\/backup\): scan classifies them as an archive or backup copy/);
      // An Ollama-only module is deleted now (issue 10 class 5): the diff names it either way.
      if (name === 'remove-ollama') expect(r.stdout).toContain('diff --git a/backups/store.py b/backups/store.py');
    });
  }
});
