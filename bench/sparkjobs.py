#!/usr/bin/env python3
"""Spark jobs, tasks and busy time per pipeline job, from a Spark event log.

The runner names each job's Spark work with a job group (onecustomer:<job>:<days>:<run id>), so an
event log of a run says what each of our jobs cost in Spark jobs and tasks: a count that does not
depend on how busy the machine is, unlike wall time. Used by PROFILE=1 bench/pipeline.sh.

  python3 bench/sparkjobs.py EVENT_LOG [--sites N]
"""
import argparse
import collections
import json


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--sites", type=int, default=0, help="top call sites to list per job")
    a = ap.parse_args()
    jobs = {}
    tasks = collections.Counter()
    stage_job = {}
    for line in open(a.log, encoding="utf-8"):
        if '"Event":"SparkListenerJobStart"' in line:
            e = json.loads(line)
            group = e.get("Properties", {}).get("spark.jobGroup.id", "(outside any job)")
            stages = e.get("Stage Infos", [])
            site = max(stages, key=lambda s: s["Stage ID"])["Stage Name"] if stages else ""
            jobs[e["Job ID"]] = [group, e["Submission Time"], None, site]
            for s in stages:
                stage_job[s["Stage ID"]] = e["Job ID"]
        elif '"Event":"SparkListenerJobEnd"' in line:
            e = json.loads(line)
            jobs[e["Job ID"]][2] = e["Completion Time"]
        elif '"Event":"SparkListenerStageCompleted"' in line:
            s = json.loads(line)["Stage Info"]
            j = stage_job.get(s["Stage ID"])
            if j is not None:
                tasks[jobs[j][0]] += s["Number of Tasks"]
    per = collections.OrderedDict()
    for group, start, end, site in sorted(jobs.values(), key=lambda j: j[1]):
        name = ":".join(group.split(":")[1:3]) if group.startswith("onecustomer:") else group
        p = per.setdefault(name, {"jobs": 0, "busy": 0, "sites": collections.Counter(), "group": group})
        p["jobs"] += 1
        p["busy"] += (end or start) - start
        p["sites"][site] += 1
    total_jobs = sum(p["jobs"] for p in per.values())
    print(f"{'job:days':70s} {'spark jobs':>10s} {'tasks':>6s} {'busy s':>7s}")
    for name, p in per.items():
        print(f"{name[:70]:70s} {p['jobs']:10d} {tasks[p['group']]:6d} {p['busy'] / 1000:7.1f}")
        for site, n in p["sites"].most_common(a.sites):
            print(f"{'':8s}{n:4d}  {site}")
    print(f"{'total':70s} {total_jobs:10d} {sum(tasks.values()):6d}")


if __name__ == "__main__":
    main()
