import type { Transport, TransportResponse } from '@footprint/core';

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Uploads with `fetch`; resolves `null` on network errors instead of throwing. */
export const fetchTransport = (fetchImpl: typeof fetch = (...a) => fetch(...a), extraHeaders: Record<string, string> = {}): Transport => ({
  async send(url, payload): Promise<TransportResponse | null> {
    try {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: '*/*', ...extraHeaders },
        body: JSON.stringify(payload),
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      return { status: res.status, body: parse(await res.text()), headers };
    } catch {
      return null;
    }
  },
});
