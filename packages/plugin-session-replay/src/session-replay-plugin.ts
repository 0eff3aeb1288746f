// The session replay plugin: records sampled sessions with rrweb (loaded on demand), masks with
// plugin-masking's rules, tags events with the Session Replay ID, and uploads through replayDelivery.
// See docs/session-replay.md.
import type { Config, EnrichmentPlugin, Event } from '@footprint/core';
import { replayDelivery, type ReplayDelivery } from './delivery';
import * as page from './globals';
import { loadRecord } from './load';
import { sampleRateOf, trackUrl, type SessionReplayOptions } from './options';
import { startRecorder, type RecordFn } from './recorder';
import { cachedReplayConfig, fetchReplayConfig, joinPrivacy, replayConfigUrl, type ReplayRemoteConfig } from './remote';
import { inSample } from './sampling';
import { REPLAY_PROPERTY, replayId } from './wire';

/** The plugin's name: the anchor's, so `remove('@amplitude/plugin-session-replay-browser')` works unchanged. */
export const PLUGIN_NAME = '@amplitude/plugin-session-replay-browser';

/** A recording of one device and session. */
interface Recording {
  deviceId: string;
  sessionId: number;
  buffer: unknown[];
  stop?: () => void;
  stopped?: boolean;
}

/** The plugin object, with the anchor plugin's extra methods. */
export interface SessionReplayPlugin extends EnrichmentPlugin {
  /** `{ '[Amplitude] Session Replay ID': '<device>/<session>' }` while recording, else `{}`. */
  getSessionReplayProperties(): Record<string, string>;
  /** Uploads what is recorded so far. */
  flush(): Promise<void>;
}

/** The browser layer puts the consent state here (packages/browser); absent, consent counts as granted. */
type ReplayConfig = Config & { getConsent?: () => string };

/**
 * Session replay, a drop-in for `@amplitude/plugin-session-replay-browser`.
 * @example
 * footprint.add(sessionReplayPlugin({ sampleRate: 1 }));
 * @default sampleRate 0 (records nothing until you set it, as the anchor)
 */
export const sessionReplayPlugin = (options: SessionReplayOptions = {}): SessionReplayPlugin => {
  let config: ReplayConfig | undefined;
  let delivery: ReplayDelivery | undefined;
  let remote: ReplayRemoteConfig = {};
  let rec: Recording | undefined;
  let record: RecordFn | undefined;
  let purged = false;
  let interval: ReturnType<typeof setInterval> | undefined;
  let undo: (() => void) | undefined;
  const owner = page.randomId();
  const log = {
    debug: (...a: unknown[]) => (config?.logLevel ?? 0) >= 4 && config?.loggerProvider.debug(...a),
    warn: (...a: unknown[]) => (config?.logLevel ?? 2) >= 2 && config?.loggerProvider.warn(...a),
  };

  const deviceId = () => options.deviceId ?? config?.deviceId;
  const rate = () => remote.sampleRate ?? sampleRateOf(options.sampleRate);
  /** Storing and sending are allowed: not opted out, consent granted. */
  const allowed = () => !!config && !config.optOut && (config.getConsent?.() ?? 'granted') === 'granted';
  const records = (dev: string | undefined, sid: number | undefined): sid is number =>
    allowed() && remote.captureEnabled !== false && !!dev && typeof sid === 'number' && sid > 0 && inSample(sid, rate()) && !delivery?.killed(dev, sid);

  const hand = (r: Recording) => {
    if (r.buffer.length) delivery?.add(r.deviceId, r.sessionId, r.buffer.splice(0));
  };

  const stopRecording = (keep: boolean) => {
    const r = rec;
    if (!r) return;
    rec = undefined;
    r.stopped = true;
    r.stop?.();
    if (keep) hand(r);
  };

  const startRecording = (dev: string, sid: number) => {
    const r: Recording = { deviceId: dev, sessionId: sid, buffer: [] };
    rec = r;
    const begin = () => {
      if (r.stopped || !record) return;
      r.stop = startRecorder(record, {
        privacy: joinPrivacy(options.privacyConfig, remote.privacy),
        inlineStylesheet: options.shouldInlineStylesheet ?? true,
        inlineImages: options.inlineImages ?? false,
        isValidSelector: page.validSelector,
        log,
        emit: (e) => {
          if (r.stopped) return;
          r.buffer.push(e);
          // The first upload holds Meta and FullSnapshot: send it as soon as the browser is idle.
          if (e.type === 2) page.whenIdle(() => hand(r));
        },
      });
    };
    if (record) return page.whenIdle(begin);
    loadRecord().then(
      (fn) => {
        record = fn as unknown as RecordFn;
        page.whenIdle(begin);
      },
      (e) => log.warn(__DEV__ ? 'session replay: the recorder could not load; nothing is recorded' : 'E90 replay: recorder not loaded', e),
    );
  };

  /** Brings recording in line with identity, session, opt-out, consent and sampling. */
  const sync = () => {
    if (!config || !delivery) return;
    if (!allowed()) {
      stopRecording(false);
      if (!purged) {
        purged = true;
        delivery.purge();
      }
      return;
    }
    if (purged) {
      purged = false;
      void delivery.start();
    }
    const dev = deviceId();
    const sid = config.sessionId;
    if (rec && (rec.deviceId !== dev || rec.sessionId !== sid || !records(dev, sid))) stopRecording(true);
    if (!rec && records(dev, sid)) startRecording(dev!, sid);
  };

  const properties = (): Record<string, string> => (rec && records(rec.deviceId, rec.sessionId) ? { [REPLAY_PROPERTY]: replayId(rec.deviceId, rec.sessionId) } : {});

  return {
    name: PLUGIN_NAME,
    type: 'enrichment',
    setup(c: Config) {
      config = c as ReplayConfig;
      if (!page.isBrowser() || !c.apiKey) return;
      const scope = c.apiKey.slice(0, 10);
      const tabs = page.pageTabs();
      tabs.hold(owner);
      delivery = replayDelivery({
        apiKey: c.apiKey,
        url: trackUrl({ trackServerUrl: options.trackServerUrl, serverZone: options.serverZone ?? (c.serverZone as 'US' | 'EU' | undefined) }),
        store: page.pageStore(options.storeType === 'memory', scope),
        marks: page.pageMarks(scope),
        pack: page.pagePack((options.useWebWorker ?? options.experimental?.useWebWorker) !== false),
        owner,
        alive: tabs.alive,
        send: page.pageSend(options.handleSendEvents),
        beacon: page.pageBeacon(),
        gzip: !!page.gzipHere(),
        pageUrl: page.pageUrl,
        sampleRate: rate,
        allowed,
        maxBytes: options.maxPersistedEventsSizeBytes ?? 6_000_000,
        timeoutMs: options.sendTimeoutMs ?? 10_000,
        uuid: page.randomId,
        now: Date.now,
        log,
        onKill: (dev, sid) => rec?.deviceId === dev && rec.sessionId === sid && stopRecording(false),
      });
      // Remote config: the cached answer applies at once, a fresh one when it arrives; only where configured.
      const url = replayConfigUrl(c.apiKey, options.configServerUrl ?? (c.remoteConfig?.fetchRemoteConfig === false ? undefined : c.remoteConfig?.serverUrl));
      if (url) {
        remote = cachedReplayConfig(page.pageLocalStorage(), c.apiKey) ?? {};
        void fetchReplayConfig(page.pageFetch(), url).then((fresh) => {
          if (!fresh || !config) return;
          const privacyChanged = JSON.stringify(fresh.privacy) !== JSON.stringify(remote.privacy);
          remote = fresh;
          if (privacyChanged) stopRecording(true); // restarted below with the new masking, from a full snapshot
          sync();
        });
      }
      const maxSizeMs = Math.max(1000, options.flushIntervalConfig?.maxIntervalMs ?? 10_000);
      interval = setInterval(() => {
        sync();
        if (rec) hand(rec);
      }, maxSizeMs);
      undo = page.onPageHide(() => {
        const r = rec;
        delivery?.exit(r && allowed() ? { deviceId: r.deviceId, sessionId: r.sessionId, raw: r.buffer.splice(0) } : undefined);
      });
      page.whenIdle(() => {
        if (!config || !delivery) return;
        if (allowed()) void delivery.start();
        sync();
      });
    },
    execute(event: Event) {
      sync();
      if (rec && event.event_type !== '$identify' && event.session_id === rec.sessionId) {
        const props = properties();
        if (props[REPLAY_PROPERTY]) event.event_properties = { ...event.event_properties, ...props };
      }
      return event;
    },
    onSessionIdChanged: () => sync(),
    onOptOutChanged: () => sync(),
    onIdentityChanged: () => sync(),
    onReset: () => sync(),
    getSessionReplayProperties: properties,
    async flush() {
      if (rec) hand(rec);
      await delivery?.flush();
    },
    teardown() {
      stopRecording(true);
      clearInterval(interval);
      undo?.();
      delivery?.stop();
      config = undefined;
      delivery = undefined;
    },
  };
};
