// A file whose only task use is a module member handed to map (`rows.map(K.sumFrom)`): it must be transformed at
// all (helper-54's m06: it was left as it was, 0 tasks, while explain said submitted).
import * as K from './kernels';
const rows = [[1, 2, 3], [4, 5, 6]];
console.log(rows.map(K.sum).join(','));
