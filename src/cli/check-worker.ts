/** A `check` worker thread: see `parallel.ts`. */
import { parentPort, workerData } from 'node:worker_threads';
import { CheckRun } from '../check.js';
import { NodeFileSystem } from '../core/fs-node.js';
import { RecordingFileSystem } from '../core/fs-recording.js';
import { canRequireEsm, preloadMarkdown } from '../readers/myst/markdown.js';
import { preloadLazyModules } from '../core/lazy.js';
import { takeChunks, type WorkerInput, type WorkerOutput } from './parallel.js';

if (!canRequireEsm()) await Promise.all([preloadMarkdown(), preloadLazyModules()]);
const input = workerData as WorkerInput;
const fs = input.record ? new RecordingFileSystem(new NodeFileSystem()) : new NodeFileSystem();
const run = new CheckRun({ ...input.options, fs }, input.part);
const analysed = takeChunks(run, input.part.analyse, new Int32Array(input.counter));
const out: WorkerOutput = { part: run.part(), analysed, calls: fs instanceof RecordingFileSystem ? fs.calls : null };
parentPort!.postMessage(out);
