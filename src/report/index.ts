/**
 * Report formats by name: each renderer turns a scan into the text that goes to stdout or --output.
 * A scan renders one format, so only its renderer is loaded (all of them are tens of modules).
 */
import type { ScanResult } from '../scan.js';
import type { RenderOptions } from './options.js';
import type { ReportFormat } from './formats.js';

export type { RenderOptions } from './options.js';

export type Renderer = (result: ScanResult, options: RenderOptions) => string;

const LOADERS: Record<ReportFormat, () => Promise<Renderer>> = {
  text: async () => (await import('./text.js')).renderText,
  json: async () => (await import('./json.js')).renderJson,
  markdown: async () => {
    const [{ renderMarkdown }, { depsMarkdownSection }] = await Promise.all([import('./markdown.js'), import('./deps.js')]);
    return (result, options) => renderMarkdown(result, { ...options, depsSection: depsMarkdownSection });
  },
  sarif: async () => (await import('./sarif.js')).renderSarif,
  html: async () => (await import('./html.js')).renderHtml,
  github: async () => (await import('./ci-annotations.js')).renderGithub,
  gitlab: async () => (await import('./ci-annotations.js')).renderGitlab,
};

/** The renderer of `format`, loaded on first use. */
export function loadRenderer(format: ReportFormat): Promise<Renderer> {
  return LOADERS[format]();
}
