
function showAnswer(text) {
  document.querySelector("#answer").textContent = text;
}

window.showAnswer = showAnswer;
