import { describe, expect, it } from 'vitest';
import { dominantReason, parseFitError } from '../../../backend/src/detectors/support/fit-error.js';

describe('parseFitError', () => {
  it('reads the node count and each counted reason, without the preemption part', () => {
    const fitError = parseFitError(
      '0/5 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 3 Insufficient nvidia.com/gpu. preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
    expect(fitError).toEqual({
      nodes: 5,
      reasons: [
        {
          count: 1,
          text: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
          cause: 'Taint',
          taint: { key: 'node-role.kubernetes.io/control-plane', value: '' },
        },
        { count: 1, text: 'node(s) were unschedulable', cause: undefined },
        {
          count: 3,
          text: 'Insufficient nvidia.com/gpu',
          cause: 'InsufficientResources',
          resource: 'nvidia.com/gpu',
        },
      ],
    });
    expect(dominantReason(fitError)?.cause).toBe('InsufficientResources');
  });

  it('counts a reason about the pod itself on every node', () => {
    const fitError = parseFitError(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(fitError.reasons).toEqual([
      { count: 3, text: 'pod has unbound immediate PersistentVolumeClaims', cause: 'UnboundPVC' },
    ]);
  });

  it('reads the message older schedulers gave for an unbound claim', () => {
    const fitError = parseFitError(
      'running "VolumeBinding" filter plugin for pod "db-0": pod has unbound immediate PersistentVolumeClaims',
    );
    expect(fitError.nodes).toBeUndefined();
    expect(dominantReason(fitError)?.cause).toBe('UnboundPVC');
  });

  it.each([
    ["3 node(s) didn't match Pod's node affinity/selector", 'NodeSelector'],
    ["3 node(s) didn't match node selector", 'NodeSelector'],
    ["3 node(s) didn't match pod anti-affinity rules", 'AntiAffinity'],
    ["3 node(s) didn't satisfy existing pods anti-affinity rules", 'AntiAffinity'],
    ["3 node(s) didn't match pod affinity rules", undefined],
    ['3 node(s) had volume node affinity conflict', undefined],
    ['3 Too many pods', undefined],
    ['3 node(s) had untolerated taint {dedicated: gpu}', 'Taint'],
  ])('classifies "%s"', (reason, cause) => {
    expect(parseFitError(`0/3 nodes are available: ${reason}.`).reasons[0]?.cause).toBe(cause);
  });
});

describe('dominantReason', () => {
  it('prefers the known cause counted on the most nodes, the first written on a tie', () => {
    const tie = parseFitError(
      "0/4 nodes are available: 2 Insufficient memory, 2 node(s) didn't match pod anti-affinity rules.",
    );
    expect(dominantReason(tie)?.cause).toBe('InsufficientResources');
    const unknownFirst = parseFitError(
      '0/4 nodes are available: 3 node(s) were unschedulable, 1 node(s) had untolerated taint {dedicated: gpu}.',
    );
    expect(dominantReason(unknownFirst)?.cause).toBe('Taint');
  });

  it('falls back to an unknown reason when nothing else is known', () => {
    expect(dominantReason(parseFitError('0/2 nodes are available: 2 Too many pods.'))?.text).toBe(
      'Too many pods',
    );
    expect(dominantReason(parseFitError(''))).toBeUndefined();
  });
});
