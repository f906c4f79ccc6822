/** Worker thread: checks the claims the pool sends it, one at a time. */
import { parentPort } from 'node:worker_threads';
import type { Claim } from '../model/claim';
import { checkClaim, type ClaimRunOptions } from './claim';
import { onProgress } from '../model/progress';

interface Task {
  id: number;
  claim: Claim;
  opts: ClaimRunOptions;
}

parentPort!.on('message', (task: Task) => {
  onProgress((progress) => parentPort!.postMessage({ id: task.id, progress }));
  const result = checkClaim(task.claim, task.opts);
  parentPort!.postMessage({ id: task.id, result });
});
parentPort!.postMessage({ ready: true });
