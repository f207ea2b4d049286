import type { Detector } from './detector.js';

/** Every detector, in one list (k8sgpt's analyzer map, without I/O). */
export const detectors: readonly Detector[] = [];
