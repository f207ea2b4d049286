import { describe, expect, it } from 'vitest';
import type { ActionArguments } from '../../../backend/src/runbooks/plan/index.js';
import { type FixPlan, PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import { deploymentChain, podSpec, runbookWith, snapshotWith, symptomOf } from './plan-fixtures.js';

const container = {
  name: 'api',
  image: 'api:1',
  ports: [
    { name: 'http', containerPort: 8080 },
    { name: 'admin', containerPort: 8081 },
  ],
  readinessProbe: { httpGet: { path: '/healthz', port: 8081 }, periodSeconds: 10 },
  livenessProbe: { tcpSocket: { port: 'http' }, initialDelaySeconds: 10 },
  startupProbe: { exec: { command: ['cat', '/tmp/ready'] } },
};
const grpcContainer = { name: 'ledger', image: 'ledger:1', readinessProbe: { grpc: { port: 9000 } } };

function planProbe(action: ActionArguments<'setProbe'>): FixPlan {
  const { deployment, pod, all } = deploymentChain(podSpec([container, grpcContainer]));
  return planFix(
    snapshotWith(all, [deployment]),
    symptomOf(pod, { container: 'api' }, 'ProbeFailed'),
    runbookWith([{ setProbe: action }]),
  );
}

function changes(plan: FixPlan): [string, unknown, unknown][] {
  return plan.edits.map((edit) => [
    edit.path.replace(/^spec\.template\.spec\.containers\[name=\w+\]\./, ''),
    edit.from,
    edit.to,
  ]);
}

describe('setProbe', () => {
  it.each<[string, ActionArguments<'setProbe'>, [string, unknown, unknown][]]>([
    ['an HTTP port', { probe: 'readiness', port: 8080 }, [['readinessProbe.httpGet.port', 8081, 8080]]],
    [
      'an HTTP port by name',
      { probe: 'readiness', port: 'http' },
      [['readinessProbe.httpGet.port', 8081, 'http']],
    ],
    [
      'an HTTP path',
      { probe: 'readiness', path: '/ready' },
      [['readinessProbe.httpGet.path', '/healthz', '/ready']],
    ],
    ['a TCP port', { probe: 'liveness', port: 'admin' }, [['livenessProbe.tcpSocket.port', 'http', 'admin']]],
    [
      'a gRPC port',
      { probe: 'readiness', port: 9090, container: 'ledger' },
      [['readinessProbe.grpc.port', 9000, 9090]],
    ],
    [
      'timings, set as given and added when absent',
      { probe: 'liveness', initialDelaySeconds: 60, periodSeconds: 20, failureThreshold: 5 },
      [
        ['livenessProbe.initialDelaySeconds', 10, 60],
        ['livenessProbe.periodSeconds', undefined, 20],
        ['livenessProbe.failureThreshold', undefined, 5],
      ],
    ],
    [
      'port, path and timing of one probe',
      { probe: 'readiness', port: 8080, path: '/ready', timeoutSeconds: 3, successThreshold: 2 },
      [
        ['readinessProbe.httpGet.port', 8081, 8080],
        ['readinessProbe.httpGet.path', '/healthz', '/ready'],
        ['readinessProbe.timeoutSeconds', undefined, 3],
        ['readinessProbe.successThreshold', undefined, 2],
      ],
    ],
    [
      'the timing of a command probe',
      { probe: 'startup', failureThreshold: 30 },
      [['startupProbe.failureThreshold', undefined, 30]],
    ],
  ])('sets %s', (_, action, expected) => {
    expect(changes(planProbe(action))).toEqual(expected);
  });

  it.each<[string, ActionArguments<'setProbe'>, string]>([
    [
      'a probe the container lacks',
      { probe: 'startup', port: 8080, container: 'ledger' },
      'container ledger of Deployment shop/web has no startup probe.',
    ],
    [
      'a port name the container does not declare',
      { probe: 'readiness', port: 'metrics' },
      'the readiness probe of container api of Deployment shop/web cannot use port metrics: the container declares no port of that name (it names http, admin).',
    ],
    [
      'a named port on a gRPC probe',
      { probe: 'readiness', port: 'grpc', container: 'ledger' },
      'the readiness probe of container ledger of Deployment shop/web is a gRPC probe, whose port must be a number, not grpc.',
    ],
    [
      'a port on a command probe',
      { probe: 'startup', port: 8080 },
      'the startup probe of container api of Deployment shop/web runs a command; it has no port to set.',
    ],
    [
      'a path on a TCP probe',
      { probe: 'liveness', path: '/live' },
      'the liveness probe of container api of Deployment shop/web is not an HTTP probe; it has no path to set.',
    ],
    [
      'a success threshold other than 1 on a liveness probe',
      { probe: 'liveness', successThreshold: 2 },
      'a liveness probe must have successThreshold 1; Kubernetes rejects 2.',
    ],
    [
      'nothing to set',
      { probe: 'readiness' },
      'the action names no probe field to set (port, path or a timing).',
    ],
  ])('refuses %s', (_, action, message) => {
    expect(() => planProbe(action)).toThrow(new PlanError(`setProbe: ${message}`));
  });
});
