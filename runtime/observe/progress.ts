/**
 * The live progress line on a terminal: tasks done/total, running, queued, failed, elapsed. It appears only once a
 * run has lasted about a second, so quick runs print nothing. It is drawn from the hooks as events arrive, which also
 * happens while the main thread is blocked in a wait (the wait drains the engine's messages), where no timer could
 * fire; a timer refreshes the elapsed time otherwise.
 *
 * It is the Screen's status line (output/screen.ts): erased before any program output reaches the terminal and drawn
 * again after, never on a line the program has left open, so it never shares a line with the program's output.
 */
import { formatMs } from './format';
import { epochNow, type RunHooks } from './hooks';
import type { Screen } from '../output/screen';
import { realSetTimeout, realSetInterval } from '../real-timers';

const BAR_WIDTH = 16;
/** Events redraw at most this often; the timer refreshes the elapsed time this often. */
const DRAW_EVERY_MS = 100;
const REFRESH_MS = 200;

export class ProgressLine {
  /** Tasks handed to the pool and not finished: a thread may hold a second one queued behind its running task. */
  private readonly inFlight = new Set<number>();
  private total = 0;
  private done = 0;
  private failed = 0;
  private firstSubmit?: number;
  private shown = false;
  private stopped = false;
  private showTimer?: NodeJS.Timeout;
  private refreshTimer?: NodeJS.Timeout;
  private lastDraw = -Infinity;
  readonly hooks: RunHooks;

  /** `workers`: threads of the pool; no more tasks than that run at once. */
  constructor(private readonly screen: Screen, private readonly workers: number, private readonly delayMs = 1000) {
    this.hooks = {
      submit: (e) => { this.total++; this.firstSubmit ??= e.time; this.update(); },
      start: (e) => { this.inFlight.add(e.taskId); this.update(); },
      end: (e) => { this.inFlight.delete(e.taskId); this.done++; this.update(); },
      error: (e) => { this.inFlight.delete(e.taskId); this.failed++; this.update(); },
    };
  }

  private update(): void {
    if (this.stopped) return;
    if (!this.shown) {
      const waited = epochNow() - (this.firstSubmit ?? Infinity);
      if (waited < this.delayMs) {
        // An async program may sit in a long task without events: a timer shows the line on time.
        this.showTimer ??= realSetTimeout(() => { this.showTimer = undefined; this.update(); }, this.delayMs - waited + 1).unref();
        return;
      }
      this.shown = true;
      this.refreshTimer = realSetInterval(() => this.draw(), REFRESH_MS).unref();
      this.draw();
      return;
    }
    if (epochNow() - this.lastDraw >= DRAW_EVERY_MS) this.draw();
  }

  private draw(): void {
    this.lastDraw = epochNow();
    this.screen.showStatus(this.text());
  }

  /** What the line says now. */
  text(): string {
    const finished = this.done + this.failed;
    // piscina posts a second task to a busy thread to hide the turnaround: it waits there, it does not run.
    const running = Math.min(this.inFlight.size, this.workers);
    const queued = Math.max(0, this.total - finished - running);
    const filled = this.total === 0 ? 0 : Math.round((finished / this.total) * BAR_WIDTH);
    const bar = '='.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
    return `taskify ${bar} ${finished}/${this.total} done | ${running} running | ${queued} queued | ${this.failed} failed | ` +
      formatMs(epochNow() - (this.firstSubmit ?? epochNow()));
  }

  /** The final state stays on screen, on its own line. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.showTimer);
    clearInterval(this.refreshTimer);
    if (this.shown) this.screen.endStatus(this.text());
  }
}
