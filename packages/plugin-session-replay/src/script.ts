// Entry of the script file footprint-session-replay.min.js: `window.sessionReplay.plugin(options)`, as the
// anchor's script defines it, for `footprint.add(...)` and `amplitude.add(...)` alike.
import { sessionReplayPlugin } from './session-replay-plugin';

const w = window as unknown as { sessionReplay?: Record<string, unknown> };
w.sessionReplay = Object.assign(w.sessionReplay ?? {}, { plugin: sessionReplayPlugin, sessionReplayPlugin });
