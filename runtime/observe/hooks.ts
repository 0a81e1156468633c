/**
 * The one observability surface: hooks named after the run's events (submit, ready, start, end, error, release,
 * wait). The progress line, the trace, the graph and the summary are all ordinary hooks; so can a user's be.
 * While no hook is attached the engine sends no events at all, which is what keeps observing free when off.
 */
import type { RunEvent, RunEventKind } from '../protocol';

export type RunHooks = { readonly [K in RunEventKind]?: (event: Extract<RunEvent, { kind: K }>) => void };

export class Observers {
  private readonly attached: RunHooks[] = [];

  /** `onActive` hears when the first hook arrives and when the last one leaves. */
  constructor(private readonly onActive: (active: boolean) => void = () => {}) {}

  get active(): boolean { return this.attached.length > 0; }

  /** Attach hooks; the function returned detaches them. */
  add(hooks: RunHooks): () => void {
    this.attached.push(hooks);
    if (this.attached.length === 1) this.onActive(true);
    return () => this.detach(hooks);
  }

  private detach(hooks: RunHooks): void {
    const at = this.attached.indexOf(hooks);
    if (at < 0) return; // detached already (a hook may detach itself, then throw)
    this.attached.splice(at, 1);
    if (this.attached.length === 0) this.onActive(false);
  }

  emit(event: RunEvent): void {
    for (const hooks of [...this.attached]) {
      const hook = hooks[event.kind] as ((event: RunEvent) => void) | undefined;
      if (!hook) continue;
      // An observer's bug must not break the program it watches: say it once per hook and detach it.
      try {
        hook.call(hooks, event);
      } catch (error) {
        process.stderr.write(`taskify: an observer's ${event.kind} hook threw and was detached: ${(error as Error)?.stack ?? error}\n`);
        this.detach(hooks);
      }
    }
  }
}

/** Now, on the clock all threads share (see RunEvent). */
export const epochNow = (): number => performance.timeOrigin + performance.now();
