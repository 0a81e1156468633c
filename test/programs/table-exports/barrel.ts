export { Spare as Extra } from './ops';
