import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hpaMetricsUnavailableDetector } from '../../backend/src/detectors/hpa-metrics-unavailable.js';
import type { HorizontalPodAutoscaler, KubeObject } from '../../backend/src/kube/objects.js';
import { objectsFromFiles, snapshotOf } from '../support/snapshot.js';

function fixture(name: string): KubeObject[] {
  return objectsFromFiles(
    fileURLToPath(new URL(`./fixtures/hpa-metrics-unavailable/${name}`, import.meta.url)),
  );
}

function withHpa(objects: KubeObject[], change: (hpa: HorizontalPodAutoscaler) => void): KubeObject[] {
  for (const object of objects)
    if (object.kind === 'HorizontalPodAutoscaler') change(object as HorizontalPodAutoscaler);
  return objects;
}

describe('hpaMetricsUnavailableDetector', () => {
  it('finds a CPU HPA whose pods have no CPU request, naming the container', () => {
    const symptoms = hpaMetricsUnavailableDetector.detect(snapshotOf(fixture('missing-cpu-request.yaml')));
    expect(symptoms).toHaveLength(1);
    expect(symptoms[0]).toMatchObject({
      type: 'HPAMetricsUnavailable',
      resource: { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', namespace: 'shop', name: 'web' },
      message:
        'HorizontalPodAutoscaler shop/web cannot scale Deployment/web: container web of its pods has no cpu request, so cpu utilization cannot be computed.',
    });
    expect(symptoms[0]?.params).toEqual({
      reason: 'FailedGetResourceMetric',
      metric: 'cpu',
      target: 'Deployment/web',
      missingRequests: true,
      container: 'web',
    });
    expect(symptoms[0]?.evidence.map((item) => item.id)).toEqual([
      'status:autoscaling/HorizontalPodAutoscaler/shop/web:status.conditions[type=ScalingActive].message',
      'event:shop/web.187a2b9e0f1c3d41',
      'event:shop/web.187a2b9e0f1c3d42',
    ]);
    expect(symptoms[0]?.evidence[0]).toMatchObject({
      value: expect.stringContaining('missing request for cpu in container web of Pod web-7c9d6b5f4-x2kqp'),
    });
  });

  it('reads container names quoted the way older controllers wrote them', () => {
    const objects = withHpa(fixture('missing-cpu-request.yaml'), (hpa) => {
      const condition = hpa.status?.conditions?.find((candidate) => candidate.type === 'ScalingActive');
      if (condition) {
        condition.message =
          'the HPA was unable to compute the replica count: missing request for memory in container "api-server" of Pod "api-5f6b7c-2lq9d"';
      }
    });
    const [symptom] = hpaMetricsUnavailableDetector.detect(snapshotOf(objects));
    expect(symptom?.params).toMatchObject({
      metric: 'memory',
      missingRequests: true,
      container: 'api-server',
    });
  });

  it.each([
    {
      hpa: 'api',
      params: {
        reason: 'FailedGetResourceMetric',
        metric: 'cpu',
        target: 'Deployment/api',
        missingRequests: false,
      },
      message:
        'HorizontalPodAutoscaler shop/api cannot scale Deployment/api: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io).',
    },
    {
      hpa: 'order-worker',
      params: {
        reason: 'FailedGetExternalMetric',
        metric: 'rabbitmq_queue_messages_ready',
        target: 'Deployment/order-worker',
        missingRequests: false,
      },
      message:
        'HorizontalPodAutoscaler shop/order-worker cannot scale Deployment/order-worker: unable to get external metric shop/rabbitmq_queue_messages_ready/&LabelSelector{MatchLabels:map[string]string{queue: orders,},MatchExpressions:[]LabelSelectorRequirement{},}: unable to fetch metrics…',
    },
    {
      hpa: 'reports',
      params: {
        reason: 'FailedGetScale',
        metric: 'memory',
        target: 'Deployment/report-generator',
        missingRequests: false,
      },
      message:
        'HorizontalPodAutoscaler shop/reports cannot scale Deployment/report-generator: the HPA controller was unable to get the target\'s current scale: deployments/scale.apps "report-generator" not found.',
    },
  ])('finds $hpa failing for another reason, without a container', ({ hpa, params, message }) => {
    const symptom = hpaMetricsUnavailableDetector
      .detect(snapshotOf(fixture('other-failures.yaml')))
      .find((candidate) => candidate.resource.name === hpa);
    expect(symptom?.params).toEqual(params);
    expect(symptom?.message).toEqual(message);
  });

  it('orders symptoms by namespace and name', () => {
    const names = hpaMetricsUnavailableDetector
      .detect(snapshotOf([...fixture('other-failures.yaml'), ...fixture('missing-cpu-request.yaml')]))
      .map((symptom) => symptom.resource.name);
    expect(names).toEqual(['api', 'order-worker', 'reports', 'web']);
  });

  it('falls back to the newest specific event when the HPA has no conditions yet', () => {
    const objects = withHpa(fixture('missing-cpu-request.yaml'), (hpa) => {
      delete hpa.status;
    });
    const [symptom] = hpaMetricsUnavailableDetector.detect(snapshotOf(objects));
    expect(symptom?.params).toEqual({
      reason: 'FailedGetResourceMetric',
      metric: 'cpu',
      target: 'Deployment/web',
      missingRequests: true,
      container: 'web',
    });
    expect(symptom?.evidence.every((item) => item.kind === 'event')).toBe(true);
  });

  it('takes the metric from the spec when the message names none, and cpu when the spec has none', () => {
    const objects = withHpa(fixture('missing-cpu-request.yaml'), (hpa) => {
      const condition = hpa.status?.conditions?.find((candidate) => candidate.type === 'ScalingActive');
      if (condition) {
        condition.reason = 'InvalidSelector';
        condition.message = "the HPA target's scale is missing a selector";
      }
    });
    expect(hpaMetricsUnavailableDetector.detect(snapshotOf(objects))[0]?.params.metric).toBe('cpu');
    const withoutMetrics = withHpa(structuredClone(objects), (hpa) => {
      if (hpa.spec) {
        hpa.spec.metrics = [
          {
            type: 'Pods',
            pods: {
              metric: { name: 'http_requests_per_second' },
              target: { type: 'AverageValue', averageValue: '20' },
            },
          },
        ];
      }
    });
    expect(hpaMetricsUnavailableDetector.detect(snapshotOf(withoutMetrics))[0]?.params).toMatchObject({
      reason: 'InvalidSelector',
      metric: 'http_requests_per_second',
    });
  });

  it('stays quiet for a working HPA despite an old warning, and for one disabled at zero replicas', () => {
    expect(hpaMetricsUnavailableDetector.detect(snapshotOf(fixture('healthy.yaml')))).toEqual([]);
  });
});
