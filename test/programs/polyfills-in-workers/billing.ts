import './polyfills';
import './mixins';
import type { Invoice } from './model';

/** @task */
export function summary(invoices: Invoice[]): string {
  return invoices.map((i) => `${i.customer.titleCase()}: ${i.gross()}`).join('; ');
}

/** @task */
export function grandTotal(invoices: Invoice[]): number { return invoices.map((i) => i.gross()).total(); }
