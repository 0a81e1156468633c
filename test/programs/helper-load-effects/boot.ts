// The program's configuration, run before lib.ts loads (main.ts imports it first); a worker never loads it.
import { config } from './config';
config.scale = 5;
config.unit = 'km';
