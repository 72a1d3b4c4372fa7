#!/usr/bin/env python3
"""Where a download's time went, for deploy/local/bench/object-transfer.sh.

  transfer-account.py cpu-watch PID MARK          samples every process's CPU time every 100 ms until it gets SIGTERM,
                                                   then prints the CPU seconds each kind of process used meanwhile;
                                                   the bench's own (PID's descendants, and those whose command line
                                                   contains MARK: the platform instance's folder) are marked "*", the
                                                   others are other work on the machine
  transfer-account.py storage LOG FROM-LINE KEY UA [CLICKED COMPLETED]
                                                   requests radosgw answered for KEY from clients whose user agent
                                                   contains UA, read from its access log (beast lines) after line
                                                   FROM-LINE: how many, how many ranges (206), and the window from
                                                   the first request's start to the last one's end; with the unix
                                                   times of the click and of the download's completion, how long
                                                   before the first request and after the last byte
"""
import os
import re
import signal
import sys
import time
from datetime import datetime

TICKS = os.sysconf("SC_CLK_TCK")


def kind(pid):
    """A short name for what a process is: chromium's by its --type and --utility-sub-type, the others by name."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
    except OSError:
        return None
    argv = [a.decode(errors="replace") for a in argv if a]
    if len(argv) == 1:
        argv = argv[0].split(" ")  # Chromium's child processes rewrite their command line into one string
    if not argv:
        return None
    exe = os.path.basename(argv[0])
    if "chrom" in exe:
        kind_of = next((a.split("=", 1)[1] for a in argv if a.startswith("--type=")), "browser")
        sub = next((a.split("=", 1)[1] for a in argv if a.startswith("--utility-sub-type=")), None)
        if sub:
            kind_of += ":" + sub.split(".")[-1]
        return "chromium " + kind_of
    if exe == "dotnet" and len(argv) > 1:
        return "dotnet " + os.path.basename(argv[1]).removesuffix(".dll")
    if exe.startswith("python") and any("aws" in a for a in argv[1:3]):
        return "aws"
    return exe


def snapshot(root, mark):
    stats = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                marked = mark.encode() in f.read()
        except OSError:
            continue
        # ppid is field 4 of stat; utime and stime are 14 and 15 (after the ")": 1, 11 and 12).
        stats[pid] = (fields[1], marked, (int(fields[11]) + int(fields[12])) / TICKS)

    def mine(pid):
        for _ in range(64):
            if pid == root or (pid in stats and stats[pid][1]):
                return True
            if pid not in stats:
                return False
            pid = stats[pid][0]
        return False

    result = {}
    for pid, (_, _, seconds) in stats.items():
        name = kind(pid)
        if name is None:
            continue
        name += "*" if mine(pid) else ""
        if name.startswith("chromium") and name.endswith("*"):
            # The bench's Chromium thread by thread (their names say what they do: NetworkService, ServiceWorker...).
            for tid, thread, used in threads(pid):
                result[f"{pid}/{tid}"] = (f"{name[:-1]} [{thread}]*", used)
        else:
            result[pid] = (name, seconds)
    return result


def threads(pid):
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found = []
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                head, tail = f.read().rsplit(")", 1)
        except OSError:
            continue
        fields = tail.split()
        # A thread's name is cut at 15 characters; the digits of numbered pools are dropped to sum them.
        found.append((tid, re.sub(r"\d+$", "", head.split("(", 1)[1]), (int(fields[11]) + int(fields[12])) / TICKS))
    return found


def cpu_watch(root, mark):
    first = snapshot(root, mark)
    last = dict(first)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    start = time.monotonic()
    while not stop:
        time.sleep(0.1)
        last.update(snapshot(root, mark))
    wall = time.monotonic() - start
    totals = {}
    for pid, (name, seconds) in last.items():
        used = seconds - (first[pid][1] if pid in first and first[pid][0] == name else 0)
        if used >= 0.05:
            totals[name] = totals.get(name, 0) + used
    parts = sorted(totals.items(), key=lambda kv: -kv[1])
    print(f"CPU seconds in {wall:.1f} s ({os.cpu_count()} cores: {os.cpu_count() * wall:.1f} at most): "
          + ", ".join(f"{name} {used:.1f}" for name, used in parts[:14]) + f"; all {sum(totals.values()):.1f}")


BEAST = re.compile(r'^(\S+) .* beast: \S+ \S+ - \S+ \[([^\]]+)\] "GET (\S+) HTTP/1\.1" (\d+) (\d+) - "([^"]*)"')


def storage(log, from_line, key, agent, clicked=None, completed=None):
    count = ranges = 0
    total = 0
    first = last = None
    with open(log, errors="replace") as f:
        for number, line in enumerate(f, 1):
            if number <= from_line:
                continue
            m = BEAST.match(line)
            if not m or key not in m.group(3).split("?")[0] or agent not in m.group(6):
                continue
            end = datetime.fromisoformat(m.group(1).replace("+0000", "+00:00"))
            start = datetime.strptime(m.group(2), "%d/%b/%Y:%H:%M:%S.%f %z")
            count += 1
            ranges += m.group(4) == "206"
            total += int(m.group(5))
            first = start if first is None or start < first else first
            last = end if last is None or end > last else last
    if count == 0:
        print(f"radosgw: no GET of {key} from {agent}")
        return
    window = (last - first).total_seconds()
    print(f"radosgw: {count} GET of the file, {ranges} answered 206 (a range); {total / 1048576:.0f} MiB sent "
          f"between the first request and the last response's end: {window:.2f} s "
          f"= {total / 1048576 / max(window, 0.001):.0f} MiB/s")
    if clicked is not None:
        before = first.timestamp() - clicked
        after = completed - last.timestamp()
        print(f"timeline: click to the first request {before:.2f} s, bytes {window:.2f} s, "
              f"last byte sent to the download complete {after:.2f} s")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "cpu-watch":
        cpu_watch(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (6, 8) and sys.argv[1] == "storage":
        storage(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], *map(float, sys.argv[6:]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


main()
