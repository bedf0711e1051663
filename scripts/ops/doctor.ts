/**
 * make doctor: checks that this machine can run Fractafrag (configuration, Postgres + pgvector,
 * Redis, Chromium with WebGL2, glslangValidator, nginx, disk) and says how to fix what is wrong.
 *   node scripts/ops/doctor.ts        exit 0: no check failed (warnings allowed); 1: something failed
 */
import { exitCodeOf, formatResult, formatSummary } from './doctor/format.ts';
import { runDoctor } from './doctor/run-doctor.ts';

const results = await runDoctor(process.env, {
  onResult: (result) => console.log(formatResult(result).join('\n')),
});
console.log(formatSummary(results));
// Exit now rather than wait for sockets a timed-out check may have left open.
process.exit(exitCodeOf(results));
