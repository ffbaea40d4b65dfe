/** Worker-thread entry: runs the document tasks it is sent, one at a time, and posts each result. */
import { parentPort } from 'node:worker_threads';
import { runDocumentTask, type DocumentTask } from './document-job.js';

if (!parentPort) throw new Error('document-worker must run in a worker thread');
const port = parentPort;
port.on('message', (task: DocumentTask) => {
  void runDocumentTask(task).then((result) => port.postMessage(result));
});
