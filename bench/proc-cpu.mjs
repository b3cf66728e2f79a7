// CPU time of a browser's whole process tree, read from /proc (Linux), for bench/pageload.mjs.
// On the 2-core bench machine a page load's time is mostly CPU, so the extra CPU per load of the
// "with extension" side is the overhead's cause, measured without the wall-clock noise of timings.
//
// A tree's CPU is the sum over its live processes of utime+stime+cutime+cstime (/proc/PID/stat,
// fields 14-17): a child that exits is reaped by its parent and its whole time moves to the
// parent's cutime/cstime, so the sum only grows and its difference between two readings is the
// tree's CPU in between, also across content processes that come and go. Ticks are 1/CLK_TCK s
// (100 Hz here); summed over blocks of loads the rounding averages out.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** Every process: pid → {ppid, comm, ticks}; processes that vanish while read are skipped. */
function processes() {
  const all = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // comm may hold spaces and parentheses: the fields after it start at the last ')'
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' '); // f[0] is field 3 (state)
    all.set(Number(name), { ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
  }
  return all;
}

/** CPU ms of each live thread of `pid`, summed by thread name ("firefox-esr" is the main thread). */
function threads(pid) {
  const byName = {};
  let names;
  try {
    names = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of names) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    byName[comm] = (byName[comm] ?? 0) + (Number(f[11]) + Number(f[12])) * TICK_MS;
  }
  return byName;
}

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/**
 * The root of a browser's tree: the process whose command line holds `marker` (its profile or
 * user-data directory) and whose parent's does not.
 */
export function findRoot(marker) {
  const all = processes();
  const matches = [...all.keys()].filter((pid) => cmdline(pid).includes(marker));
  const root = matches.find((pid) => !matches.includes(all.get(pid).ppid));
  if (root === undefined) throw new Error(`no process with ${marker} in its command line`);
  return root;
}

/**
 * CPU ms of the tree under `root` so far, in total and by process name (Firefox names its
 * processes: "Isolated Web Co", "WebExtensions", "Socket Process"…; the host is "java"),
 * and the root's ("main") by thread name (threads that ended are not counted there).
 */
export function treeCpu(root) {
  const all = processes();
  const children = new Map();
  for (const [pid, p] of all) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  const byName = {};
  let total = 0;
  const stack = all.has(root) ? [root] : [];
  while (stack.length) {
    const pid = stack.pop();
    const p = all.get(pid);
    const name = pid === root ? 'main' : p.comm;
    const ms = p.ticks * TICK_MS;
    byName[name] = (byName[name] ?? 0) + ms;
    total += ms;
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, byName, mainThreads: threads(root) };
}

/** b − a, per name (names absent from a count from 0). */
export function cpuDelta(a, b) {
  const diff = (x, y) => Object.fromEntries(Object.entries(y).map(([k, v]) => [k, v - (x[k] ?? 0)]));
  return { total: b.total - a.total, byName: diff(a.byName, b.byName), mainThreads: diff(a.mainThreads, b.mainThreads) };
}
