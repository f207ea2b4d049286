import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FieldPathError,
  formatFieldPath,
  type PathSegment,
  parseFieldPath,
  valueAt,
  withValueAt,
} from '../../../backend/src/runbooks/plan/index.js';

const key = (name: string): PathSegment => ({ kind: 'key', key: name });

describe('parseFieldPath', () => {
  it.each<[string, PathSegment[]]>([
    ['spec.replicas', [key('spec'), key('replicas')]],
    [
      'containers[name=web].resources.limits.memory',
      [
        key('containers'),
        { kind: 'match', key: 'name', value: 'web' },
        key('resources'),
        key('limits'),
        key('memory'),
      ],
    ],
    [
      'spec.tls[0].hosts[12]',
      [key('spec'), key('tls'), { kind: 'index', index: 0 }, key('hosts'), { kind: 'index', index: 12 }],
    ],
    [
      'images[name=registry-a.example.com/shop/web].newName',
      [
        key('images'),
        { kind: 'match', key: 'name', value: 'registry-a.example.com/shop/web' },
        key('newName'),
      ],
    ],
    ['resources.limits.nvidia\\.com/gpu', [key('resources'), key('limits'), key('nvidia.com/gpu')]],
    ['env[name=A=B].value', [key('env'), { kind: 'match', key: 'name', value: 'A=B' }, key('value')]],
    ['list[name=a\\]b]', [key('list'), { kind: 'match', key: 'name', value: 'a]b' }]],
    ['list[name=]', [key('list'), { kind: 'match', key: 'name', value: '' }]],
    ['[0].name', [{ kind: 'index', index: 0 }, key('name')]],
  ])('reads %s', (path, segments) => {
    expect(parseFieldPath(path)).toEqual(segments);
  });

  it.each([
    ['', 'the path is empty'],
    ['spec..replicas', 'at character 6: an empty key'],
    ['spec.', 'at character 6: an empty key'],
    ['.spec', 'at character 1: an empty key'],
    ['list[x]', 'at character 7: expected [n] or [key=value]'],
    ['list[-1]', 'expected [n] or [key=value]'],
    ['list[0', 'an unclosed ['],
    ['list[=x]', 'a [key=value] selector needs a key'],
    ['list[0]name', 'expected . or ['],
    ['spec]', 'expected . or ['],
    ['spec\\', 'a backslash ends the path'],
  ])('rejects %j: %s', (path, problem) => {
    expect(() => parseFieldPath(path)).toThrow(FieldPathError);
    expect(() => parseFieldPath(path)).toThrow(problem);
  });

  it('gives back any segments formatFieldPath wrote', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'B', '0', '.', '[', ']', '=', '\\', '/', '-', ' '),
      minLength: 1,
    });
    const segment: fc.Arbitrary<PathSegment> = fc.oneof(
      text.map((name) => key(name)),
      fc.nat({ max: 50 }).map((index): PathSegment => ({ kind: 'index', index })),
      fc
        .tuple(text, fc.string({ unit: fc.constantFrom('a', '.', ']', '=', '\\', '['), maxLength: 6 }))
        .map(([name, value]): PathSegment => ({ kind: 'match', key: name, value })),
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        expect(parseFieldPath(formatFieldPath(segments))).toEqual(segments);
      }),
    );
  });
});

describe('valueAt', () => {
  const pod = {
    spec: {
      containers: [
        {
          name: 'web',
          ports: [{ containerPort: 8080, name: 'http' }],
          resources: { limits: { 'nvidia.com/gpu': '1' } },
        },
        { name: 'sidecar' },
      ],
    },
  };

  it.each([
    ['spec.containers[name=web].ports[0].name', 'http'],
    ['spec.containers[name=web].ports[containerPort=8080].name', 'http'],
    ['spec.containers[1].name', 'sidecar'],
    ['spec.containers[name=web].resources.limits.nvidia\\.com/gpu', '1'],
    ['spec.containers[name=db].image', undefined],
    ['spec.containers[5]', undefined],
    ['spec.containers.name', undefined],
    ['spec.containers[name=web].name.first', undefined],
    ['spec[0]', undefined],
  ])('reads %s as %j', (path, value) => {
    expect(valueAt(pod, parseFieldPath(path))).toEqual(value);
  });
});

describe('withValueAt', () => {
  const deployment = {
    spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'A', value: '1' }] }] } } },
  };
  const env = (name: string) => `spec.template.spec.containers[name=web].env[name=${name}].value`;

  it('replaces a value and leaves the original untouched', () => {
    const before = structuredClone(deployment);
    const after = withValueAt(deployment, parseFieldPath(env('A')), '2');
    expect(after.spec.template.spec.containers[0]?.env).toEqual([{ name: 'A', value: '2' }]);
    expect(deployment).toEqual(before);
  });

  it('appends the item a [key=value] selects when the list has none, and creates missing maps', () => {
    const after = withValueAt(deployment, parseFieldPath(env('B')), 'x');
    expect(after.spec.template.spec.containers[0]?.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'x' },
    ]);
    const limited = withValueAt(
      deployment,
      parseFieldPath('spec.template.spec.containers[name=web].resources.limits.memory'),
      '1Gi',
    );
    expect(limited.spec.template.spec.containers[0]).toMatchObject({
      resources: { limits: { memory: '1Gi' } },
    });
    const created = withValueAt({}, parseFieldPath('spec.tls[name=a].secretName'), 's');
    expect(created).toEqual({ spec: { tls: [{ name: 'a', secretName: 's' }] } });
  });

  it.each([
    [
      'spec.template.spec.containers[3].image',
      'spec.template.spec.containers[3] is past the end of a list of 1',
    ],
    ['spec.template.spec.containers.image', 'spec.template.spec.containers is not a map'],
    ['spec.template[0]', 'spec.template is not a list'],
    [
      'spec.template.spec.containers[name=web].env[name=A].value.text',
      'spec.template.spec.containers[name=web].env[name=A].value is not a map',
    ],
  ])('refuses %s: %s', (path, problem) => {
    expect(() => withValueAt(deployment, parseFieldPath(path), 'x')).toThrow(new FieldPathError(problem));
  });

  it('refuses to write into something that is not an object', () => {
    expect(() => withValueAt('text', parseFieldPath('spec'), 1)).toThrow(
      new FieldPathError('the object is not a map'),
    );
  });

  it('reads back what it wrote', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(env('A'), env('C'), 'spec.replicas', 'metadata.labels.app\\.kubernetes\\.io/name'),
        fc.jsonValue(),
        (path, value) => {
          const segments = parseFieldPath(path);
          expect(valueAt(withValueAt(deployment, segments, value), segments)).toEqual(value);
        },
      ),
    );
  });
});
