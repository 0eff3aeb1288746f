// Feature flags with exposure tracking: every time the app reads a flag, a `$exposure` event tells the
// analytics which variant this user was served (docs/integrations.md "Exposure events"), using the
// ConfigCat → Amplitude hook (docs/integrations.md "ConfigCat") unchanged except
// for `experiment_key`, which Amplitude Experiment reads when the flag is part of an experiment.
var params = new URLSearchParams(location.search);
var serverUrl = params.get('serverUrl') || location.origin + '/2/httpapi';
var userId = params.get('userId') || 'flags-user-0001';

amplitude.init(params.get('apiKey') || 'feature-flags-example-key', userId, { serverUrl: serverUrl, flushIntervalMillis: 200 });

var FLAGS = {
  'new-checkout': {
    experimentKey: 'exp-new-checkout',
    variants: [
      { value: 'control', variationId: 'v-control', percentage: 50 },
      { value: 'treatment', variationId: 'v-treatment', percentage: 50 },
    ],
  },
  'dark-mode': { variants: [{ value: true, variationId: 'v-dark-on', percentage: 100 }] },
};

var configCatClient = localFlags.getClient('#YOUR_SDK_KEY', localFlags.PollingMode.AutoPoll, {
  flags: FLAGS,
  setupHooks: function (hooks) {
    hooks.on('flagEvaluated', function (evaluationDetails) {
      if (evaluationDetails.isDefaultValue) return; // no flag served: nothing to expose
      // Send an `$exposure` event.
      var properties = {
        flag_key: evaluationDetails.key,
        variant: evaluationDetails.value,
        variation_id: evaluationDetails.variationId,
      };
      if (evaluationDetails.experimentKey) properties.experiment_key = evaluationDetails.experimentKey;
      amplitude.track('$exposure', properties);

      // Use the identify API: later events can be grouped by the variant.
      var identifyEvent = new amplitude.Identify();
      identifyEvent.set('configcat_' + evaluationDetails.key, evaluationDetails.value);
      amplitude.identify(identifyEvent);
    });
  },
});

var user = { identifier: userId };
var output = document.getElementById('variant');

document.getElementById('checkout').addEventListener('click', function () {
  // Reading the flag is the exposure: the user is about to see the variant.
  configCatClient.getValueAsync('new-checkout', 'control', user).then(function (variant) {
    output.textContent = 'new-checkout: ' + variant;
    amplitude.track('Checkout Opened', { variant: variant });
  });
});

configCatClient.getValueAsync('dark-mode', false, user).then(function (dark) {
  document.documentElement.className = dark ? 'dark' : '';
});
