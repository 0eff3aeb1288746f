import { RevenueProperty, type Properties } from './types';

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * Describes one purchase for `revenue()`: sent as a `revenue_amount` event whose `$`-prefixed
 * properties drive revenue charts. A price (or a revenue amount) is required.
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
    this.productId = productId;
    return this;
  }
  /** Ignored unless greater than 0. @default 1 */
  setQuantity(quantity: number): Revenue {
    if (quantity > 0) this.quantity = quantity;
    return this;
  }
  /** Unit price; may be negative (a refund). Required unless `setRevenue` is used. */
  setPrice(price: number): Revenue {
    this.price = price;
    return this;
  }
  setRevenueType(revenueType: string): Revenue {
    this.revenueType = revenueType;
    return this;
  }
  /** ISO 4217 code, e.g. `'EUR'`. */
  setCurrency(currency: string): Revenue {
    this.currency = currency;
    return this;
  }
  /** Total amount; the server prefers price × quantity when a price is set. */
  setRevenue(revenue: number): Revenue {
    this.revenue = revenue;
    return this;
  }
  setReceipt(receipt: string): Revenue {
    this.receipt = receipt;
    return this;
  }
  setReceiptSig(receiptSig: string): Revenue {
    this.receiptSig = receiptSig;
    return this;
  }
  /** Extra event properties; values JSON cannot carry (functions, undefined) are dropped. */
  setEventProperties(properties: Properties): Revenue {
    try {
      const copy = JSON.parse(JSON.stringify(properties));
      if (copy && typeof copy === 'object' && !Array.isArray(copy)) this.properties = copy;
    } catch {
      // not serialisable (a cycle, a BigInt): ignored, as documented
    }
    return this;
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

/** Why a revenue object cannot be sent, or `undefined` when it can. */
export const revenueProblem = (r: IRevenue): string | undefined =>
  finite(r.price) || (r.price === undefined && finite(r.revenue))
    ? undefined
    : 'Revenue skipped: set a numeric price with setPrice(number) (or an amount with setRevenue(number))';
