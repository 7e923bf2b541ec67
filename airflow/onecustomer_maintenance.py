"""The onecustomer DAGs besides the nightly: weekly model training, backfill and erasure.

Each starts with the overlap guard (onecustomer_common.guard): it waits while any other DAG that
writes the warehouse is running, and max_active_runs=1 keeps each DAG to one run at a time.
"""
from datetime import timedelta

from airflow import DAG

from onecustomer_common import DEFAULT_ARGS, START_DATE, guard, submit

WRITERS = ["onecustomer_nightly", "onecustomer_training", "onecustomer_backfill", "onecustomer_erasure"]


def _others(dag_id):
    return [d for d in WRITERS if d != dag_id]


with DAG(
    dag_id="onecustomer_training",
    description="Weekly churn and LTV model training and promotion (docs/value-models.md)",
    start_date=START_DATE,
    schedule="0 4 * * 0",  # Sundays 04:00 brand time, after that night's run
    catchup=False,  # one training on the latest data is enough; older weeks add nothing
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["onecustomer"],
) as training:
    # retrain-every-days=1: train on this run whatever the age of the newest version; the nightly
    # DAG has no training task and scores with the promoted version.
    guard(_others("onecustomer_training")) >> submit(
        "gold_model_metrics",
        ["--job", "gold_model_metrics", "--run-date", "{{ ds }}", "--conf", "value.training.retrain-every-days=1"],
        execution_timeout=timedelta(hours=6),
    )

with DAG(
    dag_id="onecustomer_backfill",
    description="Every job once over a date range (trigger with params from/to)",
    start_date=START_DATE,
    schedule=None,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={"from": "2026-05-20", "to": "2026-05-20"},
    tags=["onecustomer"],
) as backfill:
    guard(_others("onecustomer_backfill")) >> submit(
        "backfill", ["--job", "backfill", "--from", "{{ params['from'] }}", "--to", "{{ params['to'] }}"],
        execution_timeout=timedelta(hours=12),
    )

with DAG(
    dag_id="onecustomer_erasure",
    description="Right to erasure for one request file (type:value lines) on the Airflow worker",
    start_date=START_DATE,
    schedule=None,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,  # erasure is resumable: a retry completes a half-done request
    params={"identifier_file": "/secure/erasure/request.txt"},
    tags=["onecustomer"],
) as erasure:
    # The identifier stays in the file: never in the command line, the task log or the DAG run conf.
    guard(_others("onecustomer_erasure")) >> submit(
        "erase", ["--job", "erase", "--identifier-file", "\"{{ params['identifier_file'] }}\""],
    )
