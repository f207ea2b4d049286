import { build, type Plugin } from 'esbuild';

/** The Argo CD UI hands extensions its own React; bundling another copy would break hooks and context. */
const hostReact: Plugin = {
  name: 'host-react',
  setup(context) {
    context.onResolve({ filter: /^react(-dom)?$/ }, (args) => ({ path: args.path, namespace: 'host-react' }));
    context.onLoad({ filter: /.*/, namespace: 'host-react' }, (args) => ({
      contents: `module.exports = window.${args.path === 'react' ? 'React' : 'ReactDOM'};`,
      loader: 'js',
    }));
  },
};

const backend = build({
  entryPoints: { server: 'backend/src/server.ts', cli: 'backend/src/cli.ts' },
  outdir: 'dist/backend',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // CommonJS dependencies call require(); an ESM bundle has to provide it.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

const extension = build({
  entryPoints: ['extension/src/index.tsx'],
  outfile: 'dist/extension/resources/extension-ai-sre.js/extension-ai-sre.js',
  bundle: true,
  platform: 'browser',
  target: ['es2019'],
  format: 'iife',
  minify: true,
  jsx: 'transform',
  jsxFactory: 'React.createElement',
  jsxFragment: 'React.Fragment',
  plugins: [hostReact],
  logLevel: 'warning',
});

await Promise.all([backend, extension]);
