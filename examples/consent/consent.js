// Start without storage, upgrade on consent. With `consent: 'pending'` Footprint keeps the device id,
// the tracked events and its plugins' state (campaign, page records) in memory: no cookie, no
// localStorage, no sessionStorage, no request. `setConsent('granted')` stores
// the same device id and sends what waited; `setConsent('denied')` drops it and stores nothing.
var params = new URLSearchParams(location.search);
var serverUrl = params.get('serverUrl') || location.origin + '/2/httpapi';

// The page remembers only a "yes", and only after it was given. A "no" is not stored, so the banner
// asks again on the next visit (storing it would need its own legal basis; your consent tool decides).
var CHOICE_KEY = 'example_consent';
var remembered = localStorage.getItem(CHOICE_KEY) === 'granted';

footprint.init(params.get('apiKey') || 'consent-example-key', {
  serverUrl: serverUrl,
  flushIntervalMillis: 200,
  // The default autocapture runs as usual: what its plugins store waits behind the same consent gate.
  consent: remembered ? 'granted' : 'pending',
});
footprint.track('Page Opened');

var banner = document.getElementById('banner');
var state = document.getElementById('state');
var show = function () {
  state.textContent = footprint.getConsent();
  banner.hidden = footprint.getConsent() !== 'pending';
};

document.getElementById('track').addEventListener('click', function () {
  footprint.track('Article Read', { article: 'consent-basics' });
});
document.getElementById('accept').addEventListener('click', function () {
  footprint.setConsent('granted').then(show);
  localStorage.setItem(CHOICE_KEY, 'granted');
});
document.getElementById('decline').addEventListener('click', function () {
  footprint.setConsent('denied').then(show);
});
show();
