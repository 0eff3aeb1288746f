import { describe, expect, it, vi } from 'vitest';
import { trackVideo, type EmbeddedVideoPlayer } from './video';

const fakeVideo = () => {
  const el = document.createElement('video');
  let time = 0;
  Object.defineProperty(el, 'currentTime', { get: () => time, set: (t) => (time = t) });
  Object.defineProperty(el, 'duration', { get: () => 100 });
  const at = (t: number, type: string) => {
    time = t;
    el.dispatchEvent(new Event(type));
  };
  return { el, at };
};

describe('trackVideo', () => {
  it('tracks Started on play and Stopped (with watch_duration, seeking excluded) on pause and end', () => {
    const track = vi.fn();
    const { el, at } = fakeVideo();
    const stop = trackVideo({ track }, el, { extraEventProperties: { page: 'home' } });
    expect(typeof stop).toBe('function');
    at(0, 'play');
    at(0, 'play'); // already playing: nothing
    at(4, 'timeupdate');
    at(4, 'seeking');
    at(50, 'timeupdate'); // a seek is not watched
    at(50, 'seeked');
    at(56, 'timeupdate');
    at(56, 'pause');
    at(56, 'play');
    at(100, 'timeupdate');
    at(100, 'ended');
    const [started, stopped, started2, ended] = track.mock.calls;
    const viewSession = started[1].view_session_id;
    expect(started).toEqual(['Video Content Started', { duration: 100, start_time: 0, last_position: 0, percent_completed: 0, view_session_id: viewSession, page: 'home' }]);
    expect(stopped).toEqual(['Video Content Stopped', { duration: 100, start_time: 56, last_position: 56, percent_completed: expect.closeTo(56, 6), stop_reason: 'paused', watch_duration: 10, view_session_id: viewSession, page: 'home' }]);
    expect(started2[0]).toBe('Video Content Started');
    expect(ended[1]).toMatchObject({ stop_reason: 'ended', percent_completed: 100, watch_duration: 54 });
    expect(track).toHaveBeenCalledTimes(4);
    (stop as () => void)();
    at(0, 'play');
    expect(track).toHaveBeenCalledTimes(4); // undone: no listener left
  });

  it('reads mux metadata with vendor "mux"', () => {
    const track = vi.fn();
    const { el, at } = fakeVideo();
    el.setAttribute('playback-id', 'pb1');
    el.setAttribute('metadata-video-title', 'Intro');
    trackVideo({ track }, el, { vendor: 'mux' });
    at(3, 'play');
    expect(track.mock.calls[0][1]).toMatchObject({ mux_playback_id: 'pb1', mux_video_title: 'Intro', mux_video_id: null });
  });

  it('tracks a player.js player after its ready event, and undoes every listener', async () => {
    const track = vi.fn();
    const handlers = new Map<string, () => void>();
    let time = 0;
    const player: EmbeddedVideoPlayer = {
      getCurrentTime: (cb) => cb(time),
      getDuration: (cb) => cb(20),
      on: (e, cb) => handlers.set(e, cb),
      off: (e) => handlers.delete(e),
      elem: document.createElement('iframe'),
    };
    const stop = trackVideo({ track }, player) as () => void;
    handlers.get('ready')!();
    handlers.get('play')!();
    await vi.waitFor(() => expect(track).toHaveBeenCalledTimes(1));
    time = 5;
    handlers.get('timeupdate')!();
    await Promise.resolve();
    handlers.get('pause')!();
    await vi.waitFor(() => expect(track).toHaveBeenCalledTimes(2));
    expect(track.mock.calls[1]).toEqual(['Video Content Stopped', expect.objectContaining({ stop_reason: 'paused', watch_duration: 5, percent_completed: 25 })]);
    stop();
    expect(handlers.size).toBe(0);
  });

  it('returns an Error, never throws, for something that is not a video', () => {
    for (const bad of [null, 42, {}, new Proxy({}, { get: () => { throw new Error('trap'); } })]) {
      expect(trackVideo({ track: vi.fn() }, bad as any)).toBeInstanceOf(Error);
    }
  });
});
