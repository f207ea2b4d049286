import * as React from 'react';
import type { LlmOutcome } from '../types.js';
import { MUTED } from './theme.js';

const WHAT_HAPPENED: Readonly<Record<Exclude<LlmOutcome['status'], 'ok'>, string>> = {
  off: 'The LLM is off',
  unavailable: 'The LLM could not be reached',
  timeout: 'The LLM did not answer in time',
  invalid: 'The LLM’s answer did not hold up against the evidence and was set aside',
};

/**
 * Why there is no model's explanation: off, unreachable, too slow, or an answer that failed the
 * checks. Whatever the reason, the deterministic diagnosis (detectors and runbooks) stands.
 */
export function LlmNote(props: { llm: LlmOutcome }) {
  const { llm } = props;
  if (llm.status === 'ok') return null;
  const tail = llm.status === 'off' ? '' : ' Diagnose again later for an explanation in words.';
  return (
    <p className="ai-sre-llm-note" style={MUTED}>
      <i className="fa fa-info-circle" /> {WHAT_HAPPENED[llm.status]}
      {llm.detail ? `: ${llm.detail.replace(/\.$/, '')}` : ''}. This is the deterministic diagnosis, from
      detectors and runbooks without a model.{tail}
    </p>
  );
}
