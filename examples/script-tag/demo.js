// The demo's own code: reads where to send events from the page URL, then tracks button presses.
// ?serverUrl=https://example.com/2/httpapi&apiKey=KEY points it at another endpoint.
(function () {
  var params = new URLSearchParams(location.search);
  var serverUrl = params.get('serverUrl') || location.origin + '/2/httpapi';
  var apiKey = params.get('apiKey') || 'demo-api-key';
  document.getElementById('server-url').textContent = serverUrl;
  document.getElementById('inspector-link').href = new URL('/', serverUrl).href;

  footprint.init(apiKey, { serverUrl: serverUrl, logLevel: footprint.LogLevel.Warn });

  var results = document.getElementById('results');
  function show(result) {
    var li = document.createElement('li');
    li.textContent = result.event.event_type + ' → ' + result.code + ' ' + result.message;
    results.prepend(li);
  }

  document.querySelectorAll('[data-track]').forEach(function (button) {
    button.addEventListener('click', function () {
      var props = Object.assign({}, button.dataset);
      delete props.track;
      footprint.track(button.dataset.track, props).promise.then(show);
    });
  });
  document.getElementById('flush').addEventListener('click', function () {
    footprint.flush();
  });
})();
