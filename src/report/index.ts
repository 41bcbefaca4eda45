/** Report formats by name: each renderer turns a scan into the text that goes to stdout or --output. */
import type { ScanResult } from '../scan.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import type { Style } from './style.js';
import { renderText } from './text.js';

export interface RenderOptions {
  style: Style;
  verbose: boolean;
}

export type Renderer = (result: ScanResult, options: RenderOptions) => string;

export const RENDERERS: Record<string, Renderer> = {
  text: renderText,
  json: renderJson,
  // Dependency recommendations: pass `depsSection: depsMarkdownSection` here once src/deps/report.ts exists.
  markdown: (result, options) => renderMarkdown(result, options),
  sarif: renderSarif,
  html: renderHtml,
};
