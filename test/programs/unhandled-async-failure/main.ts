// A call's Promise nobody handles rejects at 1 ms; the plain program ends there with an unhandled rejection, before
// the 40 ms call it awaits resumes. The first calls of the run: both end once the workers have started, in one tick,
// and the await's line printed first (np40's F3).
import { load } from './kernels';

async function main(): Promise<void> {
  const lost = load(1, 1);
  const v = await load(4, 40);
  console.log('never printed', v, lost);
}

main();
