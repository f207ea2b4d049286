import { describe, expect, it } from 'vitest';
import { matchRunbook } from '../../backend/src/runbooks/match.js';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import { describeProblem } from '../../backend/src/runbooks/problems.js';
import { diagnoseScenario, scenarioIds } from './scenario-diagnosis.js';

describe('the runbooks of every recorded scenario', () => {
  it.each(scenarioIds)('%s: its runbooks are all valid, and the one it expects is the one chosen', (id) => {
    const { spec, symptoms, runbookConfigMaps, app } = diagnoseScenario(id);
    const { runbooks, problems } = parseRunbookConfigMaps(runbookConfigMaps);
    expect(problems.map(describeProblem)).toEqual([]);
    expect(runbooks.length).toBeGreaterThan(0);
    expect(symptoms[0]?.type ?? null).toBe(spec.expect.primary);

    const match = matchRunbook(symptoms, runbooks, app);
    expect(match?.runbook.id ?? null).toBe(spec.expect.runbook ?? null);
  });
});
