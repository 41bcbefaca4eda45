// Provider helpers for the settings page.
export type Provider = 'openai' | 'ollama';

const OLLAMA_BASE = 'http://127.0.0.1:11434';

async function listOllamaModels(): Promise<string[]> {
  const r = await fetch(`${OLLAMA_BASE}/api/tags`);
  const body = (await r.json()) as { models: Array<{ model: string }> };
  return body.models.map((m) => m.model);
}

export async function modelsFor(provider: Provider): Promise<string[]> {
  if (provider === 'ollama') {
    return listOllamaModels();
  }
  return ['gpt-4o-mini', 'gpt-4o'];
}
