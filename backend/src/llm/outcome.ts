import type { AnswerSource } from './shared-answers.js';

/** The three things the model is asked, in the order a diagnosis asks them. */
export type LlmUse = 'choose-runbook' | 'draft-edit' | 'explain';

/** `off`: no model configured; the others as LlmError names them, and `ok`. */
export type LlmStatus = 'ok' | 'off' | 'unavailable' | 'timeout' | 'invalid';

export interface LlmStepOutcome {
  use: LlmUse;
  /** `skipped`: not asked, because an earlier question found the model unreachable or too slow. */
  status: 'ok' | 'unavailable' | 'timeout' | 'invalid' | 'skipped';
  detail?: string;
  source?: AnswerSource;
  /** Prompt tokens as counted before sending (cl100k). */
  promptTokens: number;
  /** As the server counted them, when it says. */
  modelPromptTokens?: number;
  evalTokens?: number;
  ms: number;
}

/** How the LLM step of a diagnosis went. */
export interface LlmOutcome {
  /** `ok` when every question asked was answered; else the first failure's status. */
  status: LlmStatus;
  /** For anything but ok: what went wrong, in words for the user. Never holds a credential. */
  detail?: string;
  provider?: 'ollama' | 'openai';
  model?: string;
  steps: LlmStepOutcome[];
}

/** The model's reading of a diagnosis, grounded in the evidence it cites. */
export interface Explanation {
  summary: string;
  rootCause: string;
  confidence: 'low' | 'medium' | 'high';
  /** Ids of the diagnosis's evidence; every one was in the prompt. */
  evidence: string[];
  nextStep: string;
  model: string;
}
