package io.onecustomer.common.spec;

/** How a job's write replaces what its table held. */
public enum WriteMode {
  /** Replace exactly the run's days of the date partition column (Delta replaceWhere). */
  REPLACE_DAYS,
  /** Replace the whole table (current-state tables). */
  REPLACE_ALL,
  /** Append-only log: every write is a new event; nothing is ever replaced. */
  APPEND
}
