"""Nightly onecustomer run for business day {{ ds }} (the brand's day that just ended).

Tasks: a guard (no backfill, erasure or training running), one sensor per landing source, one
submission for all bronze jobs, one task per silver and gold job (the task id is the job id), and
the nightly report. The job list and dependencies come from onecustomer_jobs.py, generated from the
table specs (AirflowDagTest fails when it drifts).

Why bronze is one submission: the ten bronze jobs are cheap (seconds each) and each spark-submit
pays a cold start (JVM, session, executors and their warm-up: ClusterIT prints it, 37 s on our
2-core test cluster for one small job), and they all write ops.ingest_audit, which on S3 must have one writer at a time. Silver and
gold jobs stay one task each: they are heavier, run in parallel where the graph allows, and a
failure retries only that job. Model training is not here: it is the weekly onecustomer_training
DAG; the nightly scoring reads the promoted model.

Variables, secrets and the spark-submit command: see onecustomer_common.py.
"""
from datetime import timedelta

from onecustomer_common import guard, notify_sla_miss, submit, writer_dag
from onecustomer_jobs import JOBS  # generated; the DAG folder is on Airflow's sys.path

DAG_ID = "onecustomer_nightly"
TRAINING_JOB = "gold_model_metrics"

# Landing sources whose absence must not hold the night (prod.conf: ingest.missing-source = warn):
# their sensors give up after the timeout without failing (soft_fail) and bronze runs without them.
OPTIONAL_SOURCES = {"clickstream", "ad_spend", "service"}


def landing_source(job_id):
    """bronze_<source>_<entity> -> <source> (the landing folder: ad_spend, pos, products, ...)."""
    return job_id[len("bronze_"):].rsplit("_", 1)[0]


BRONZE = [j for j in JOBS if j.startswith("bronze_")]
SOURCES = sorted({landing_source(j) for j in BRONZE})

with writer_dag(
    DAG_ID,
    "Every table for one business day, then the nightly report",
    schedule="30 2 * * *",  # 02:30 in the brand's zone, after the channels' exports land
    catchup=True,  # every task is idempotent by business day: a missed night is safe to run late
    sla_miss_callback=notify_sla_miss,
) as nightly:
    from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor

    start = guard(DAG_ID)
    sensors = [
        S3KeySensor(
            task_id="landing_" + source,
            bucket_key="{{ var.value.onecustomer_landing | replace('s3a://', 's3://') }}/" + source + "/dt={{ ds }}/*",
            wildcard_match=True,
            mode="reschedule",
            poke_interval=600,
            timeout=int(timedelta(hours=6).total_seconds()),
            soft_fail=source in OPTIONAL_SOURCES,
        )
        for source in SOURCES
    ]
    start >> sensors
    bronze = submit("bronze", ["--job", ",".join(BRONZE), "--run-date", "{{ ds }}"], trigger_rule="none_failed")
    sensors >> bronze
    tasks = {j: bronze for j in BRONZE}
    for job_id, (_table, deps) in JOBS.items():
        if job_id in tasks or job_id == TRAINING_JOB:
            continue
        tasks[job_id] = submit(job_id, ["--job", job_id, "--run-date", "{{ ds }}"])
        for dep in deps:
            if dep != TRAINING_JOB:
                tasks[dep] >> tasks[job_id]
    # The report once every job has finished, failed ones included: its job table then says which
    # job failed and why (docs/reading.md). Its SLA: the report exists by 08:30 brand time.
    report = submit("report", ["--job", "report", "--run-date", "{{ ds }}"], trigger_rule="all_done",
                    sla=timedelta(hours=6))
    list({id(t): t for t in tasks.values()}.values()) >> report
