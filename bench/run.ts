import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type BenchRow, meetsTarget } from './benchmark.js';
import { benchmarks } from './benchmarks/index.js';

interface ResultRow extends BenchRow {
  benchmark: string;
  ok?: boolean;
}

function formatValue(row: BenchRow): string {
  const rounded = Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(2);
  return row.unit ? `${rounded} ${row.unit}` : rounded;
}

function printTable(rows: readonly ResultRow[]): void {
  const lines = rows.map((row) => [
    `${row.benchmark}: ${row.figure}`,
    formatValue(row),
    row.target ? `${row.target.op} ${row.target.value}${row.unit ? ` ${row.unit}` : ''}` : '',
    row.ok === undefined ? '' : row.ok ? 'ok' : 'MISSED',
  ]);
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  for (const line of [header, widths.map((width) => '-'.repeat(width)), ...lines]) {
    process.stdout.write(
      `${line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}

const wanted = process.argv.slice(2);
const selected = wanted.length
  ? benchmarks.filter((benchmark) => wanted.includes(benchmark.name))
  : benchmarks;
if (selected.length === 0) {
  process.stderr.write(
    `no benchmark named ${wanted.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}\n`,
  );
  process.exit(2);
}

const rows: ResultRow[] = [];
for (const benchmark of selected) {
  process.stderr.write(`running ${benchmark.name}: ${benchmark.description}\n`);
  for (const row of await benchmark.run()) {
    const ok = meetsTarget(row);
    rows.push(
      ok === undefined ? { benchmark: benchmark.name, ...row } : { benchmark: benchmark.name, ...row, ok },
    );
  }
}
printTable(rows);
const results = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  cpus: availableParallelism(),
  rows,
};
await writeFile(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.exitCode = rows.some((row) => row.ok === false) ? 1 : 0;
