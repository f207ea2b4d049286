import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import {
  authorizedApplication,
  backendPath,
  forwardedHeaders,
  type ProxyBackend,
  ProxyRefusal,
  type ProxyUser,
  requestedApplication,
} from './proxy-request.js';
import type { SandboxReader } from './sandbox-reader.js';

export interface ExtensionProxyOptions {
  /** The backend's base URL, http only (argocd-server reaches it inside the cluster). */
  backendUrl: string;
  backend: ProxyBackend;
  user: ProxyUser;
  sandbox: SandboxReader;
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(`${message}\n`);
}

/**
 * argocd-server's proxy extension for `/extensions/ai-sre/*`: checks the app headers against the
 * Application, then forwards the request with the user's credentials replaced by Argo CD's headers.
 * The response is piped as it arrives, so a diagnosis streamed as Server-Sent Events stays a stream.
 */
export function extensionProxy(options: ExtensionProxyOptions) {
  const target = new URL(options.backendUrl);
  return async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    let outgoing: ReturnType<typeof request>;
    try {
      const path = backendPath(incoming.url ?? '');
      const requested = requestedApplication(incoming.headers);
      const application = authorizedApplication(
        requested,
        await options.sandbox.application(requested.namespace, requested.name),
      );
      outgoing = request({
        hostname: target.hostname,
        port: target.port,
        method: incoming.method,
        path,
        headers: forwardedHeaders(incoming.headers, application, options.user, options.backend, target.host),
      });
    } catch (error) {
      if (error instanceof ProxyRefusal) refuse(response, error.status, error.message);
      else refuse(response, 502, 'the extension proxy could not read the Application');
      return;
    }
    outgoing.on('response', (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      response.flushHeaders();
      answer.pipe(response);
    });
    outgoing.on('error', () => {
      if (!response.headersSent) refuse(response, 502, 'the AI SRE backend does not answer');
      else response.destroy();
    });
    // A browser that leaves ends the backend's work too, as it would through argocd-server.
    response.on('close', () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    incoming.pipe(outgoing);
  };
}
