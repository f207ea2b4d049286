import { describe, expect, it } from 'vitest';
import { fixChecks } from '../../../backend/src/sandbox/scenario/checks.js';
import type { ScenarioSpec } from '../../../backend/src/sandbox/scenario/schema.js';

const KUSTOMIZATION =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: web\n    newTag: "1.4.2"\n';
const TWO_DOCUMENTS =
  'kind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n---\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3}\n';

const expect_ = (fix: ScenarioSpec['expect']['fix'], unchanged?: string[]): ScenarioSpec['expect'] => ({
  primary: 'OOMKilled',
  symptoms: [],
  ...(fix ? { fix } : {}),
  ...(unchanged ? { unchanged } : {}),
});

describe('fixChecks', () => {
  it('checks each expectation on the selected document of the changed file', () => {
    const after = new Map([
      ['k.yaml', KUSTOMIZATION],
      ['all.yaml', TWO_DOCUMENTS],
    ]);
    const checks = fixChecks(
      expect_([
        {
          file: 'k.yaml',
          select: { kind: 'Kustomization' },
          path: 'images[name=web].newTag',
          equals: '1.4.2',
        },
        { file: 'all.yaml', select: { kind: 'Deployment', name: 'web' }, path: 'spec.replicas', equals: 3 },
        { file: 'all.yaml', path: 'spec.ports[0].port', equals: 8080 },
        { file: 'all.yaml', select: { kind: 'Job' }, path: 'spec', equals: 1 },
        { file: 'gone.yaml', path: 'a', equals: 1 },
      ]),
      { proposed: true, before: after, after },
    );
    expect(checks.map(({ ok, detail }) => [ok, detail])).toEqual([
      [true, 'expected "1.4.2", found "1.4.2"'],
      [true, 'expected 3, found 3'],
      [false, 'expected 8080, found 80'],
      [false, 'all.yaml has no document {"kind":"Job"}'],
      [false, 'gone.yaml does not exist after the change'],
    ]);
  });

  it('fails every expectation when nothing was proposed, saying why', () => {
    const checks = fixChecks(expect_([{ file: 'k.yaml', path: 'a', equals: 1 }]), {
      proposed: false,
      failure: 'cannot tell which Helm value produces spec.replicas',
      before: new Map(),
      after: new Map(),
    });
    expect(checks).toEqual([
      {
        name: 'fix k.yaml a',
        ok: false,
        detail: 'no change was proposed: cannot tell which Helm value produces spec.replicas',
      },
    ]);
  });

  it('wants no change at all when fix is empty or absent, and byte-identical unchanged files', () => {
    const before = new Map([
      ['a.yaml', 'a: 1\n'],
      ['b.yaml', 'b: 1\n'],
    ]);
    const after = new Map([
      ['a.yaml', 'a: 1\n'],
      ['b.yaml', 'b: 1 \n'],
    ]);
    expect(fixChecks(expect_([], ['a.yaml', 'b.yaml', 'c.yaml']), { proposed: true, before, after })).toEqual(
      [
        { name: 'fix: no change', ok: false, detail: 'a change was proposed' },
        { name: 'unchanged a.yaml', ok: true, detail: 'byte-identical' },
        { name: 'unchanged b.yaml', ok: false, detail: 'changed' },
        { name: 'unchanged c.yaml', ok: false, detail: 'not in the repository' },
      ],
    );
    expect(fixChecks(expect_(undefined), { proposed: false, before, after: before })).toEqual([
      { name: 'fix: no change', ok: true, detail: 'no change proposed' },
    ]);
  });
});
