import { finish, setting, whereAmI } from './kernels';

process.env.PROGRAM_SETTING = 'set before the calls';
console.log(whereAmI(1), whereAmI(2));
console.log(setting('PROGRAM_SETTING'));
console.log('finish', finish(3));
console.log('exit code after the call', process.exitCode);
console.log('finish again', finish(0), process.exitCode);
process.exitCode = 0; // the fixture runner wants a clean exit; the earlier lines show what the task set
