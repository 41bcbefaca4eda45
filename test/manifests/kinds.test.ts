/**
 * One vocabulary of project files (issue 12 step 4, issue 10 class 10): each kind with names it
 * must and must not take, and, through the CLI, scan and every codemod that edits requirements
 * or reads container files agree on the awkward ones (a UTF-16 requirements file, a lowercase
 * `dockerfile`, `api.Containerfile`, `Podmanfile.ui`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeOllama } from '../../codemods/remove-ollama/index.js';
import { patternMatcher } from '../../src/engine/files.js';
import { projectFileKind, type ProjectFileKind } from '../../src/manifests/kinds.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir, runGit } from '../helpers/repo.js';

const KINDS: Record<ProjectFileKind, { yes: string[]; no: string[] }> = {
  requirements: {
    yes: ['requirements.txt', 'requirements-dev.txt', 'dev-requirements.txt', 'requirements_test.in', 'requirements.in', 'requirements/base.txt', 'svc/requirements/prod.in', 'constraints.txt', 'REQUIREMENTS.TXT'],
    no: ['requirements.md', 'docs/requirements.rst', 'requirements.py', 'notes.txt', 'requirements/README.md'],
  },
  pyproject: { yes: ['pyproject.toml', 'pkg/pyproject.toml'], no: ['pyproject.toml.bak', 'my-pyproject.toml'] },
  pipfile: { yes: ['Pipfile', 'api/Pipfile'], no: ['Pipfile.lock', 'pipfile.txt'] },
  'setup.cfg': { yes: ['setup.cfg'], no: ['setup.cfg.orig'] },
  'setup.py': { yes: ['setup.py'], no: ['setup_helpers.py'] },
  conda: { yes: ['environment.yml', 'environment-gpu.yaml', 'conda.yml'], no: ['env.yml', 'environments.json'] },
  container: {
    yes: ['Dockerfile', 'dockerfile', 'DOCKERFILE', 'Dockerfile.gpu', 'Dockerfile-api', 'api.Dockerfile', 'web.dockerfile', 'Containerfile', 'Containerfile.dev', 'api.Containerfile', 'Podmanfile', 'Podmanfile.ui', 'ui.podmanfile', 'svc/Dockerfile'],
    no: ['Dockerfile.md', 'Dockerfile.j2', 'Dockerfile.dockerignore', 'dockerfile.txt', 'mydockerfile', 'Dockerfiles', 'docker-compose.yml', 'Dockerfile.bak'],
  },
  compose: { yes: ['docker-compose.yml', 'docker-compose.override.yaml', 'compose.yaml', 'podman-compose.yml', 'Docker-Compose.yml'], no: ['compose.json', 'docker-compose.md', 'my-compose.yml'] },
  ignore: { yes: ['.gitignore', '.dockerignore', '.containerignore', 'Dockerfile.dockerignore', 'api.Containerfile.containerignore'], no: ['gitignore', '.gitignore.bak', '.npmignore'] },
};

describe('the vocabulary', () => {
  for (const [kind, { yes, no }] of Object.entries(KINDS)) {
    it(`${kind}: takes ${yes.length} names and refuses ${no.length}`, () => {
      for (const path of yes) expect([path, projectFileKind(path)]).toEqual([path, kind]);
      for (const path of no) expect([path, projectFileKind(path)]).not.toEqual([path, kind]);
    });
  }

  it('remove-ollama looks at every manifest and container file the vocabulary names', () => {
    const patterns = patternMatcher(removeOllama.files);
    const looks = (p: string) => patterns(p) || (removeOllama.selects?.(p) ?? false);
    for (const kind of ['requirements', 'pyproject', 'pipfile', 'setup.cfg', 'setup.py', 'conda', 'container'] as const) {
      for (const path of KINDS[kind].yes) expect([path, looks(path)]).toEqual([path, true]);
    }
  });
});

describe('scan and every codemod agree on awkward names', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeDir));
  const utf16 = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le');
  const root = makeRepo({
    // What PowerShell's `pip freeze > requirements.txt` writes: UTF-16 LE with a BOM, CRLF.
    'requirements.txt': utf16('requests==2.32.3\r\nollama==0.4.7\r\nopenai-whisper==20240930\r\nhumanize==4.9.0\r\n'),
    'app.py': 'import requests\nimport whisper\n\nmodel = whisper.load_model("base")\nprint(model.transcribe("a.wav")["text"], requests.__name__)\n',
    'dockerfile': 'FROM python:3.12-slim\nRUN pip install ollama openai-whisper\nCOPY . .\n',
    'svc/api.Containerfile': 'FROM python:3.12-slim\nRUN pip install ollama\n',
    'svc/Podmanfile.ui': 'FROM python:3.12-slim\nRUN pip install openai-whisper\n',
  }, ['requirements.txt', 'app.py', 'dockerfile', 'svc/api.Containerfile', 'svc/Podmanfile.ui']);
  roots.push(root);

  it('scan reads the UTF-16 requirements and the three container files', () => {
    const r = runCli(['scan', '--format', 'json', root]);
    expect(r.code).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; path: string; message: string }> }).findings;
    expect(findings.some((f) => f.rule === 'deps/unused' && f.path === 'requirements.txt' && /humanize/.test(f.message))).toBe(true);
    for (const file of ['dockerfile', 'svc/api.Containerfile', 'svc/Podmanfile.ui']) {
      expect([file, findings.some((f) => f.rule.startsWith('docker/') && f.path === file)]).toEqual([file, true]);
    }
    expect(r.stderr).not.toMatch(/requirements\.txt: skipped/);
  });

  it('remove-ollama edits the UTF-16 file in UTF-16 and reports the container files', () => {
    const r = runCli(['codemod', 'run', 'remove-ollama', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/diff --git a\/requirements\.txt b\/requirements\.txt\nindex [0-9a-f]+\.\.[0-9a-f]+\nGIT binary patch/);
    expect(r.stderr).toMatch(/dockerfile:2:\d+: mentions Ollama/);
    expect(r.stderr).toMatch(/svc\/api\.Containerfile:2:\d+: mentions Ollama/);
  });

  it('whisper-to-faster-whisper edits the UTF-16 file and reports every container file installing openai-whisper', () => {
    const r = runCli(['codemod', 'run', 'whisper-to-faster-whisper', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/requirements.txt b/requirements.txt');
    expect(r.stderr).toMatch(/dockerfile:2:\d+: openai-whisper is installed here/);
    expect(r.stderr).toMatch(/svc\/Podmanfile\.ui:2:\d+: openai-whisper is installed here/);
  });

  it('prune-requirements removes the unused line from the UTF-16 file, and --write keeps UTF-16 LE with its BOM and CRLF', () => {
    const r = runCli(['codemod', 'run', 'prune-requirements', '--write', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/humanize/);
    const bytes = readFileSync(join(root, 'requirements.txt'));
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    const text = bytes.subarray(2).toString('utf16le');
    expect(text).not.toContain('humanize');
    expect(text).toMatch(/^requests==2\.32\.3\r\n(.*\r\n)*openai-whisper==20240930\r\n$/);
    runGit(root, ['checkout', '--', 'requirements.txt']);
  });
});
