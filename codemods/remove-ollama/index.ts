/** remove-ollama: Ollama out of Python, requirements, JavaScript/TypeScript and templates. See README.md. */
import { defineCodemod, type FileContextOf, type SourceFile, type TransformResultOf } from '../../src/engine/types.js';
import { pyprojectDependencies } from '../../src/manifests/pyproject-edit.js';
import { parseRequirementsFile } from '../../src/manifests/requirements-edit.js';
import { isManifestOrContainerFile } from '../../src/manifests/kinds.js';
import { archiveFolderOf } from './archive.js';
import type { FileData } from './file-data.js';
import { finishProject } from './finish.js';
import { parseOptions, type RemoveOllamaOptions } from './options.js';
import { transformMarkup } from './markup.js';
import { transformPython } from './python/index.js';
import { fileType, findReferences } from './references.js';
import { transformScript } from './script.js';

// Kept for callers that import it from here; the type lives in file-data.ts.

export const SOURCE_FILES = [
  '*.py', '*.pyi', '*.pyw',
  '*.js', '*.mjs', '*.cjs', '*.jsx', '*.ts', '*.mts', '*.cts', '*.tsx',
  '*.html', '*.htm', '*.jinja', '*.jinja2', '*.j2', '*.vue', '*.svelte', '*.css', '*.scss',
  '*.md', '*.rst', '*.txt', '*.in',
  '.env*', '*.env', '*.yml', '*.yaml', '*.toml', '*.cfg', '*.ini', '*.json', '*.ipynb',
  'Dockerfile*', 'Containerfile*', '*.dockerfile', '*.sh', 'Procfile', 'Makefile',
  // User data and generated files: never code, never edited.
  '!*.log', '!package-lock.json', '!*.lock', '!*.min.js', '!*.min.css', '!uploads/**', '!**/uploads/**',
];

function transform(file: SourceFile, context: FileContextOf<RemoveOllamaOptions>): TransformResultOf<FileData> {
  const result = transformFile(file, context.parsedOptions);
  const data: FileData = { ...result.data, refs: findReferences(file.path, file.text).lines };
  return { ...result, data };
}

function transformFile(file: SourceFile, options: RemoveOllamaOptions): TransformResultOf<Partial<FileData>> {
  if (archiveFolderOf(file.path)) return {}; // the whole folder goes in finish
  switch (fileType(file.path)) {
    case 'python': {
      const out = transformPython(file, { replaceWith: options.replaceWith });
      const data: Partial<FileData> = { imports: out.imports, defined: out.defined, fromImports: out.fromImports, ollamaUse: out.ollamaUse, unreplaced: out.unreplaced, unusedImportsOnly: out.unusedImportsOnly };
      return { edits: out.edits, review: out.review, data };
    }
    case 'javascript':
    case 'typescript':
      return transformScript(file, { templates: options.templates });
    case 'requirements': {
      // Edited in finish, once every Python file has been seen; only other mentions are reported here.
      const managed = new Set(parseRequirementsFile(file.text).filter((l) => l.normalized === 'ollama' || l.normalized === 'langchain-ollama').map((l) => l.line));
      const out = transformMarkup(file, { templates: 'report' });
      return { review: (out.review ?? []).filter((r) => !managed.has(r.line)) };
    }
    default: {
      const out = transformMarkup(file, { templates: options.templates });
      if (file.path.endsWith('pyproject.toml')) {
        // Dependency lines are edited in finish; report only the other mentions here.
        let managed = new Set<number>();
        try {
          managed = new Set(pyprojectDependencies(file.text).filter((d) => d.normalized === 'ollama' || d.normalized === 'langchain-ollama').map((d) => file.position(d.value.start).line));
        } catch { /* not scannable: every mention is reported */ }
        return { ...out, review: (out.review ?? []).filter((r) => !managed.has(r.line)) };
      }
      return out;
    }
  }
}

export const removeOllama = defineCodemod<RemoveOllamaOptions, FileData>({
  name: 'remove-ollama',
  description: 'remove Ollama (or replace it with OpenAI) from Python, requirements, JavaScript/TypeScript and templates; report every reference',
  files: SOURCE_FILES,
  // Manifests and container files by the shared vocabulary (`dockerfile`, `api.Containerfile`, `Podmanfile.ui`, Pipfile).
  selects: isManifestOrContainerFile,
  triggers: ['ollama', 'Ollama', 'OLLAMA', '11434'],
  options: [
    {
      name: 'replace-with',
      description: 'none: remove Ollama code; openai: rewrite LangChain Ollama classes to langchain_openai and ollama.chat/generate/embed to the openai client',
      default: 'none',
      allowed: ['none', 'openai'],
    },
    {
      name: 'templates',
      description: 'report: list Ollama markup with file and line; remove: also remove HTML elements whose id names Ollama (and script lines that only touch them)',
      default: 'report',
      allowed: ['report', 'remove'],
    },
  ],
  parseOptions,
  transform,
  finish: finishProject,
});

export default removeOllama;
