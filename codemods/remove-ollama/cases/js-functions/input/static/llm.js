/* Settings page script: provider choice, and Ollama helpers to remove. */
(function () {
  'use strict';

  var OLLAMA_URL = 'http://localhost:11434';

  function byId(id) {
    return document.getElementById(id);
  }

  function getJSON(url) {
    return fetch(url).then(function (r) { return r.json(); });
  }

  // Ollama helpers

  function fetchOllamaTags() {
    return getJSON(OLLAMA_URL + '/api/tags');
  }

  function refreshModels() {
    return getJSON('/api/ollama/models').then(function (data) {
      console.log(data.models.length + ' models');
    });
  }

  const pingLocal = async () => {
    await fetch('/api/ollama/status');
  };

  function onChange(provider) {
    byId('badge').textContent = provider;
    if (provider === 'ollama') {
      refreshModels();
    } else {
      byId('hint').textContent = 'Using ' + provider;
    }
    pingLocal();
  }

  document.addEventListener('DOMContentLoaded', function () {
    byId('refresh').addEventListener('click', refreshModels);
    setInterval(pingLocal, 30000);
    fetchOllamaTags().then(function () { onChange('openai'); });
    window.providers = ['openai'];
  });
})();
