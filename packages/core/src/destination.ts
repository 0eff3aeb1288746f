export { destinationPlugin, type DeliveryPlugin } from './delivery/engine';
