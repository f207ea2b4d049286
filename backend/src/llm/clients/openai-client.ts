import { readFile } from 'node:fs/promises';
import type { ChatAnswer, ChatRequest, LlmClient, ServerProbe } from '../client.js';
import type { OpenAiConfig } from '../config.js';
import { answerCutError, LlmError } from '../llm-error.js';
import { oneLine } from '../one-line.js';
import { sseData } from './sse-data.js';

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

interface Completion {
  choices?: { message?: { content?: unknown }; finish_reason?: string | null }[];
  usage?: Usage;
}

interface CompletionChunk {
  choices?: { delta?: { content?: unknown }; finish_reason?: string | null }[];
  usage?: Usage | null;
}

/** The words of an error answer: OpenAI-style `{error: {message}}`, else the body itself. */
async function failureOf(response: Response): Promise<Error> {
  // Some servers quote the key they refused; say only that it was refused.
  if (response.status === 401 || response.status === 403) {
    return new Error(`answered ${response.status}: the API key was refused (AI_SRE_LLM_API_KEY_FILE)`);
  }
  const body = await response.text().catch(() => '');
  let message = body;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string };
    const error = parsed.error;
    message = typeof error === 'string' ? error : typeof error?.message === 'string' ? error.message : body;
  } catch {
    // Not JSON: the body as it is.
  }
  return new Error(`answered ${response.status}${message ? `: ${oneLine(message, 200)}` : ''}`);
}

function withUsage(answer: ChatAnswer, usage: Usage | null | undefined): ChatAnswer {
  if (typeof usage?.prompt_tokens === 'number') answer.promptTokens = usage.prompt_tokens;
  if (typeof usage?.completion_tokens === 'number') answer.evalTokens = usage.completion_tokens;
  return answer;
}

function parsed<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new LlmError('invalid', `the server's ${what} is not JSON`);
  }
}

/**
 * Chat through an OpenAI-compatible API (OpenAI, vLLM, LM Studio): POST /chat/completions with
 * `response_format: json_schema`, streamed as Server-Sent Events when the caller wants the text.
 */
export function createOpenAiClient(config: OpenAiConfig): LlmClient {
  const endpoint = config.baseUrl;

  async function headers(): Promise<Record<string, string>> {
    const result: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (config.apiKeyFile) {
      const key = await readFile(config.apiKeyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new Error(`cannot read the API key file ${config.apiKeyFile} (${error.code ?? 'error'})`);
      });
      result.Authorization = `Bearer ${key.trim()}`;
    }
    return result;
  }

  async function post(request: ChatRequest, stream: boolean): Promise<Response> {
    const response = await fetch(`${endpoint}/chat/completions`, {
      method: 'POST',
      headers: await headers(),
      signal: request.signal,
      body: JSON.stringify({
        model: config.model,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        temperature: config.temperature,
        max_tokens: config.maxAnswerTokens,
        response_format: {
          type: 'json_schema',
          json_schema: { name: request.schemaName, schema: request.schema, strict: true },
        },
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      }),
    });
    if (!response.ok) throw await failureOf(response);
    return response;
  }

  async function streamed(request: ChatRequest, onText: (text: string) => void): Promise<ChatAnswer> {
    const response = await post(request, true);
    if (!response.body) throw new LlmError('invalid', 'the server streamed no body');
    let text = '';
    let finish: string | null | undefined;
    let usage: Usage | null | undefined;
    for await (const data of sseData(response.body)) {
      if (data.trim() === '[DONE]') break;
      const chunk = parsed<CompletionChunk>(data, 'streamed chunk');
      const choice = chunk.choices?.[0];
      const piece = choice?.delta?.content;
      if (typeof piece === 'string' && piece !== '') {
        text += piece;
        onText(piece);
      }
      finish = choice?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    if (finish === 'length') throw answerCutError(config.maxAnswerTokens);
    return withUsage({ text }, usage);
  }

  return {
    provider: 'openai',
    model: config.model,
    endpoint,
    async chat(request) {
      if (request.onText) return streamed(request, request.onText);
      const response = await post(request, false);
      const completion = parsed<Completion>(await response.text(), 'answer');
      const choice = completion.choices?.[0];
      const content = choice?.message?.content;
      if (typeof content !== 'string') throw new LlmError('invalid', 'the server answered without a message');
      if (choice?.finish_reason === 'length') throw answerCutError(config.maxAnswerTokens);
      return withUsage({ text: content }, completion.usage);
    },
    async probe(signal): Promise<ServerProbe> {
      const response = await fetch(`${endpoint}/models`, { headers: await headers(), signal });
      if (!response.ok) throw await failureOf(response);
      const list = parsed<{ data?: { id?: unknown }[] }>(await response.text(), 'model list');
      return {
        models: (list.data ?? []).flatMap((model) => (typeof model.id === 'string' ? [model.id] : [])),
      };
    },
  };
}
