"""Shared by the onecustomer DAGs: how a task submits a job, the brand's time zone, retries, alerts.

Every task is one client-mode spark-submit of the shaded jar (docs/operations.md, "Running on a
cluster": the command there is this one, and ClusterIT runs both). Client deploy mode because a
scheduler needs the exit code: in standalone cluster deploy mode Spark 3.5's spark-submit exits 0
even when the driver fails.

Airflow Variables (all required unless a default is given; a missing one fails the task naming it):
  onecustomer_spark_master      e.g. spark://spark-master:7077, yarn, k8s://https://...
  onecustomer_jar               the shaded jar (a path on the Airflow worker, or an s3a:// / hdfs:// URL)
  onecustomer_config            the deployment's environment file on the Airflow worker, passed as
                                --config (typically `include classpath("conf/prod.conf")` plus the
                                cluster's sizes); never silently dropped
  onecustomer_landing           s3a:// landing folder (the sensors wait for <landing>/<source>/dt=<ds>/)
  onecustomer_submit_options    extra spark-submit options (executor sizes, event log), default none
Secrets (AWS keys unless the workers have a role, ONECUSTOMER_HASH_KEY) come from the Airflow
worker's environment or a secrets backend, never from these files.
"""
from datetime import timedelta

import pendulum

MAIN_CLASS = "io.onecustomer.jobs.Main"

# The brand's zone (onecustomer.timezone in reference.conf): "nightly" means after midnight there,
# and {{ ds }} is the brand's business day.
BRAND_TZ = "Asia/Shanghai"
# Set to the go-live day: the nightly DAG catches up, so Airflow runs every night since this date.
START_DATE = pendulum.datetime(2026, 5, 20, tz=BRAND_TZ)

# A native BLAS (OpenBLAS, MKL) on the hosts crashes the JVM when multi-threaded inside Spark's task
# threads: single-threaded on the executors and on the driver, as Spark advises.
NATIVE_BLAS_ENV = {"OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

SUBMIT = (
    'OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "$SPARK_HOME"/bin/spark-submit'
    ' --master "{{ var.value.onecustomer_spark_master }}" --deploy-mode client'
    ' --class ' + MAIN_CLASS +
    ' --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1 --conf spark.executorEnv.MKL_NUM_THREADS=1'
    ' {{ var.value.get("onecustomer_submit_options", "") }}'
    ' "{{ var.value.onecustomer_jar }}"'
    ' --env prod --config "{{ var.value.onecustomer_config }}"'
)


def notify_failure(context):
    """The failure hook: replace the body with the team's pager or chat call."""
    ti = context["task_instance"]
    print(f"onecustomer: {ti.dag_id}.{ti.task_id} failed for {context['ds']}: {context.get('exception')}")


def notify_sla_miss(dag, task_list, blocking_task_list, slas, blocking_tis):
    print(f"onecustomer: SLA missed in {dag.dag_id}: {task_list}")


DEFAULT_ARGS = {
    "owner": "data-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=40),
    "execution_timeout": timedelta(hours=3),
    "on_failure_callback": notify_failure,
}


def submit(task_id, job_args, **kwargs):
    """A BashOperator running one spark-submit of the jar with `job_args` (e.g. --job X --run-date D)."""
    from airflow.operators.bash import BashOperator

    return BashOperator(task_id=task_id, bash_command=SUBMIT + " " + " ".join(job_args), **kwargs)


# Every DAG that writes the warehouse. Each starts with guard(): it waits while any other is running.
WRITERS = ("onecustomer_nightly", "onecustomer_training", "onecustomer_backfill", "onecustomer_erasure")


def writer_dag(dag_id, description, schedule, catchup=False, **kwargs):
    """A DAG of ours: the brand's zone, one run at a time, the shared retries and failure hook."""
    from airflow import DAG

    if dag_id not in WRITERS:
        raise ValueError(f"{dag_id} is not in WRITERS: the other DAGs' guards would not wait for it")
    return DAG(dag_id=dag_id, description=description, start_date=START_DATE, schedule=schedule, catchup=catchup,
               max_active_runs=1, default_args=DEFAULT_ARGS, tags=["onecustomer"], **kwargs)


GUARD_TASK = "wait_for_no_other_run"


def _passed_guard(run):
    ti = run.get_task_instance(GUARD_TASK)
    return ti is not None and ti.state == "success"


def _started(run):
    """Order of the writers' runs: start time, then DAG id (a total order: one run per DAG at a time)."""
    return (run.start_date is None, run.start_date or 0, run.dag_id)


def may_start(me, others):
    """The overlap guard's rule for the run `me` against the other writers' running runs.

    Waits while another run is past its guard (it is writing), or started earlier (it goes first).
    Two runs waiting in their guards therefore never wait for each other (the earlier one starts,
    a deadlock that "wait while another is running" had: each saw the other running), and two
    guards poking at the same moment cannot both pass (the later run waits for the earlier one
    whether or not the earlier has passed yet).
    """
    return not any(_passed_guard(r) or _started(r) < _started(me) for r in others)


def no_other_run(dag_ids, dag_run=None, **context):
    """The guard's condition: may_start() for this run against the running runs of `dag_ids`."""
    from airflow.models import DagRun
    from airflow.utils.state import DagRunState

    others = [r for d in dag_ids for r in DagRun.find(dag_id=d, state=DagRunState.RUNNING)]
    return may_start(dag_run, others)


def guard(dag_id):
    """First task of every DAG in WRITERS: waits until no other writer is writing or ahead (may_start).

    The nightly, training, backfill and erasure DAGs each write tables that the others write too, and
    Delta on S3 with the single-driver log store allows one writer per table; max_active_runs=1 keeps
    each DAG to one run, this sensor keeps different DAGs apart, first started first.
    """
    from airflow.sensors.python import PythonSensor

    return PythonSensor(
        task_id=GUARD_TASK,
        python_callable=no_other_run,
        op_kwargs={"dag_ids": [d for d in WRITERS if d != dag_id]},
        mode="reschedule",
        poke_interval=300,
        timeout=int(timedelta(hours=6).total_seconds()),
    )
