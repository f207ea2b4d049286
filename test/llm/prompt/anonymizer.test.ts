import { describe, expect, it } from 'vitest';
import { Anonymizer, namesOf, unmaskDeep } from '../../../backend/src/llm/prompt/anonymizer.js';
import { scenarioSnapshot } from '../../detectors/fixture-snapshot.js';

const names = new Map([
  ['shop', 'namespace'],
  ['web', 'deployment'],
  ['web-7d9c-x2k', 'pod'],
  ['shop-web', 'app'],
]);

describe('Anonymizer', () => {
  it('masks whole names only, numbering each kind in order of appearance, and unmasks them back', () => {
    const text =
      'Pod shop/web-7d9c-x2k of Deployment shop/web (app shop-web) pulls web:1.2 from webhooks.shop.svc';
    const anonymizer = new Anonymizer(names, text);
    const masked = anonymizer.mask(text);
    expect(masked).toBe(
      'Pod namespace-1/pod-1 of Deployment namespace-1/deployment-1 (app app-1) pulls deployment-1:1.2 from webhooks.namespace-1.svc',
    );
    expect(anonymizer.unmask(masked)).toBe(text);
  });

  it('unmasks what the model writes back, capitalised or not, and leaves other words alone', () => {
    const anonymizer = new Anonymizer(names, '');
    anonymizer.mask('shop/web');
    expect(
      anonymizer.unmask('Deployment-1 in namespace-1 is down; deployment-12 and xdeployment-1 are not names'),
    ).toBe('web in shop is down; deployment-12 and xdeployment-1 are not names');
  });

  it('never uses a placeholder the text already holds', () => {
    const text = 'web replaced pod-1 and deployment-1 yesterday';
    const anonymizer = new Anonymizer(names, text);
    const masked = anonymizer.mask(text);
    expect(masked).toBe('deployment-2 replaced pod-1 and deployment-1 yesterday');
    expect(anonymizer.unmask('deployment-2 is down')).toBe('web is down');
  });

  it('reads the same incident of two apps as the same text', () => {
    const one = new Anonymizer(names, '').mask('shop/web is down');
    const other = new Anonymizer(
      new Map([
        ['store', 'namespace'],
        ['api', 'deployment'],
      ]),
      '',
    ).mask('store/api is down');
    expect(one).toBe(other);
  });

  it('unmasks every string of an answer', () => {
    const anonymizer = new Anonymizer(names, '');
    anonymizer.mask('shop web');
    expect(
      unmaskDeep(
        { edits: [{ path: 'containers[name=deployment-1].image', value: 3 }], note: 'namespace-1' },
        anonymizer,
      ),
    ).toEqual({
      edits: [{ path: 'containers[name=web].image', value: 3 }],
      note: 'shop',
    });
  });

  it('collects the application, namespaces and object names of a snapshot, not cluster-wide classes', () => {
    const snapshot = scenarioSnapshot('pvc-missing-storageclass');
    const collected = namesOf(snapshot);
    expect(collected.get(snapshot.application.metadata.name ?? '')).toBe('app');
    // Here the namespace has the app's name: one placeholder stands for both.
    expect(collected.has(snapshot.application.spec.destination.namespace ?? '')).toBe(true);
    expect(collected.get(snapshot.application.metadata.namespace ?? '')).toBe('namespace');
    for (const pod of snapshot.pods) expect(collected.get(pod.metadata?.name ?? '')).toBe('pod');
    for (const storageClass of snapshot.storageClasses)
      expect(collected.has(storageClass.metadata?.name ?? '')).toBe(false);
  });
});
