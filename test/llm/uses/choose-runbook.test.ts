import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../backend/src/llm/llm-error.js';
import { chooseRunbookQuestion } from '../../../backend/src/llm/uses/choose-runbook.js';
import { freeTextCandidates } from '../../../backend/src/runbooks/match.js';
import { freeTextRunbooks } from '../support/free-text-runbooks.js';
import { scenarioCase } from '../support/scenario-case.js';

const notifier = scenarioCase('crashloop-missing-env-no-runbook', [freeTextRunbooks]);
const candidates = freeTextCandidates(notifier.runbooks.runbooks, {
  project: 'default',
  name: 'notifier',
  namespace: 'notifications',
});

function question(anonymize = false) {
  return chooseRunbookQuestion(notifier.snapshot, notifier.diagnosis.symptoms, candidates, {
    budget: 2000,
    anonymize,
  });
}

describe('the runbook choice question', () => {
  it('offers the free-text runbooks in scope with what they are for, and only their ids or null', () => {
    expect(candidates.map((runbook) => runbook.id)).toEqual([
      'disk-pressure-cleanup',
      'missing-setting-at-start',
    ]);
    const { task } = question();
    expect(task.user).toContain(
      '- id: missing-setting-at-start\n  situation: a new release exits at start-up with an error saying an environment variable it requires is not set',
    );
    expect((task.schema.properties as Record<string, unknown>).runbook).toEqual({
      anyOf: [
        { type: 'string', enum: ['disk-pressure-cleanup', 'missing-setting-at-start'] },
        { type: 'null' },
      ],
    });
  });

  it('answers the runbook chosen, or none when none fits', () => {
    const asked = question();
    const chosen = asked.finish(
      asked.task.read(
        '{"runbook": "missing-setting-at-start", "reason": "The log names a missing variable."}',
      ),
    );
    expect(chosen.runbook?.id).toBe('missing-setting-at-start');
    expect(chosen.reason).toBe('The log names a missing variable.');
    expect(
      asked.finish(asked.task.read('{"runbook": null, "reason": "Neither describes a crash loop."}')),
    ).toEqual({
      runbook: null,
      reason: 'Neither describes a crash loop.',
    });
  });

  it('rejects a runbook that was not offered', () => {
    const { task } = question();
    expect(() => task.read('{"runbook": "notify-oom-raise-limit", "reason": "It is a runbook."}')).toThrow(
      LlmError,
    );
    expect(() => task.read('{"runbook": "notify-oom-raise-limit", "reason": "It is a runbook."}')).toThrow(
      'the answer chose runbook "notify-oom-raise-limit", which was not offered (offered: disk-pressure-cleanup, missing-setting-at-start)',
    );
  });
});
