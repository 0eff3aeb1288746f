// The delivery engine's environment contracts (docs/protocol.md §A.4–A.7, docs/differences.md §C.1–C.5), declared
// with every other option in ../types.ts. Core stays DOM-free: the browser layer implements them and passes them in.
export type { Connectivity, DeliveryOptions, DeliveryRequest, DeliveryTransport, PageLifecycle, StorageProvider, TabLocks, TransportName } from '../types';
