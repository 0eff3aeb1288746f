/**
 * `true` in the development build (the npm `development` condition, `footprint.debug.min.js`, unit tests),
 * `false` in the production build. Messages are written `__DEV__ ? 'full text' : 'E12 short'`: the build
 * replaces the name with a literal and drops the branch it does not take (docs/errors.md).
 */
declare const __DEV__: boolean;
