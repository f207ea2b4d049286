import { PassThrough } from 'node:stream';
import { Log } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Sandbox, scenarioLog, scenarioObjects, startSandbox } from './sandbox-fixture.js';

let sandbox: Sandbox;
const crashing = 'notifier-g6xr7rnv9j-v6c2t';
const resizer = 'image-resizer-lll2ctnq4h-t7d2k';
const resizerLog = scenarioLog('oom-raise-memory', 'imaging', resizer, 'resizer.log');
const resizerPrevious = scenarioLog('oom-raise-memory', 'imaging', resizer, 'resizer.previous.log');
const notifierPrevious = scenarioLog(
  'crashloop-missing-env-no-runbook',
  'notifications',
  crashing,
  'notifier.previous.log',
);

beforeAll(async () => {
  sandbox = await startSandbox({ now: () => new Date('2026-11-16T12:30:00Z') });
  for (const scenario of ['oom-raise-memory', 'crashloop-missing-env-no-runbook', 'image-registry-mirror']) {
    for (const object of scenarioObjects(scenario)) sandbox.server.apply(object);
  }
  sandbox.server.setLog('imaging', resizer, 'resizer', resizerLog);
  sandbox.server.setLog('imaging', resizer, 'resizer', resizerPrevious, { previous: true });
  sandbox.server.setLog('notifications', crashing, 'notifier', notifierPrevious, { previous: true });
  sandbox.server.apply({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'checkout-7c9d', namespace: 'shop' },
    spec: {
      initContainers: [{ name: 'migrate', image: 'shop/migrate:3' }],
      containers: [
        { name: 'checkout', image: 'shop/checkout:3' },
        { name: 'proxy', image: 'envoyproxy/envoy:v1.31.0' },
      ],
    },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'checkout',
          ready: true,
          restartCount: 0,
          image: '',
          imageID: '',
          state: { running: { startedAt: '2026-11-16T12:20:00Z' } },
        },
        {
          name: 'proxy',
          ready: true,
          restartCount: 0,
          image: '',
          imageID: '',
          state: { running: { startedAt: '2026-11-16T12:20:00Z' } },
        },
      ],
    },
  });
  sandbox.server.setLog(
    'shop',
    'checkout-7c9d',
    'checkout',
    [
      '2026-11-16T12:20:00.125Z starting checkout',
      '2026-11-16T12:27:00Z payment provider slow',
      'retrying',
      '2026-11-16T12:29:30Z payment provider down',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await sandbox.close();
});

async function streamedLog(
  container: string,
  pod: string,
  namespace: string,
  previous: boolean,
): Promise<string> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  await new Log(sandbox.config).log(namespace, pod, container, stream, { previous });
  await ended;
  return Buffer.concat(chunks).toString('utf8');
}

function readLog(pod: string, namespace: string, options: Record<string, unknown> = {}): Promise<string> {
  return sandbox.core.readNamespacedPodLog({ name: pod, namespace, ...options });
}

describe('pod logs', () => {
  it('stream the previous instance with Log and previous', async () => {
    expect(await streamedLog('resizer', resizer, 'imaging', true)).toBe(resizerPrevious);
    expect(await streamedLog('resizer', resizer, 'imaging', false)).toBe(resizerLog);
  });

  it('serve a crash-looping container’s last instance as its current log', async () => {
    expect(await readLog(crashing, 'notifications')).toBe(notifierPrevious);
  });

  it('refuse previous when no container terminated before', async () => {
    const error = await failure(readLog('notifier-4grbmrwsmq-h2k7m', 'notifications', { previous: true }));
    expect(error.code).toBe(400);
    expect(error.status).toMatchObject({
      reason: 'BadRequest',
      message: 'previous terminated container "notifier" in pod "notifier-4grbmrwsmq-h2k7m" not found',
    });
  });

  it('explain why a container that never started has no log', async () => {
    const backOff = await failure(readLog('web-6f7d8c9b5d-x2k9p', 'shop'));
    expect(backOff.status).toMatchObject({
      message:
        'container "web" in pod "web-6f7d8c9b5d-x2k9p" is waiting to start: trying and failing to pull image',
    });
    const pulling = await failure(readLog('web-6f7d8c9b5d-q7m4t', 'shop'));
    expect(pulling.status).toMatchObject({
      message: 'container "web" in pod "web-6f7d8c9b5d-q7m4t" is waiting to start: image can\'t be pulled',
    });
  });

  it('require a container name when the pod has several', async () => {
    const error = await failure(readLog('checkout-7c9d', 'shop'));
    expect(error.code).toBe(400);
    expect(error.status).toMatchObject({
      message:
        'a container name must be specified for pod checkout-7c9d, choose one of: [migrate checkout proxy]',
    });
    const unknown = await failure(readLog('checkout-7c9d', 'shop', { container: 'nope' }));
    expect(unknown.status).toMatchObject({ message: 'container nope is not valid for pod checkout-7c9d' });
    expect(await readLog('checkout-7c9d', 'shop', { container: 'proxy' })).toBe('');
  });

  it('cut by tailLines, sinceSeconds (on the server clock) and limitBytes', async () => {
    const options = { container: 'checkout' };
    expect(await readLog('checkout-7c9d', 'shop', { ...options, tailLines: 2 })).toBe(
      'retrying\n2026-11-16T12:29:30Z payment provider down\n',
    );
    expect(await readLog('checkout-7c9d', 'shop', { ...options, sinceSeconds: 240 })).toBe(
      '2026-11-16T12:27:00Z payment provider slow\nretrying\n2026-11-16T12:29:30Z payment provider down\n',
    );
    expect(await readLog('checkout-7c9d', 'shop', { ...options, limitBytes: 12 })).toBe('2026-11-16T1');
  });

  it('prefix each line with its time when asked for timestamps', async () => {
    const log = await readLog(resizer, 'imaging', { container: 'resizer', timestamps: true, tailLines: 1 });
    expect(log).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z time=2026-11-16T12:22:55\.627Z /);
    const stamped = await readLog('checkout-7c9d', 'shop', {
      container: 'checkout',
      timestamps: true,
      tailLines: 2,
    });
    expect(stamped).toBe(
      '2026-11-16T12:27:00Z retrying\n2026-11-16T12:29:30Z 2026-11-16T12:29:30Z payment provider down\n',
    );
  });
});
