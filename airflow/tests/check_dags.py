"""Loads the onecustomer DAG files without Airflow (which our machines cannot install) and prints
what Airflow would build: every DAG's settings, tasks, dependencies and each templated field
rendered with Jinja2 for one sample day. AirflowDagTest (Java) checks the output against the job
registry and the configuration; ClusterIT runs one rendered command on a real cluster.

    /usr/bin/python3 airflow/tests/check_dags.py --ds 2026-05-02 --vars vars.json [--params k=v ...]

Airflow's API is replaced by small stand-ins with the same names and signatures for what the DAG
files use (DAG as a context manager, BashOperator, PythonSensor, S3KeySensor, >> between tasks and
lists, DagRun); the files themselves are imported unchanged. The files are also parsed with `ast`
first, so a syntax error names its file and line.
"""
import argparse
import ast
import datetime
import json
import os
import sys
import types

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))
DAG_FOLDER = os.path.dirname(HERE)
_current = []
DAGS = {}


class BaseOperator:
    template_fields = ()

    def __init__(self, task_id, trigger_rule="all_success", **kwargs):
        self.task_id = task_id
        self.trigger_rule = trigger_rule
        self.kwargs = kwargs
        self.upstream = set()
        self.dag = _current[-1]
        if task_id in self.dag.tasks:
            raise ValueError(f"duplicate task id {task_id} in {self.dag.dag_id}")
        self.dag.tasks[task_id] = self

    def _then(self, other):
        for o in other if isinstance(other, (list, tuple)) else [other]:
            o.upstream.add(self.task_id)
        return other

    def __rshift__(self, other):
        return self._then(other)

    def __rrshift__(self, other):  # [a, b] >> task
        for o in other:
            o._then(self)
        return self


class BashOperator(BaseOperator):
    template_fields = ("bash_command",)

    def __init__(self, task_id, bash_command, **kwargs):
        super().__init__(task_id, **kwargs)
        self.bash_command = bash_command


class PythonSensor(BaseOperator):
    def __init__(self, task_id, python_callable, **kwargs):
        super().__init__(task_id, **kwargs)
        self.python_callable = python_callable


class S3KeySensor(BaseOperator):
    template_fields = ("bucket_key",)

    def __init__(self, task_id, bucket_key, **kwargs):
        super().__init__(task_id, **kwargs)
        self.bucket_key = bucket_key


class DAG:
    def __init__(self, dag_id, **kwargs):
        if dag_id in DAGS:
            raise ValueError(f"duplicate DAG id {dag_id}")
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = {}
        DAGS[dag_id] = self

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()


def _install_stand_ins():
    def module(name, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        sys.modules[name] = m
        return m

    module("airflow", DAG=DAG)
    module("airflow.operators")
    module("airflow.operators.bash", BashOperator=BashOperator)
    module("airflow.sensors")
    module("airflow.sensors.python", PythonSensor=PythonSensor)
    for p in ["airflow.providers", "airflow.providers.amazon", "airflow.providers.amazon.aws",
              "airflow.providers.amazon.aws.sensors"]:
        module(p)
    module("airflow.providers.amazon.aws.sensors.s3", S3KeySensor=S3KeySensor)
    module("airflow.models", DagRun=type("DagRun", (), {"find": staticmethod(lambda **kw: [])}))
    module("airflow.utils")
    module("airflow.utils.state", DagRunState=type("DagRunState", (), {"RUNNING": "running"}))


class _Vars:
    """`var.value` in templates: attribute access fails on a missing variable, as in Airflow."""

    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        if name not in self._values:
            raise KeyError(f"Airflow Variable {name} is not set")
        return self._values[name]

    def get(self, name, default=None):
        return self._values.get(name, default)


def _jsonable(v):
    if isinstance(v, datetime.timedelta):
        return v.total_seconds()
    if isinstance(v, datetime.datetime):
        return {"iso": v.isoformat(), "tz": str(getattr(v.tzinfo, "name", v.tzinfo))}
    if callable(v):
        return getattr(v, "__name__", str(v))
    if isinstance(v, (list, tuple, set)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ds", required=True)
    ap.add_argument("--vars", required=True, help="JSON file: Airflow Variables")
    ap.add_argument("--params", nargs="*", default=[], help="dag_id.name=value overrides of DAG params")
    a = ap.parse_args()
    with open(a.vars) as f:
        variables = json.load(f)
    files = sorted(f for f in os.listdir(DAG_FOLDER) if f.endswith(".py"))
    for f in files:
        with open(os.path.join(DAG_FOLDER, f)) as src:
            ast.parse(src.read(), filename=f)
    _install_stand_ins()
    sys.path.insert(0, DAG_FOLDER)
    for f in files:
        __import__(f[:-3])
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    out = {"files": files, "dags": {}}
    for dag_id, dag in DAGS.items():
        params = dict(dag.kwargs.get("params") or {})
        for p in a.params:
            k, v = p.split("=", 1)
            d, name = k.split(".", 1)
            if d == dag_id:
                params[name] = v
        context = {"ds": a.ds, "params": params, "var": types.SimpleNamespace(value=_Vars(variables))}
        tasks = {}
        for tid, t in dag.tasks.items():
            rendered = {field: env.from_string(getattr(t, field)).render(context) for field in t.template_fields}
            tasks[tid] = {
                "type": type(t).__name__,
                "upstream": sorted(t.upstream),
                "trigger_rule": t.trigger_rule,
                "rendered": rendered,
                "kwargs": _jsonable(t.kwargs),
            }
        settings = {k: _jsonable(v) for k, v in dag.kwargs.items() if k != "default_args"}
        settings["default_args"] = _jsonable(dag.kwargs.get("default_args") or {})
        out["dags"][dag_id] = {"settings": settings, "tasks": tasks}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
