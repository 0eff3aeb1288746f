// Runs in <head>, right after the snippet and before footprint.min.js has arrived: every call below is
// queued by the snippet's stub, then replayed in order once the library loads; the promises resolve then.
(function () {
  var params = new URLSearchParams(location.search);
  var serverUrl = params.get('serverUrl') || location.origin + '/2/httpapi';
  var show = function (result) {
    var li = document.createElement('li');
    li.textContent = result.event.event_type + ' → ' + result.code + ' ' + result.message;
    document.getElementById('results').prepend(li);
  };

  footprint.init(params.get('apiKey') || 'snippet-demo-key', { serverUrl: serverUrl, flushIntervalMillis: 200 });
  footprint.identify(new footprint.Identify().set('demo', 'snippet')).promise.then(show);
  footprint.track('Snippet Page Opened', { queued: true }).promise.then(show);

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('order').addEventListener('click', function () {
      footprint.revenue(new footprint.Revenue().setProductId('sku-42').setPrice(19.99)).promise.then(show);
    });
  });
})();
