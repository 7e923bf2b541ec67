package io.onecustomer.jobs.identity;

import io.onecustomer.common.TableId;
import io.onecustomer.common.spec.Columns;
import io.onecustomer.common.spec.TableSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tables and column names of identity resolution; the tables themselves are declared in {@link IdentitySpecs}. */
public final class IdentityColumns {
  private IdentityColumns() {}

  public static final TableId OPS_IDENTITY_AUDIT = IdentitySpecs.IDENTITY_AUDIT.id();
  public static final TableId GOLD_CUSTOMER_IDENTITIES = IdentitySpecs.CUSTOMER_IDENTITIES.id();
  public static final TableId GOLD_CUSTOMER_ID_HISTORY = IdentitySpecs.CUSTOMER_ID_HISTORY.id();

  public static final String OLD_CUSTOMER_ID = "old_customer_id";
  public static final String NEW_CUSTOMER_ID = "new_customer_id";
  public static final String IDENTIFIERS_MOVED = "identifiers_moved";
  public static final String RUN_DATE = Columns.RUN_DATE;
  /** The old id no longer exists: its identifiers joined another customer. */
  public static final String MERGE = "merge";
  /** The old id still exists, but some of its identifiers now form or joined another customer. */
  public static final String SPLIT = "split";

  public static final String ID_TYPE = "id_type";
  public static final String ID_VALUE = "id_value";
  public static final String ID_HASH = "id_hash";
  public static final String ID_MASKED = "id_masked";
  public static final String REASON_CODE = "reason_code";
  public static final String REASON = "reason";
  public static final String RECORDS = "records";
  public static final String CUSTOMER_ID = Columns.CUSTOMER_ID;
  public static final String FIRST_SEEN_TS = "first_seen_ts";
  public static final String LAST_SEEN_TS = "last_seen_ts";
  public static final String SOURCES = "sources";
  public static final String SNAPSHOT_DATE = Columns.SNAPSHOT_DATE;

  // Guard reason codes.
  public static final String INVALID_FORMAT = "invalid_format";
  public static final String BLOCKLISTED_VALUE = "blocklisted_value";
  public static final String BLOCKLISTED_PATTERN = "blocklisted_pattern";
  public static final String SHARED_BY_RECORDS = "shared_by_records";
  public static final String LINKED_TO_MANY = "linked_to_many";


}
