import { sanitize } from './sanitize';
import { typeProblem } from './validate';
import { RevenueProperty, type Properties } from './types';

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

const setIf = (ok: boolean, r: Revenue, key: keyof Revenue, v: unknown): Revenue => {
  if (ok) (r as any)[key] = v;
  return r;
};
const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Describes one purchase for `revenue()`: sent as a `revenue_amount` event whose `$`-prefixed
 * properties drive revenue charts. A price (or a revenue amount) is required. Every setter ignores a
 * value of the wrong type (docs/bad-input.md) and never throws.
 * @example
 * revenue(new Revenue().setProductId('sku-1').setPrice(3.99).setQuantity(3).setRevenueType('purchase'));
 */
export class Revenue {
  productId = '';
  quantity = 1;
  price?: number;
  revenueType?: string;
  currency?: string;
  revenue?: number;
  receipt?: string;
  receiptSig?: string;
  properties?: Properties;

  /** @default '' */
  setProductId(productId: string): Revenue {
    return setIf(isString(productId), this, 'productId', productId);
  }
  /** A whole number greater than 0; anything else is ignored. @default 1 */
  setQuantity(quantity: number): Revenue {
    return setIf(Number.isSafeInteger(quantity) && quantity > 0, this, 'quantity', quantity);
  }
  /** Unit price; may be negative (a refund). Required unless `setRevenue` is used. */
  setPrice(price: number): Revenue {
    return setIf(finite(price), this, 'price', price);
  }
  setRevenueType(revenueType: string): Revenue {
    return setIf(isString(revenueType), this, 'revenueType', revenueType);
  }
  /** ISO 4217 code, e.g. `'EUR'`. */
  setCurrency(currency: string): Revenue {
    return setIf(isString(currency), this, 'currency', currency);
  }
  /** Total amount; the server prefers price × quantity when a price is set. */
  setRevenue(revenue: number): Revenue {
    return setIf(finite(revenue), this, 'revenue', revenue);
  }
  setReceipt(receipt: string): Revenue {
    return setIf(isString(receipt), this, 'receipt', receipt);
  }
  /** The receipt's signature (the anchor's documented name; `setReceiptSig` is the same). */
  setReceiptSignature(receiptSig: string): Revenue {
    return setIf(isString(receiptSig), this, 'receiptSig', receiptSig);
  }
  setReceiptSig(receiptSig: string): Revenue {
    return this.setReceiptSignature(receiptSig);
  }
  /** Extra event properties (a plain object), copied as they would be sent; anything else is ignored. */
  setEventProperties(properties: Properties): Revenue {
    const copy = sanitize(properties, []);
    return setIf(Object.prototype.toString.call(copy) === '[object Object]', this, 'properties', copy);
  }
  /** The `event_properties` of the revenue event. */
  getEventProperties(): Properties {
    return {
      ...this.properties,
      [RevenueProperty.REVENUE_PRODUCT_ID]: this.productId,
      [RevenueProperty.REVENUE_QUANTITY]: this.quantity,
      [RevenueProperty.REVENUE_PRICE]: this.price,
      [RevenueProperty.REVENUE_TYPE]: this.revenueType,
      [RevenueProperty.REVENUE_CURRENCY]: this.currency,
      [RevenueProperty.REVENUE]: this.revenue,
      [RevenueProperty.RECEIPT]: this.receipt,
      [RevenueProperty.RECEIPT_SIG]: this.receiptSig,
    };
  }
}

/** Amplitude's name for the Revenue interface. */
export type IRevenue = Pick<Revenue, 'getEventProperties'> & Partial<Revenue>;

const REVENUE_FIELDS: Record<string, string> = { $price: 'n', $revenue: 'n', $quantity: 'i', $productId: 's', $revenueType: 's', $currency: 's', $receipt: 's', $receiptSig: 's' };

/** Why a revenue event's properties cannot be sent, or `undefined` when they can. */
export const revenueProblem = (p: Properties): string | undefined =>
  typeProblem(p, REVENUE_FIELDS, false) ??
  (finite(p.$price) || (p.$price == null && finite(p.$revenue)) ? undefined : (__DEV__ ? 'Revenue skipped: set a numeric price with setPrice(number) (or an amount with setRevenue(number))' : 'E35 revenue: no numeric price'));
