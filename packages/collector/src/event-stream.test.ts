// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, makeEvent, startTestCollector, upload } from './test-helpers';

afterEach(cleanup);

/** Reads SSE messages from a fetch body until `until` is satisfied. */
async function readMessages(res: Response, until: (messages: { event: string; data: any }[]) => boolean) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: { event: string; data: any }[] = [];
  let buffer = '';
  while (!until(messages)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) messages.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return messages;
}

describe('GET /_footprint/stream', () => {
  it('replays history on connect, then delivers each accepted upload, rejection, upload record and fault change', async () => {
    const { collector, post } = await startTestCollector();
    await post(upload([makeEvent({ insert_id: 'before' })]));
    const res = await fetch(`${collector.url}/_footprint/stream`);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reading = readMessages(res, (m) => m.filter((x) => x.event === 'reject' && !x.data.replay).length === 2);
    // The replay is written before the response resolves, so what follows is live.
    await post(upload([makeEvent({ insert_id: 'live', event_type: 'Live Event' })]));
    await fetch(`${collector.url}/_footprint/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"status":503}' });
    await post(upload([makeEvent()]));
    await post('not json');
    const messages = await reading;
    expect(messages.slice(0, 4)).toMatchObject([
      { event: 'ingest', data: { replay: true, events: [{ insert_id: 'before' }] } },
      { event: 'reject', data: { replay: true, rejected: [] } },
      { event: 'upload', data: { replay: true, uploads: [{ status: 200, events: 1 }] } },
      { event: 'faults', data: { pending: [] } },
    ]);
    const live = messages.slice(4);
    expect(live.filter((m) => m.event === 'ingest')).toMatchObject([{ data: { events: [{ insert_id: 'live', event_type: 'Live Event' }] } }]);
    expect(live.filter((m) => m.event === 'upload').map((m) => [m.data.uploads[0].status, m.data.uploads[0].fault])).toEqual([
      [200, undefined],
      [503, '503'],
      [400, undefined],
    ]);
    expect(live.filter((m) => m.event === 'faults').map((m) => m.data.pending.length)).toEqual([1, 0]);
    expect(live.filter((m) => m.event === 'reject').map((m) => m.data.rejected[0].status)).toEqual([503, 400]);
  });
});
