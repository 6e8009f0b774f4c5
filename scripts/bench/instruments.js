'use strict';
// Instruments shared by the benchmarks: the operating system's peak RSS, event-loop stalls,
// latency percentiles. None of them asserts anything; they report.
const fs = require('node:fs');
const { monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');

const STATUS = '/proc/self/status';
const CLEAR_REFS = '/proc/self/clear_refs';

function statusKb(field) {
  const match = fs.readFileSync(STATUS, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm'));
  return match ? Number(match[1]) : null;
}

// clear_refs lowers the kernel's high-water mark for good, and getrusage's maxRSS is read
// from that same mark: once a window has been reset, neither remembers the process's true
// peak. So the peak is read before each reset and the largest one kept here.
let processPeakKb = 0;

function highWaterKb() {
  try {
    return statusKb('VmHWM') ?? process.resourceUsage().maxRSS;
  } catch {
    return process.resourceUsage().maxRSS;
  }
}

/** The process's peak RSS since it started, resets of the per-operation peak notwithstanding. */
function processPeakRssMb() {
  processPeakKb = Math.max(processPeakKb, highWaterKb(), process.resourceUsage().maxRSS);
  return processPeakKb / 1024;
}

let canReset;
function clearRefsWritable() {
  if (canReset === undefined) {
    try {
      processPeakRssMb();
      fs.writeFileSync(CLEAR_REFS, '5');
      canReset = statusKb('VmHWM') !== null;
    } catch {
      canReset = false;
    }
  }
  return canReset;
}

/**
 * Peak RSS as the kernel counts it. A JS sampler (setInterval + process.memoryUsage) cannot
 * see a peak reached while the event loop is frozen, which is exactly when a cascade peaks.
 * On Linux, writing 5 to /proc/self/clear_refs resets the peak (VmHWM) to the current RSS, so
 * the peak of one operation can be read afterwards. Where that file is not writable (not
 * Linux, or a locked-down container) the fallback is getrusage's maxRSS, which is the peak of
 * the whole process so far and cannot be reset: `source` says which one a figure is.
 */
function createPeakRss() {
  const resettable = clearRefsWritable();
  return {
    source: resettable ? 'VmHWM after clear_refs (OS, per operation)' : 'getrusage maxRSS (OS, whole process so far: clear_refs not writable)',
    resettable,
    /** Starts a new window: from here, the peak is the current RSS. */
    reset() {
      if (!resettable) return;
      processPeakRssMb();
      fs.writeFileSync(CLEAR_REFS, '5');
    },
    peakMb() {
      const kb = resettable ? statusKb('VmHWM') : process.resourceUsage().maxRSS;
      processPeakKb = Math.max(processPeakKb, kb);
      return kb / 1024;
    },
    currentMb() {
      return process.memoryUsage().rss / 1024 / 1024;
    },
  };
}

/**
 * The longest time the event loop could not run anything, two ways: Node's own
 * monitorEventLoopDelay histogram (10 ms resolution), and a plain setInterval(10 ms) whose
 * largest gap between ticks, minus its 10 ms period, is the stall. They should agree to
 * within the resolution; if they do not, one of them is lying.
 * The histogram records the time between its timer's ticks, so its max includes the
 * 10 ms period; both figures are given without it.
 * Async because the histogram records nothing for its first timer period (it needs a
 * previous tick to measure from, and reset() forgets that tick too): a stall that began
 * right after enable() went unseen, so start() waits a few periods before it returns and the
 * operation begins. Those warm-up ticks are quiet ones and cannot raise the max.
 */
async function startStallMonitor({ resolutionMs = 10 } = {}) {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  let last = performance.now();
  let longestGap = 0;
  let longestGapEnd = null;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > longestGap) {
      longestGap = now - last;
      longestGapEnd = now;
    }
    last = now;
  }, resolutionMs);
  // Garbage collections, to tell a pause of V8's from a statement or a loop of ours.
  const gcPauses = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push({ end: entry.startTime + entry.duration, ms: entry.duration, kind: entry.detail?.kind });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  await new Promise((resolve) => setTimeout(resolve, resolutionMs * 3));
  longestGap = 0;
  longestGapEnd = null;
  gcPauses.length = 0;
  return {
    /** Lets one more tick through so a stall that lasted until the end is counted too. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, resolutionMs * 2));
      clearInterval(ticker);
      histogram.disable();
      gcObserver.disconnect();
      const longestGc = gcPauses.reduce((worst, pause) => (worst && worst.ms >= pause.ms ? worst : pause), null);
      if (performance.now() - last > longestGap) {
        longestGap = performance.now() - last;
        longestGapEnd = performance.now();
      }
      const histogramMaxMs = histogram.count > 0 ? Math.max(0, histogram.max / 1e6 - resolutionMs) : 0;
      const intervalGapMaxMs = Math.max(0, longestGap - resolutionMs);
      return {
        histogramMaxMs,
        intervalGapMaxMs,
        /** The worse of the two: what the goal is checked against. */
        longestMs: Math.max(histogramMaxMs, intervalGapMaxMs),
        /** performance.now() when the interval's longest gap ended: to tell which step stalled. */
        longestGapEnd,
        /** The longest garbage collection (ms, and when it ended), and all of them together. */
        longestGc,
        gcTotalMs: gcPauses.reduce((sum, pause) => sum + pause.ms, 0),
      };
    },
  };
}

/** Nearest-rank percentiles of a list of milliseconds. */
function percentiles(values, ranks = [50, 99]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
  const result = { count: sorted.length, max: sorted.length ? sorted[sorted.length - 1] : null };
  for (const p of ranks) result[`p${p}`] = at(p);
  return result;
}

const fmt = (value, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? '-' : Number(value).toFixed(digits));

/** PASS/FAIL with the figure it was judged on; '-' where the goal does not apply. */
function goal(applies, ok, figure) {
  if (!applies) return '-';
  return `${ok ? 'PASS' : 'FAIL'} (${figure})`;
}

module.exports = { createPeakRss, processPeakRssMb, startStallMonitor, percentiles, fmt, goal };
