import { describe, expect, it } from 'vitest';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import { describeProblem } from '../../backend/src/runbooks/problems.js';
import { MAX_RUNBOOK_LENGTH } from '../../backend/src/runbooks/runbook-text.js';
import { ACTION_NAMES } from '../../backend/src/runbooks/schema.js';
import { REGISTRY_RUNBOOK, runbookConfigMap } from './runbook-config-maps.js';

const KEY = 'registry-a-to-b.yaml';
const KNOWN_ACTIONS = `(known: ${ACTION_NAMES.join(', ')})`;
const IMAGE_PULL_PARAMS = 'image, registry, repository, tag, digest, cause, container, reason, message';

function parseOne(value: unknown) {
  return parseRunbookConfigMaps([runbookConfigMap('runbooks-registry', { [KEY]: value })]);
}

function problemsOf(value: unknown): string[] {
  return parseOne(value).problems.map(describeProblem);
}

/** A valid runbook with one part replaced: the lines below `symptom:` and `solution:` are the variable ones. */
function runbook(symptom: string, solution: string, rest = ''): string {
  return `id: registry-a-to-b\nsymptom: ${symptom}\nsolution: ${solution}\n${rest}`;
}

const PULL = '{type: ImagePullBackOff}';
const TEXT = '{text: Fix it.}';

describe('parseRunbookConfigMaps: problems, with the exact words a platform team reads', () => {
  it.each([
    [
      'an action missing a required setting',
      runbook(PULL, '{actions: [{setImageRegistry: {from: registry-a.example.com}}]}'),
      'solution.actions[0].setImageRegistry.to: required',
    ],
    [
      'a misspelt action',
      runbook(PULL, '{actions: [{revertLastChange: {}}, {setImageRegistyr: {from: a, to: b}}]}'),
      `solution.actions[1]: unknown action setImageRegistyr ${KNOWN_ACTIONS}`,
    ],
    [
      'an action with a second key beside its name',
      runbook(PULL, '{actions: [{setImage: {image: "b/web:1"}, container: web}]}'),
      'solution.actions[0]: has 2 keys (setImage, container); an action has one, its name',
    ],
    [
      'an action written as a bare name',
      runbook(PULL, '{actions: [revertLastChange]}'),
      `solution.actions[0]: is a string; an action is a mapping from its name to its settings ${KNOWN_ACTIONS}`,
    ],
    [
      'an empty action',
      runbook(PULL, '{actions: [{}]}'),
      `solution.actions[0]: is empty; an action is a mapping from its name to its settings ${KNOWN_ACTIONS}`,
    ],
    [
      'an action whose settings are not a mapping',
      runbook(PULL, '{actions: [{setImageTag: v2}]}'),
      'solution.actions[0].setImageTag: must be object',
    ],
    [
      'a misspelt setting, which also leaves a required one missing',
      runbook(PULL, '{actions: [{setEnv: {name: WAIT_TIMEOUT, valeu: 300s}}]}'),
      'solution.actions[0].setEnv.value: required; also solution.actions[0].setEnv.valeu: unknown field (known: name, value, container)',
    ],
    [
      'a number YAML read from an unquoted setting',
      runbook(PULL, '{actions: [{setImageTag: {tag: 1.10}}]}'),
      'solution.actions[0].setImageTag.tag: must be a string, not the number 1.1 (quote it in YAML)',
    ],
    [
      'a probe kind that does not exist',
      runbook('{type: ProbeFailed}', '{actions: [{setProbe: {probe: ready, port: 8080}}]}'),
      'solution.actions[0].setProbe.probe: must be one of: readiness, liveness, startup',
    ],
    [
      'an empty list of actions',
      runbook(PULL, '{actions: []}'),
      'solution.actions: must not have fewer than 1 items',
    ],
    ['a solution with neither actions nor text', runbook(PULL, '{}'), 'solution: needs actions or a text'],
    [
      'a when key the symptom type never carries',
      runbook('{type: ImagePullBackOff, when: {registy: registry-a.example.com}}', TEXT),
      `symptom.when.registy: ImagePullBackOff symptoms have no param registy (they have: ${IMAGE_PULL_PARAMS})`,
    ],
    [
      'a when regular expression that does not compile',
      runbook('{type: ImagePullBackOff, when: {message: "/(/"}}', TEXT),
      'symptom.when.message: invalid regular expression /(/: Unterminated group',
    ],
    [
      'a when value YAML read as a number',
      runbook('{type: CrashLoopBackOff, when: {exitCode: 137}}', TEXT),
      'symptom.when.exitCode: must be a string, not the number 137 (quote it in YAML)',
    ],
    [
      'an empty when value',
      runbook('{type: ImagePullBackOff, when: {registry: ""}}', TEXT),
      'symptom.when.registry: must not have fewer than 1 characters',
    ],
    [
      'when without a type',
      runbook('{text: pulls fail, when: {registry: registry-a.example.com}}', TEXT),
      'symptom.when: needs symptom.type: its conditions test the params of that type',
    ],
    [
      'a symptom with neither type nor text',
      runbook('{}', TEXT),
      'symptom: needs a type (to match detected symptoms) or a text (for the LLM)',
    ],
    [
      'an unknown symptom type',
      runbook('{type: ImagePullBackoff}', TEXT),
      'symptom.type: unknown symptom type ImagePullBackoff (known: ImagePullBackOff, CrashLoopBackOff, OOMKilled, CreateContainerConfigError, RunContainerError, InitContainerFailed, FailedMount, Unschedulable, ProbeFailed, Evicted, ProgressDeadlineExceeded, FailedCreate, JobFailed, ServiceNoEndpoints, IngressMisconfigured, PVCPending, HPAMetricsUnavailable, SyncFailed, ComparisonError, Degraded)',
    ],
    ['a symptom that is not a mapping', runbook('ImagePullBackOff', TEXT), 'symptom: must be object'],
    [
      'a scope pattern that does not compile',
      runbook(PULL, TEXT, 'scope: {projects: [shop, "/[/"]}'),
      'scope.projects[1]: invalid regular expression /[/: Unterminated character class',
    ],
    [
      'a scope that is not a list',
      runbook(PULL, TEXT, 'scope: {namespaces: shop}'),
      'scope.namespaces: must be array',
    ],
    ['no id', 'symptom: {type: OOMKilled}\nsolution: {text: t}', 'id: required'],
    ['only an id', 'id: registry-a-to-b', 'symptom: required; also solution: required'],
    [
      'an id that is not kebab-case',
      'id: Registry_A\nsymptom: {type: OOMKilled}\nsolution: {text: t}',
      'id: must match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"',
    ],
    [
      'a misspelt top-level field',
      runbook(PULL, TEXT, 'automaton: auto'),
      'automaton: unknown field (known: id, description, symptom, solution, automation, scope, verify)',
    ],
    [
      'an automation level that does not exist',
      runbook(PULL, TEXT, 'automation: always'),
      'automation: must be one of: approve, auto',
    ],
    [
      'a verify timeout without a unit',
      runbook(PULL, TEXT, 'verify: {timeout: 10min}'),
      'verify.timeout: must match pattern "^\\d+(s|m|h)$"',
    ],
    [
      'several errors, listed in the order of the fields, the first one leading',
      runbook('{type: ImagePullBackOff, when: {registy: a}}', '{}', 'automation: always\nid2: x'),
      `symptom.when.registy: ImagePullBackOff symptoms have no param registy (they have: ${IMAGE_PULL_PARAMS}); also solution: needs actions or a text; automation: must be one of: approve, auto; id2: unknown field (known: id, description, symptom, solution, automation, scope, verify)`,
    ],
    [
      'more errors than a message spells out',
      runbook('{type: ImagePullBackOff, when: {a: x, b: x, c: x, d: x, e: x}}', TEXT),
      `symptom.when.a: ImagePullBackOff symptoms have no param a (they have: ${IMAGE_PULL_PARAMS}); also ${[
        'b',
        'c',
        'd',
      ]
        .map(
          (key) =>
            `symptom.when.${key}: ImagePullBackOff symptoms have no param ${key} (they have: ${IMAGE_PULL_PARAMS})`,
        )
        .join('; ')}; and 1 more`,
    ],
  ])('%s', (_label, text, expected) => {
    expect(problemsOf(text)).toEqual([`runbooks-registry/${KEY}: ${expected}`]);
  });

  it.each([
    [
      'malformed YAML',
      'id: x\nsymptom: {type: OOMKilled',
      'invalid YAML: Flow map in block collection must be sufficiently indented and end with a } at line 2, column 26',
    ],
    ['a key given twice', 'id: x\nid: y', 'invalid YAML: Map keys must be unique at line 2, column 1'],
    [
      'two YAML documents',
      'id: x\n---\nid: y',
      'invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments() at line 2, column 1',
    ],
    [
      'a tab as indentation',
      'id: x\nsymptom:\n\ttype: OOMKilled',
      'invalid YAML: Tabs are not allowed as indentation at line 3, column 1',
    ],
    [
      'an alias without an anchor',
      'id: *x',
      'invalid YAML: Unresolved alias (the anchor must be set before the alias): x',
    ],
    [
      'aliases expanding beyond reason',
      `a: &a [x, x]\nb: &b [${'*a, '.repeat(60)}*a]\nc: [${'*b, '.repeat(60)}*b]`,
      'invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    ],
    [
      'nesting deeper than the parser goes',
      `id: ${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      'invalid YAML: nested too deeply',
    ],
    [
      'a YAML list',
      '- id: registry-a-to-b',
      'is a list: a runbook is a YAML mapping with id, symptom and solution',
    ],
    [
      'a YAML scalar',
      'registry-a-to-b',
      'is a string: a runbook is a YAML mapping with id, symptom and solution',
    ],
    ['a YAML number', '42', 'is a number: a runbook is a YAML mapping with id, symptom and solution'],
    [
      'binary data by YAML tag',
      '!!binary aGVsbG8=',
      'is binary data: a runbook is a YAML mapping with id, symptom and solution',
    ],
    ['an empty value', '', 'is empty: a runbook is a YAML mapping with id, symptom and solution'],
    ['only a comment', '# to do\n', 'is empty: a runbook is a YAML mapping with id, symptom and solution'],
    ['a NUL byte', 'id: x\nsymptom: {text: "a\u0000b"}', 'is not text: control character U+0000 on line 2'],
    ['an escape character', '\u001b[31mid: x', 'is not text: control character U+001B on line 1'],
    [
      'a value too long to be a runbook',
      `description: ${'x'.repeat(MAX_RUNBOOK_LENGTH)}`,
      `is ${MAX_RUNBOOK_LENGTH + 13} characters long; a runbook may have at most ${MAX_RUNBOOK_LENGTH}`,
    ],
    ['a number instead of text', 7, 'holds a number, not text: each data key holds one runbook as YAML text'],
    ['no value', null, 'holds nothing, not text: each data key holds one runbook as YAML text'],
    [
      'a mapping instead of text',
      { id: 'x' },
      'holds a mapping, not text: each data key holds one runbook as YAML text',
    ],
  ])('the text: %s', (_label, value, expected) => {
    const { runbooks, problems } = parseOne(value);
    expect(runbooks).toEqual([]);
    expect(problems.map(describeProblem)).toEqual([`runbooks-registry/${KEY}: ${expected}`]);
  });

  it.each([
    ['without data', undefined, 'has no data'],
    ['with empty data', {}, 'has no data'],
    ['with a list as data', ['id: x'], 'has a list as data'],
    ['with text as data', 'id: x', 'has a string as data'],
  ])('a ConfigMap %s is one problem naming the ConfigMap', (_label, data, why) => {
    const { runbooks, problems } = parseRunbookConfigMaps([runbookConfigMap('runbooks-empty', data)]);
    expect(runbooks).toEqual([]);
    expect(problems).toEqual([
      {
        source: { namespace: 'argocd', configMap: 'runbooks-empty', key: '' },
        message: `${why}: each data key holds one runbook as YAML text`,
      },
    ]);
    expect(problems.map(describeProblem)).toEqual([
      `runbooks-empty: ${why}: each data key holds one runbook as YAML text`,
    ]);
  });

  it('reports the source, the readable id and the field apart from the message', () => {
    const { problems } = parseOne(runbook(PULL, '{actions: [{setImageRegistry: {from: a}}]}'));
    expect(problems).toEqual([
      {
        source: { namespace: 'argocd', configMap: 'runbooks-registry', key: KEY },
        id: 'registry-a-to-b',
        field: 'solution.actions[0].setImageRegistry.to',
        message: 'required',
      },
    ]);
  });

  it('names an id that breaks the pattern, but not one that is not text', () => {
    expect(parseOne('id: Registry_A\nsymptom: {type: OOMKilled}\nsolution: {text: t}').problems[0]?.id).toBe(
      'Registry_A',
    );
    expect(
      parseOne('id: [a]\nsymptom: {type: OOMKilled}\nsolution: {text: t}').problems[0]?.id,
    ).toBeUndefined();
  });

  it('keeps the valid runbooks beside a broken one', () => {
    const { runbooks, problems } = parseRunbookConfigMaps([
      runbookConfigMap('runbooks-registry', {
        'broken.yaml': 'id: broken\nsymptom: {type: OOMKilled}',
        [KEY]: REGISTRY_RUNBOOK,
      }),
    ]);
    expect(runbooks.map((item) => item.id)).toEqual(['registry-a-to-b']);
    expect(problems.map(describeProblem)).toEqual(['runbooks-registry/broken.yaml: solution: required']);
  });
});
