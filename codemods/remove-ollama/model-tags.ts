/**
 * With replace-with=openai, a default model name that is an Ollama tag ("llama3", "qwen2.5:7b")
 * would now be sent to OpenAI, which rejects it. Such defaults are reported where they are set:
 * in the rewritten Python files, and in tracked environment and compose files (there without the
 * value, which may sit next to secrets).
 */
import type { FinishResult, ProjectContext } from '../../src/engine/types.js';

const TAG = /^(?:llama|codellama|tinyllama|mistral|mixtral|gemma|qwen|phi|deepseek|nomic-embed|mxbai-embed|all-minilm|bge-m3|llava|starcoder|orca|vicuna|neural-chat|granite|smollm|command-r|dolphin)[\w.-]*(?::[\w.-]+)?$/i;

export function isOllamaModelTag(value: string): boolean {
  return TAG.test(value.trim());
}

export function modelTagReview(project: ProjectContext, rewritten: ReadonlySet<string>): NonNullable<FinishResult['review']> {
  const review: NonNullable<FinishResult['review']> = [];
  for (const path of rewritten) {
    const lines = (project.read(path)?.text ?? '').split('\n');
    lines.forEach((line, i) => {
      // Defaults only (a model= argument is reported by the rewrite itself).
      if (!/getenv|environ|\.get\(|^\s*[A-Za-z_][\w.]*\s*(?::\s*[\w.[\]| ]+)?=\s*["']|^\s*def\s/.test(line)) return;
      for (const m of line.matchAll(/(["'])([\w.:-]+)\1/g)) {
        if (!isOllamaModelTag(m[2])) continue;
        review.push({ path, line: i + 1, column: (m.index ?? 0) + 1, message: `"${m[2]}" is an Ollama model tag, now sent to OpenAI, which rejects it: use an OpenAI model name (and change it where the environment sets it)` });
      }
    });
  }
  for (const path of project.match(['.env*', '*.env', 'docker-compose*.yml', 'docker-compose*.yaml', 'compose*.yml', 'compose*.yaml'])) {
    const lines = (project.read(path)?.text ?? '').split('\n');
    lines.forEach((line, i) => {
      // KEY=value (env files, compose lists), KEY: value (compose maps), ${KEY:-value} (compose defaults)
      const m = /^\s*(?:-\s*)?(?:export\s+)?([A-Za-z_][\w]*)\s*[=:]\s*["']?([^"'#\s]*)/.exec(line);
      const fallback = /\$\{(\w+):?-([^}]+)\}/.exec(line);
      const hit = m && isOllamaModelTag(m[2]) ? m[1] : fallback && isOllamaModelTag(fallback[2]) ? fallback[1] : undefined;
      if (hit) review.push({ path, line: i + 1, column: 1, message: `${hit} holds an Ollama model tag (value not shown), which OpenAI rejects: set an OpenAI model name here and in local environment files` });
    });
  }
  return review;
}
