import { comparisonErrorDetector } from './comparison-error.js';
import { crashLoopBackOffDetector } from './crash-loop-back-off.js';
import { createContainerConfigErrorDetector } from './create-container-config-error.js';
import { degradedDetector } from './degraded.js';
import type { Detector } from './detector.js';
import { evictedDetector } from './evicted.js';
import { failedCreateDetector } from './failed-create.js';
import { failedMountDetector } from './failed-mount.js';
import { hpaMetricsUnavailableDetector } from './hpa-metrics-unavailable.js';
import { imagePullBackOffDetector } from './image-pull-back-off.js';
import { ingressMisconfiguredDetector } from './ingress-misconfigured.js';
import { initContainerFailedDetector } from './init-container-failed.js';
import { jobFailedDetector } from './job-failed.js';
import { oomKilledDetector } from './oom-killed.js';
import { probeFailedDetector } from './probe-failed.js';
import { progressDeadlineExceededDetector } from './progress-deadline-exceeded.js';
import { pvcPendingDetector } from './pvc-pending.js';
import { runContainerErrorDetector } from './run-container-error.js';
import { serviceNoEndpointsDetector } from './service-no-endpoints.js';
import { syncFailedDetector } from './sync-failed.js';
import { unschedulableDetector } from './unschedulable.js';

/** Every detector, in one list (k8sgpt's analyzer map, without I/O): one per symptom type. */
export const detectors: readonly Detector[] = [
  imagePullBackOffDetector,
  crashLoopBackOffDetector,
  oomKilledDetector,
  createContainerConfigErrorDetector,
  runContainerErrorDetector,
  initContainerFailedDetector,
  failedMountDetector,
  unschedulableDetector,
  probeFailedDetector,
  evictedDetector,
  progressDeadlineExceededDetector,
  failedCreateDetector,
  jobFailedDetector,
  serviceNoEndpointsDetector,
  ingressMisconfiguredDetector,
  pvcPendingDetector,
  hpaMetricsUnavailableDetector,
  syncFailedDetector,
  comparisonErrorDetector,
  degradedDetector,
];
