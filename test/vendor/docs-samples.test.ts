import { describe, expect, it } from 'vitest';
import { ALL_SAMPLES } from '../fixtures/docs-samples';
import { vendorPage } from './spec';

// test/e2e/docs-samples.test.ts runs the Browser SDK 2 documentation samples against the collector. This
// checks that the copies it runs are still, character for character, what the documentation prints.
describe('Browser SDK 2 documentation samples', () => {
  it('copies every sample literally from the doc', () => {
    const doc = vendorPage('browser-sdk.md');
    for (const sample of ALL_SAMPLES) expect(doc, sample.slice(0, 60)).toContain(sample);
  });
});
