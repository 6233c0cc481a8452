/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) that a summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  /** Fraction of all sampled time, 0..1. */
  share: number;
}

/** Where a frame's code lives: an npm package, a Node internal module, our source file, or a V8 pseudo-frame. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : `(${functionName || "native"})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const ours = /\/dist\/(.*)$/.exec(url);
  return ours ? ours[1]! : url;
}

/**
 * Self time by owner (package, Node module, our file) and by function, largest first: what the
 * process spent its samples on, excluding what the functions it called spent.
 */
export function summarizeProfile(profile: CpuProfile, top = 15): { byOwner: Share[]; byFunction: Share[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    total += delta;
    const owner = ownerOf(frame.url, frame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + delta);
    const fn = `${frame.functionName || "(anonymous)"} ${owner}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + delta);
  });
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => ({ name, share: total > 0 ? time / total : 0 }));
  return { byOwner: ranked(owners), byFunction: ranked(functions) };
}
