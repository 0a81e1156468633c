import { onExit, sleepy, withTimer } from './kernels';

async function main(): Promise<void> {
  console.log(withTimer(1));
  console.log('main sync end');
  console.log(onExit(2));
  console.log(await sleepy(3), await sleepy(4));
}
void main();
