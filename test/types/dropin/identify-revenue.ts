import * as amplitude from '@amplitude/analytics-browser';
import { Identify, Revenue, Types } from '@amplitude/analytics-browser';

const identifyEvent = new Identify()
  .set('plan', 'pro')
  .setOnce('first_seen', '2024-01-01')
  .add('logins', 1)
  .append('tags', 'beta')
  .prepend('tags', ['early'])
  .preInsert('list', 'a')
  .postInsert('list', 'z')
  .remove('list', 'b')
  .unset('old');
amplitude.identify(identifyEvent);
amplitude.identify(new Identify().clearAll());
amplitude.identify(identifyEvent, { user_id: 'user@example.com', device_id: 'device-12345' });
const props: Types.IIdentify = identifyEvent;
amplitude.identify(props);
amplitude.groupIdentify('org', 'acme', new Identify().set('seats', 40));
amplitude.groupIdentify('org', ['a', 'b'], new Identify().set('seats', 40), { time: Date.now() });
amplitude.setGroup('org', 'acme');
amplitude.setGroup('sport', ['tennis', 'soccer']);

const event = new Revenue()
  .setProductId('sku-1')
  .setPrice(3.99)
  .setQuantity(3)
  .setRevenueType('purchase')
  .setCurrency('EUR')
  .setRevenue(11.97)
  .setReceipt('receipt')
  .setReceiptSig('sig')
  .setEventProperties({ category: 'books' });
amplitude.revenue(event);
const asInterface: Types.IRevenue = event;
amplitude.revenue(asInterface, { user_id: 'user@example.com' });

amplitude.setUserId('user@example.com');
amplitude.setUserId(undefined);
amplitude.setDeviceId('device-12345');
amplitude.setSessionId(Date.now());
amplitude.extendSession();
amplitude.reset();
amplitude.setOptOut(true);
amplitude.setTransport('beacon');
amplitude.setTransport({ type: 'fetch', headers: { 'X-App': '1' } });
const userId: string | undefined = amplitude.getUserId();
const deviceId: string | undefined = amplitude.getDeviceId();
const sessionId: number | undefined = amplitude.getSessionId();
const optOut: boolean | undefined = amplitude.getOptOut();
const identity = amplitude.getIdentity();
amplitude.setIdentity({ userId: 'u', deviceId: 'd', userProperties: { a: 1 } });
console.log(userId, deviceId, sessionId, optOut, identity.userProperties);
