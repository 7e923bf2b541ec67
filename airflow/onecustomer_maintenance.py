"""The onecustomer DAGs besides the nightly: weekly model training, backfill and erasure.

Each starts with the overlap guard (onecustomer_common.guard): it waits while any other DAG that
writes the warehouse is running, and max_active_runs=1 keeps each DAG to one run at a time.
"""
from datetime import timedelta

from onecustomer_common import guard, submit, writer_dag

with writer_dag(
    "onecustomer_training",
    "Weekly churn and LTV model training and promotion (docs/value-models.md)",
    schedule="0 4 * * 0",  # Sundays 04:00 brand time, after that night's run
    # catchup off: one training on the latest data is enough; older weeks add nothing
) as training:
    # retrain-every-days=1: train on this run whatever the age of the newest version; the nightly
    # DAG has no training task and scores with the promoted version.
    guard(training.dag_id) >> submit(
        "gold_model_metrics",
        ["--job", "gold_model_metrics", "--run-date", "{{ ds }}", "--conf", "value.training.retrain-every-days=1"],
        execution_timeout=timedelta(hours=6),
    )

with writer_dag(
    "onecustomer_backfill",
    "Every job once over a date range (trigger with params from/to)",
    schedule=None,
    params={"from": "2026-05-20", "to": "2026-05-20"},
) as backfill:
    guard(backfill.dag_id) >> submit(
        "backfill", ["--job", "backfill", "--from", "{{ params['from'] }}", "--to", "{{ params['to'] }}"],
        execution_timeout=timedelta(hours=12),
    )

# Erasure is resumable: the shared retries complete a half-done request.
with writer_dag(
    "onecustomer_erasure",
    "Right to erasure for one request file (type:value lines) on the Airflow worker",
    schedule=None,
    params={"identifier_file": "/secure/erasure/request.txt"},
) as erasure:
    # The identifier stays in the file: never in the command line, the task log or the DAG run conf.
    guard(erasure.dag_id) >> submit(
        "erase", ["--job", "erase", "--identifier-file", "\"{{ params['identifier_file'] }}\""],
    )
