#!/usr/bin/python3
"""Monitor commands for the local single-node Ceph cluster, each in ONE librados session
(one `ceph` CLI call costs ~0.4 s of Python start-up; seven pools would cost seconds).

  ceph-tool.py CONF wait-mon TIMEOUT      wait until the monitor answers
  ceph-tool.py CONF osd-new UUID          register the OSD, print its id (idempotent per UUID)
  ceph-tool.py CONF wait-osd TIMEOUT      wait until one OSD is up and in
  ceph-tool.py CONF rgw-pools PG_NUM      create the radosgw pools (size 1), application rgw
"""
import json
import sys
import time

import rados

RGW_POOLS = [".rgw.root", "default.rgw.control", "default.rgw.meta", "default.rgw.log",
             "default.rgw.buckets.index", "default.rgw.buckets.data", "default.rgw.buckets.non-ec"]


def connect(conf, timeout):
    deadline = time.monotonic() + timeout
    while True:
        cluster = rados.Rados(conffile=conf, rados_id="admin")
        try:
            cluster.connect(timeout=max(1, min(5, int(deadline - time.monotonic()))))
            return cluster
        except rados.Error as e:
            cluster.shutdown()
            if time.monotonic() >= deadline:
                sys.exit(f"ceph monitor not reachable after {timeout}s: {e}")
            time.sleep(0.1)


def mon(cluster, **cmd):
    ret, out, err = cluster.mon_command(json.dumps(dict(cmd, format="json")), b"")
    if ret != 0:
        sys.exit(f"ceph {cmd['prefix']}: {err} ({ret})")
    return json.loads(out) if out else None


def main():
    conf, command, arg = sys.argv[1], sys.argv[2], sys.argv[3]
    timeout = float(arg) if command.startswith("wait") else 30
    cluster = connect(conf, timeout)
    try:
        if command == "wait-mon":
            mon(cluster, prefix="mon stat")
        elif command == "osd-new":
            print(mon(cluster, prefix="osd new", uuid=arg)["osdid"])
        elif command == "wait-osd":
            deadline = time.monotonic() + timeout
            while True:
                stat = mon(cluster, prefix="osd stat")
                if stat["num_up_osds"] >= 1 and stat["num_in_osds"] >= 1:
                    break
                if time.monotonic() >= deadline:
                    sys.exit(f"no OSD up after {timeout}s: {stat}")
                time.sleep(0.1)
        elif command == "rgw-pools":
            existing = set(cluster.list_pools())
            for pool in RGW_POOLS:
                if pool not in existing:
                    mon(cluster, prefix="osd pool create", pool=pool, pg_num=int(arg), pgp_num=int(arg))
                mon(cluster, prefix="osd pool application enable", pool=pool, app="rgw",
                    yes_i_really_mean_it=True)
        else:
            sys.exit(f"unknown command {command}")
    finally:
        cluster.shutdown()


if __name__ == "__main__":
    main()
