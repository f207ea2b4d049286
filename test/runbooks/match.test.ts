import { describe, expect, it } from 'vitest';
import {
  freeTextCandidates,
  matchRunbook,
  runbooksForApp,
  type ScopedApplication,
} from '../../backend/src/runbooks/match.js';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import type { Runbook } from '../../backend/src/runbooks/schema.js';
import { runbookConfigMap } from './runbook-config-maps.js';
import { diagnoseScenario } from './scenario-diagnosis.js';

/** Runbooks from `id: symptom` pairs, each a flow mapping; ConfigMap keys keep the given order. */
function runbooks(symptoms: Record<string, string>, scope?: Record<string, string>): Runbook[] {
  const data = Object.fromEntries(
    Object.entries(symptoms).map(([id, symptom], index) => [
      `${String(index).padStart(2, '0')}-${id}.yaml`,
      `id: ${id}\nsymptom: ${symptom}\nsolution: {text: Fix it.}\n${scope?.[id] ? `scope: ${scope[id]}\n` : ''}`,
    ]),
  );
  const parsed = parseRunbookConfigMaps([runbookConfigMap('runbooks', data)]);
  expect(parsed.problems).toEqual([]);
  return parsed.runbooks;
}

/** ImagePullBackOff on registry-a (i/o timeout), then ProgressDeadlineExceeded, then ServiceNoEndpoints. */
const registry = diagnoseScenario('image-registry-mirror');
const probe = diagnoseScenario('readiness-wrong-port');

function chosen(
  diagnosis: { symptoms: typeof registry.symptoms; app: ScopedApplication },
  candidates: Runbook[],
): string | null {
  return matchRunbook(diagnosis.symptoms, candidates, diagnosis.app)?.runbook.id ?? null;
}

describe('matchRunbook on recorded scenarios', () => {
  it('has the symptoms these tests rely on', () => {
    expect(registry.symptoms.map((symptom) => symptom.type)).toEqual([
      'ImagePullBackOff',
      'ProgressDeadlineExceeded',
      'ServiceNoEndpoints',
    ]);
    expect(registry.app).toEqual({ project: 'default', name: 'shop-web', namespace: 'shop' });
    expect(probe.symptoms[0]?.params).toMatchObject({ probe: 'readiness', port: 8081, path: '/ready' });
  });

  it.each([
    ['the symptom type alone', '{type: ImagePullBackOff}', true],
    ['another type', '{type: OOMKilled}', false],
    ['a glob on a param', '{type: ImagePullBackOff, when: {registry: "registry-a.*"}}', true],
    ['a glob that does not match', '{type: ImagePullBackOff, when: {registry: "registry-b.*"}}', false],
    ['a glob with ?', '{type: ImagePullBackOff, when: {image: "*:1.4.?"}}', true],
    ['a glob is anchored', '{type: ImagePullBackOff, when: {registry: "registry-a"}}', false],
    ['a glob is case-sensitive', '{type: ImagePullBackOff, when: {cause: unreachable}}', false],
    ['a regular expression searches', '{type: ImagePullBackOff, when: {image: "/shop.web/"}}', true],
    [
      'a regular expression that finds nothing',
      '{type: ImagePullBackOff, when: {image: "/shop.api/"}}',
      false,
    ],
    ['every condition must hold', '{type: ImagePullBackOff, when: {cause: Unreachable, tag: "2.*"}}', false],
    [
      'a param the symptom lacks never matches, even *',
      '{type: ImagePullBackOff, when: {digest: "*"}}',
      false,
    ],
    [
      'message: the sentence',
      '{type: ImagePullBackOff, when: {message: "/unreachable or unavailable/"}}',
      true,
    ],
    [
      'message: the status text behind it',
      '{type: ImagePullBackOff, when: {message: "/DeadlineExceeded/"}}',
      true,
    ],
    [
      'message: a glob on the status text',
      '{type: ImagePullBackOff, when: {message: "rpc error: *i/o timeout"}}',
      true,
    ],
    ['message: text found nowhere', '{type: ImagePullBackOff, when: {message: "/manifest unknown/"}}', false],
  ])('%s', (_label, symptom, matches) => {
    expect(chosen(registry, runbooks({ candidate: symptom }))).toBe(matches ? 'candidate' : null);
  });

  it.each([
    ['a number, as its decimal text', '{type: ProbeFailed, when: {port: "8081"}}', true],
    ['a number against a glob', '{type: ProbeFailed, when: {port: "808?"}}', true],
    ['a number against a regular expression', '{type: ProbeFailed, when: {port: "/^80/"}}', true],
    ['a number is not a prefix match', '{type: ProbeFailed, when: {port: "80"}}', false],
    [
      'message: the raw event text',
      '{type: ProbeFailed, when: {message: "Readiness probe failed: *"}}',
      true,
    ],
  ])('%s', (_label, symptom, matches) => {
    expect(chosen(probe, runbooks({ candidate: symptom }))).toBe(matches ? 'candidate' : null);
  });

  it('compares a boolean param as true or false', () => {
    const hpa = diagnoseScenario('hpa-missing-cpu-request');
    expect(hpa.symptoms[0]?.params.missingRequests).toBe(true);
    const candidates = runbooks({
      without: '{type: HPAMetricsUnavailable, when: {missingRequests: "false"}}',
      with: '{type: HPAMetricsUnavailable, when: {missingRequests: "true"}}',
    });
    expect(chosen(hpa, candidates)).toBe('with');
  });

  it('does not test message against log lines', () => {
    const crash = diagnoseScenario('crashloop-missing-env-no-runbook');
    expect(
      crash.symptoms[0]?.evidence.some(
        (item) => item.kind === 'log' && item.lines.join('\n').includes('Traceback'),
      ),
    ).toBe(true);
    expect(
      chosen(crash, runbooks({ candidate: '{type: CrashLoopBackOff, when: {message: "/Traceback/"}}' })),
    ).toBeNull();
  });

  it.each([
    ['projects', '{projects: [default]}', true],
    ['projects', '{projects: [shop, payments]}', false],
    ['projects', '{projects: ["/^def/"]}', true],
    ['applications', '{applications: ["shop-*"]}', true],
    ['applications', '{applications: [shop-api]}', false],
    ['namespaces', '{namespaces: [payments, shop]}', true],
    ['namespaces', '{namespaces: [payments]}', false],
    ['an empty list', '{namespaces: []}', false],
    ['every list', '{projects: ["*"], applications: [shop-web], namespaces: ["sh?p"]}', true],
    ['every list but one', '{projects: ["*"], applications: [shop-web], namespaces: [web]}', false],
  ])('scope on %s: %s', (_label, scope, inScope) => {
    const candidates = runbooks({ candidate: '{type: ImagePullBackOff}' }, { candidate: scope });
    expect(chosen(registry, candidates)).toBe(inScope ? 'candidate' : null);
    expect(runbooksForApp(candidates, registry.app).map((runbook) => runbook.id)).toEqual(
      inScope ? ['candidate'] : [],
    );
  });

  it('prefers the runbook with more conditions and offers the others as alternatives, in order', () => {
    const candidates = runbooks({
      'any-pull': '{type: ImagePullBackOff}',
      'registry-a-timeout':
        '{type: ImagePullBackOff, when: {registry: registry-a.example.com, cause: Unreachable}}',
      'registry-a': '{type: ImagePullBackOff, when: {registry: "registry-a.*"}}',
      'registry-b': '{type: ImagePullBackOff, when: {registry: "registry-b.*"}}',
    });
    const match = matchRunbook(registry.symptoms, candidates, registry.app);
    expect(match?.runbook.id).toBe('registry-a-timeout');
    expect(match?.symptom).toBe(registry.symptoms[0]);
    expect(match?.alternatives.map((runbook) => runbook.id)).toEqual(['registry-a', 'any-pull']);
  });

  it('breaks a tie of conditions by id, whatever order the runbooks come in', () => {
    const candidates = runbooks({
      'zz-mirror': '{type: ImagePullBackOff, when: {cause: Unreachable}}',
      'aa-mirror': '{type: ImagePullBackOff, when: {registry: "registry-a.*"}}',
    });
    for (const order of [candidates, [...candidates].reverse()]) {
      const match = matchRunbook(registry.symptoms, order, registry.app);
      expect(match?.runbook.id).toBe('aa-mirror');
      expect(match?.alternatives.map((runbook) => runbook.id)).toEqual(['zz-mirror']);
    }
  });

  it('tries the symptoms in rank order: a runbook for the primary wins over a more specific one for a later symptom', () => {
    const candidates = runbooks({
      'rollout-stuck':
        '{type: ProgressDeadlineExceeded, when: {replicaSet: "web-*", progressDeadlineSeconds: "600"}}',
      'pull-failed': '{type: ImagePullBackOff}',
    });
    const match = matchRunbook(registry.symptoms, candidates, registry.app);
    expect(match?.runbook.id).toBe('pull-failed');
    expect(match?.alternatives).toEqual([]);
  });

  it('falls through to the first later symptom a runbook matches, and names that symptom', () => {
    const candidates = runbooks({
      'no-endpoints': '{type: ServiceNoEndpoints}',
      'rollout-stuck': '{type: ProgressDeadlineExceeded}',
      'registry-b': '{type: ImagePullBackOff, when: {registry: "registry-b.*"}}',
    });
    const match = matchRunbook(registry.symptoms, candidates, registry.app);
    expect(match?.runbook.id).toBe('rollout-stuck');
    expect(match?.symptom).toBe(registry.symptoms[1]);
    expect(match?.alternatives).toEqual([]);
  });

  it('skips a runbook out of scope for a lower-ranked one in scope', () => {
    const candidates = runbooks(
      { 'pull-failed': '{type: ImagePullBackOff}', 'rollout-stuck': '{type: ProgressDeadlineExceeded}' },
      { 'pull-failed': '{projects: [payments]}' },
    );
    expect(chosen(registry, candidates)).toBe('rollout-stuck');
  });

  it('never matches a runbook with only a text, and offers those in scope to the LLM', () => {
    const candidates = runbooks(
      {
        'registry-flaky': '{text: image pulls from registry A time out}',
        'payments-only': '{text: image pulls fail}',
        'pull-failed': '{type: ImagePullBackOff, text: image pulls fail}',
      },
      { 'payments-only': '{projects: [payments]}' },
    );
    const textOnly = candidates.filter((runbook) => runbook.symptom.type === undefined);
    expect(matchRunbook(registry.symptoms, textOnly, registry.app)).toBeNull();
    expect(freeTextCandidates(candidates, registry.app).map((runbook) => runbook.id)).toEqual([
      'registry-flaky',
    ]);
    expect(runbooksForApp(candidates, registry.app).map((runbook) => runbook.id)).toEqual([
      'registry-flaky',
      'pull-failed',
    ]);
  });

  it('finds nothing without symptoms or without runbooks', () => {
    expect(matchRunbook([], runbooks({ any: '{type: ImagePullBackOff}' }), registry.app)).toBeNull();
    expect(matchRunbook(registry.symptoms, [], registry.app)).toBeNull();
  });

  it('reads only the symptom’s own params: a condition on an Object method name matches nothing', () => {
    const [valid] = runbooks({ candidate: '{type: ImagePullBackOff}' });
    if (!valid) throw new Error('no runbook');
    const handWritten: Runbook = {
      ...valid,
      symptom: { type: 'ImagePullBackOff', when: { constructor: '*' } },
    };
    expect(matchRunbook(registry.symptoms, [handWritten], registry.app)).toBeNull();
  });
});
