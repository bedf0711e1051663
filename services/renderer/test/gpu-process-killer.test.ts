import { describe, expect, it } from 'vitest';
import { descendantsOf, isGpuProcessCommandLine, parentPid } from '../src/gpu-process-killer.ts';

describe('finding the GPU process of a browser', () => {
  it('reads the parent pid even when the command name contains ") "', () => {
    expect(parentPid('4242 (chromium) S 4200 4242 4242 0 -1')).toBe(4200);
    expect(parentPid('77 (weird) name) R 12 77 77 0 -1')).toBe(12);
  });

  it('collects children and grandchildren, nothing else', () => {
    const processes = [
      { pid: 10, ppid: 1 },
      { pid: 11, ppid: 10 }, // zygote
      { pid: 12, ppid: 11 }, // gpu process under the zygote
      { pid: 13, ppid: 10 },
      { pid: 20, ppid: 1 }, // another browser
      { pid: 21, ppid: 20 },
    ];
    expect(descendantsOf(10, processes).sort()).toEqual([11, 12, 13]);
  });

  it('recognises the GPU process whether arguments are NUL- or space-separated', () => {
    expect(isGpuProcessCommandLine('/usr/lib/chromium/chromium\0--type=gpu-process\0--no-sandbox\0')).toBe(
      true,
    );
    expect(isGpuProcessCommandLine('/usr/lib/chromium/chromium --type=gpu-process --no-sandbox')).toBe(true);
    expect(isGpuProcessCommandLine('/usr/lib/chromium/chromium --type=renderer --no-sandbox')).toBe(false);
  });
});
