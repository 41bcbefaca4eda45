(function () {
  function $(id) { return document.getElementById(id); }

  function show(provider) {
    $('openai-settings').hidden = provider !== 'openai';
  }

  document.addEventListener('DOMContentLoaded', function () { show('openai'); });
})();
