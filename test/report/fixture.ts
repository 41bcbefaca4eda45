/** The example repositories of fixtures/, built into fresh temporary folders for report tests. */
import { join } from 'node:path';
import { buildChatbot, buildPodmanStack } from '../../fixtures/build.js';
import { tempDir } from '../helpers/repo.js';

export async function chatbotRepo(): Promise<string> {
  const info = await buildChatbot(join(tempDir('repolish-report-'), 'chatbot'));
  return info.root;
}

export async function podmanStackRepo(): Promise<string> {
  const info = await buildPodmanStack(join(tempDir('repolish-report-'), 'podman-stack'));
  return info.root;
}
