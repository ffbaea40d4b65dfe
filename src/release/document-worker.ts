/**
 * Worker-process entry: runs the document tasks it is sent, one at a time, and sends each result
 * back. When its parent goes (a release killed), the IPC channel closes and the worker exits at
 * the next pause in its work — before it writes any output of the document in hand.
 */
import { type DocumentTask, runDocumentTask } from './document-job.js';

const send = process.send?.bind(process);
if (!send) throw new Error('document-worker must run as a child process with an IPC channel');
process.on('message', (task: DocumentTask) => {
  void runDocumentTask(task).then((result) => send(result));
});
process.on('disconnect', () => process.exit(0));
