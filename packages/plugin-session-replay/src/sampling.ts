// Deterministic sampling: the decision is a function of the session id alone, so every reload and tab
// of one session decides the same way (docs/session-replay.md "Sampling").

/** A 32-bit hash of `text`: FNV-1a with a final avalanche so nearby ids (ms timestamps) spread evenly. */
export const hash32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/**
 * Whether the session `sessionId` is recorded at `sampleRate` (0–1).
 * @example inSample(1733456789000, 0.5) // the same answer on every call
 */
export const inSample = (sessionId: number | string, sampleRate: number): boolean =>
  sampleRate >= 1 || (sampleRate > 0 && (hash32(String(sessionId)) % 1_000_000) / 1_000_000 < sampleRate);
