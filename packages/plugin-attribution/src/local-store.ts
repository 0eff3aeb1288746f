import { memoryStorage, type Storage } from '@footprint/core';
import { webStore } from '@footprint/dom';

/**
 * localStorage as an async {@link Storage} of JSON values (the anchor's LocalStorage format), or memory
 * when localStorage can't be used. Never throws: a full or blocked storage is ignored; `reset` removes
 * only what this store wrote.
 * @example
 * await localStore<Campaign>(window).set('AMP_MKTG_0123456789', { utm_source: 'news' });
 */
export const localStore = <T>(win: Window): Storage<T> => webStore<T>(win, 'localStorage') ?? memoryStorage<T>();
