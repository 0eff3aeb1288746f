// Split (the SDK Harness FME also uses) in localhost mode: flags come from `features` below, nothing is
// fetched from Split. Its impression listener stores each treatment on the user as a user property
// named after the flag, the way Split's Amplitude page does it with the Identify API; here through
// Footprint's identify(), which sends the same user property in an `$identify` event.
// ?userId=…, ?serverUrl=…&apiKey=… change the user and where events go.
import * as footprint from '@footprint/browser';
import { SplitFactory } from '@splitsoftware/splitio';

const params = new URLSearchParams(location.search);
const serverUrl = params.get('serverUrl') ?? `${location.origin}/2/httpapi`;
const userId = params.get('userId') ?? 'split-user-0001';

// The Split key is the user id in both tools, so the treatment lands on the same user (Split's page:
// "rationalize the traffic type with the Amplitude id").
footprint.init(params.get('apiKey') ?? 'split-example-key', userId, { serverUrl, flushIntervalMillis: 200 });

const factory = SplitFactory({
  core: { authorizationKey: 'localhost', key: userId },
  // Localhost mode: each flag's treatment (and optional config) for every key.
  features: {
    'new-checkout': { treatment: 'on', config: '{"color":"green"}' },
    'dark-mode': 'off',
  },
  impressionListener: {
    logImpression({ impression }) {
      footprint.identify(new footprint.Identify().set(impression.feature, impression.treatment));
    },
  },
});
const client = factory.client();
const output = document.getElementById('variant')!;

client.on(client.Event.SDK_READY, () => {
  document.documentElement.className = client.getTreatment('dark-mode') === 'on' ? 'dark' : '';
  document.getElementById('checkout')!.addEventListener('click', () => {
    // Reading the flag is the impression: the user is about to see this treatment.
    const treatment = client.getTreatment('new-checkout');
    output.textContent = `new-checkout: ${treatment}`;
    footprint.track('Checkout Opened', { treatment });
  });
});
