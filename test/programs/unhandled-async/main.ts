/** An async task's Promise kept in a variable and never handled: its rejection ends the program, as in plain code. */
import { load } from './kernels';
const kept = load(2);
console.log('submitted', typeof kept);
