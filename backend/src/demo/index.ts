export type { ReactVersion } from './host-assets.js';
export { REACT_VERSIONS } from './host-assets.js';
export { type Demo, type DemoOptions, startDemo } from './start-demo.js';
