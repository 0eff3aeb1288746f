import { describe, expect, it } from 'vitest';
import { Revenue, revenueProblem } from './revenue';

describe('Revenue', () => {
  it('defaults to productId "" and quantity 1, with no price', () => {
    const r = new Revenue();
    expect(r.getEventProperties()).toMatchObject({ $productId: '', $quantity: 1 });
    expect(r.getEventProperties().$price).toBeUndefined();
  });

  it('ignores a quantity that is not above 0', () => {
    expect(new Revenue().setQuantity(0).setQuantity(-2).quantity).toBe(1);
    expect(new Revenue().setQuantity(4).quantity).toBe(4);
  });

  it('keeps only JSON-safe event properties, and ignores unserialisable ones', () => {
    expect(new Revenue().setEventProperties({ a: 1, f: () => 1, u: undefined }).properties).toEqual({ a: 1 });
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(new Revenue().setEventProperties(cyclic).properties).toEqual({ self: '[Circular]' });
    expect(new Revenue().setEventProperties('nope' as any).properties).toBeUndefined();
  });

  it('the $ properties override same-named event properties', () => {
    expect(new Revenue().setEventProperties({ $price: 'fake' }).setPrice(2).getEventProperties().$price).toBe(2);
  });

  it('needs a finite price, or a revenue amount when no price is set', () => {
    const problem = (r: Revenue) => revenueProblem(r.getEventProperties());
    expect(problem(new Revenue().setPrice(0))).toBeUndefined();
    expect(problem(new Revenue().setPrice(-5))).toBeUndefined();
    expect(problem(new Revenue().setRevenue(10))).toBeUndefined();
    expect(problem(new Revenue())).toMatch(/setPrice/);
    expect(problem(new Revenue().setPrice(Infinity))).toMatch(/setPrice/);
    // A setter ignores a value of the wrong type: the revenue amount is then what counts.
    expect(problem(new Revenue().setPrice(NaN).setRevenue(3))).toBeUndefined();
    expect(revenueProblem({ $price: 1, $quantity: 1.5 })).toMatch(/\$quantity should be an integer/);
    expect(revenueProblem({ $price: 1, $productId: {} })).toMatch(/\$productId should be a string, got object/);
  });

  it('setters never throw and ignore values of the wrong type (the builders agree)', () => {
    const hostile = [Symbol('s'), 1n, Object.create(null), { [Symbol.toPrimitive]: () => { throw new Error('x'); } }, new Proxy({}, { get: () => { throw new Error('trap'); } }), NaN];
    for (const v of hostile as any[]) {
      const r = new Revenue().setQuantity(v).setPrice(v).setRevenue(v).setProductId(v).setCurrency(v).setRevenueType(v).setReceipt(v).setReceiptSignature(v).setEventProperties(v);
      expect(r.getEventProperties()).toMatchObject({ $quantity: 1, $productId: '' });
      expect(r.price).toBeUndefined();
    }
    expect(new Revenue().setReceiptSignature('sig').getEventProperties().$receiptSig).toBe('sig');
  });
});
