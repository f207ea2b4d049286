import { runbookConfigMap } from './scenario-case.js';

/** Runbooks with only a text: one that describes the missing-variable crash loops, one that does not. */
export const freeTextRunbooks = runbookConfigMap({
  'missing-setting-at-start.yaml': [
    'id: missing-setting-at-start',
    'description: A release exits at start-up because a setting it requires is not configured.',
    'symptom:',
    '  text: a new release exits at start-up with an error saying an environment variable it requires is not set',
    'solution:',
    '  text: Add the environment variable the log names to the container of the Deployment, with the value the app team gives.',
    'automation: auto',
  ].join('\n'),
  'disk-pressure-cleanup.yaml': [
    'id: disk-pressure-cleanup',
    'symptom:',
    '  text: pods are evicted because the node runs out of disk',
    'solution:',
    '  text: Give the pods an ephemeral-storage limit.',
  ].join('\n'),
});
