// The example app: a grocery list recorded by session replay, uploading to the local collector.
const level = new URLSearchParams(location.search).get('level') || 'medium';
document.getElementById('level').textContent = level;

// The two lines a site using Amplitude's replay plugin already has, with our files.
const ready = footprint.init('example-api-key', { serverUrl: `${location.origin}/2/httpapi` }).promise;
footprint.add(
  window.sessionReplay.plugin({
    sampleRate: 1,
    trackServerUrl: `${location.origin}/sessions/v2/track`,
    flushIntervalConfig: { maxIntervalMs: 2000 },
    privacyConfig: { defaultMaskLevel: level },
  }),
);

const list = document.getElementById('list');
document.getElementById('add').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = document.getElementById('item');
  if (!input.value) return;
  const li = document.createElement('li');
  li.innerHTML = '<label><input type="checkbox"> <span></span></label>';
  li.querySelector('span').textContent = input.value;
  li.querySelector('input').addEventListener('change', (ev) => li.classList.toggle('done', ev.target.checked));
  list.append(li);
  footprint.track('Item Added', { length: input.value.length });
  input.value = '';
});

// Link the viewer straight to this session, once init has read or made the ids.
ready.then(() => {
  const viewer = document.getElementById('viewer');
  viewer.href = `/_footprint/replay?device_id=${encodeURIComponent(footprint.getDeviceId())}&session_id=${footprint.getSessionId()}`;
  viewer.dataset.ready = 'true';
});
