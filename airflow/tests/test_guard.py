"""The writers' overlap guard (onecustomer_common.may_start / no_other_run), with Airflow's DagRun
replaced by stand-ins: who waits for whom when the nightly, training, backfill and erasure runs meet.

    /usr/bin/python3 -B airflow/tests/test_guard.py      (AirflowDagTest runs it)
"""
import datetime
import os
import sys
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import check_dags  # noqa: E402  (the Airflow stand-ins)

check_dags._install_stand_ins()
import onecustomer_common as common  # noqa: E402

T0 = datetime.datetime(2026, 5, 2, 1, 0, tzinfo=datetime.timezone.utc)


def run(dag_id, minutes, guard_state=None):
    """A running DagRun started `minutes` after T0 whose guard task is in `guard_state` (None: not yet)."""
    ti = None if guard_state is None else types.SimpleNamespace(state=guard_state)
    return types.SimpleNamespace(dag_id=dag_id, start_date=T0 + datetime.timedelta(minutes=minutes),
                                 get_task_instance=lambda task_id: ti if task_id == common.GUARD_TASK else None)


class GuardTest(unittest.TestCase):
    def test_alone_it_starts(self):
        self.assertTrue(common.may_start(run("onecustomer_backfill", 0), []))

    def test_it_waits_while_another_writer_is_past_its_guard(self):
        nightly = run("onecustomer_nightly", 0, "success")
        self.assertFalse(common.may_start(run("onecustomer_erasure", 30), [nightly]))
        # Even one that started later (it may have passed before this run began).
        self.assertFalse(common.may_start(run("onecustomer_erasure", -30), [nightly]))

    def test_two_runs_waiting_in_their_guards_do_not_deadlock_the_earlier_goes_first(self):
        nightly, backfill = run("onecustomer_nightly", 0, "up_for_reschedule"), run("onecustomer_backfill", 5, "running")
        self.assertTrue(common.may_start(nightly, [backfill]))
        self.assertFalse(common.may_start(backfill, [nightly]))

    def test_two_guards_poking_at_once_cannot_both_pass(self):
        training, erasure = run("onecustomer_training", 0), run("onecustomer_erasure", 0)
        passed = [common.may_start(training, [erasure]), common.may_start(erasure, [training])]
        self.assertEqual([False, True], passed, "same start: the DAG id orders them, erasure before training")

    def test_three_writers_in_turn(self):
        runs = [run("onecustomer_erasure", 2), run("onecustomer_nightly", 0), run("onecustomer_backfill", 1)]
        order = []
        while runs:
            ready = [r for r in runs if common.may_start(r, [o for o in runs if o is not r])]
            self.assertEqual(1, len(ready), "exactly one may start at a time")
            order.append(ready[0].dag_id)
            runs.remove(ready[0])
        self.assertEqual(["onecustomer_nightly", "onecustomer_backfill", "onecustomer_erasure"], order)

    def test_the_sensor_asks_airflow_for_the_other_writers_running_runs(self):
        asked = []
        backfill = run("onecustomer_backfill", -10, "success")

        def find(dag_id, state):
            asked.append((dag_id, state))
            return [backfill] if dag_id == "onecustomer_backfill" else []

        sys.modules["airflow.models"].DagRun.find = staticmethod(find)
        me = run("onecustomer_nightly", 0)
        others = [d for d in common.WRITERS if d != "onecustomer_nightly"]
        self.assertFalse(common.no_other_run(others, dag_run=me, ds="2026-05-02"))
        self.assertEqual([(d, "running") for d in others], asked)
        backfill.get_task_instance = lambda task_id: None
        backfill.start_date = T0 + datetime.timedelta(minutes=10)
        self.assertTrue(common.no_other_run(others, dag_run=me))


if __name__ == "__main__":
    unittest.main(verbosity=2)
