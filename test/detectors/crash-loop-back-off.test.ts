import { describe, expect, it } from 'vitest';
import { crashLoopBackOffDetector } from '../../backend/src/detectors/crash-loop-back-off.js';
import type { KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { logOf, snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const detect = crashLoopBackOffDetector.detect;

const panicLog = `{"level":"info","ts":"2026-11-17T08:48:39.102Z","msg":"starting order-api","version":"5.0.2"}
{"level":"info","ts":"2026-11-17T08:48:39.118Z","msg":"connecting to database","host":"orders-db.orders.svc"}
panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x8d2f4a]

goroutine 1 [running]:
main.(*Server).routes(0x0)
\t/src/cmd/order-api/server.go:88 +0x2a
main.main()
\t/src/cmd/order-api/main.go:41 +0x1c5`;

const goPanic = () => fixtureObjects('crash-loop-back-off', 'go-panic.yaml');
const newestPanicking = 'order-api-84c9d6b7f5-bx7kn';

describe('crashLoopBackOffDetector', () => {
  it('reports a Python service that exits at start-up, with the exception its log ends on', () => {
    const symptoms = detect(scenarioSnapshot('crashloop-missing-env-no-runbook'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('CrashLoopBackOff');
    expect(symptom?.resource).toEqual({
      group: '',
      kind: 'Pod',
      namespace: 'notifications',
      name: 'notifier-g6xr7rnv9j-v6c2t',
    });
    expect(symptom?.params).toEqual({
      container: 'notifier',
      exitCode: 1,
      reason: 'Error',
      restartCount: 8,
      logExcerpt: 'notifier.settings.ConfigError: environment variable SMTP_RELAY_HOST is undefined',
    });
    expect(symptom?.message).toBe(
      'Pod notifications/notifier-g6xr7rnv9j-v6c2t is crash-looping: container notifier exited with code 1 (Error) after 8 restarts; its log ends with "notifier.settings.ConfigError: environment variable SMTP_RELAY_HOST is undefined".',
    );
  });

  it('cites the back-off event, the last termination and the traceback without the info lines', () => {
    const [symptom] = detect(scenarioSnapshot('crashloop-missing-env-no-runbook'));
    const pod = 'status:/Pod/notifications/notifier-g6xr7rnv9j-v6c2t:status.containerStatuses[name=notifier]';
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      `${pod}.state.waiting.reason`,
      `${pod}.restartCount`,
      `${pod}.lastState.terminated.exitCode`,
      `${pod}.lastState.terminated.reason`,
      'event:notifications/notifier-g6xr7rnv9j-v6c2t.cddd19ec74cd9faf',
      'log:notifications/notifier-g6xr7rnv9j-v6c2t/notifier:previous',
    ]);
    const log = symptom?.evidence.find((item) => item.kind === 'log');
    expect(log?.kind === 'log' && log.lines).toEqual([
      '2026-11-17 08:46:40,519 ERROR notifier: invalid configuration',
      'Traceback (most recent call last):',
      '  File "/app/notifier/__main__.py", line 18, in <module>',
      '    settings = Settings.from_env()',
      '  File "/app/notifier/settings.py", line 47, in from_env',
      '    smtp_host=_require("SMTP_RELAY_HOST"),',
      '  File "/app/notifier/settings.py", line 22, in _require',
      '    raise ConfigError(f"environment variable {name} is undefined")',
      'notifier.settings.ConfigError: environment variable SMTP_RELAY_HOST is undefined',
    ]);
  });

  it('makes one symptom of three panicking replicas, from the newest pod, leaving the healthy sidecar out', () => {
    const logs = [logOf('orders', newestPanicking, 'api', panicLog, true)];
    const symptoms = detect(snapshotOf(goPanic(), { logs }));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.resource.name).toBe(newestPanicking);
    expect(symptom?.params).toEqual({
      container: 'api',
      exitCode: 2,
      reason: 'Error',
      restartCount: 9,
      logExcerpt: 'panic: runtime error: invalid memory address or nil pointer dereference',
    });
    expect(symptom?.message).toContain(
      `Pod orders/${newestPanicking} (and 2 more pods of Deployment orders/order-api) is crash-looping: container api exited with code 2 (Error) after 9 restarts`,
    );
    const log = symptom?.evidence.find((item) => item.kind === 'log');
    expect(log?.kind === 'log' && log.lines).toEqual([
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x8d2f4a]',
      'goroutine 1 [running]:',
      'main.(*Server).routes(0x0)',
      '\t/src/cmd/order-api/server.go:88 +0x2a',
      'main.main()',
    ]);
    expect(symptom?.evidence).toContainEqual(
      expect.objectContaining({
        field: 'status.containerStatuses[name=api].lastState.terminated.message',
        value: expect.stringContaining('nil pointer dereference'),
      }),
    );
  });

  it('reads the current log when the kubelet served no previous one', () => {
    const logs = [logOf('orders', newestPanicking, 'api', panicLog, false)];
    const [symptom] = detect(snapshotOf(goPanic(), { logs }));
    expect(symptom?.params.logExcerpt).toBe(
      'panic: runtime error: invalid memory address or nil pointer dereference',
    );
    expect(symptom?.evidence.at(-1)?.id).toBe(`log:orders/${newestPanicking}/api`);
  });

  it('says what it knows when no log was gathered', () => {
    const [symptom] = detect(snapshotOf(goPanic()));
    expect(symptom?.params).not.toHaveProperty('logExcerpt');
    expect(symptom?.evidence.some((item) => item.kind === 'log')).toBe(false);
    expect(symptom?.message).toMatch(/after 9 restarts\.$/);
  });

  it('keeps replicas that exit differently apart', () => {
    const objects = goPanic().map((object) =>
      object.metadata?.name === 'order-api-84c9d6b7f5-zr4mw' ? killedBySignal(object as Pod) : object,
    );
    const symptoms = detect(snapshotOf(objects));
    expect(symptoms.map((symptom) => [symptom.resource.name, symptom.params.exitCode])).toEqual([
      ['order-api-84c9d6b7f5-zr4mw', 137],
      [newestPanicking, 2],
    ]);
  });

  it('reports a native sidecar that crash-loops, but not the init container that completed', () => {
    const symptoms = detect(snapshotOf(fixtureObjects('crash-loop-back-off', 'native-sidecar.yaml')));
    expect(symptoms).toHaveLength(1);
    expect(symptoms[0]?.params).toMatchObject({ container: 'log-agent', exitCode: 1, restartCount: 6 });
    expect(symptoms[0]?.evidence[0]?.id).toBe(
      'status:/Pod/web/portal-7cf6b9d58d-q9v2s:status.initContainerStatuses[name=log-agent].state.waiting.reason',
    );
    expect(symptoms[0]?.evidence.map((item) => item.kind)).toContain('event');
  });

  it.each([
    ['containers killed for memory (OOMKilled reports them)', scenarioSnapshot('oom-raise-memory')],
    ['an init container killed for memory', snapshotOf(fixtureObjects('oom-killed', 'init-container.yaml'))],
    [
      'an init container that failed (InitContainerFailed reports it)',
      snapshotOf(fixtureObjects('init-container-failed', 'job-init-error.yaml')),
    ],
    ['pods that cannot pull their image', scenarioSnapshot('image-registry-mirror')],
    [
      'containers whose command is missing (RunContainerError reports them)',
      scenarioSnapshot('run-entrypoint-not-found'),
    ],
    ['a pod that restarted once and runs again', snapshotOf(fixtureObjects('oom-killed', 'no-limit.yaml'))],
  ])('finds nothing for %s', (_label, snapshot) => {
    expect(detect(snapshot)).toEqual([]);
  });
});

function killedBySignal(pod: Pod): KubeObject {
  const statuses = pod.status?.containerStatuses?.map((status) =>
    status.name === 'api' && status.lastState?.terminated
      ? {
          ...status,
          lastState: { terminated: { ...status.lastState.terminated, exitCode: 137, message: '' } },
        }
      : status,
  );
  return { ...pod, status: { ...pod.status, containerStatuses: statuses } } as KubeObject;
}
