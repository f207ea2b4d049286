import { describe, expect, it } from 'vitest';
import {
  countTokens,
  MESSAGE_OVERHEAD_TOKENS,
  promptTokens,
} from '../../../backend/src/llm/prompt/token-count.js';

describe('countTokens', () => {
  it('counts BPE tokens, not characters', () => {
    expect(countTokens('hello world')).toBe(2);
    // Names and paths split into many tokens: a quarter of the characters would undercount them.
    const path = 'spec.template.spec.containers[name=api].env[name=PAYMENT_GATEWAY_URL].value';
    expect(countTokens(path)).toBeGreaterThan(path.length / 4);
  });

  it('adds the chat template’s overhead for the two messages of a prompt', () => {
    expect(promptTokens('hello world', 'hello world')).toBe(4 + 2 * MESSAGE_OVERHEAD_TOKENS);
  });
});
