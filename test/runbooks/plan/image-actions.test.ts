import { describe, expect, it } from 'vitest';
import { type ObjectEdit, PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import type { Action } from '../../../backend/src/runbooks/schema.js';
import { deploymentChain, podSpec, runbookWith, snapshotWith, symptomOf } from './plan-fixtures.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** The single edit of a plan for a Deployment whose container web runs `image` (and init container migrate). */
function imageEdit(
  image: string,
  action: Action,
  container = 'web',
): Pick<ObjectEdit, 'path' | 'from' | 'to'> {
  const { deployment, pod, all } = deploymentChain(
    podSpec([{ name: 'web', image }], [{ name: 'migrate', image }]),
  );
  const plan = planFix(
    snapshotWith(all, [deployment]),
    symptomOf(pod, { container }, 'ImagePullBackOff'),
    runbookWith([action]),
  );
  expect(plan.edits).toHaveLength(1);
  const [edit] = plan.edits;
  return { path: edit?.path ?? '', from: edit?.from, to: edit?.to };
}

describe('setImageRegistry', () => {
  it.each([
    [
      'registry-a.example.com/shop/web:1.4.2',
      'registry-a.example.com',
      'registry-b.example.com/shop/web:1.4.2',
    ],
    [
      `registry-a.example.com/shop/web:1.4.2@${DIGEST}`,
      'registry-a.example.com',
      `registry-b.example.com/shop/web:1.4.2@${DIGEST}`,
    ],
    [
      `registry-a.example.com/shop/web@${DIGEST}`,
      'registry-a.example.com',
      `registry-b.example.com/shop/web@${DIGEST}`,
    ],
    ['nginx:1.27', 'docker.io', 'registry-b.example.com/library/nginx:1.27'],
    ['bitnami/redis', 'index.docker.io', 'registry-b.example.com/bitnami/redis'],
    ['docker.io/library/nginx:1.27', 'docker.io', 'registry-b.example.com/library/nginx:1.27'],
    ['Registry-A.example.com/shop/web:2', 'registry-a.example.com', 'registry-b.example.com/shop/web:2'],
  ])('moves %s from %s, keeping path, tag and digest', (image, from, moved) => {
    expect(imageEdit(image, { setImageRegistry: { from, to: 'registry-b.example.com' } })).toEqual({
      path: 'spec.template.spec.containers[name=web].image',
      from: image,
      to: moved,
    });
  });

  it('moves an init container the symptom names', () => {
    const action: Action = { setImageRegistry: { from: 'localhost:5000', to: 'registry.example.com:443' } };
    expect(imageEdit('localhost:5000/tools/migrate:3', action, 'migrate')).toEqual({
      path: 'spec.template.spec.initContainers[name=migrate].image',
      from: 'localhost:5000/tools/migrate:3',
      to: 'registry.example.com:443/tools/migrate:3',
    });
  });

  it('moves the container the action names rather than the one the symptom names', () => {
    const action: Action = {
      setImageRegistry: { from: 'registry-a.example.com', to: 'mirror.example.com', container: 'migrate' },
    };
    expect(imageEdit('registry-a.example.com/shop/web:1', action).path).toBe(
      'spec.template.spec.initContainers[name=migrate].image',
    );
  });

  it.each<[string, Action, string]>([
    [
      'registry-c.example.com/shop/web:1.4.2',
      { setImageRegistry: { from: 'registry-a.example.com', to: 'registry-b.example.com' } },
      'setImageRegistry: container web of Deployment shop/web pulls registry-c.example.com/shop/web:1.4.2 from registry-c.example.com, not from registry-a.example.com.',
    ],
    [
      'nginx:1.27',
      { setImageRegistry: { from: 'registry-a.example.com', to: 'registry-b.example.com' } },
      'setImageRegistry: container web of Deployment shop/web pulls nginx:1.27 from docker.io, not from registry-a.example.com.',
    ],
    [
      'registry-a.example.com/shop/web:1',
      { setImageRegistry: { from: 'registry-a.example.com', to: 'not a host' } },
      'setImageRegistry: moving registry-a.example.com/shop/web:1 to registry not a host gives not a host/shop/web:1, which is not a valid image reference.',
    ],
    [
      'registry-a.example.com/Shop/web',
      { setImageRegistry: { from: 'registry-a.example.com', to: 'registry-b.example.com' } },
      'setImageRegistry: the image of container web of Deployment shop/web, registry-a.example.com/Shop/web, is not a valid image reference.',
    ],
    [
      'registry-a.example.com/shop/web:1',
      { setImageRegistry: { from: 'registry-a.example.com', to: 'registry-a.example.com' } },
      'Deployment shop/web already has what runbook test-runbook sets; there is nothing to change.',
    ],
  ])('refuses %s with %j', (image, action, message) => {
    expect(() => imageEdit(image, action)).toThrow(new PlanError(message));
  });
});

describe('setImageTag', () => {
  it.each([
    ['registry.example.com/shop/web:1.4.2', 'registry.example.com/shop/web:1.4.3'],
    [`registry.example.com/shop/web:1.4.2@${DIGEST}`, 'registry.example.com/shop/web:1.4.3'],
    [`nginx@${DIGEST}`, 'nginx:1.4.3'],
    ['bitnami/redis', 'bitnami/redis:1.4.3'],
  ])('retags %s as %s, dropping a digest', (image, retagged) => {
    expect(imageEdit(image, { setImageTag: { tag: '1.4.3' } }).to).toBe(retagged);
  });

  it('refuses a tag Docker would reject', () => {
    expect(() => imageEdit('nginx:1.27', { setImageTag: { tag: 'no spaces' } })).toThrow(
      'setImageTag: tagging nginx:1.27 no spaces gives nginx:no spaces, which is not a valid image reference.',
    );
  });
});

describe('setImage', () => {
  it('writes the image as the runbook spells it', () => {
    expect(imageEdit('nginx:1.27', { setImage: { image: 'registry.example.com/web/nginx:1.28' } })).toEqual({
      path: 'spec.template.spec.containers[name=web].image',
      from: 'nginx:1.27',
      to: 'registry.example.com/web/nginx:1.28',
    });
  });

  it('refuses an invalid reference', () => {
    expect(() => imageEdit('nginx:1.27', { setImage: { image: 'Nginx:latest' } })).toThrow(
      'setImage: the image Nginx:latest is not a valid image reference.',
    );
  });
});

describe('the container an image action changes', () => {
  it('must be named by the action or the symptom', () => {
    const { deployment, pod, all } = deploymentChain(podSpec([{ name: 'web', image: 'nginx' }]));
    const runbook = runbookWith([{ setImageTag: { tag: '2' } }]);
    expect(() => planFix(snapshotWith(all, [deployment]), symptomOf(pod, {}), runbook)).toThrow(
      'setImageTag: the symptom names no container; the action must name one with container: for Deployment shop/web.',
    );
  });

  it('must exist in the object in Git', () => {
    expect(() => imageEdit('nginx', { setImageTag: { tag: '2' } }, 'worker')).toThrow(
      'setImageTag: Deployment shop/web has no container named worker (it has web, migrate).',
    );
  });

  it('must have an image', () => {
    const { deployment, pod, all } = deploymentChain(podSpec([{ name: 'web' }]));
    const runbook = runbookWith([{ setImageTag: { tag: '2' } }]);
    expect(() =>
      planFix(snapshotWith(all, [deployment]), symptomOf(pod, { container: 'web' }), runbook),
    ).toThrow('setImageTag: container web of Deployment shop/web names no image.');
  });
});
