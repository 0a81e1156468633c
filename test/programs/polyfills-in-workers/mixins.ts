// Methods added to another module's class, as its module loads (run in workers too: the tasks' module imports it).
import { Invoice } from './model';
Object.assign(Invoice.prototype, { gross(this: Invoice) { return Math.round(this.net() * (1 + this.vat) * 100) / 100; } });
