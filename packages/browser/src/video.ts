// `trackVideo`, as the anchor's: "Video Content Started" and "Video Content Stopped" for a <video> element
// or a player.js player. A module of its own: a bundle that does not import it pays nothing.
import { errorText, uuid } from '@footprint/core';

/** A player.js player (embedded Vimeo, Mux, … iframes), as `trackVideo` reads it. */
export interface EmbeddedVideoPlayer {
  getCurrentTime(callback: (time: number) => void): void;
  getDuration(callback: (duration: number) => void): void;
  on(event: string, callback: () => void): void;
  off(event: string, callback: () => void): void;
  elem: HTMLIFrameElement;
}

/** A player whose extra metadata `trackVideo` reads (`mux_playback_id`, `mux_video_id`, `mux_video_title`). */
export type VideoVendor = 'mux';

/** Options of {@link trackVideo}. */
export interface VideoCaptureOptions {
  vendor?: VideoVendor;
  /** Sent with both events, after `view_session_id`. */
  extraEventProperties?: Record<string, string | number | boolean>;
}

/** What {@link trackVideo} returns: the undo function, or the error that kept it from starting. */
export type TrackVideoResult = (() => void) | Error;

type Snapshot = Record<string, unknown> & { last_position?: number };

const percent = (time: number, duration: number) =>
  Number.isFinite(time) && Number.isFinite(duration) && duration > 0 ? Math.min(100, Math.max(0, (time / duration) * 100)) : 0;

const snapshot = (time: number, duration: number, stopReason?: string, vendor?: Record<string, unknown>): Snapshot => ({
  duration,
  start_time: time,
  last_position: time,
  percent_completed: percent(time, duration),
  ...(stopReason && { stop_reason: stopReason }),
  ...vendor,
});

/**
 * Tracks a video: "Video Content Started" when it starts playing and "Video Content Stopped" (with
 * `watch_duration`, the seconds watched, seeking excluded) when it pauses, ends or fails, each with
 * `duration`, `start_time`, `last_position`, `percent_completed`, `stop_reason`, a `view_session_id`
 * and your `extraEventProperties`. Returns the function that stops tracking. Never throws.
 * @example
 * const stop = trackVideo(footprint, document.querySelector('video')!, { extraEventProperties: { page: 'home' } });
 * stop(); // when the player goes away
 */
export const trackVideo = (
  client: { track(eventType: string, eventProperties?: Record<string, any>): unknown },
  video: HTMLVideoElement | EmbeddedVideoPlayer,
  options: VideoCaptureOptions = {},
): TrackVideoResult => {
  try {
    const extra = { view_session_id: uuid(), ...options.extraEventProperties };
    const mux = options.vendor === 'mux';
    let playing = false;
    let seeking = false;
    let position: number | undefined;
    let watched: number | undefined;
    let last: Snapshot = {};
    const change = (play: boolean, data: Snapshot) => {
      last = data;
      position = data.last_position;
      if (play && !playing) client.track('Video Content Started', { ...data, ...extra });
      if (!play && playing) client.track('Video Content Stopped', { ...data, watch_duration: watched, ...extra });
      playing = play;
    };
    const timeUpdate = (time: number, isSeeking: boolean) => {
      if (!playing) return;
      if (!isSeeking && !seeking) watched = (watched ?? 0) + time - (position ?? 0);
      position = time;
    };
    const undo: Array<() => void> = [];

    if (typeof (video as EmbeddedVideoPlayer).on === 'function' && 'elem' in video) {
      const player = video as EmbeddedVideoPlayer;
      const read = (what: 'getCurrentTime' | 'getDuration') => new Promise<number>((resolve) => player[what](resolve));
      const data = async (stopReason?: string): Promise<Snapshot> => {
        const [duration, time] = await Promise.all([read('getDuration'), read('getCurrentTime')]);
        let vendor: Record<string, unknown> | undefined;
        if (mux) {
          try {
            const url = new URL(player.elem.getAttribute('src')!);
            vendor = { mux_video_title: url.searchParams.get('metadata-video-title'), mux_video_id: url.searchParams.get('metadata-video-id'), mux_playback_id: url.pathname.split('/').pop() };
          } catch {
            // no readable src: no vendor metadata
          }
        }
        return snapshot(time, duration, stopReason, vendor);
      };
      const on = (event: string, handler: () => void) => {
        player.on(event, handler);
        undo.push(() => player.off(event, handler));
      };
      const state = (play: boolean, stopReason?: string) => () => void data(stopReason).then((d) => change(play, d), () => change(false, last));
      on('ready', () => {
        on('play', state(true));
        on('pause', state(false, 'paused'));
        on('ended', state(false, 'ended'));
        on('seeking', () => (seeking = true));
        on('seeked', () => void data().then((d) => ((seeking = false), (position = d.last_position))));
        on('timeupdate', () => void read('getCurrentTime').then((t) => timeUpdate(t, false)));
      });
    } else if (typeof (video as HTMLVideoElement)?.addEventListener === 'function') {
      const el = video as HTMLVideoElement;
      const data = (stopReason?: string) =>
        snapshot(el.currentTime, el.duration, stopReason, mux ? { mux_playback_id: el.getAttribute('playback-id'), mux_video_id: el.getAttribute('metadata-video-id'), mux_video_title: el.getAttribute('metadata-video-title') } : undefined);
      const handlers: Record<string, () => void> = {
        play: () => change(true, data()),
        pause: () => change(false, data('paused')),
        ended: () => change(false, data('ended')),
        seeking: () => (seeking = true),
        seeked: () => ((seeking = false), (position = el.currentTime)),
        timeupdate: () => timeUpdate(el.currentTime, el.seeking),
      };
      for (const [event, handler] of Object.entries(handlers)) {
        el.addEventListener(event, handler);
        undo.push(() => el.removeEventListener(event, handler));
      }
    } else {
      return new Error('trackVideo() needs a <video> element or a player.js player');
    }
    return () => {
      for (const u of undo.splice(0)) u();
    };
  } catch (e) {
    return e instanceof Error ? e : new Error(errorText(e));
  }
};
