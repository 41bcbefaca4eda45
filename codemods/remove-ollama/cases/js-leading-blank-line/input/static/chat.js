
function listOllamaModels() {
  return fetch("http://localhost:11434/api/tags").then((r) => r.json());
}

function showAnswer(text) {
  document.querySelector("#answer").textContent = text;
}

window.showAnswer = showAnswer;
