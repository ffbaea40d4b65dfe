/**
 * Preloaded into benchmarked processes (`node --import`): prints on exit the peak RSS and the CPU
 * time of the whole process (every thread: V8's compilers and garbage collector) and of the child
 * processes it waited for (a release's worker processes).
 */
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nMAXRSS_KB ${usage.maxRSS}\nCPU_US ${usage.userCPUTime + usage.systemCPUTime + childrenCpuUs()}\n`);
});

/** CPU time of the children waited for, from `/proc/self/stat` (Linux); 0 where there is none. */
function childrenCpuUs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the command name: field 3 (state) onwards; cutime and cstime are fields 16 and 17 of
    // proc(5), in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10_000;
  } catch {
    return 0;
  }
}
