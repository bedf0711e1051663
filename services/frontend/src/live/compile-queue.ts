/**
 * Compiling a shader blocks the main thread (for long on software GL). Cards that go live together
 * take turns, one compile per task, so scrolling and input stay responsive in between.
 */
const queue: (() => void)[] = [];
let running = false;

function drain() {
  const job = queue.shift();
  if (!job) {
    running = false;
    return;
  }
  job();
  setTimeout(drain, 0);
}

/** Runs `job` after the compiles queued before it; the returned function cancels it if still queued. */
export function enqueueCompile(job: () => void): () => void {
  queue.push(job);
  if (!running) {
    running = true;
    setTimeout(drain, 0);
  }
  return () => {
    const index = queue.indexOf(job);
    if (index >= 0) queue.splice(index, 1);
  };
}
