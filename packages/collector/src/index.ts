export { startCollector, INGEST_PATHS } from './server';
export type { Collector, CollectorOptions, CollectorSnapshot, CollectorStore, RejectedUpload, StoredEvent, UploadRecord } from './types';
export type { FaultSpec } from './faults';
export {
  validateUpload,
  parseUploadJson,
  checkEvents,
  DEFAULT_MIN_ID_LENGTH,
  INVALID_ID_VALUES,
  MAX_STRING_LENGTH,
} from './validate';
export type { ErrorBody, IndexMap, IngestEvent, ValidationResult } from './validate';
export { parseCliArgs } from './cli-args';
