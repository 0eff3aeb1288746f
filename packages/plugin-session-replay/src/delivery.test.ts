import { describe, expect, it, vi } from 'vitest';
import { replayDelivery, type DeliveryEnv } from './delivery';
import { packHere } from './pack';
import { memoryStore, type ChunkStore, type StoredChunk } from './store';
import { inSample } from './sampling';
import { backoff, body, uploadUrl, verdict } from './wire';
import type { ReplaySendRequest } from './options';

const ev = (type: number, n = 0) => ({ type, timestamp: 1000 + n, data: { n } });
const tick = () => new Promise((r) => setTimeout(r, 0));

const setup = (answers: Array<{ status: number; skipped?: string | null }>, extra: Partial<DeliveryEnv> = {}) => {
  const sent: ReplaySendRequest[] = [];
  const saved = new Map<string, StoredChunk>();
  const store: ChunkStore = {
    ...memoryStore(),
    put: async (c) => void saved.set(c.id, c),
    remove: async (ids) => ids.forEach((id) => saved.delete(id)),
    clear: async () => saved.clear(),
  };
  let n = 0;
  const env: DeliveryEnv = {
    apiKey: 'key-1234567890',
    url: 'https://sr.example/track',
    store,
    marks: { read: () => [], add: vi.fn(), clear: vi.fn() },
    pack: packHere(undefined),
    owner: 'tab',
    alive: async () => false,
    send: async (r) => {
      sent.push(r);
      const a = answers.shift() ?? { status: 200 };
      return { status: a.status, skipped: a.skipped ?? null };
    },
    gzip: false,
    pageUrl: () => 'https://shop.example/cart?token=secret',
    sampleRate: () => 1,
    allowed: () => true,
    maxBytes: 1e6,
    timeoutMs: 1000,
    uuid: () => `c${++n}`,
    now: Date.now,
    log: { debug() {}, warn() {} },
    onKill: vi.fn(),
    ...extra,
  };
  return { d: replayDelivery(env), sent, saved, env };
};

describe('wire', () => {
  it('builds the anchor URL and body, and classifies answers', () => {
    expect(uploadUrl('https://h/t', 'd 1', 5, 'k')).toBe('https://h/t?device_id=d+1&session_id=5&type=replay&api_key=k');
    expect(JSON.parse(body(['{"type":4}']))).toEqual({ version: 1, events: ['{"type":4}'] });
    expect([verdict(200, null), verdict(200, '429'), verdict(200, '4005'), verdict(413, null), verdict(503, null), verdict(0, null), verdict(400, null)]).toEqual(['done', 'pause', 'kill', 'split', 'retry', 'retry', 'drop']);
    expect(backoff(1, () => 1)).toBe(1000);
    expect(backoff(20, () => 1)).toBe(60_000);
  });

  it('samples deterministically per session', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => 1_700_000_000_000 + i * 1000);
    const share = ids.filter((id) => inSample(id, 0.3)).length / ids.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(ids.map((id) => inSample(id, 0.3))).toEqual(ids.map((id) => inSample(id, 0.3)));
    expect(inSample(ids[0], 0)).toBe(false);
  });
});

describe('replayDelivery', () => {
  it('uploads with the Bearer key and anchor headers, and forgets the chunk once answered', async () => {
    const { d, sent, saved } = setup([{ status: 200 }]);
    d.add('dev', 7, [ev(4), ev(2)]);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const [r] = sent;
    expect(r.url).toBe('https://sr.example/track?device_id=dev&session_id=7&type=replay');
    expect(r.headers).toMatchObject({ Authorization: 'Bearer key-1234567890', 'Content-Type': 'application/json' });
    expect(r.headers['X-Client-Url']).not.toContain('secret');
    expect(JSON.parse(r.body as string).events.map((e: string) => JSON.parse(e).type)).toEqual([4, 2]);
    await vi.waitFor(() => expect(saved.size).toBe(0));
  });

  it('a chunk sent while resuming read the store is not adopted and sent again', async () => {
    // start() reads the store (slowly: other tabs' locks are asked) while the page's first upload goes out.
    let answer!: () => void;
    let release!: () => void;
    const answered = new Promise<void>((r) => (answer = r));
    const gate = new Promise<void>((r) => (release = r));
    const { d, sent, saved, env } = setup([]);
    const post = env.send;
    env.send = async (r, t) => (await answered, post(r, t));
    env.store.adopt = async (owner) => {
      const snapshot = [...saved.values()];
      await gate;
      return snapshot.map((c) => ({ ...c, owner }));
    };
    d.add('dev', 7, [ev(4), ev(2)]);
    await vi.waitFor(() => expect(sent.length + saved.size).toBe(1)); // sealed and stored, the upload under way
    const resumed = d.start();
    answer();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    await vi.waitFor(() => expect(saved.size).toBe(0)); // answered and forgotten
    release();
    await resumed;
    await tick();
    expect(sent).toHaveLength(1);
    expect(d.size()).toBe(0);
  });

  it('sends a body over the keepalive limit as halves, so every upload can outlive a page exit', async () => {
    const { d, sent } = setup([]);
    const big = (n: number) => ({ type: 3, timestamp: n, data: { text: String(n).repeat(20_000) } });
    d.add('dev', 7, [big(1), big(2), big(3), big(4)]);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.map((r) => JSON.parse(r.body as string).events.length)).toEqual([2, 2]);
    expect(sent.every((r) => r.keepalive && (r.body as string).length <= 48 * 1024)).toBe(true);
    // A single event over the limit cannot be split: it goes as one ordinary request.
    d.add('dev', 7, [{ type: 2, timestamp: 9, data: { text: 'x'.repeat(60_000) } }]);
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    expect(sent[2].keepalive).toBe(false);
  });

  it('bisects on 413 and sends each half once', async () => {
    const { d, sent } = setup([{ status: 413 }]);
    d.add('dev', 7, [ev(3, 1), ev(3, 2), ev(3, 3), ev(3, 4)]);
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    const counts = sent.map((r) => JSON.parse(r.body as string).events.length);
    expect(counts).toEqual([4, 2, 2]);
    await tick();
    expect(sent).toHaveLength(3);
  });

  it('stops a session the server skips with 4005, and pauses on 429', async () => {
    const { d, sent, env } = setup([{ status: 200, skipped: '4005' }]);
    d.add('dev', 7, [ev(4)]);
    await vi.waitFor(() => expect(env.onKill).toHaveBeenCalledWith('dev', 7));
    expect(d.killed('dev', 7)).toBe(true);
    d.add('dev', 7, [ev(3)]);
    await tick();
    expect(sent).toHaveLength(1);
  });

  it('retries after a network failure, with backoff', async () => {
    vi.useFakeTimers();
    try {
      const { d, sent } = setup([{ status: 0 }, { status: 200 }]);
      d.add('dev', 7, [ev(4)]);
      await vi.waitFor(() => expect(sent).toHaveLength(1));
      await vi.advanceTimersByTimeAsync(999 + 1000);
      expect(sent).toHaveLength(2);
      expect(d.size()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('at page exit beacons the open events with api_key, marks them sent, and stores what does not fit', async () => {
    const beacons: Array<[string, string]> = [];
    const { d, saved, env } = setup([], { beacon: (u, b) => (beacons.push([u, b]), true), allowed: () => true });
    d.exit({ deviceId: 'dev', sessionId: 7, raw: [ev(3, 1)] });
    expect(beacons).toHaveLength(1);
    expect(beacons[0][0]).toContain('&api_key=key-1234567890');
    expect(JSON.parse(beacons[0][1]).events).toHaveLength(1);
    expect(env.marks.add).toHaveBeenCalled();
    const big = 'x'.repeat(70 * 1024);
    d.exit({ deviceId: 'dev', sessionId: 7, raw: [{ type: 3, timestamp: 1, data: big }] });
    expect(beacons).toHaveLength(1);
    await tick();
    expect(saved.size).toBe(1);
  });

  it('nothing is stored or sent when not allowed, and purge forgets what waits', async () => {
    let ok = false;
    const { d, sent, saved } = setup([], { allowed: () => ok });
    d.add('dev', 7, [ev(4)]);
    await tick();
    expect(sent).toHaveLength(0);
    expect(saved.size).toBe(0);
    ok = true;
    d.add('dev', 7, [ev(4)]);
    d.purge();
    await tick();
    expect(sent).toHaveLength(0);
    expect(saved.size).toBe(0);
  });
});
