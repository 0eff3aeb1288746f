// A tiny local feature-flag client shaped like ConfigCat's JS SDK: `getClient(sdkKey, pollingMode,
// { setupHooks })`, `getValueAsync(key, defaultValue, user)`, and a `flagEvaluated` hook that receives
// { key, value, variationId, user, experimentKey } after every evaluation. Flags are defined locally so
// the example runs offline; swap this file for the real `configcat-js` and the hook code stays the same.
(function (window) {
  // FNV-1a: a stable bucket in [0, 100) for the same user and flag on every load.
  function bucket(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % 100;
  }

  function getClient(sdkKey, pollingMode, options) {
    var listeners = [];
    var hooks = {
      on: function (name, listener) {
        if (name === 'flagEvaluated') listeners.push(listener);
        return hooks;
      },
    };
    if (options && options.setupHooks) options.setupHooks(hooks);
    var flags = (options && options.flags) || {};

    function evaluate(key, defaultValue, user) {
      var flag = flags[key];
      if (!flag) return { key: key, value: defaultValue, variationId: null, user: user, isDefaultValue: true };
      var point = bucket(key + ':' + ((user && user.identifier) || ''));
      var share = 0;
      for (var i = 0; i < flag.variants.length; i++) {
        share += flag.variants[i].percentage;
        if (point < share || i === flag.variants.length - 1) {
          var v = flag.variants[i];
          return { key: key, value: v.value, variationId: v.variationId, user: user, isDefaultValue: false, experimentKey: flag.experimentKey };
        }
      }
    }

    return {
      getValueAsync: function (key, defaultValue, user) {
        var details = evaluate(key, defaultValue, user);
        listeners.forEach(function (listener) {
          try {
            listener(details);
          } catch (error) {
            console.error('[flags] a flagEvaluated hook failed', error);
          }
        });
        return Promise.resolve(details.value);
      },
    };
  }

  window.localFlags = { getClient: getClient, PollingMode: { AutoPoll: 0 } };
})(window);
