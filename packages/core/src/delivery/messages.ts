// Result messages: the anchor's wording where it has one (docs/protocol.md §A.2), ours where our behaviour differs.
export const SUCCESS = 'Event tracked successfully';
export const MISSING_API_KEY = 'Event rejected due to missing API key';
export const UNEXPECTED = 'Unexpected error occurred';
export const QUEUE_OVERFLOW = 'Event rejected: the unsent-event queue is full (maxQueuedEvents/maxQueuedBytes); the endpoint has not been reachable for a long time';
export const OVERSIZE = 'Event dropped: it is larger than the server accepts in one request';
export const PARKED = 'Event not delivered yet: retries exhausted for this page; it stays stored and is retried on the next page load, when back online, or on flush()';
export const ADOPTED = 'Event handed over to another tab for delivery';
