/**
 * `check` on several threads. The documents of a run are cut into small
 * consecutive chunks; the main thread and each worker take the next chunk
 * from a shared counter until none is left, so a slow chunk never holds the
 * others up and a worker that starts late just takes fewer. Each thread
 * runs the page rules on its pages and sends back only plain findings and
 * facts, chunk by chunk (`CheckFindings`), then what the project rules need
 * (`CheckPart`); the main thread takes them in between its own chunks, so
 * copying them costs no waiting at the end, merges them and runs the project
 * rules. The result is the same as one thread's, whatever the split.
 * Returns the result and how many documents each thread analysed (the
 * main thread first).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';
import { CheckRun, type CheckFindings, type CheckOptions, type CheckPart, type CheckResult } from '../check.js';
import { NodeFileSystem } from '../core/fs-node.js';
import { RecordingFileSystem, type RecordedCall } from '../core/fs-recording.js';
import type { PlanPart } from '../project/project.js';

/**
 * Documents per chunk: small enough to balance, large enough to keep a
 * page's neighbours (and their shared files) on one thread. On 20,000
 * pages (two threads), 64 took a median 11.7 s where 16 took 12.2 s, with
 * less CPU time in all.
 */
export const CHUNK = 64;
/**
 * Below this many documents a second thread does not pay. Measured on two
 * cores (`npm run bench` trees): slower at 2,000 pages and no faster at
 * 5,000 (the one-thread run already keeps the second core busy with garbage
 * collection and compiling, and each thread warms up on its own), about
 * 1.2x to 1.3x at 20,000, for about 40% more memory.
 */
export const MIN_DOCUMENTS = 10_000;
/** At most this many threads by default. */
const MAX_THREADS = 4;

/** What a worker is given (plain data). */
export interface WorkerInput {
  options: Omit<CheckOptions, 'fs'>;
  /** Record every file system question (the run keeps a `--cache` entry). */
  record: boolean;
  /** All the run's documents; the counter shares them out. */
  part: PlanPart;
  counter: SharedArrayBuffer;
  /** Where the worker sends its messages (`WorkerMessage`), in order. */
  port: MessagePort;
}

/** What a worker sends back at the end. */
export interface WorkerOutput {
  part: CheckPart;
  /** How many documents the worker analysed. */
  analysed: number;
  calls: RecordedCall[] | null;
}

/** A worker's message: the findings of a chunk, or its output at the end. */
export type WorkerMessage = { chunk: CheckFindings } | { done: WorkerOutput };

/**
 * Take chunks from the shared counter and analyse them, calling `after`
 * after each; returns how many documents this thread analysed.
 */
export function takeChunks(run: CheckRun, documents: readonly string[], counter: Int32Array, after?: () => void): number {
  let analysed = 0;
  for (;;) {
    const from = Atomics.add(counter, 0, 1) * CHUNK;
    if (from >= documents.length) return analysed;
    const to = Math.min(from + CHUNK, documents.length);
    for (let i = from; i < to; i++) run.analyse(documents[i]!);
    analysed += to - from;
    after?.();
  }
}

const WORKER = new URL('./check-worker.js', import.meta.url);

/** How many threads a run may use: `jobs` if given, else the machine's parallelism (at most 4). */
export function threadCount(jobs: number | undefined): number {
  return jobs ?? Math.min(MAX_THREADS, availableParallelism());
}

/**
 * Check as `check` does (pages are not kept), on up to `threads` threads:
 * from MIN_DOCUMENTS documents, or whenever `explicit` (the user set --jobs).
 * Only a run on the disk (a NodeFileSystem, or a RecordingFileSystem over
 * one) goes parallel: a worker reads the files itself.
 */
export async function checkParallel(opts: CheckOptions, threads: number, explicit = false): Promise<{ result: CheckResult; analysed: number[] }> {
  const run = new CheckRun({ ...opts, retain: false });
  const documents = run.plan.analyse;
  const record = opts.fs instanceof RecordingFileSystem && opts.fs.inner instanceof NodeFileSystem;
  const onDisk = opts.fs instanceof NodeFileSystem || record;
  // The worker is compiled JavaScript: from the TypeScript sources (tests), run on one thread.
  // A run that reports each page as it goes (`onPage`, `onAnalysed`) stays on this thread, where its pages are.
  const workers = onDisk && !opts.onPage && !opts.onAnalysed && (documents.length >= MIN_DOCUMENTS || explicit) && existsSync(fileURLToPath(WORKER)) ? Math.max(0, Math.min(threads, Math.ceil(documents.length / CHUNK)) - 1) : 0;
  const counter = new SharedArrayBuffer(4);
  const { fs: _fs, onPage: _onPage, onAnalysed: _onAnalysed, ...options } = opts;
  const part = {
    analyse: documents,
    selected: run.plan.selected ? [...run.plan.selected] : null,
    changed: opts.changed && !run.plan.selected ? [...opts.changed] : null,
  };
  // Loaded only when there are workers to start: every run pays for what it imports.
  const wt = workers > 0 ? await import('node:worker_threads') : null;
  const outputs: (WorkerOutput | null)[] = Array.from({ length: workers }, () => null);
  const take = (i: number, message: WorkerMessage): void => {
    if ('chunk' in message) run.mergeFindings(message.chunk);
    else outputs[i] = message.done;
  };
  const started = Array.from({ length: workers }, (_, i) => {
    const { port1, port2 } = new wt!.MessageChannel();
    const input: WorkerInput = { options: { ...options, retain: false }, record, part, counter, port: port2 };
    const worker = new wt!.Worker(WORKER, { workerData: input, transferList: [port2] });
    // Until it is done, a worker's messages are taken between the main thread's own chunks.
    const drain = (): void => {
      for (let m = wt!.receiveMessageOnPort(port1); m; m = wt!.receiveMessageOnPort(port1)) take(i, m.message as WorkerMessage);
    };
    const done = new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error): void => {
        if (settled) return;
        settled = true;
        port1.close();
        void worker.terminate();
        if (error) reject(error);
        else resolve();
      };
      worker.once('error', settle);
      worker.once('exit', (code) => {
        // What it sent before it stopped may still wait on the port.
        if (!settled) drain();
        settle(outputs[i] ? undefined : new Error(`a check worker stopped (exit code ${code}) before it reported`));
      });
      port1.on('message', (message: WorkerMessage) => {
        take(i, message);
        if (outputs[i]) settle();
      });
    });
    return { drain, done };
  });
  const drainAll = (): void => started.forEach((w) => w.drain());
  const analysed = [takeChunks(run, documents, new Int32Array(counter), workers > 0 ? drainAll : undefined)];
  drainAll();
  await Promise.all(started.map((w) => w.done));
  for (const out of outputs) {
    run.merge(out!.part);
    if (out!.calls && opts.fs instanceof RecordingFileSystem) opts.fs.merge(out!.calls);
    analysed.push(out!.analysed);
  }
  return { result: run.finish(), analysed };
}
