export { webVitalsPlugin } from './web-vitals-plugin';
export { WEB_VITALS, metricProperty, type MetricLike, type MetricProperty } from './vitals';
// The page the metrics belong to, described as page views describe it (`[Amplitude] Page Domain`, `Page
// Location`, `Page Path`, `Page Title`, `Page URL`).
export { pageProperties } from '@footprint/dom';
