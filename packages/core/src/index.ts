export { createClient, type Client, type Environment } from './client';
export { destinationPlugin } from './destination';
export { createLogger } from './logger';
export { uuid } from './uuid';
export * from './types';
