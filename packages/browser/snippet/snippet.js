// The script-tag snippet. It defines a stub global that queues every public call in order (promise
// calls return { promise } that resolves once the library has run them), then loads the library
// asynchronously. The build (rollup.config.mjs) fills in the script URL and its SRI hash, and minifies it.
(function (window, document, src, integrity, name) {
  var console = window.console;
  var stub = window[name];
  if (stub && stub.invoked) {
    if (console) console.warn('[Footprint] the snippet ran twice; the second copy does nothing');
    return;
  }
  var slice = [].slice;
  var plain = 'getDeviceId setDeviceId getSessionId setSessionId getUserId setUserId setOptOut setTransport reset extendSession setConsent'.split(' ');
  var promised = 'init add remove track logEvent identify groupIdentify setGroup revenue flush'.split(' ');

  function queueing(target) {
    target._q = target._q || [];
    plain.forEach(function (method) {
      target[method] = function () {
        target._q.push({ name: method, args: slice.call(arguments) });
      };
    });
    promised.forEach(function (method) {
      target[method] = function () {
        var args = slice.call(arguments);
        return {
          promise: new Promise(function (resolve) {
            target._q.push({ name: method, args: args, resolve: resolve });
          }),
        };
      };
    });
    return target;
  }

  // Identify and Revenue built before the library arrives record their calls and are replayed onto real ones.
  function recorder(methods) {
    function Recorder() {
      this._q = [];
    }
    methods.split(' ').forEach(function (method) {
      Recorder.prototype[method] = function () {
        this._q.push({ name: method, args: slice.call(arguments) });
        return this;
      };
    });
    return Recorder;
  }

  stub = queueing(stub || {});
  stub._iq = stub._iq || {};
  stub.invoked = true;
  stub.Identify = recorder('add append clearAll postInsert preInsert prepend remove set setOnce unset');
  stub.Revenue = recorder('setProductId setQuantity setPrice setRevenueType setCurrency setRevenue setReceipt setReceiptSig setEventProperties');
  stub.createInstance = function (instanceName) {
    instanceName = instanceName || '$default_instance';
    return (stub._iq[instanceName] = stub._iq[instanceName] || queueing({}));
  };
  window[name] = stub;

  var script = document.createElement('script');
  script.async = true;
  script.src = src;
  if (integrity) {
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
  }
  var current = document.currentScript;
  if (current && current.nonce) script.nonce = current.nonce;
  script.onerror = function () {
    if (console) console.warn('[Footprint] could not load ' + src + '; tracking calls are ignored');
  };
  (document.head || document.documentElement).appendChild(script);
})(window, document, '__SRC__', '__INTEGRITY__', 'footprint');
