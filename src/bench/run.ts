/**
 * `npm run bench`: runs every benchmark suite in src/bench/suites and prints its figures with the
 * machine they ran on. Benchmarks report medians and ratios, because shared machines are noisy.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One figure of a suite, such as a median time or a ratio against a target. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, such as "target < 5 ms median". */
  target?: string;
  ok?: boolean;
}

/** A benchmark suite module exports `name` and `run`. */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchFigure[]>;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suites');
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.js'))
    .sort();

  console.log(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  let failed = false;
  for (const file of files) {
    const suite = (await import(pathToFileURL(path.join(folder, file)).href)) as BenchSuite;
    if (only.length > 0 && !only.includes(suite.name)) continue;
    console.log(`\n## ${suite.name}`);
    for (const figure of await suite.run()) {
      const verdict = figure.ok === undefined ? '' : figure.ok ? '  ok' : '  MISSED';
      if (figure.ok === false) failed = true;
      console.log(
        `  ${figure.name}: ${formatValue(figure.value)} ${figure.unit}${figure.target ? `  (${figure.target})` : ''}${verdict}`,
      );
    }
  }
  process.exitCode = failed ? 1 : 0;
}

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

await main();
