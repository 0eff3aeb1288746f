// Where unsent replay chunks wait: IndexedDB (durable across reloads and closed tabs), or memory.
// Cross-tab ownership: a chunk belongs to the tab that recorded it while that tab lives (it holds a Web
// Lock named after itself); a later page adopts chunks whose tab is gone. See docs/session-replay.md "Delivery".

/** A stored chunk: serialized rrweb events of one device and session, in recording order. */
export interface StoredChunk {
  id: string;
  /** The first 10 characters of the API key: several projects on one origin keep apart. */
  scope: string;
  owner: string;
  deviceId: string;
  sessionId: number;
  events: string[];
  bytes: number;
}

/** Durable chunk storage. Every method settles (errors are swallowed: replay is best effort there). */
export interface ChunkStore {
  /** Chunks of this scope that this tab may send: its own and those of tabs that are gone. */
  adopt(owner: string, alive: (owner: string) => Promise<boolean>): Promise<StoredChunk[]>;
  put(chunk: StoredChunk): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** Deletes every chunk of this scope (opt-out, consent withdrawn). */
  clear(): Promise<void>;
}

/** A store in memory only (`storeType: 'memory'`, or where IndexedDB is missing). */
export const memoryStore = (): ChunkStore => ({
  adopt: async () => [],
  put: async () => {},
  remove: async () => {},
  clear: async () => {},
});

const DB = 'footprint_replay';
const STORE = 'chunks';

const done = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/**
 * Chunks in IndexedDB database `footprint_replay`, object store `chunks` (key `id`). Falls back to
 * nothing stored when the database cannot be opened (private modes, blocked storage).
 * @example const store = idbStore(indexedDB, apiKey.slice(0, 10));
 */
export const idbStore = (idb: IDBFactory, scope: string): ChunkStore => {
  let db: Promise<IDBDatabase | undefined> | undefined;
  const open = () =>
    (db ??= new Promise<IDBDatabase | undefined>((resolve) => {
      try {
        const r = idb.open(DB, 1);
        r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'id' });
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => resolve(undefined);
        r.onblocked = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    }));
  const tx = async <T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => Promise<T>, fallback: T): Promise<T> => {
    try {
      const d = await open();
      if (!d) return fallback;
      const t = d.transaction(STORE, mode);
      const out = await work(t.objectStore(STORE));
      await new Promise<void>((resolve, reject) => {
        t.oncomplete = () => resolve();
        t.onerror = t.onabort = () => reject(t.error);
      });
      return out;
    } catch {
      return fallback;
    }
  };
  const mine = (all: StoredChunk[]) => all.filter((c) => c.scope === scope);
  return {
    async adopt(owner, alive) {
      const all = mine(await tx('readonly', (s) => done(s.getAll() as IDBRequest<StoredChunk[]>), []));
      const owners = new Map<string, boolean>();
      for (const c of all) if (c.owner !== owner && !owners.has(c.owner)) owners.set(c.owner, await alive(c.owner));
      const taken = all.filter((c) => c.owner === owner || !owners.get(c.owner));
      const moved = taken.filter((c) => c.owner !== owner);
      if (moved.length) await tx('readwrite', async (s) => moved.forEach((c) => s.put({ ...c, owner })), undefined);
      return taken.map((c) => ({ ...c, owner }));
    },
    put: (chunk) => tx('readwrite', async (s) => void s.put(chunk), undefined),
    remove: (ids) => (ids.length ? tx('readwrite', async (s) => ids.forEach((id) => s.delete(id)), undefined) : Promise.resolve()),
    clear: () =>
      tx(
        'readwrite',
        async (s) => {
          for (const c of mine(await done(s.getAll() as IDBRequest<StoredChunk[]>))) s.delete(c.id);
        },
        undefined,
      ),
  };
};
