export { destinationPlugin } from './delivery/engine';
export type { DeliveryPlugin } from './types';
