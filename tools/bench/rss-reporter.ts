/**
 * Preloaded into benchmarked processes (`node --import`): prints on exit the peak RSS and the CPU
 * time of the whole process (every thread: workers, V8's compilers and garbage collector).
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nMAXRSS_KB ${usage.maxRSS}\nCPU_US ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
