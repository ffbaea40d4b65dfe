/** Preloaded into benchmarked processes (`node --import`): prints the peak RSS on exit. */
process.on('exit', () => {
  process.stderr.write(`\nMAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
});
