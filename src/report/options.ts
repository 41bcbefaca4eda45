/** What every renderer is told besides the scan (its own file: renderers import it, index.ts imports the renderers). */
import type { Style } from './style.js';

export interface RenderOptions {
  style: Style;
  verbose: boolean;
}
