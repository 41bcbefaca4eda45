/* Settings page script: provider choice, and Ollama helpers to remove. */
(function () {
  'use strict';

  function byId(id) {
    return document.getElementById(id);
  }

  function getJSON(url) {
    return fetch(url).then(function (r) { return r.json(); });
  }

  function onChange(provider) {
    byId('badge').textContent = provider;
    byId('hint').textContent = 'Using ' + provider;
  }

  document.addEventListener('DOMContentLoaded', function () {
    Promise.resolve().then(function () { onChange('openai'); });
    window.providers = ['openai'];
  });
})();
