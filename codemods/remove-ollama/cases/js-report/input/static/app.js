// The word ollama in a comment and in a string that names something else: reported only.
const labels = { local: 'Ollama (local)' };

export function label(name) {
  return labels[name] || name;
}

export const ollamaDocs = 'https://ollama.com/library';
console.log(label('local'), ollamaDocs);
