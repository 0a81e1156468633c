import { CFG } from './cfg';
import { asJson, asText, settle, spread, unary } from './k';

CFG.scale = 10;
CFG.unit = 'km';
CFG.limit = 4;
CFG.jsonKey = 'value';
CFG.symbol = '$';
CFG.digits = 4;
console.log(unary(2), asJson(2), asText(2), spread(5));
console.log(settle([199, 1]));
