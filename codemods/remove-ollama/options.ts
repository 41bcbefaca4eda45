/** remove-ollama's options, parsed once from their strings (the engine has validated them). */
export interface RemoveOllamaOptions {
  /** none: remove Ollama code; openai: rewrite it to the OpenAI client and LangChain OpenAI classes. */
  replaceWith: 'none' | 'openai';
  /** report: list Ollama markup; remove: also remove HTML elements whose id names Ollama. */
  templates: 'report' | 'remove';
}

export function parseOptions(options: Readonly<Record<string, string>>): RemoveOllamaOptions {
  return {
    replaceWith: options['replace-with'] === 'openai' ? 'openai' : 'none',
    templates: options.templates === 'remove' ? 'remove' : 'report',
  };
}
