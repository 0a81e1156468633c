/**
 * Tasks that touch files, in the plain program's order (np21's r10: a task wrote a file a later task read, and the
 * reader ran first: ENOENT). Files are no data the runtime versions, so the order is kept by waiting: a task that
 * reads files is submitted once the earlier tasks that change files have finished; one that changes files once every
 * earlier task touching files has (it may rewrite what they read, or what they wrote). Readers run side by side, and
 * so does everything else. The plugin says which tasks do what (`TaskOptions.files`), and only where some task of the
 * program changes files.
 */
import type { TaskRecord } from './records';

export type FileAccess = 'reads' | 'changes';

export class FileOrder {
  private readers: TaskRecord[] = [];
  private changers: TaskRecord[] = [];

  constructor(private readonly settle: (records: readonly TaskRecord[]) => void) {}

  /** Before a task that touches files is submitted: wait for the earlier ones it must follow. */
  before(access: FileAccess): void {
    const pending = (record: TaskRecord) => record.state === 'pending';
    this.readers = this.readers.filter(pending);
    this.changers = this.changers.filter(pending);
    const earlier = access === 'reads' ? this.changers : [...this.changers, ...this.readers];
    if (earlier.length > 0) this.settle(earlier);
  }

  submitted(record: TaskRecord, access: FileAccess): void {
    (access === 'reads' ? this.readers : this.changers).push(record);
  }
}
