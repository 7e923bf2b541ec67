"""Nightly onecustomer run: one Airflow task per job, each a spark-submit of the shaded jar.

The task id is the job id (its table's layer and name, its config key and Spark job-group label).
The task list and dependencies come from onecustomer_jobs.py, generated from the table specs.

Variables / connections used:
  - Airflow connection `spark_default` (master, deploy mode) for SparkSubmitOperator.
  - Variable `onecustomer_jar`: path or s3a:// URL of onecustomer-jobs-<version>-spark.jar.
  - Variable `onecustomer_env` (default "prod") and `onecustomer_config` (path shipped with --files).
  - Secrets (AWS keys, hashing key) come from the worker's environment, never from here.

Backfill: trigger `onecustomer_backfill` with conf {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}; it
runs every job once over the whole range (one pass per job), which is far cheaper than replaying
each night.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MAIN_CLASS = "io.onecustomer.jobs.Main"

# job id -> (table, job ids it depends on): generated from the table specs into onecustomer_jobs.py
# by bin/onecustomer-docs; `mvn verify` fails when that file drifts from the code (AirflowDagTest).
from onecustomer_jobs import JOBS  # noqa: E402  (the DAG folder is on Airflow's sys.path)

# gold_model_metrics (the model training) is a task of every night but trains only when its newest model version is
# onecustomer.value.training.retrain-every-days (7) old, so it is the weekly training; on the other
# nights it returns at once and the scoring tasks load the promoted version (docs/value-models.md).

DEFAULT_ARGS = {
    "owner": "data-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(hours=3),
}


NATIVE_BLAS_ENV = {"OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _submit(task_id, application_args, pool=None, trigger_rule="all_success"):
    return SparkSubmitOperator(
        task_id=task_id,
        application="{{ var.value.onecustomer_jar }}",
        java_class=MAIN_CLASS,
        conn_id="spark_default",
        name="onecustomer-" + task_id,
        application_args=application_args,
        files="{{ var.value.get('onecustomer_config', '') }}" or None,
        # A native BLAS (OpenBLAS, MKL) on the hosts crashes the JVM when multi-threaded inside Spark's
        # task threads: single-threaded on the executors and on the driver (client mode), as Spark advises.
        conf={"spark.sql.session.timeZone": "UTC", **{"spark.executorEnv." + k: v for k, v in NATIVE_BLAS_ENV.items()}},
        env_vars=NATIVE_BLAS_ENV,
        pool=pool,
        trigger_rule=trigger_rule,
    )


def _env_args():
    return ["--env", "{{ var.value.get('onecustomer_env', 'prod') }}"]


with DAG(
    dag_id="onecustomer_nightly",
    description="Bronze, silver (and later gold) tables for one business day",
    start_date=datetime(2026, 5, 20),
    schedule="30 2 * * *",  # 02:30 brand time, after the channels' exports land
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["onecustomer"],
) as nightly:
    tasks = {}
    for job_id in JOBS:
        # Bronze jobs also write ops.ingest_audit: on S3 (single-driver log store) they share the
        # one-slot pool so that table never has two writers at once.
        pool = "onecustomer_ops_audit" if job_id.startswith("bronze_") else None
        tasks[job_id] = _submit(job_id, ["--job", job_id, "--run-date", "{{ ds }}"] + _env_args(), pool)
    for job_id, (_table, deps) in JOBS.items():
        for dep in deps:
            tasks[dep] >> tasks[job_id]
    # The nightly report (reports/<ds>/report.html under the warehouse) once every job has finished,
    # failed ones included: its job table then says which job failed and why (docs/reading.md).
    report = _submit("report", ["--job", "report", "--run-date", "{{ ds }}"] + _env_args(), trigger_rule="all_done")
    list(tasks.values()) >> report

with DAG(
    dag_id="onecustomer_backfill",
    description="Every job once over a date range (trigger with conf from/to)",
    start_date=datetime(2026, 5, 20),
    schedule=None,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={"from": "2026-05-20", "to": "2026-05-20"},
    tags=["onecustomer"],
) as backfill:
    _submit(
        "backfill",
        ["--job", "backfill", "--from", "{{ params['from'] }}", "--to", "{{ params['to'] }}"] + _env_args(),
    )
