// Provider helpers for the settings page.
export type Provider = 'openai' | 'ollama';

export async function modelsFor(provider: Provider): Promise<string[]> {
  return ['gpt-4o-mini', 'gpt-4o'];
}
