/** Report formats by name: each renderer turns a scan into the text that goes to stdout or --output. */
import { depsMarkdownSection } from './deps.js';
import type { ScanResult } from '../scan.js';
import { renderGithub, renderGitlab } from './ci-annotations.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import type { RenderOptions } from './options.js';
import type { ReportFormat } from './formats.js';
import { renderText } from './text.js';

export type { RenderOptions } from './options.js';

export type Renderer = (result: ScanResult, options: RenderOptions) => string;

export const RENDERERS: Record<ReportFormat, Renderer> = {
  text: renderText,
  json: renderJson,
  markdown: (result, options) => renderMarkdown(result, { ...options, depsSection: depsMarkdownSection }),
  sarif: renderSarif,
  html: renderHtml,
  github: renderGithub,
  gitlab: renderGitlab,
};
