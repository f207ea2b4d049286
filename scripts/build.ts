import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ON_WINDOW_REACT } from '../backend/src/demo/host-assets.js';

/** Where Argo CD looks for the bundle: /tmp/extensions/resources/<dir>/extension*.js. */
export const EXTENSION_FILE = 'resources/extension-ai-sre.js/extension-ai-sre.js';
/** Release asset names that docs/install.md and manifests/argocd point at. */
export const ARCHIVE = 'extension.tar.gz';
export const CHECKSUM = `${ARCHIVE}.sha256`;

async function buildBackend(): Promise<void> {
  await build({
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
}

/** The UI bundle, one ES2019 file on the host's window.React for every Argo CD since 2.13. */
export async function buildExtension(outDir: string): Promise<string> {
  const outfile = join(outDir, EXTENSION_FILE);
  await build({
    entryPoints: ['extension/src/index.tsx'],
    outfile,
    bundle: true,
    platform: 'browser',
    target: ['es2019'],
    format: 'iife',
    minify: true,
    legalComments: 'none',
    ...ON_WINDOW_REACT,
    logLevel: 'warning',
  });
  return outfile;
}

/** A ustar header field: octal digits, zero-padded, ending in NUL. */
function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** One ustar header; fixed owner, mode and time so the same bundle gives the same archive. */
function tarHeader(name: string, size: number, directory: boolean): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name longer than 100 bytes: ${name}`);
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write(octal(directory ? 0o755 : 0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(0, 12), 136, 'ascii');
  header.write(directory ? '5' : '0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write('root', 265, 'ascii');
  header.write('root', 297, 'ascii');
  // The checksum is summed with its own field read as eight spaces.
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** A deterministic tar of the given files (and their parent directories), in the order given. */
export function tar(files: readonly { name: string; content: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const directories = new Set<string>();
  for (const file of files) {
    const segments = file.name.split('/').slice(0, -1);
    for (let depth = 1; depth <= segments.length; depth++) {
      const directory = `${segments.slice(0, depth).join('/')}/`;
      if (directories.has(directory)) continue;
      directories.add(directory);
      parts.push(tarHeader(directory, 0, true));
    }
    parts.push(tarHeader(file.name, file.content.length, false), file.content);
    const padding = (512 - (file.content.length % 512)) % 512;
    parts.push(Buffer.alloc(padding));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/**
 * The release assets argocd-extension-installer downloads: extension.tar.gz with a top-level
 * resources/, and its checksum in `sha256sum` format.
 */
export async function packExtension(outDir: string): Promise<{ archive: string; checksum: string }> {
  const content = await readFile(join(outDir, EXTENSION_FILE));
  // gzip from Node writes no file name and a zero mtime: the archive depends on the bundle alone.
  const archive = gzipSync(tar([{ name: EXTENSION_FILE, content }]), { level: 9 });
  const digest = createHash('sha256').update(archive).digest('hex');
  await mkdir(outDir, { recursive: true });
  const archivePath = join(outDir, ARCHIVE);
  const checksumPath = join(outDir, CHECKSUM);
  await writeFile(archivePath, archive);
  await writeFile(checksumPath, `${digest}  ${ARCHIVE}\n`);
  return { archive: archivePath, checksum: checksumPath };
}

async function main(): Promise<void> {
  const extensionDir = 'dist/extension';
  await Promise.all([buildBackend(), buildExtension(extensionDir)]);
  await packExtension(extensionDir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
