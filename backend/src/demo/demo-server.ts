import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { type ExtensionProxyOptions, extensionProxy } from './extension-proxy.js';
import { extensionsScript, type HostBundles, REACT_VERSIONS, type ReactVersion } from './host-assets.js';
import { hostPage } from './host-page.js';
import { EXTENSION_PREFIX } from './proxy-request.js';
import type { SandboxReader } from './sandbox-reader.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.svg': 'image/svg+xml',
};

export interface DemoServerOptions {
  bundles: HostBundles;
  defaultReact: ReactVersion;
  /** Files served as they are, by URL path. */
  files: Record<string, string>;
  /** URL prefix → folder served under it (Font Awesome's css/ and webfonts/). */
  folders: Record<string, string>;
  /** Where the installed UI extensions are, as argocd-server keeps them. */
  extensionsDir: string;
  sandbox: SandboxReader;
  proxy: Omit<ExtensionProxyOptions, 'sandbox'>;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, CONTENT_TYPES['.json'] ?? 'application/json', JSON.stringify(body));
}

/** A file under `folder` named by the rest of the URL; undefined when the path would leave the folder. */
function fileWithin(folder: string, rest: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  const path = normalize(join(folder, name));
  return path.startsWith(folder + sep) ? path : undefined;
}

async function sendFile(response: ServerResponse, path: string): Promise<void> {
  try {
    const body = await readFile(path);
    send(response, 200, CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', body);
  } catch {
    send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
}

function reactVersionOf(url: URL, fallback: ReactVersion): ReactVersion | undefined {
  const asked = url.searchParams.get('react');
  if (asked === null || asked === '') return fallback;
  return REACT_VERSIONS.find((version) => version === asked);
}

/**
 * The demo's web server: the Argo-like host page and its assets, /extensions.js, the sandbox's
 * Applications for the page, and the proxy extension in front of the backend.
 */
export function createDemoServer(options: DemoServerOptions): Server {
  const proxy = extensionProxy({ ...options.proxy, sandbox: options.sandbox });
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    if (url.pathname === EXTENSION_PREFIX || url.pathname.startsWith(`${EXTENSION_PREFIX}/`)) {
      await proxy(request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'the demo page is read-only\n');
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const version = reactVersionOf(url, options.defaultReact);
      if (!version) {
        send(
          response,
          400,
          'text/plain; charset=utf-8',
          `?react= must be one of ${REACT_VERSIONS.join(', ')}\n`,
        );
        return;
      }
      send(response, 200, CONTENT_TYPES['.html'] ?? 'text/html', hostPage(version));
      return;
    }
    if (url.pathname === '/assets/host.js')
      return send(response, 200, 'text/javascript', options.bundles.host);
    if (url.pathname === '/assets/react-19.js')
      return send(response, 200, 'text/javascript', options.bundles.react19);
    if (url.pathname === '/extensions.js') {
      try {
        send(response, 200, 'text/javascript', await extensionsScript(options.extensionsDir));
      } catch (error) {
        send(response, 404, 'text/plain; charset=utf-8', `${(error as Error).message}\n`);
      }
      return;
    }
    if (url.pathname === '/api/applications') {
      return sendJson(response, 200, { items: await options.sandbox.applications() });
    }
    const resource = /^\/api\/applications\/([^/]+)\/([^/]+)\/resource$/.exec(url.pathname);
    if (resource?.[1] && resource[2]) {
      const query = url.searchParams;
      const kind = query.get('kind');
      const name = query.get('name');
      if (!kind || !name) return sendJson(response, 400, { message: 'kind and name are required' });
      const namespace = query.get('namespace');
      const object = await options.sandbox.applicationResource(resource[1], resource[2], {
        group: query.get('group') ?? '',
        version: query.get('version') || 'v1',
        kind,
        name,
        ...(namespace ? { namespace } : {}),
      });
      return object
        ? sendJson(response, 200, object)
        : sendJson(response, 404, { message: `${kind} ${name} is not a live resource of this app` });
    }
    const file = options.files[url.pathname];
    if (file) return sendFile(response, file);
    for (const [prefix, folder] of Object.entries(options.folders)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const path = fileWithin(folder, url.pathname.slice(prefix.length));
      if (path) return sendFile(response, path);
    }
    send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
  };
  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendJson(response, 500, { message: `the demo server failed: ${(error as Error).message}` });
    });
  });
}

/** Listens on loopback; resolves with the page's base URL. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(
        `http://${host === '127.0.0.1' ? 'localhost' : host}:${(server.address() as AddressInfo).port}`,
      );
    });
  });
}
