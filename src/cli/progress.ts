// Import progress: a bar with rate and ETA on a terminal (cli-progress), plain lines every few
// seconds when stderr is a pipe or a file, so logs stay readable.
import cliProgress from "cli-progress";
import type { ImportProgress } from "./import/importer.js";

export interface ProgressView {
  update(progress: ImportProgress): void;
  stop(): void;
}

const MB = 1024 * 1024;

export function progressView(stream: NodeJS.WriteStream, quiet: boolean): ProgressView {
  if (quiet) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  const rate = (lines: number): number => Math.round(lines / Math.max((Date.now() - started) / 1000, 0.001));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          "{file} |{bar}| {percentage}% | {lines} lines | {rate} lines/s | ETA {eta_formatted} | applied {applied}, already {already}, refused {refused}",
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let file = "";
    return {
      update(progress) {
        const payload = {
          file: `[${progress.fileIndex}/${progress.files}]`,
          lines: progress.lines,
          rate: rate(progress.lines),
          applied: progress.applied,
          already: progress.alreadyApplied,
          refused: progress.refused,
        };
        if (progress.file !== file) {
          if (file !== "") bar.stop();
          file = progress.file;
          bar.start(Math.max(progress.bytesTotal, 1), progress.bytesRead, payload);
        } else {
          bar.update(progress.bytesRead, payload);
        }
      },
      stop() {
        if (file !== "") bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < 2000) return;
      last = now;
      const percent = progress.bytesTotal === 0 ? 100 : Math.min(100, Math.round((progress.bytesRead / progress.bytesTotal) * 100));
      stream.write(
        `import [${progress.fileIndex}/${progress.files}] ${progress.file}: ${percent}% (${(progress.bytesRead / MB).toFixed(1)} of ${(progress.bytesTotal / MB).toFixed(1)} MB), ${progress.lines} lines, ${rate(progress.lines)} lines/s, applied ${progress.applied}, already applied ${progress.alreadyApplied}, refused ${progress.refused}\n`,
      );
    },
    stop() {},
  };
}
