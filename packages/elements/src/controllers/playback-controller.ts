import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Playback speeds offered to the user, as multiples of the normal pace. */
export const PLAYBACK_SPEEDS = [0.5, 1, 2] as const;

/** One of {@link PLAYBACK_SPEEDS}. */
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

/** Options of a {@link PlaybackController}. */
export interface PlaybackControllerOptions {
  /** Number of frames to play, read whenever the position moves (0 when there is nothing to play). */
  readonly frames: () => number;
  /** Time spent on each frame at 1× speed, in milliseconds (default 900); read at each frame. */
  readonly frameDuration?: () => number;
  /** Called after every change of position, play state or speed, before the host is asked to update. */
  readonly onChange?: () => void;
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/**
 * Drives a frame-by-frame replay: a position over N frames, play and pause, stepping, seeking and a
 * speed of 0.5×, 1× or 2×. While playing, a timer advances one frame per frame duration and stops at
 * the last frame. Playback pauses when the page is hidden; disconnecting the host stops the timer and
 * removes every listener. {@link PlaybackController.reducedMotion} tells the host to show frames
 * without tweens when the user prefers reduced motion (playback itself still runs).
 *
 * @example
 * private readonly playback = new PlaybackController(this, { frames: () => this.frames.length });
 */
export class PlaybackController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: PlaybackControllerOptions;
  private current = 0;
  private running = false;
  private rate: PlaybackSpeed = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private media: MediaQueryList | undefined;
  private reduced = false;

  /**
   * @param host - The element to update on every change.
   * @param options - Where the frame count comes from, and the pace.
   */
  constructor(host: ReactiveControllerHost, options: PlaybackControllerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** Index of the frame shown, from 0. */
  get position(): number {
    return this.current;
  }

  /** Whether the timer is advancing the frames. */
  get playing(): boolean {
    return this.running;
  }

  /** The playback speed. */
  get speed(): PlaybackSpeed {
    return this.rate;
  }

  /** Whether the user prefers reduced motion: show each frame at once, without transitions. */
  get reducedMotion(): boolean {
    return this.reduced;
  }

  /** Whether a timer is pending (for tests and diagnostics: false after disconnect or pause). */
  get ticking(): boolean {
    return this.timer !== undefined;
  }

  /** Starts playing; from the start when the last frame is shown. Does nothing without frames. */
  play(): void {
    const count = this.options.frames();
    if (this.running || count === 0) return;
    if (this.current >= count - 1) this.current = 0;
    this.running = true;
    this.schedule();
    this.changed();
  }

  /** Stops playing and keeps the frame shown. */
  pause(): void {
    if (!this.running) return;
    this.running = false;
    this.clear();
    this.changed();
  }

  /** Plays when paused, pauses when playing. */
  toggle(): void {
    if (this.running) this.pause();
    else this.play();
  }

  /** Moves by `delta` frames (clamped) and pauses. */
  step(delta: number): void {
    this.pauseQuietly();
    this.moveTo(this.current + delta);
    this.changed();
  }

  /** Shows frame `index` (clamped to the frames); keeps playing if it was. */
  seek(index: number): void {
    this.moveTo(index);
    if (this.running) this.schedule();
    this.changed();
  }

  /** Sets the speed; a playing timer takes the new pace from the next frame on. */
  setSpeed(speed: PlaybackSpeed): void {
    if (!PLAYBACK_SPEEDS.includes(speed)) return;
    this.rate = speed;
    if (this.running) this.schedule();
    this.changed();
  }

  /** Clamps the position after the number of frames changed (e.g. a new recording). */
  clamp(): void {
    const before = this.current;
    this.moveTo(this.current);
    if (this.options.frames() === 0) this.pauseQuietly();
    if (before !== this.current) this.changed();
  }

  /** Listens for page visibility and the reduced-motion preference. */
  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    this.media = window.matchMedia(REDUCED_MOTION);
    this.reduced = this.media.matches;
    this.media.addEventListener('change', this.onMedia);
  }

  /** Stops the timer and removes every listener: a removed element does no work. */
  hostDisconnected(): void {
    this.running = false;
    this.clear();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.media?.removeEventListener('change', this.onMedia);
    this.media = undefined;
  }

  private readonly onVisibility = (): void => {
    if (document.hidden) this.pause();
  };

  private readonly onMedia = (event: MediaQueryListEvent): void => {
    this.reduced = event.matches;
    this.changed();
  };

  private moveTo(index: number): void {
    const last = Math.max(0, this.options.frames() - 1);
    this.current = Math.min(last, Math.max(0, Math.round(Number.isFinite(index) ? index : 0)));
  }

  private schedule(): void {
    this.clear();
    const duration = this.options.frameDuration?.() ?? 900;
    this.timer = setTimeout(this.tick, Math.max(16, duration / this.rate));
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    if (!this.running) return;
    const last = this.options.frames() - 1;
    if (this.current >= last) {
      this.running = false;
    } else {
      this.current += 1;
      // Stop on the last frame rather than wrap: the learner sees where the pass ends.
      if (this.current >= last) this.running = false;
      else this.schedule();
    }
    this.changed();
  };

  private pauseQuietly(): void {
    this.running = false;
    this.clear();
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private changed(): void {
    this.options.onChange?.();
    this.host.requestUpdate();
  }
}
