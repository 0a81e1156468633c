// A function whose value is an array mapped to task calls (`return this.streams.map((s) => estimate(s, n))`): every
// call is made before the function returns, so the tasks overlap and the array is waited for as a whole where it is
// returned (tester np35's q50: each call waited for its task before the next was made, as if its value were used at once).
import { Stream, estimate } from './kernels';

class Experiment {
  streams = [5, 6, 7, 8].map((i) => new Stream(i * 7919));
  run(n: number) { return this.streams.map((s) => estimate(s, n)); }
}

function runAll(streams: Stream[], n: number) {
  return streams.map((s) => estimate(s, n));
}

const runEach = (streams: Stream[], n: number) => streams.map((s) => estimate(s, n));

const e = new Experiment();
console.log(e.run(20000).map((v) => v.toFixed(4)).join(' '));
console.log(e.run(20000).map((v) => v.toFixed(4)).join(' '), e.streams[0].state);
const streams = [1, 2, 3].map((i) => new Stream(i * 31));
console.log(runAll(streams, 10000).join(' '));
console.log(runEach(streams, 10000).join(' '), streams.map((s) => s.state).join(' '));
