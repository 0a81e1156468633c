// Polyfills and mixins set up by modules the tasks' module imports (rewrite/class-setup.ts): they run in workers as
// in the program, so the tasks may use them (np43's F4, F13: a worker that never ran them threw a TypeError; the
// assignment form was refused at compile time).
import { Invoice } from './model';
import { grandTotal, summary } from './billing';

const invoices = [new Invoice('ann lee', [10, 20], 0.2), new Invoice('bob', [5], 0.1), new Invoice('cy young', [1, 2, 3], 0)];
console.log(summary(invoices));
console.log(grandTotal(invoices), [grandTotal(invoices.slice(0, 1)), grandTotal(invoices.slice(1))].join(' + '));
