import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Plugin } from 'esbuild';

export type ReactVersion = '16' | '19';
export const REACT_VERSIONS: readonly ReactVersion[] = ['16', '19'];

/** The repository: the demo serves its sources and node_modules, in `tsx` and from dist/ alike. */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The browser code the host page needs, built once when the demo starts. */
export interface HostBundles {
  /** The Argo-like UI (page/main.tsx), on the host's window.React. */
  host: string;
  /** React 19 has no UMD build: this bundle sets window.React and window.ReactDOM from the npm packages. */
  react19: string;
}

/**
 * Argo CD's UI hands extensions its own React on window; bundling another copy would break hooks
 * and context. The extension (scripts/build.ts) and the demo's host page are built against it alike.
 */
const windowReact: Plugin = {
  name: 'window-react',
  setup(context) {
    context.onResolve({ filter: /^react(-dom)?$/ }, (args) => ({
      path: args.path,
      namespace: 'window-react',
    }));
    context.onLoad({ filter: /.*/, namespace: 'window-react' }, (args) => ({
      contents: `module.exports = window.${args.path === 'react' ? 'React' : 'ReactDOM'};`,
      loader: 'js',
    }));
  },
};

/**
 * Code that runs on the host's window.React, with the classic JSX transform (React.createElement,
 * which React 16.14 and 19 both have), so one bundle runs on every Argo CD since 2.13.
 */
export const ON_WINDOW_REACT = {
  jsx: 'transform',
  jsxFactory: 'React.createElement',
  jsxFragment: 'React.Fragment',
  plugins: [windowReact],
} satisfies BuildOptions;

const REACT_19_GLOBALS = `
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
window.React = React;
window.ReactDOM = Object.assign({}, ReactDOM, ReactDOMClient);
`;

export async function buildHostBundles(root: string): Promise<HostBundles> {
  // esbuild runs a native binary and must not be bundled into dist/backend: load it at run time.
  const load = createRequire(join(root, 'package.json'));
  const esbuild = load('esbuild') as typeof import('esbuild');
  const common: BuildOptions = {
    bundle: true,
    write: false,
    minify: true,
    platform: 'browser',
    target: ['es2019'],
    format: 'iife',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  const [host, react19] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [join(root, 'backend/src/demo/page/main.tsx')],
      ...ON_WINDOW_REACT,
    }),
    esbuild.build({
      ...common,
      stdin: { contents: REACT_19_GLOBALS, resolveDir: root, loader: 'js' },
    }),
  ]);
  return { host: host.outputFiles?.[0]?.text ?? '', react19: react19.outputFiles?.[0]?.text ?? '' };
}

/** The folder of an installed package, found the way Node resolves it from the repository. */
export function packageDir(root: string, name: string): string {
  return dirname(createRequire(join(root, 'package.json')).resolve(`${name}/package.json`));
}

/** React 16.14's UMD files, from the npm aliases react-16 and react-dom-16. */
export function react16Files(root: string): { react: string; reactDom: string } {
  return {
    react: join(packageDir(root, 'react-16'), 'umd', 'react.production.min.js'),
    reactDom: join(packageDir(root, 'react-dom-16'), 'umd', 'react-dom.production.min.js'),
  };
}

async function extensionFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await extensionFiles(path)));
    else if (entry.isFile() && /^extension.*\.js$/.test(entry.name)) found.push(path);
  }
  return found.sort();
}

/**
 * argocd-server's /extensions.js: every `extension*.js` under the extensions folder, concatenated.
 * None installed is an error the demo reports at start, not a page that silently lacks the tab.
 */
export async function extensionsScript(dir: string): Promise<string> {
  const files = existsSync(dir) ? await extensionFiles(dir) : [];
  if (files.length === 0) {
    throw new Error(`no UI extension under ${dir}: build it first (npm run build)`);
  }
  const parts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return parts.join('\n;\n');
}
