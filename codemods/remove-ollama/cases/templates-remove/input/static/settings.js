(function () {
  function $(id) { return document.getElementById(id); }

  function show(provider) {
    $('openai-settings').hidden = provider !== 'openai';
    $('ollama-settings').hidden = provider !== 'ollama';
    document.querySelector('#ollama-status').textContent = 'n/a';
  }

  document.addEventListener('DOMContentLoaded', function () { show('openai'); });
})();
