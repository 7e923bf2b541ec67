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

  }
}
