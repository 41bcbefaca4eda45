/** What counts as naming Ollama, in any language. */

/** The word itself, in any case: `ollama`, `OLLAMA_HOST`, `ChatOllama`, `/api/ollama/models`. */
export const OLLAMA_WORD = /ollama/i;

/** Ollama's default port, not as part of a longer number. */
export const OLLAMA_PORT = /(?<![0-9])11434(?![0-9])/;

/** Both, for finding every mention on a line. */
export const MENTION = /ollama|(?<![0-9])11434(?![0-9])/gi;

export function mentionsOllama(text: string): boolean {
  return OLLAMA_WORD.test(text) || OLLAMA_PORT.test(text);
}

/** A name, key or id that names Ollama. */
export function namedForOllama(name: string): boolean {
  return OLLAMA_WORD.test(name);
}

/** The provider value itself: "ollama" in any case, surrounding blanks ignored. */
export function isOllamaValue(value: string): boolean {
  return value.trim().toLowerCase() === 'ollama';
}

/** LiteLLM's provider prefix in a model name ("ollama/llama3", "ollama_chat/llama3"). */
export const LITELLM_MODEL = /^ollama(?:_chat)?\//i;

/** Names of other LLM providers: a function named for Ollama that mentions one is not Ollama-only. */
export const OTHER_PROVIDER = /openai|anthropic|claude|gemini|mistral(?!\w*ollama)|cohere|bedrock|groq|huggingface|azure/i;

/** The first column (1-based, in characters) of a mention on a line, or 0. */
export function mentionColumn(line: string): number {
  MENTION.lastIndex = 0;
  const m = MENTION.exec(line);
  return m ? [...line.slice(0, m.index)].length + 1 : 0;
}
