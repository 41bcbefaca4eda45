/**
 * The parts of the file vocabulary (src/manifests/kinds.ts) that codemods and build contexts used
 * to say each in their own way: which manifests are edited and which only reported, which files
 * make a folder installable, and which folder's code a manifest serves.
 */
import { describe, expect, it } from 'vitest';
import { isEditableManifest, isReportedOnlyManifest, PROJECT_MANIFEST_NAMES, servedFolder } from '../../src/manifests/kinds.js';

describe('what codemods edit and what they report', () => {
  it('edits requirement files and pyproject.toml, reports the other manifests, and neither for other files', () => {
    for (const path of ['requirements.txt', 'requirements/dev.in', 'constraints.txt', 'svc/pyproject.toml', 'REQUIREMENTS.TXT']) {
      expect([path, isEditableManifest(path), isReportedOnlyManifest(path)]).toEqual([path, true, false]);
    }
    for (const path of ['setup.py', 'setup.cfg', 'Pipfile', 'environment.yml', 'api/conda-gpu.yaml']) {
      expect([path, isEditableManifest(path), isReportedOnlyManifest(path)]).toEqual([path, false, true]);
    }
    for (const path of ['Dockerfile', 'Pipfile.lock', 'notes.txt', 'app.py']) {
      expect([path, isEditableManifest(path), isReportedOnlyManifest(path)]).toEqual([path, false, false]);
    }
  });

  it('names the files pip reads to install a folder', () => {
    expect([...PROJECT_MANIFEST_NAMES].sort()).toEqual(['Pipfile', 'pyproject.toml', 'setup.cfg', 'setup.py']);
  });
});

describe('the folder a manifest serves', () => {
  it('is its own folder, or the parent of a folder that holds requirement files', () => {
    expect(servedFolder('requirements.txt')).toBe('');
    expect(servedFolder('api/requirements.txt')).toBe('api');
    expect(servedFolder('requirements/base.txt')).toBe('');
    expect(servedFolder('svc/requirements/prod.in')).toBe('svc');
    expect(servedFolder('docker/requirements.txt')).toBe('');
    expect(servedFolder('svc/Docker/requirements-gpu.txt')).toBe('svc');
    expect(servedFolder('app/pyproject.toml')).toBe('app');
  });
});
