/**
 * An async task's call whose Promise is dropped: its rejection is unhandled, and ends the plain program before its
 * next timer (a microtask after the call). The taskified program ends there too, having printed the same.
 */
import { boom } from './kernels';
async function main() {
  boom(5);
  console.log('after the call');
  await new Promise((resolve) => setTimeout(resolve, 20));
  console.log('after the timer');
}
main().then(() => console.log('done'));
