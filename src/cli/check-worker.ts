/** A `check` worker thread: see `parallel.ts`. */
import { workerData } from 'node:worker_threads';
import { CheckRun } from '../check.js';
import { NodeFileSystem } from '../core/fs-node.js';
import { RecordingFileSystem } from '../core/fs-recording.js';
import { canRequireEsm, preloadMarkdown } from '../readers/myst/markdown.js';
import { preloadLazyModules } from '../core/lazy.js';
import { takeChunks, type WorkerInput, type WorkerMessage } from './parallel.js';

if (!canRequireEsm()) await Promise.all([preloadMarkdown(), preloadLazyModules()]);
const input = workerData as WorkerInput;
const fs = input.record ? new RecordingFileSystem(new NodeFileSystem()) : new NodeFileSystem();
const run = new CheckRun({ ...input.options, fs }, input.part);
const send = (message: WorkerMessage): void => input.port.postMessage(message);
// Each chunk's findings go at once: copying them overlaps the work still to do on both sides.
const analysed = takeChunks(run, input.part.analyse, new Int32Array(input.counter), () => send({ chunk: run.takeFindings() }));
send({ done: { part: run.part(), analysed, calls: fs instanceof RecordingFileSystem ? fs.calls : null } });
