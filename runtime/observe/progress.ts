/**
 * The live progress line on a terminal (cli-progress): tasks done/total, running, queued, failed, elapsed.
 * It appears only once a run has lasted about a second, so quick runs print nothing. It is drawn from the hooks
 * as events arrive, which also happens while the main thread is blocked in a wait (the wait drains the engine's
 * messages), where no timer could fire.
 */
import { Format, SingleBar } from 'cli-progress';
import { formatMs } from './format';
import { epochNow, type RunHooks } from './hooks';

/** cli-progress redraws on a timer that would keep the process alive after its work is done: unref it. */
class UnrefBar extends SingleBar {
  override render(): void {
    super.render();
    (this as unknown as { timer: NodeJS.Timeout | null }).timer?.unref();
  }
}

export class ProgressLine {
  private readonly bar: SingleBar;
  private readonly running = new Set<number>();
  private total = 0;
  private done = 0;
  private failed = 0;
  private firstSubmit?: number;
  private shown = false;
  private stopped = false;
  private showTimer?: NodeJS.Timeout;
  readonly hooks: RunHooks;

  constructor(stream: NodeJS.WritableStream = process.stderr, private readonly delayMs = 1000) {
    this.bar = new UnrefBar({
      stream,
      // A function, so that the elapsed time counts from the run's first task and moves on timer redraws too.
      format: (options, params, payload: ReturnType<ProgressLine['payload']>) =>
        `taskify ${Format.BarFormat(params.progress, options)} ${params.value}/${params.total} done | ${payload.running} running | ` +
        `${payload.queued} queued | ${payload.failed} failed | ${formatMs(epochNow() - (this.firstSubmit ?? epochNow()))}`,
      // A run killed mid-line (Ctrl-C in a blocking wait skips every handler) must leave the terminal as it was.
      hideCursor: false,
      linewrap: true,
      gracefulExit: false, // taskify's own signal handling ends the run and stops the line
      barsize: 16,
      fps: 5,
    });
    this.hooks = {
      submit: (e) => { this.total++; this.firstSubmit ??= e.time; this.update(); },
      start: (e) => { this.running.add(e.taskId); this.update(); },
      end: (e) => { this.running.delete(e.taskId); this.done++; this.update(); },
      error: (e) => { this.running.delete(e.taskId); this.failed++; this.update(); },
    };
  }

  private update(): void {
    if (this.stopped) return;
    if (!this.shown) {
      const waited = epochNow() - (this.firstSubmit ?? Infinity);
      if (waited < this.delayMs) {
        // An async program may sit in a long task without events: a timer shows the line on time.
        this.showTimer ??= setTimeout(() => { this.showTimer = undefined; this.update(); }, this.delayMs - waited + 1).unref();
        return;
      }
      this.shown = true;
      this.bar.start(this.total, this.done + this.failed, this.payload());
      return;
    }
    this.bar.setTotal(this.total);
    this.bar.update(this.done + this.failed, this.payload());
  }

  private payload() {
    const running = this.running.size;
    return { running, queued: Math.max(0, this.total - this.done - this.failed - running), failed: this.failed };
  }

  /** The final state stays on screen, on its own line. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.showTimer);
    if (this.shown) {
      this.bar.update(this.done + this.failed, this.payload());
      this.bar.stop();
    }
  }
}
