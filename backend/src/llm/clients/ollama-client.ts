import { type ChatResponse, Ollama } from 'ollama';
import type { ChatAnswer, ChatRequest, LlmClient, ServerProbe } from '../client.js';
import type { OllamaConfig } from '../config.js';
import { answerCutError, LlmError } from '../llm-error.js';

/**
 * ollama-js aborts only streamed calls, and all of a client's at once; its `fetch` option is the
 * one place a per-call signal fits, so each call gets a client whose fetch carries its signal.
 */
function clientFor(config: OllamaConfig, signal: AbortSignal): Ollama {
  return new Ollama({
    host: config.host,
    fetch: (input, init) =>
      fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
  });
}

function answerOf(response: ChatResponse | undefined, text: string, config: OllamaConfig): ChatAnswer {
  if (response?.done_reason === 'length') throw answerCutError(config.maxAnswerTokens);
  const answer: ChatAnswer = { text };
  if (typeof response?.prompt_eval_count === 'number') answer.promptTokens = response.prompt_eval_count;
  if (typeof response?.eval_count === 'number') answer.evalTokens = response.eval_count;
  return answer;
}

/** Chat through Ollama's /api/chat with structured output: `format` is the answer's JSON schema. */
export function createOllamaClient(config: OllamaConfig): LlmClient {
  const body = (request: ChatRequest) => ({
    model: config.model,
    messages: [
      { role: 'system', content: request.system },
      { role: 'user', content: request.user },
    ],
    format: request.schema,
    keep_alive: config.keepAlive,
    options: {
      temperature: config.temperature,
      num_ctx: config.numCtx,
      num_predict: config.maxAnswerTokens,
    },
  });
  return {
    provider: 'ollama',
    model: config.model,
    endpoint: `Ollama at ${config.host}`,
    async chat(request) {
      const ollama = clientFor(config, request.signal);
      const { onText } = request;
      if (!onText) {
        const response = await ollama.chat({ ...body(request), stream: false });
        if (typeof response?.message?.content !== 'string')
          throw new LlmError('invalid', 'Ollama answered without a message');
        return answerOf(response, response.message.content, config);
      }
      let text = '';
      let last: ChatResponse | undefined;
      for await (const part of await ollama.chat({ ...body(request), stream: true })) {
        const piece = part.message?.content ?? '';
        if (piece) {
          text += piece;
          onText(piece);
        }
        last = part;
      }
      return answerOf(last, text, config);
    },
    async probe(signal): Promise<ServerProbe> {
      const ollama = clientFor(config, signal);
      const [version, tags] = await Promise.all([ollama.version(), ollama.list()]);
      return { version: version.version, models: tags.models.map((model) => model.name) };
    },
  };
}
