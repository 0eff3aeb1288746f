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
  it('replays history on connect, then delivers each accepted upload and rejection', async () => {
    const { collector, post } = await startTestCollector();
    await post(upload([makeEvent({ insert_id: 'before' })]));
    const res = await fetch(`${collector.url}/_footprint/stream`);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reading = readMessages(res, (m) => m.length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await post(upload([makeEvent({ insert_id: 'live', event_type: 'Live Event' })]));
    await post('not json');
    const messages = await reading;
    expect(messages[0]).toMatchObject({ event: 'ingest', data: { replay: true, events: [{ insert_id: 'before' }] } });
    expect(messages[1]).toMatchObject({ event: 'reject', data: { replay: true, rejected: [] } });
    expect(messages[2]).toMatchObject({ event: 'ingest', data: { events: [{ insert_id: 'live', event_type: 'Live Event' }] } });
    expect(messages[3]).toMatchObject({ event: 'reject', data: { rejected: [{ status: 400, error: 'Invalid JSON request body' }] } });
  });
});
