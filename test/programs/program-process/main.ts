import { exportSetting, finish, localHour, recurse, setting, whereAmI } from './kernels';

process.env.PROGRAM_SETTING = 'set before the calls';
console.log(whereAmI(1), whereAmI(2));
console.log(setting('PROGRAM_SETTING'));
console.log('finish', finish(3));
console.log('exit code after the call', process.exitCode);
console.log('finish again', finish(0), process.exitCode);
// A task that sets the shared environment runs in place: the program reads the change right after the call.
exportSetting('FROM_TASK', 'yes');
console.log('from the task', process.env.FROM_TASK, setting('FROM_TASK'));
// The program changes the time zone: a worker's dates follow, as the plain call's did.
process.env.TZ = 'Asia/Tokyo';
console.log('hour in Tokyo', localHour(0), new Date(0).getHours());
process.env.TZ = 'America/New_York';
console.log('hour in New York', localHour(0));
// A recursion the program's stack cannot hold overflows in a worker too (a thread's default stack is 4 MB).
for (const n of [1000, 30000]) {
  try { console.log('depth', recurse(n)); } catch (e) { console.log('depth', n, (e as Error).name); }
}
process.exitCode = 0; // the fixture runner wants a clean exit; the earlier lines show what the task set
