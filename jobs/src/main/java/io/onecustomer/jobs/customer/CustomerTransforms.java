package io.onecustomer.jobs.customer;

import static io.onecustomer.common.spark.Cols.seq;
import static io.onecustomer.jobs.customer.CustomerColumns.*;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.jobs.identity.IdentityColumns;
import io.onecustomer.jobs.silver.SilverColumns.Members;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.Vocabulary;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * The customer 360 as pure transforms over customer-keyed silver rows (rows already carry
 * {@code customer_id}, see {@link io.onecustomer.jobs.identity.IdentityLookup}). Each fact
 * function returns one row per customer; {@link #customers} joins them onto the identity table so
 * that every customer appears, with zero counts where it has no orders, tickets or interactions.
 */
public final class CustomerTransforms {
  private CustomerTransforms() {}

  private static final String ORDER_KEY = "_order_key";
  private static final Column MONEY_ZERO = lit(BigDecimal.ZERO).cast("decimal(18,2)");

  private static Column orderKey() {
    return concat_ws(":", col(Orders.CHANNEL), col(Orders.ORDER_ID));
  }

  private static Column notCancelled() {
    return col(Orders.STATUS).notEqual(lit(Vocabulary.CANCELLED));
  }

  private static Column refundAmount() {
    return col(Orders.GROSS_AMOUNT).minus(col(Orders.NET_AMOUNT));
  }

  /**
   * Per customer: first/last order, orders (cancelled excluded), net revenue, refunds (gross minus
   * net), refunded orders, the same per consumer channel, channels used, acquisition channel and
   * store (first order that was not cancelled; ties by channel then store name).
   */
  public static Dataset<Row> orderFacts(Dataset<Row> orders) {
    Dataset<Row> o = orders.where(col(CUSTOMER_ID).isNotNull()).withColumn(ORDER_KEY, orderKey());
    Column liveOrder = when(notCancelled(), col(ORDER_KEY));
    List<Column> aggs = new ArrayList<>(List.of(
        min(Orders.ORDER_DATE).alias(FIRST_ORDER_DATE),
        max(Orders.ORDER_DATE).alias(LAST_ORDER_DATE),
        max(Orders.ORDER_TS).alias(LAST_ORDER_TS),
        countDistinct(liveOrder).alias(ORDERS),
        sum(Orders.NET_AMOUNT).alias(REVENUE),
        sum(refundAmount()).alias(REFUNDS),
        countDistinct(when(col(Orders.IS_REFUNDED).or(col(Orders.STATUS).equalTo(Vocabulary.CANCELLED)),
            col(ORDER_KEY))).alias(REFUNDED_ORDERS),
        array_sort(collect_set(when(notCancelled(), col(Orders.CHANNEL)))).alias(CHANNELS_USED),
        min(when(notCancelled(), struct(col(Orders.ORDER_TS), col(Orders.CHANNEL), col(Orders.STORE_ID))))
            .alias("_first")));
    for (String c : CONSUMER_CHANNELS) {
      Column in = col(Orders.CHANNEL).equalTo(c);
      aggs.add(countDistinct(when(in.and(notCancelled()), col(ORDER_KEY))).alias(ordersIn(c)));
      aggs.add(coalesce(sum(when(in, col(Orders.NET_AMOUNT))), MONEY_ZERO).alias(revenueIn(c)));
      aggs.add(coalesce(sum(when(in, refundAmount())), MONEY_ZERO).alias(refundsIn(c)));
    }
    return o.groupBy(CUSTOMER_ID).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
        .withColumn(CHANNEL_COUNT, size(col(CHANNELS_USED)))
        .withColumn(ACQUISITION_CHANNEL, col("_first." + Orders.CHANNEL))
        .withColumn(ACQUISITION_STORE_ID, col("_first." + Orders.STORE_ID))
        .drop("_first");
  }

  /** Per customer: the channel with most orders (ties: higher net revenue, then alphabetical). */
  public static Dataset<Row> preferredChannel(Dataset<Row> orders) {
    Dataset<Row> perChannel = orders.where(col(CUSTOMER_ID).isNotNull().and(notCancelled()))
        .groupBy(CUSTOMER_ID, Orders.CHANNEL)
        .agg(countDistinct(orderKey()).alias("_n"), sum(Orders.NET_AMOUNT).alias("_rev"));
    return top(perChannel, col("_n").desc(), col("_rev").desc(), col(Orders.CHANNEL))
        .select(col(CUSTOMER_ID), col(Orders.CHANNEL).alias(PREFERRED_CHANNEL));
  }

  /**
   * Per customer: the store with most receipts ({@code home_store_id}, POS only) and the most
   * frequent marketplace shipping city; ties alphabetical.
   */
  public static Dataset<Row> places(Dataset<Row> orders) {
    Dataset<Row> live = orders.where(col(CUSTOMER_ID).isNotNull().and(notCancelled()));
    Dataset<Row> store = top(live.where(col(Orders.CHANNEL).equalTo(Vocabulary.POS))
            .groupBy(CUSTOMER_ID, Orders.STORE_ID).agg(countDistinct(orderKey()).alias("_n")),
        col("_n").desc(), col(Orders.STORE_ID))
        .select(col(CUSTOMER_ID), col(Orders.STORE_ID).alias(HOME_STORE_ID));
    Dataset<Row> city = top(live.where(col(Orders.CITY).isNotNull())
            .groupBy(CUSTOMER_ID, Orders.CITY).agg(countDistinct(orderKey()).alias("_n")),
        col("_n").desc(), col(Orders.CITY))
        .select(col(CUSTOMER_ID), col(Orders.CITY).alias(CITY));
    return store.join(city, seq(CUSTOMER_ID), "full_outer");
  }

  /** Per customer: the latest member profile (by update time, then member id). */
  public static Dataset<Row> memberFacts(Dataset<Row> members) {
    return top(members.where(col(CUSTOMER_ID).isNotNull()), col(Members.UPDATED_TS).desc(), col(SilverColumns.MEMBER_ID))
        .select(col(CUSTOMER_ID), lit(true).alias(IS_MEMBER), col(Members.TIER).alias(MEMBER_TIER),
            col(Members.CONSENT_SMS).alias(HAS_SMS_CONSENT), col(Members.CONSENT_EMAIL).alias(HAS_EMAIL_CONSENT),
            col(Members.REGISTERED_CHANNEL).alias(REGISTERED_CHANNEL),
            to_date(col(Members.REGISTERED_TS)).alias(REGISTERED_DATE));
  }

  /** Per customer: tickets, complaints, mean satisfaction, latest ticket. */
  public static Dataset<Row> ticketFacts(Dataset<Row> tickets) {
    return tickets.where(col(CUSTOMER_ID).isNotNull()).groupBy(CUSTOMER_ID)
        .agg(countDistinct(ServiceTickets.TICKET_ID).alias(SERVICE_TICKETS),
            countDistinct(when(col(ServiceTickets.IS_COMPLAINT), col(ServiceTickets.TICKET_ID))).alias(COMPLAINTS),
            avg(ServiceTickets.SATISFACTION).alias(AVG_SATISFACTION),
            max(ServiceTickets.CREATED_TS).alias(LAST_TICKET_TS));
  }

  /** Per customer: interactions and the latest one. */
  public static Dataset<Row> touchFacts(Dataset<Row> touchpoints) {
    return touchpoints.where(col(CUSTOMER_ID).isNotNull()).groupBy(CUSTOMER_ID)
        .agg(count(lit(1)).alias(TOUCHPOINTS), max(Touchpoints.EVENT_TS).alias(LAST_TOUCHPOINT_TS));
  }

  /** Per customer from gold.customer_identities: identifiers merged, by type, and first seen. */
  public static Dataset<Row> identifierFacts(Dataset<Row> identities) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(min(IdentityColumns.FIRST_SEEN_TS).alias(FIRST_SEEN_TS));
    for (String t : IDENTIFIER_TYPES) {
      aggs.add(count(when(col(IdentityColumns.ID_TYPE).equalTo(t), lit(1))).alias(countOf(t)));
    }
    return identities.groupBy(CUSTOMER_ID)
        .agg(count(lit(1)).alias(IDENTIFIERS), aggs.toArray(new Column[0]));
  }

  /**
   * One row per customer of {@code identities}, with every fact joined on and counts that are
   * absent filled with zero, as of {@code snapshotDate}: the columns of {@link
   * CustomerSpecs#CUSTOMERS}.
   */
  public static Dataset<Row> customers(Dataset<Row> identities, Dataset<Row> orders, Dataset<Row> members,
      Dataset<Row> tickets, Dataset<Row> touchpoints, AppConfig.Geo geo, Date snapshotDate) {
    var on = seq(CUSTOMER_ID);
    Dataset<Row> c = identifierFacts(identities)
        .join(orderFacts(orders), on, "left")
        .join(preferredChannel(orders), on, "left")
        .join(places(orders), on, "left")
        .join(memberFacts(members), on, "left")
        .join(ticketFacts(tickets), on, "left")
        .join(touchFacts(touchpoints), on, "left");
    List<String> zeroCounts = new ArrayList<>(List.of(ORDERS, REFUNDED_ORDERS, CHANNEL_COUNT, SERVICE_TICKETS,
        COMPLAINTS, TOUCHPOINTS));
    List<String> zeroMoney = new ArrayList<>(List.of(REVENUE, REFUNDS));
    for (String ch : CONSUMER_CHANNELS) {
      zeroCounts.add(ordersIn(ch));
      zeroMoney.add(revenueIn(ch));
      zeroMoney.add(refundsIn(ch));
    }
    for (String z : zeroCounts) {
      c = c.withColumn(z, coalesce(col(z), lit(0)));
    }
    for (String z : zeroMoney) {
      c = c.withColumn(z, coalesce(col(z), MONEY_ZERO).cast("decimal(18,2)"));
    }
    c = c.withColumn(CHANNELS_USED, coalesce(col(CHANNELS_USED), functions.array().cast("array<string>")))
        .withColumn(IS_MEMBER, coalesce(col(IS_MEMBER), lit(false)))
        .withColumn(LAST_ACTIVITY_TS, greatest(col(LAST_ORDER_TS), col(LAST_TOUCHPOINT_TS), col(LAST_TICKET_TS)))
        .withColumn(REGION, region(col(HOME_STORE_ID), col(CITY), geo))
        .withColumn(SNAPSHOT_DATE, lit(snapshotDate));
    return c;
  }

  /**
   * The sales region of the home store's city, else of the shipping city (the brand's geography
   * from config, as literal map columns); null when neither is known.
   */
  public static Column region(Column homeStore, Column city, AppConfig.Geo geo) {
    Column regions = literalMap(geo.cityRegions());
    Column storeCities = literalMap(geo.storeCities());
    if (regions == null) {
      return lit(null).cast("string");
    }
    Column ofCity = element_at(regions, city);
    return storeCities == null ? ofCity : coalesce(element_at(regions, element_at(storeCities, homeStore)), ofCity);
  }

  /** A Spark map literal of {@code m}; null when empty (a lookup in it is then simply null). */
  public static Column literalMap(Map<String, String> m) {
    if (m.isEmpty()) {
      return null;
    }
    List<Column> kv = new ArrayList<>();
    m.forEach((k, v) -> {
      kv.add(lit(k));
      kv.add(lit(v));
    });
    return map(kv.toArray(new Column[0]));
  }

  /** The first row per customer in the given order. */
  static Dataset<Row> top(Dataset<Row> rows, Column... order) {
    return rows.withColumn("_rn", row_number().over(Window.partitionBy(CUSTOMER_ID).orderBy(order)))
        .where(col("_rn").equalTo(1)).drop("_rn");
  }
}
