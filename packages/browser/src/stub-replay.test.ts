import { describe, expect, it } from 'vitest';
import { createInstance, Identify, type Event } from './index';
import { fromStub, withStubReplay } from './stub-replay';

describe('the script tag rebuilds the snippet’s recorded Identify and Revenue', () => {
  it('replays a stub’s calls onto a real object and leaves anything else as it is', () => {
    const real = fromStub({ _q: [{ name: 'set', args: ['k', 'v'] }, { name: 'nope', args: [] }] }, () => new Identify()) as Identify;
    expect(real.getUserProperties()).toEqual({ $set: { k: 'v' } });
    const given = new Identify();
    expect(fromStub(given, () => new Identify())).toBe(given);
    expect(fromStub('x', () => new Identify())).toBe('x');
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(fromStub(hostile, () => new Identify())).toBe(hostile);
  });

  it('identify, groupIdentify and revenue of a wrapped client send what the stubs recorded', async () => {
    const sent: Event[] = [];
    const client = withStubReplay(createInstance());
    await client.init('stub-replay-key', { autocapture: false, transportProvider: { send: async (_u: string, p: { events: Event[] }) => (sent.push(...p.events), { status: 200, body: { code: 200 } }) } }).promise;
    await client.identify({ _q: [{ name: 'set', args: ['k', 'v'] }] } as never).promise;
    await client.groupIdentify('org', 'acme', { _q: [{ name: 'set', args: ['seats', 4] }] } as never).promise;
    expect(await client.revenue({ _q: [{ name: 'setPrice', args: [3] }] } as never).promise).toMatchObject({ code: 200 });
    await client.flush().promise;
    expect(sent.find((e) => e.event_type === '$identify')?.user_properties).toEqual({ $set: { k: 'v' } });
    expect(sent.find((e) => e.event_type === '$groupidentify')?.group_properties).toEqual({ $set: { seats: 4 } });
    expect(sent.find((e) => e.event_type === 'revenue_amount')?.event_properties).toMatchObject({ $price: 3, $quantity: 1 });
  });
});
