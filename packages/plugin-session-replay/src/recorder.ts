// Starts rrweb with replay's masking (plugin-masking's rules) and hands its events to a sink.
import { replayMasking, type ReplayPrivacyConfig } from '@footprint/plugin-masking';

/** The part of rrweb's `record` used here. */
export type RecordFn = (options: Record<string, unknown>) => (() => void) | undefined;

/** What {@link startRecorder} records with. */
export interface RecorderOptions {
  privacy: ReplayPrivacyConfig;
  inlineStylesheet: boolean;
  inlineImages: boolean;
  isValidSelector?: (selector: string) => boolean;
  emit(event: { type: number; timestamp: number; data: unknown }): void;
  log: { debug(...a: unknown[]): void };
}

/**
 * Starts recording with `record`; returns the stop function. Errors inside rrweb's observers are
 * swallowed (logged at debug), so the host page never sees them.
 * @example const stop = startRecorder(record, { privacy: {}, inlineStylesheet: true, inlineImages: false, emit, log });
 */
export const startRecorder = (record: RecordFn, o: RecorderOptions): (() => void) => {
  const m = replayMasking(o.privacy, o.isValidSelector);
  const stop = record({
    emit: o.emit,
    blockSelector: m.blockSelector,
    // Every text node goes through maskText, which applies the level, the selectors and the patterns.
    maskTextSelector: '*',
    maskTextFn: (text: string, el: Element | null) => m.maskText(text, el),
    maskAllInputs: true,
    maskInputFn: (text: string, el: Element | null) => m.maskInput(text, el),
    inlineStylesheet: o.inlineStylesheet,
    inlineImages: o.inlineImages,
    slimDOMOptions: 'all',
    // Fewer events for the same replay: coalesced scrolls and mouse moves, only the last input value.
    sampling: { mousemove: 50, scroll: 150, media: 800, input: 'last' },
    errorHandler: (e: unknown) => {
      o.log.debug('session replay: recorder error', e);
      return true;
    },
  });
  return () => {
    try {
      stop?.();
    } catch (e) {
      o.log.debug('session replay: stop failed', e);
    }
  };
};
