export { webVitalsPlugin } from './web-vitals-plugin';
export { WEB_VITALS, metricProperty, pageProperties, type MetricLike, type MetricProperty } from './vitals';
