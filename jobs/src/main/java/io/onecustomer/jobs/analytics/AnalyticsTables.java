package io.onecustomer.jobs.analytics;

import io.onecustomer.common.TableId;
import io.onecustomer.common.spec.ColumnSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared inputs of the analytics jobs. */
public final class AnalyticsTables {
  private AnalyticsTables() {}

  public static final TableId GOLD_CUSTOMER_ORDERS = AnalyticsSpecs.CUSTOMER_ORDERS.id();

  /** gold.customer_orders: one row per order (channel, order_id), declared in {@link AnalyticsSpecs}. */
  public static final class CustomerOrders {
    private CustomerOrders() {}

    // TRANSITION: for tools/TableDocs only (outside this package), derived from the spec so that
    // the docs cannot drift from it; remove once TableDocs reads the specs.
    public static final String COMMENT = AnalyticsSpecs.CUSTOMER_ORDERS.grain();
    public static final Map<String, String> COLUMNS = AnalyticsSpecs.CUSTOMER_ORDERS.columns().stream()
        .collect(Collectors.collectingAndThen(Collectors.toMap(ColumnSpec::name, ColumnSpec::comment, (a, b) -> a,
            LinkedHashMap::new), Collections::unmodifiableMap));
  }
}
