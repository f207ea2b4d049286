/** One question to a chat model, answered in JSON that follows `schema`. */
export interface ChatRequest {
  system: string;
  user: string;
  /** A JSON schema; the server constrains the answer to it (Ollama `format`, OpenAI `response_format`). */
  schema: Record<string, unknown>;
  /** Names the schema where an API asks for a name (OpenAI's json_schema.name). */
  schemaName: string;
  /** Aborts the call: the caller left, or its time ran out. */
  signal: AbortSignal;
  /** When given, the answer is streamed and each piece of its text handed over as it arrives. */
  onText?: (text: string) => void;
}

export interface ChatAnswer {
  text: string;
  /** As the server counted them, when it says. */
  promptTokens?: number;
  evalTokens?: number;
}

/** What a server says about itself: whether it answers, its version, the models it has. */
export interface ServerProbe {
  version?: string;
  models: string[];
}

/**
 * The narrow interface every model server is used through. Implementations throw LlmError for
 * answers they cannot use; any other error means the server could not be reached or refused.
 */
export interface LlmClient {
  readonly provider: 'ollama' | 'openai';
  readonly model: string;
  /** Where the server is, for messages: never holds a credential. */
  readonly endpoint: string;
  chat(request: ChatRequest): Promise<ChatAnswer>;
  probe(signal: AbortSignal): Promise<ServerProbe>;
}
